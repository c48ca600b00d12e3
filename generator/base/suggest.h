/* "Did you mean": the one search for the closest name, with one threshold. */
#ifndef SUGGEST_H
#define SUGGEST_H

#include <stddef.h>

/* Levenshtein distance between a and b in code points (UTF-8), each
 * counted up to its first 100 code points; 0 when equal. */
size_t		 edit_distance(const char *a, const char *b);

/*
 * A search for the candidate closest to a name the clerk typed:
 * suggest_init, suggest_try for each candidate (in order: ties go to the
 * first), then suggest_best.  A candidate the caller already knows to
 * match (same name after case and space folding) is given with
 * suggest_exact and wins.  Strings are borrowed.
 */
struct suggest {
	const char	*name;		/* as typed */
	size_t		 ncp;		/* its length, code points (<= 100) */
	const char	*best;		/* what to show, or NULL */
	size_t		 bestd;		/* its distance */
};
void		 suggest_init(struct suggest *, const char *name);
void		 suggest_try(struct suggest *, const char *cand,
		    const char *show);
void		 suggest_exact(struct suggest *, const char *show);

/*
 * The closest candidate's show string, or NULL when none is near enough:
 * the one threshold of every "did you mean" in congvan, at most 2 edits
 * plus one for every 3 code points of the name (a typo or a dropped
 * diacritic per word; "Ten co quan" finds "Tên cơ quan").
 */
const char	*suggest_best(const struct suggest *);

/* That threshold for a search of its own: is a candidate d edits from
 * name near enough to be suggested? */
int		 suggest_near(const char *name, size_t d);

#endif /* SUGGEST_H */
