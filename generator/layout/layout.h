/* Line breaking and pagination of a letter into positioned boxes (no libharu). */
#ifndef LAYOUT_H
#define LAYOUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/face.h"

enum box_type {
	BOX_TEXT,		/* a run of text in one face and size */
	BOX_LINE,		/* a stroked straight line */
	BOX_MARK,		/* a named place, not drawn: the PDF lists it
				   for the signing and issuing steps */
	BOX__MAX
};

/*
 * One positioned mark.  Coordinates are in pt (1/72 in) from the page's
 * bottom-left corner, as in PDF user space (PDF 32000-1 §8.3.2.3).
 */
struct box {
	enum box_type	 type;
	double		 x, y;		/* TEXT: baseline start; LINE: from;
					   MARK: one corner (a blank: its
					   start on the baseline) */
	double		 x2, y2;	/* LINE: to; MARK: the opposite corner
					   (a blank: its end, at the
					   ascent); TEXT: unused */
	double		 w;		/* TEXT: advance width incl. trailing space, pt;
					   LINE: line width, pt */
	enum face	 face;		/* TEXT; MARK: a blank's */
	double		 size;		/* TEXT: font size, pt; MARK: a blank's
					   font size, 0 for a box */
	char		*text;		/* TEXT: UTF-8 NFC, owned; a word is drawn
					   with its trailing space (LIBS.md §0);
					   MARK: its name (MARK_*), owned */
	int		 margin;	/* TEXT: in the top margin on purpose:
					   the page number (FORMAT.md §1) */
};

/*
 * The marks a letter carries (issue 15; SIGNING.md §2.3): the ô 7c box
 * the signature image is fitted in, the seal's square (ô 8), and the
 * blanks of a draft where the number and the date are filled in at
 * issue (FORMAT.md §4), in the order the letter's text has them.
 */
#define MARK_CHU_KY	"ChuKy"
#define MARK_DAU	"Dau"
#define MARK_SO		"So"
#define MARK_NGAY	"Ngay"
#define MARK_THANG	"Thang"

struct page {
	struct box	*box;		/* nbox boxes, in drawing order */
	size_t		 nbox;
	size_t		 maxbox;	/* allocated */
	unsigned long long id;		/* 0: the layout owns the boxes; else
					   the page is shared, read only, by
					   every letter of the run that
					   carries it: equal ids, equal boxes
					   (never reused in a process) */
};

struct memo_pages;

struct layout {
	double		 width, height;	/* page size, pt */
	struct page	*page;		/* npage pages */
	size_t		 npage;
	size_t		 nletter;	/* pages of the letter proper; the rest
					   are the appendix (phụ lục) */
	double		 ck_ink[3];	/* the inks of MARK_CHU_KY and
					   MARK_DAU, RGB 0..1 (template) */
	double		 dau_ink[3];
	struct memo_pages *shared;	/* whose pages it borrows, or NULL */
};

/*
 * What layout keeps across the letters of a run: the appendix pages,
 * laid out once and shared by every letter carrying the same table
 * (issue 7).  A memo serves one template and one struct metrics (the
 * same measurements) for its whole life.  Caller frees; a layout that
 * borrows its pages stays valid after layout_memo_free.
 */
struct layout_memo;
struct layout_memo *layout_memo_new(void);
void		 layout_memo_free(struct layout_memo *);

#define LAYOUT_MAX_PAGES	500	/* pages per letter (README "Limits") */

struct letter;
struct tmpl;

/*
 * Why layout_letter or layout_directory gave no layout: LAYOUT_TOO_LONG,
 * more than LAYOUT_MAX_PAGES pages, or LAYOUT_HEADER, a header (agency
 * name, subject) taller than the first page (the input's doing); LAYOUT_OUTSIDE,
 * a box that would stand outside the page's type area (a bug in
 * layout, caught here so that no such letter is ever written; issue
 * 13): page is 1-based, text the box's (cut on a character boundary).
 */
enum layout_why {
	LAYOUT_TOO_LONG = 1,
	LAYOUT_OUTSIDE,
	LAYOUT_HEADER		/* the header alone runs past page 1 */
};

struct layout_fault {
	enum layout_why	 why;
	size_t		 page;
	double		 x, y;		/* the box's, PDF space, pt */
	char		 text[96];
};

/*
 * The device's answers, supplied by the caller (font.c for real letters,
 * a fixed-width fake in tests), as mandoc's termp->getwidth: width()
 * is the advance of s[0..len) in face, in 1/1000 em (layout multiplies
 * by the size in pt); covers() says whether the font has a glyph for the
 * code point cp, family names the font in messages (check_run).
 */
struct metrics {
	long	(*width)(void *arg, enum face, const char *s, size_t len);
	int	(*covers)(void *arg, uint32_t cp);
	const char *family;
	void	*arg;
};

/*
 * Lay out a letter on pages per Decree 30 Mẫu 1.5 (FORMAT.md §1, §3–§6,
 * §8, §9) with the sizes of the template: header columns, Kính gửi,
 * justified body with orphan, widow and keep-with-next control, Nơi
 * nhận and signature kept together, page numbers from page 2, and the
 * appendix table on pages of its own.  With a memo (may be NULL), the
 * appendix pages are laid out once per table and borrowed.  Returns the
 * layout (caller frees with layout_free), or NULL when the letter would
 * have more than LAYOUT_MAX_PAGES pages or would place a box outside the
 * type area; then *fault (when not NULL) says which.
 */
