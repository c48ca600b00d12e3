/* Every check of a run, once, in one order (issue 12): build, check and
 * the fuzz harnesses call check_run, so they cannot disagree. */
#ifndef CHECK_H
#define CHECK_H

#include <stddef.h>
#include <stdint.h>

struct directory;
struct dispatch;
struct issue;
struct layout_memo;
struct metrics;
struct rows;
struct tmpl;

#define PHU_LUC_MAX_COLS 12	/* columns an A4 appendix can show */

/*
 * What the load stage made, and what check_run makes of it.  The loaded
 * parts are borrowed (NULL when loading failed and said so); rcpt and
 * dir belong to the inputs once check_run has made them
 * (inputs_release frees them).
 */
struct inputs {
	const struct tmpl	*t;
	const char		*tpath;		/* templates/cong-van.yaml */
	const struct dispatch	*d;
	const struct rows	*rows;
	const char		*fpath;		/* focal_points.csv, read when
						   the front matter has danh_ba;
						   NULL: never */
	char			**rcpt;		/* per row: the recipient,
						   filled in (kinh_gui's first) */
	struct directory	*dir;		/* focal points, when danh_ba */
};

/*
 * What the checks ask of the device and the run, besides the inputs.
 * metrics (NULL when the fonts did not load: no glyph or page check)
 * measures and answers covers(); issue is the number and date as
 * given (--number auto already resolved).  The page limit is checked for
 * rows [from, to) (to 0: every row), skipping a row when fits (may be
 * NULL) says an earlier build rendered it from the same inputs.
 */
struct check_env {
	const struct issue	*issue;
	const struct metrics	*metrics;
	struct layout_memo	*memo;		/* the appendix pages, laid
						   out once; borrowed */
	int			 pages;		/* check the page limit */
	int			 directory;	/* lay out the directory too */
	size_t			 from, to;
	int			(*fits)(void *arg, const struct inputs *,
				    size_t row);
	void			*fits_arg;
};

/*
 * Run every check, in this order (SPEC.md "Rules", README "Bad input"):
 * the placeholders against the columns (merge_check); the recipients,
 * two rows to one recipient (warning); focal_points.csv against them
 * (directory_load); co_quan_chu_thuong with phu_luc (warning); a draft
 * without a date needs nam; nam against the date's year (warning); the
 * 12 printed columns; every character against the font; then, when all
 * of that passed, every letter and the directory laid out against
 * LAYOUT_MAX_PAGES.  Loading errors count as already reported: pass
 * their number as loaded_errors; checks that need a part that failed to
 * load are skipped.  Returns the number of errors (0: build may go on,
 * and no later stage can find an input error).
 */
int	 check_run(struct inputs *, const struct check_env *,
	    int loaded_errors);

/* Free what check_run made (rcpt, dir); the loaded parts stay. */
void	 inputs_release(struct inputs *);

#endif /* CHECK_H */
