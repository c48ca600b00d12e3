/*
 * layout/ internals, shared by its files and by nothing else: the state of
 * one layout (struct lay), the flow of the body, paragraphs, tables and
 * the memo, and the functions one file of layout/ lends another.
 */
#ifndef LAY_H
#define LAY_H

#include <stddef.h>
#include <stdint.h>

#include "base/face.h"
#include "layout/layout.h"

struct dnode;
struct letter;
struct style;
struct tbl_fit;
struct tmpl;

/*
 * Baseline below the top of a line, as a fraction of the size: the
 * hhea ascender of Times New Roman and its metric twins (1825/2048).
 */
#define ASCENT		0.891
#define DESCENT		0.216		/* 443/2048, below the baseline */

enum align {
	ALIGN_LEFT,
	ALIGN_CENTER,
	ALIGN_JUSTIFY
};

/* One line, or one block kept whole, in the flow of the body. */
struct item {
	double		 gap;		/* space above; dropped at a page top */
	double		 height;	/* its top to the next item's top, pt */
	struct page	 boxes;		/* y: pt below the item's top (down) */
	int		 flags;
#define IT_FIRST	0x01		/* first line of a paragraph */
#define IT_LAST		0x02		/* last line of a paragraph */
#define IT_KEEPNEXT	0x04		/* never last on a page (heading) */
#define IT_KEEPPREV	0x08		/* never first on a page (signature) */
};

struct flow {
	struct item	*item;
	size_t		 nitem, maxitem;
};

struct lay {
	const struct tmpl *t;
	const struct metrics *m;
	struct layout	*out;
	double		 x0;		/* left edge of the type area, pt */
	double		 w;		/* width of the type area, pt */
	double		 ybot;		/* bottom of the type area, pt from top */
	int		 toolong;	/* hit LAYOUT_MAX_PAGES */
	struct balcache	*bal;		/* the memo's, or NULL */
};

/* A span of a string: one wrapped line. */
struct span {
	size_t		 off, len;
	double		 w;		/* natural width, pt */
};

/* A run of text in one face inside a word. */
struct frag {
	enum face	 face;
	size_t		 off, len;	/* into the paragraph's text */
	double		 w;		/* pt */
};

struct word {
	size_t		 f0, nf;	/* its frags */
	double		 w;		/* pt, without the trailing space */
	double		 sp;		/* width of a space after it, pt */
	int		 brk;		/* hard line break after it */
	int		 join;		/* the token goes on in the next word
					   with no space: a line may end here
					   (lay_brk_ok, or a last-resort cut) */
};

struct para {
	char		*text;
	size_t		 len, max;
	struct frag	*frag;
	size_t		 nfrag, maxfrag;
	struct word	*word;
	size_t		 nword, maxword;
	double		 size;
	int		 inword;	/* last char appended was in a word */
};

/*
 * Where a name may break, for the gap after word i (typeset.c,
 * header_breaks in the template): a unit boundary, between two words
 * of no listed unit, inside a unit next to a joining word ("VÀ", "-",
 * after a comma), or elsewhere inside a unit or a place name.
 */
enum gap {
	GAP_UNIT,
	GAP_OTHER,
	GAP_JOIN,
	GAP_INSIDE,
	GAP__MAX
};

/* State of the search for balanced breaks. */
struct bal {
	size_t		 nw, nl;	/* words, lines */
	const double	*pre;		/* pre[i]: width of words 0..i-1 */
	const double	*gpre;		/* gpre[i]: of the spaces after
					   words 0..i-1 (a draft's blank is
					   a run of them) */
	double		 w;		/* column width */
	const unsigned char *comma;	/* comma[i]: word i ends in , or ; */
	const unsigned char *gap;	/* gap[i]: enum gap after word i */
	const unsigned char *solo;	/* solo[i]: word i is a one-word
					   unit, which may stand alone */
	double		 pen[GAP__MAX];	/* cost of a break at each gap */
	size_t		 st[5];		/* line k starts at word st[k] */
	size_t		 best[5];
	double		 cost;		/* of best */
};

