/* Markdown body → document model (cmark behind it). */
#ifndef MDIN_H
#define MDIN_H

#include <stddef.h>

#define MDIN_MAX_BODY	(1024u * 1024)	/* body bytes (README "Limits") */

struct doc;

/*
 * Parse the CommonMark body buf[0..len) (valid NFC UTF-8, NUL-terminated)
 * of file, whose first line is line line0 + 1 of that file.  Paragraphs,
 * headings, ordered and bullet lists (nested up to DOC_MAX_DEPTH),
 * emphasis, strong emphasis, hard and soft breaks become dnodes, and
 * {{name}} placeholders become DNODE_FIELD.  Markdown a letter cannot
 * show (images, raw HTML, code, tables, quotes, rules) is a warning with
 * its line; its text is kept as plain text where it has any.  Returns
 * the model, which the caller frees with doc_free, even after errors:
 * they are reported through msg() and added to *errors, and the model
 * holds what could be read, so later checks can report their problems
 * too.
 */
struct doc	*mdin_parse(const char *buf, size_t len, const char *file,
		    size_t line0, int *errors);

#endif /* MDIN_H */
