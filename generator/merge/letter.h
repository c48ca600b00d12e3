/* One letter, every field resolved for one appendix row: what layout draws. */
#ifndef LETTER_H
#define LETTER_H

#include <stddef.h>

#include "load/dispatch.h"

struct doc;
struct rows;
struct tmpl;

/* What the command line says of the number and date. */
struct issue {
	long		 so;		/* --number, 0: from front matter */
	struct date	 ngay;		/* --date, y 0: from front matter */
	int		 draft;		/* --draft: leave both blank */
};

/*
 * The blanks a draft leaves (FORMAT.md §4) where `congvan issue` fills
 * the number and the date in later (issue 15): byte offsets of each
 * blank into its string, SLOT_NONE where the letter has no such blank.
 * A blank is the template's text.blank with its spaces made no-break
 * spaces (U+00A0), so that no line breaks inside it; layout draws them
 * as spaces.
 */
enum slot { SLOT_SO, SLOT_NGAY, SLOT_THANG, SLOT__MAX };
#define SLOT_NONE	((size_t)-1)

struct slots {
	size_t		 off[SLOT__MAX];
};

struct letter {
	const char	*co_quan_chu_quan;	/* may be NULL */
	const char	*co_quan;
	char		*so;		/* "Số: 07/BTTTT-CATTT" (blank in a draft) */
	char		*noi_ngay;	/* "Hà Nội, ngày 05 tháng 02 năm 2022" */
	char		*trich_yeu;	/* "V/v …" */
	char		**kinh_gui;	/* nkinh_gui recipients, filled in */
	size_t		 nkinh_gui;
	struct doc	*body;		/* filled in for this row */
	const struct flist *noi_nhan;
	const char	*quyen_han;	/* may be NULL */
	const char	*chuc_vu;
	const char	*nguoi_ky;
	int		 phu_luc;	/* carries the appendix */
	char		*pl_title;	/* UPPER; may be NULL */
	char		*pl_ref;	/* "(Kèm theo Công văn số … của …)" */
	struct slots	 so_slot;	/* the blanks in so, noi_ngay, pl_ref */
	struct slots	 noi_ngay_slot;
	struct slots	 pl_ref_slot;
	size_t		 slot_len;	/* bytes of one blank */
	const struct rows *table;	/* the whole appendix table */
	int		*cols;		/* ncols column indexes shown */
	size_t		 ncols;
};

/*
 * The letter of data row r (0-based) of t.  Number and date follow
 * FORMAT.md §4: numbers below 10 and days below 10 get a leading 0, and
 * so do months 1 and 2; a missing number or date is left blank as on a
 * paper draft (SPEC.md "Command line").  Caller frees with letter_free.
 */
struct letter	*letter_new(const struct dispatch *, const struct rows *t,
		    size_t r, const struct tmpl *, const struct issue *);

void		 letter_free(struct letter *);

/* The effective number (0 none) and date (y 0 none) of a build. */
long		 letter_so(const struct dispatch *, const struct issue *);
struct date	 letter_ngay(const struct dispatch *, const struct issue *);

#endif /* LETTER_H */