/*
 * bal_try's answers for the last inputs it was given (word widths,
 * spaces, column, commas, unit boundaries, one-word units, break costs,
 * lines): the agency name and the subject are
 * balanced the same way in every letter of a run, and the search is
 * exhaustive.  Keyed by the numbers bal_try reads, nothing else, so a
 * hit is exactly what the search would find.
 */
#define BAL_CACHE	8

struct balc {
	size_t		 nw, nl;
	double		 pre[65], gpre[64], w, pen[GAP__MAX];
	unsigned char	 comma[64], gap[64], solo[64];
	size_t		 best[5];
	double		 cost;
	unsigned long	 use;		/* 0: a free slot */
};

/* The cache, in the run's layout_memo (no memo: no cache). */
struct balcache {
	struct balc	 c[BAL_CACHE];
	unsigned long	 clock;
};

/*
 * BRK_PENALTY is the cost of ending a line inside a token (after its
 * own punctuation, or a last-resort cut), as TeX's \hyphenpenalty; word
 * gaps are bound by the template (body.word_gap_min, word_gap_max).
 * After a '-' it costs HYPH_PENALTY: pdftotext (poppler's reading
 * order) takes a line ending in '-' for a hyphenated word and drops the
 * '-' ("huong-dan-" + "bao-cao" reads "huong-danbao-cao"), so a token
 * breaks there only when its other characters give no better line.
 */
#define BRK_PENALTY	100.0
#define HYPH_PENALTY	300.0
/* Lines not justified (lay_wrap, breaks_greedy) break a token after a
 * '-' only when its other breaks leave the line less than this share of
 * that width. */
#define HYPH_KEEP	(1.0 / 3)

/* --- Tables: the appendix and the directory --------------------------- */
/* A bordered table; a row may span all columns (a section heading). */
struct tbl {
	size_t		 ncol;
	const char	**head;		/* ncol header texts */
	size_t		 nrow;
	const char	**cell;		/* nrow * ncol texts */
	unsigned char	*span;		/* per row: cell[r * ncol] spans the
					   row: 1 a heading (sst), 2 a note
					   (nst); 0 it does not */
	const struct style *st;		/* cells */
	const struct style *hst;	/* header row */
	const struct style *sst;	/* spanning headings */
	const struct style *nst;	/* spanning notes */
	unsigned char	*align;		/* per column, its body cells (the
					   header row is centred): */
#define TBL_LEFT	0		/* text, flush left */
#define TBL_CENTRE	1		/* serial numbers (STT), centred */
#define TBL_NUMBER	2		/* numbers, on the decimal comma */
	const char	**num;		/* a second header row of ncol texts
					   (the register book's "(1)" …
					   "(10)"), or NULL */
	const struct style *numst;	/* its style, centred */
	const double	*share;		/* ncol fixed widths, shares of the
					   type area (sum 1), or NULL: fitted
					   to the content (tbl_widths) */
};

struct cell {
	struct span	*sp;
	size_t		 n;
};

/* --- The memo: appendix pages shared by the letters of a run --------- */
struct memo_pages {
	unsigned char	*key;		/* all the appendix depends on */
	size_t		 keylen;
	struct page	*page;		/* npage pages, flipped, ids set */
	size_t		 npage;
	unsigned int	 refs;		/* layouts borrowing + 1 if memoised */
	int		 area;		/* lay_check_area, once: 0 not yet,
					   1 inside, -1 outside (fault) */
	struct layout_fault fault;	/* page: 0-based among these */
};

struct layout_memo {
	struct memo_pages *pl;		/* the last appendix, or NULL */
	struct balcache	 bal;		/* balanced lines of this run */
};

/*
 * What one file of layout/ lends another (typeset.c, para.c, mau15.c,
 * table.c, layout.c), each documented at its definition.  Units: pt;
 * y counts from the top of the page until lay_flip turns the pages into
 * PDF space (from the bottom); sizes are font sizes in pt; widths that
 * metrics give in 1/1000 em are turned into pt by lay_tw.
 */
double	 lay_agency_block(struct lay *L, struct page *pg, const char *chu_quan,
	    const char *co_quan, double lcx, double lw);
void	 lay_appendix(struct lay *L, const struct letter *l);
void	 lay_appendix_memo(struct lay *L, const struct letter *l,
	    struct layout_memo *memo);