struct layout	*layout_letter(const struct letter *, const struct tmpl *,
		    const struct metrics *, struct layout_memo *,
		    struct layout_fault *);

struct directory;
struct dispatch;

/*
 * Lay out the focal-point directory (issue 3): the agency as in the
 * letter's header, the title, "N/M cơ quan đã cung cấp" and the
 * deadline, then a bordered table, one heading row per agency in
 * appendix order followed by its contacts or "Chưa cung cấp"; the
 * header row repeated and page numbers from page 2; landscape A4 when
 * the template says so.  NULL when it would have more than
 * LAYOUT_MAX_PAGES pages or a box outside the type area (*fault, when
 * not NULL, says which; the caller says so).
 */
struct layout	*layout_directory(const struct directory *,
		    const struct dispatch *, const struct tmpl *,
		    const struct metrics *, struct layout_fault *);

/*
 * One year's book of the outgoing register as layout_book prints it
 * (Decree 30 Phụ lục IV, Điều 16.2: a register kept in a system is
 * printed with all the book's fields; FORMAT.md §10).  Every string is
 * borrowed, UTF-8 NFC.
 */
struct book {
	const char	*chu_quan;	/* parent agency, or NULL; its lines
					   '\n' between (as dispatch.md's) */
	const char	*co_quan;	/* issuing agency, the same way */
	int		 year;		/* "Năm: 2022" */
	const char	*from_date;	/* "Từ ngày 05/01/2022" … */
	const char	*to_date;	/* … "đến ngày 28/12/2022" */
	const char	*from_no;	/* "Từ số 01" … */
	const char	*to_no;		/* … "đến số 37" */
	const char	*volume;	/* "Quyển số: 01" */
	const char	*series;	/* "Sổ: mat" (so_dang_ky), or NULL */
	const char	*const *cell;	/* nrow rows of TMPL_RB_NCOL cells,
					   in the book's order */
	size_t		 nrow;
};

/*
 * Lay out a register book on landscape pages of the template's size and
 * margins: page 1 its cover (the agency as in a letter's header, the
 * template's so_dang_ky.title, the year, the first and last date and
 * number, the volume), then from page 2, numbered, a bordered table of
 * the template's so_dang_ky.columns at its column_widths, a row of the
 * column numbers "(1)" … under the names, both repeated at the top of
 * every page; a row moves whole to the next page unless it is taller
 * than a page.  Returns the layout (caller frees with layout_free), or
 * NULL when it would have more than LAYOUT_MAX_PAGES pages or a box
 * outside the type area (*fault, when not NULL, says which).
 */
struct layout	*layout_book(const struct book *, const struct tmpl *,
		    const struct metrics *, struct layout_fault *);

struct rows;

/*
 * What one column of a table needs (CSS 2.1 §17.5.2.2's minimum width):
 * its widest unit that a line may not break, with the cell padding.  A
 * unit is a word of the header, or of a cell a word or the piece of a
 * word between two of its break opportunities (after / ? & = . - _ :,
 * never inside a number: see lay_brk_ok), or a whole number as it is
 * aligned.  A unit wider than the type area itself cannot fit in any
 * column and is cut between characters (the last resort, as in body
 * text); it does not count.
 */
struct tbl_fit {
	double		 need;		/* pt, padding included */
	size_t		 row;		/* where the unit is: 0 the header,
					   r + 1 data row r */
	size_t		 off, len;	/* the unit, bytes into that cell */
	size_t		 cut_row;	/* the first unit too wide for the
					   type area (when cut_len > 0): 0
					   the header, r + 1 data row r */
	size_t		 cut_off, cut_len;
};

/*
 * The appendix table as lay_appendix sets it, columns cols[0..ncol)
 * of rs (indexes into rs->header), measured with the template's table
 * styles and m: fit[c] (caller's array of ncol) for each column.
 * Returns the width the table spans, the type area's, in pt: the table
 * fits without cutting a word when the needs add up to no more.
 */
double	 layout_appendix_fit(const struct rows *rs, const int *cols,
	    size_t ncol, const struct tmpl *, const struct metrics *,
	    struct tbl_fit *fit);

/*
 * The directory's table as layout_directory sets it, measured the same
 * way: one struct tbl_fit per column (*ncol of them, the template's
 * danh_ba.columns), whose row and cut_row are lines of focal_points.csv
 * (0: the template's header).  *w gets the width the table spans, pt.
 * Returns the array; caller frees.
 */
struct tbl_fit	*layout_directory_fit(const struct directory *,
		    const struct tmpl *, const struct metrics *, size_t *ncol,
		    double *w);

/* Text dump ("-T layout"): one box a line, pt with 2 decimals. */
void	 layout_dump(const struct layout *, FILE *);

/* Frees the layout and every string in it; NULL is fine. */
void	 layout_free(struct layout *);

#endif /* LAYOUT_H */
