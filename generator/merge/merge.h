/* {{name}} placeholders: checked once per run, filled in per appendix row. */
#ifndef MERGE_H
#define MERGE_H

#include <stddef.h>

struct dispatch;
struct doc;
struct row;
struct rows;

/*
 * Check every placeholder of the body and of kinh_gui (SPEC.md "Inputs")
 * against the appendix's column headers and the front-matter keys: an
 * unknown name is an error at its line naming the closest column; a
 * column a placeholder uses that is empty in some row is an error at
 * that row's line.  Also checks phu_luc.cot names.  Returns the number
 * of errors reported.
 */
int	 merge_check(const struct dispatch *, const struct rows *);

/* s with each {{name}} replaced by its value for row r (literal text,
 * line breaks as spaces, none of the white space around the value).
 * Caller frees. */
char	*merge_text(const char *s, const struct dispatch *,
	    const struct rows *, const struct row *r);

/* A copy of the body with every FIELD node replaced by TEXT holding its
 * value for row r, as merge_text gives it.  Caller frees with
 * doc_free. */
struct doc *merge_doc(const struct dispatch *, const struct rows *,
	    const struct row *r);

#endif /* MERGE_H */