void	 lay_blocks(const struct lay *L, struct flow *fl, const struct dnode *n,
	    const char *mark, int odepth, int bdepth);
/*
 * May a line end inside a token (text with no space) at byte p of
 * s[0..len), with no hyphen added (issue 13: URLs, e-mail addresses,
 * paths and codes)?  Yes right after a run of / ? & = . - _ : that
 * follows a letter or digit ("https://|", "bao-|cao", "NĐ-|CP"), unless
 * the run is of . / - : between two digits (1.500.000.000, 02/03/2022,
 * 2020-2025 and 10:30 stay whole; "id=12&|page=3", "2024_|03" may break)
 * or no letter or digit follows (a closing "." or "./.").
 */
int	 lay_brk_ok(const char *s, size_t len, size_t p);
void	 lay_boxes_move(struct page *dst, const struct page *src, double dx,
	    double dy);
size_t	 lay_fit_prefix(const struct lay *L, enum face f, double size,
	    const char *s, size_t len, double w);
/* The byte after the character at s[a] and the combining marks that
 * follow it (a < len): where a line may be cut as the last resort. */
size_t	 lay_char_next(const char *s, size_t len, size_t a);
int	 lay_check_area(const struct lay *L, struct layout_fault *fault);

/*
 * The end of every layout (a letter, the directory, the register book):
 * a layout past LAYOUT_MAX_PAGES (L->toolong) is LAYOUT_TOO_LONG; else
 * its pages are flipped to PDF's y (lay_flip) and checked against the
 * type area (lay_check_area).  Returns L->out, the caller's to free, or
 * NULL (L->out freed) with *fault (when not NULL) filled.
 */
struct layout	*lay_finish(struct lay *L, struct layout_fault *fault);
void	 lay_flip(struct layout *lo);
double	 lay_header(struct lay *L, struct page *pg, const struct letter *l);
/* 1 for a combining mark (U+0300–036F, 1DC0–1DFF, 20D0–20FF): a line
 * is never cut before one. */
int	 lay_is_mark(uint32_t cp);
struct item	*lay_item_add(struct flow *fl, double gap, double height,
	    int flags);
void	 lay_memo_pages_drop(struct memo_pages *mp);
void	 lay_page_clear(struct page *pg);
struct page	*lay_page_new(struct lay *L);
void	 lay_page_number(struct lay *L, struct page *pg, int n);
void	 lay_para_free(struct para *p);
void	 lay_para_lines(const struct lay *L, struct flow *fl, struct para *p,
	    double ind1, double ind2, enum align al, double gap, int flags);
void	 lay_para_text(struct para *p, enum face f, const char *s);
double	 lay_pitch(const struct lay *L, double size);
double	 lay_put_centred(const struct lay *L, struct page *pg, const char *s,
	    const struct style *st, double cx, double w, double y,
	    double *maxw);
struct slots;
double	 lay_put_slotted(const struct lay *L, struct page *pg, const char *s,
	    const struct style *st, double cx, double w, double y,
	    double *maxw, const struct slots *sl, size_t slen);
void	 lay_put_mark(struct page *pg, const char *name, double x, double y,
	    double x2, double y2, enum face f, double size);
double	 lay_put_name(const struct lay *L, struct page *pg, const char *s,
	    const struct style *st, double cx, double w, double y,
	    double *maxw);
void	 lay_put_line(struct page *pg, double x1, double y1, double x2,
	    double y2, double lw);
void	 lay_put_text(struct page *pg, double x, double y, enum face f,
	    double size, const char *s, size_t len, double w);
void	 lay_tbl_place(struct lay *L, const struct tbl *tb, struct page *pg,
	    double y, int *num);
/* What column c of tb needs, as layout.h's struct tbl_fit says (rows
 * r + 1 of tb), on the type area of L (L->t, L->m and L->w suffice). */
void	 lay_tbl_fit(const struct lay *L, const struct tbl *tb, size_t c,
	    struct tbl_fit *f);
double	 lay_tw(const struct lay *L, enum face f, double size, const char *s,
	    size_t len);
size_t	 lay_wrap(const struct lay *L, const char *s, enum face f, double size,
	    double w1, double w2, struct span **out);

#endif /* LAY_H */
