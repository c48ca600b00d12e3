/* Bordered tables (the appendix, the directory), the appendix pages and
 * the memo that lays them out once per run. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/msg.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "layout/lay.h"
#include "layout/layout.h"
#include "load/dispatch.h"
#include "load/doc.h"
#include "load/focal.h"
#include "load/rows.h"
#include "load/tmpl.h"
#include "merge/letter.h"


/*
 * Is s a number as Vietnamese usage writes one (the vi-VN number format
 * of Excel and LibreOffice; FORMAT.md has no rule: "." between
 * thousands, "," before the decimals): an optional sign, digits whole or in groups of
 * three ("1.500.000.000"), an optional decimal part ("78,5") and an
 * optional "%" ("47,5%")?  *ilen (when not NULL) gets the length of the
 * part before the decimal comma (all of s when it has none).
 */
static int
num_split(const char *s, size_t *ilen)
{
	size_t	 i = 0, n, g;

	if (s[0] == '-' || s[0] == '+')
		i = 1;
	else if (strncmp(s, "\xe2\x88\x92", 3) == 0)	/* U+2212 minus */
		i = 3;
	n = strspn(s + i, "0123456789");
	if (n == 0)
		return 0;
	i += n;
	if (s[i] == '.') {
		if (n > 3)
			return 0;
		while (s[i] == '.') {
			g = strspn(s + i + 1, "0123456789");
			if (g != 3)
				return 0;
			i += 1 + g;
		}
	}
	if (ilen != NULL)
		*ilen = i;
	if (s[i] == ',') {
		n = strspn(s + i + 1, "0123456789");
		if (n == 0)
			return 0;
		i += 1 + n;
	}
	if (s[i] == '%')
		i++;
	return s[i] == '\0';
}

/*
 * The widest unit of s that a line of a cell may not break, in pt
 * without padding: a word (between spaces and line breaks) or, with brk,
 * a piece of a word between two of its break opportunities (lay_brk_ok),
 * which lay_wrap breaks at when the word is wider than the column.
 * Only units of at most lim pt count (a wider one is cut between
 * characters anyway: the last resort); *uo, *ul get the widest such
 * unit, *co, *cl the first unit wider than lim (*cl stays 0 if none).
 */
static double
unit_widest(const struct lay *L, const char *s, const struct style *st,
    int brk, double lim, size_t *uo, size_t *ul, size_t *co, size_t *cl)
{
	size_t	 i = 0, ws, we, p, ps;
	double	 w, best = 0;

	for (;;) {
		while (s[i] == ' ' || s[i] == '\n')
			i++;
		if (s[i] == '\0')
			break;
		for (ws = i; s[i] != '\0' && s[i] != ' ' && s[i] != '\n'; i++)
			;
		we = i;
		for (ps = ws, p = ws + 1; p <= we; p++) {
			if (p < we && !(brk && lay_brk_ok(s + ws, we - ws,
			    p - ws)))
				continue;
			w = lay_tw(L, st->face, st->size, s + ps, p - ps);
			if (w > lim + 1e-6) {
				if (*cl == 0) {
					*co = ps;
					*cl = p - ps;
				}
			} else if (w > best) {
				best = w;
				*uo = ps;
				*ul = p - ps;
			}
			ps = p;
		}
	}
	return best;
}

/* The widest line of s (its lines end at '\n'), pt without padding. */
static double
line_widest(const struct lay *L, const char *s, const struct style *st)
{
	size_t	 i, ls = 0;
	double	 w, mx = 0;

	for (i = 0; ; i++)
		if (s[i] == '\n' || s[i] == '\0') {
			w = lay_tw(L, st->face, st->size, s + ls, i - ls);
			if (w > mx)
				mx = w;
			ls = i + 1;
			if (s[i] == '\0')
				break;
		}
	return mx;
}

/*
 * Measure column c of tb into f (see struct tbl_fit in layout.h), its
 * widest whole word, number or header word no wider than the type area
 * (*whole, at least f->need) and its natural width (*mx), pt with the
 * padding; for a column of numbers, the widest part before the decimal
 * comma (*ni) and from it on (*nf), pt without padding, by which the
 * column's cells are aligned.
 */
static void
col_measure(const struct lay *L, const struct tbl *tb, size_t c,
    struct tbl_fit *f, double *whole, double *mx, double *ni, double *nf)
{
	double	 pad = 2 * L->t->cell_pad, lim = L->w - pad, w;
	size_t	 r, uo = 0, ul = 0, il, had, co, cl;
	const char *s;

	memset(f, 0, sizeof(*f));
	*ni = *nf = 0;
	f->need = unit_widest(L, tb->head[c], tb->hst, 0, lim, &f->off,
	    &f->len, &f->cut_off, &f->cut_len);
	*whole = f->need;
	*mx = line_widest(L, tb->head[c], tb->hst);
	for (r = 0; r < tb->nrow; r++) {
		if (tb->span[r])
			continue;
		s = tb->cell[r * tb->ncol + c];
		if (tb->align[c] == TBL_NUMBER && num_split(s, &il)) {
			w = lay_tw(L, tb->st->face, tb->st->size, s, il);
			if (w > *ni)
				*ni = w;
			w = lay_tw(L, tb->st->face, tb->st->size, s + il,
			    strlen(s + il));
			if (w > *nf)
				*nf = w;
		}
		had = f->cut_len;
		w = unit_widest(L, s, tb->st, 1, lim, &uo, &ul, &f->cut_off,
		    &f->cut_len);
		if (had == 0 && f->cut_len > 0)
			f->cut_row = r + 1;
		if (w > f->need) {
			f->need = w;
			f->row = r + 1;
			f->off = uo;
			f->len = ul;
		}
		cl = 0;
		w = unit_widest(L, s, tb->st, 0, lim, &uo, &ul, &co, &cl);
		if (w > *whole)
			*whole = w;
		w = line_widest(L, s, tb->st);
		if (w > *mx)
			*mx = w;
	}
	/* Numbers stand whole, aligned on their decimal comma. */
	if (*ni + *nf > f->need && *ni + *nf <= lim + 1e-6)
		f->need = *ni + *nf;
	if (*ni + *nf > *mx)
		*mx = *ni + *nf;
	if (f->need > *whole)
		*whole = f->need;
	f->need += pad;
	*whole += pad;
	*mx += pad;
	if (*mx < *whole)
		*mx = *whole;
}

void
lay_tbl_fit(const struct lay *L, const struct tbl *tb, size_t c,
    struct tbl_fit *f)
{
	double	 wh, mx, ni, nf;

	col_measure(L, tb, c, f, &wh, &mx, &ni, &nf);
}

/*
 * Column widths fitted to the content, the automatic table layout of
 * CSS 2.1 §17.5.2.2: each column's minimum is its widest unit that may
 * not be broken, its maximum its widest cell on one line, both with the
 * cell padding.  The units are whole words (an e-mail address, a URL, a
 * code "830/QĐ-TTg" stays on one line) when the columns' widest words
 * fit side by side; else the pieces of words between their break
 * opportunities (col_measure), so that a URL breaks after its own
 * punctuation rather than a name inside a syllable.  The table spans
 * the type area: when the maximums fit, each column gets its maximum
 * and the room left in proportion to it; else each gets its minimum and
 * the room left in proportion to (maximum - minimum), so no word is cut
 * while another column has room.  When even the minimums do not fit
 * (check_run refuses such an appendix; the directory may meet one), the
 * minimums are scaled down and lay_wrap cuts.  ni, nf: see col_measure.
 */
static void
tbl_widths(const struct lay *L, const struct tbl *t, double *cw, double *ni,
    double *nf)
{
	double		*mn, *wh, *mx, smin = 0, swh = 0, smax = 0;
	struct tbl_fit	 f;
	size_t		 c;

	if (t->share != NULL) {
		/* The register book: the template's shares, whatever the
		 * content (its columns 8 and 9 are written in by hand). */
		for (c = 0; c < t->ncol; c++) {
			cw[c] = L->w * t->share[c];
			ni[c] = nf[c] = 0;
		}
		return;
	}
	mn = xcalloc(t->ncol, sizeof(double));
	wh = xcalloc(t->ncol, sizeof(double));
	mx = xcalloc(t->ncol, sizeof(double));
	for (c = 0; c < t->ncol; c++) {
		col_measure(L, t, c, &f, &wh[c], &mx[c], &ni[c], &nf[c]);
		mn[c] = f.need;
		smin += mn[c];
		swh += wh[c];
		smax += mx[c];
	}
	if (swh <= L->w) {
		memcpy(mn, wh, t->ncol * sizeof(double));
		smin = swh;
	}
	for (c = 0; c < t->ncol; c++) {
		if (smax <= 0)		/* empty, and no padding */
			cw[c] = L->w / t->ncol;
		else if (smax <= L->w)
			cw[c] = mx[c] + (L->w - smax) * (mx[c] / smax);
		else if (smin <= L->w)
			cw[c] = mn[c] + (mx[c] - mn[c]) * (L->w - smin) /
			    (smax - smin);
		else
			cw[c] = L->w * mn[c] / smin;
	}
	free(mn);
	free(wh);
	free(mx);
}

/* Wrap one row's cells (n of them, widths w[]); returns its lines. */
static size_t
row_cells(const struct lay *L, size_t n, const double *w,
    const char *const *text, const struct style *st, struct cell *cells)
{
	size_t	 c, lines = 0;
	double	 iw;

	for (c = 0; c < n; c++) {
		iw = w[c] - 2 * L->t->cell_pad;
		cells[c].n = lay_wrap(L, text[c], st->face, st->size, iw, iw,
		    &cells[c].sp);
		if (cells[c].n > lines)
			lines = cells[c].n;
	}
	return lines;
}

/* How a row's cells are aligned: al[] per column (NULL: all flush
 * left, or all centred with centre), nf[] for TBL_NUMBER columns. */
struct rowal {
	const unsigned char *al;
	const double	*nf;
	int		 centre;
};

/* Lines [from, to) of a row's cells, with borders, at y (pt down). */
static void
row_draw(const struct lay *L, struct page *pg, size_t n, const double *w,
    const struct cell *cells, const char *const *text, const struct rowal *ra,
    const struct style *st, size_t from, size_t to, double y, double h,
    int top)
{
	const struct tmpl *t = L->t;
	double		 x = L->x0, bl, tx;
	size_t		 c, k, il;
	int		 al;

	if (top)
		lay_put_line(pg, L->x0, y, L->x0 + L->w, y, t->rule_width);
	for (c = 0; c < n; c++) {
		bl = y + t->cell_pad + st->size * ASCENT;
		al = ra->centre ? TBL_CENTRE : ra->al != NULL ? ra->al[c] :
		    TBL_LEFT;
		for (k = from; k < to && k < cells[c].n; k++) {
			const struct span *s = &cells[c].sp[k];

			if (al == TBL_CENTRE)
				tx = x + w[c] / 2 - s->w / 2;
			else if (al == TBL_NUMBER && cells[c].n == 1 &&
			    num_split(text[c], &il))
				/* Its decimal comma (or its end, for an
				 * integer) where the column's commas are. */
				tx = x + w[c] - t->cell_pad - ra->nf[c] -
				    lay_tw(L, st->face, st->size, text[c], il);
			else if (al == TBL_NUMBER)
				tx = x + w[c] - t->cell_pad - s->w;
			else
				tx = x + t->cell_pad;
			lay_put_text(pg, tx, bl, st->face, st->size,
			    text[c] + s->off, s->len, s->w);
			bl += lay_pitch(L, st->size);
		}
		lay_put_line(pg, x, y, x, y + h, t->rule_width);
		x += w[c];
	}
	lay_put_line(pg, L->x0 + L->w, y, L->x0 + L->w, y + h, t->rule_width);
	lay_put_line(pg, L->x0, y + h, L->x0 + L->w, y + h, t->rule_width);
}

/* The header rows of a table at y (pt down): its names and, when it
 * has them, its column numbers; h[0], h[1] their heights. */
static void
head_draw(const struct lay *L, struct page *pg, const struct tbl *tb,
    const double *cw, const struct cell *hc, size_t nh,
    const struct cell *nc, size_t nn, double y, const double *h)
{
	struct rowal	 hra = { NULL, NULL, 1 };

	row_draw(L, pg, tb->ncol, cw, hc, tb->head, &hra, tb->hst, 0, nh,
	    y, h[0], 1);
	if (tb->num != NULL)
		row_draw(L, pg, tb->ncol, cw, nc, tb->num, &hra, tb->numst, 0,
		    nn, y + h[0], h[1], 0);
}

/*
 * Place a table from y (pt down) on page *pg, going on to new pages as
 * it must: the header row repeats at the top of each page, rows move
 * whole to the next page, and a row taller than a page is split
 * between lines.  New pages are numbered from *num + 1.
 */
void
lay_tbl_place(struct lay *L, const struct tbl *tb, struct page *pg, double y,
    int *num)
{
	const struct tmpl *t = L->t;
	double		*cw, *ni, *nf, full, lead, hh, room, h, hx[2] = { 0, 0 };
	struct cell	*hc, *rc, *numc;
	const char	**rtext;
	size_t		 c, r, nh, nn = 0, n, done, fit, nc;
	const double	*w;
	const struct style *st;
	struct rowal	 bra, sra = { NULL, NULL, 0 };

	cw = xcalloc(tb->ncol, sizeof(double));
	ni = xcalloc(tb->ncol, sizeof(double));
	nf = xcalloc(tb->ncol, sizeof(double));
	tbl_widths(L, tb, cw, ni, nf);
	bra.al = tb->align;
	bra.nf = nf;
	bra.centre = 0;
	full = L->w;
	hc = xcalloc(tb->ncol, sizeof(*hc));
	rc = xcalloc(tb->ncol, sizeof(*rc));
	numc = xcalloc(tb->ncol, sizeof(*numc));
	rtext = xcalloc(tb->ncol, sizeof(char *));
	/* The header rows are centred. */
	nh = row_cells(L, tb->ncol, cw, tb->head, tb->hst, hc);
	hx[0] = nh * lay_pitch(L, tb->hst->size) + 2 * t->cell_pad;
	if (tb->num != NULL) {
		nn = row_cells(L, tb->ncol, cw, tb->num, tb->numst, numc);
		hx[1] = nn * lay_pitch(L, tb->numst->size) + 2 * t->cell_pad;
	}
	hh = hx[0] + hx[1];
	head_draw(L, pg, tb, cw, hc, nh, numc, nn, y, hx);
	y += hh;
	for (r = 0; r < tb->nrow && !L->toolong; r++) {
		if (tb->span[r]) {
			nc = 1;
			w = &full;
			st = tb->span[r] == 1 ? tb->sst : tb->nst;
			rtext[0] = tb->cell[r * tb->ncol];
		} else {
			nc = tb->ncol;
			w = cw;
			st = tb->st;
			for (c = 0; c < nc; c++)
				rtext[c] = tb->cell[r * tb->ncol + c];
		}
		lead = lay_pitch(L, st->size);
		n = row_cells(L, nc, w, rtext, st, rc);
		/* A heading row keeps with the first line of the next. */
		if (tb->span[r] == 1 && r + 1 < tb->nrow &&
		    y + n * lead + 2 * t->cell_pad + lay_pitch(L, tb->st->size) +
		    2 * t->cell_pad > L->ybot && y > t->top + hh + 1e-6) {
			if ((pg = lay_page_new(L)) == NULL) {
				/* Too many pages: this row's lines too. */
				for (c = 0; c < nc; c++)
					free(rc[c].sp);
				break;
			}
			lay_page_number(L, pg, ++*num);
			y = t->top;
			head_draw(L, pg, tb, cw, hc, nh, numc, nn, y, hx);
			y += hh;
		}
		for (done = 0; done < n; ) {
			room = L->ybot - y - 2 * t->cell_pad;
			fit = room > 0 ? (size_t)((room + 1e-6) / lead) : 0;
			if (fit < n - done && (fit == 0 || (done == 0 &&
			    L->ybot - t->top - hh - 2 * t->cell_pad >=
			    n * lead))) {
				/* Whole rows move to the next page. */
				if ((pg = lay_page_new(L)) == NULL)
					break;
				lay_page_number(L, pg, ++*num);
				y = t->top;
				head_draw(L, pg, tb, cw, hc, nh, numc, nn, y,
				    hx);
				y += hh;
				continue;
			}
			if (fit > n - done)
				fit = n - done;
			h = fit * lead + 2 * t->cell_pad;
			row_draw(L, pg, nc, w, rc, rtext, nc == 1 ? &sra :
			    &bra, st, done, done + fit, y, h, 0);
			y += h;
			done += fit;
		}
		for (c = 0; c < nc; c++)
			free(rc[c].sp);
	}
	for (c = 0; c < tb->ncol; c++) {
		free(hc[c].sp);
		free(numc[c].sp);
	}
	free(hc);
	free(numc);
	free(rc);
	free(rtext);
	free(cw);
	free(ni);
	free(nf);
}

/*
 * Is the column headed h one of serial numbers (STT)?  Its header,
 * folded, is one of the template's phu_luc.serial_columns ("|" between).
 */
static int
is_serial(const struct tmpl *t, const char *h)
{
	char	*fh, *list, *p, *e, *fn;
	int	 yes = 0;

	fh = text_fold(h);
	list = xstrdup(t->pl_serial);
	for (p = list; p != NULL && !yes; p = e) {
		if ((e = strchr(p, '|')) != NULL)
			*e++ = '\0';
		fn = text_fold(p);
		yes = fn[0] != '\0' && strcmp(fn, fh) == 0;
		free(fn);
	}
	free(list);
	free(fh);
	return yes;
}

/*
 * The appendix table: columns cols[0..ncol) of rs, each aligned as
 * struct tbl says: a serial-number column (is_serial) centred, a column
 * whose non-empty cells are all numbers (num_split) on the decimal
 * comma, any other flush left.  Free with appendix_tbl_free.
 */
static void
appendix_tbl(const struct rows *rs, const int *cols, size_t ncol,
    const struct tmpl *t, struct tbl *tb)
{
	size_t	 c, r, nnum;
	const char *s;

	memset(tb, 0, sizeof(*tb));
	tb->ncol = ncol;
	tb->nrow = rs->nrow;
	tb->head = xcalloc(tb->ncol, sizeof(char *));
	tb->cell = xcalloc(tb->nrow * tb->ncol + 1, sizeof(char *));
	tb->span = xcalloc(tb->nrow + 1, 1);
	tb->align = xcalloc(tb->ncol, 1);
	tb->st = tb->sst = tb->nst = &t->tbl;
	tb->hst = &t->tbl_head;
	for (c = 0; c < tb->ncol; c++) {
		tb->head[c] = rs->header[cols[c]];
		nnum = 0;
		for (r = 0; r < tb->nrow; r++) {
			s = tb->cell[r * tb->ncol + c] =
			    rs->row[r].cell[cols[c]];
			if (num_split(s, NULL))
				nnum++;
			else if (s[0] != '\0')
				nnum = tb->nrow + 1;
		}
		if (is_serial(t, tb->head[c]))
			tb->align[c] = TBL_CENTRE;
		else if (nnum > 0 && nnum <= tb->nrow)
			tb->align[c] = TBL_NUMBER;
		else
			tb->align[c] = TBL_LEFT;
	}
}

static void
appendix_tbl_free(struct tbl *tb)
{
	free(tb->head);
	free(tb->cell);
	free(tb->span);
	free(tb->align);
}

double
layout_appendix_fit(const struct rows *rs, const int *cols, size_t ncol,
    const struct tmpl *t, const struct metrics *m, struct tbl_fit *fit)
{
	struct lay	 L;
	struct tbl	 tb;
	size_t		 c;

	memset(&L, 0, sizeof(L));
	L.t = t;
	L.m = m;
	L.w = t->page_w - t->left - t->right;
	appendix_tbl(rs, cols, ncol, t, &tb);
	for (c = 0; c < ncol; c++)
		lay_tbl_fit(&L, &tb, c, &fit[c]);
	appendix_tbl_free(&tb);
	return L.w;
}

/* The head of the first appendix page; returns the y below it. */
static double
appendix_head(struct lay *L, struct page *pg, const struct letter *l)
{
	const struct tmpl *t = L->t;
	double		 cx = L->x0 + L->w / 2, y, w = 0;

	y = t->top + t->pl_label.size * ASCENT;
	y = lay_put_centred(L, pg, t->pl_label_text, &t->pl_label, cx, L->w, y,
	    NULL);
	if (l->pl_title != NULL) {
		y += lay_pitch(L, t->pl_title.size);
		y = lay_put_centred(L, pg, l->pl_title, &t->pl_title, cx, L->w, y,
		    NULL);
	}
	y += lay_pitch(L, t->pl_ref.size);
	y = lay_put_slotted(L, pg, l->pl_ref, &t->pl_ref, cx, L->w, y, &w,
	    &l->pl_ref_slot, l->slot_len);
	y += t->rule_gap + t->pl_ref.size * 0.216;
	w *= t->co_quan_rule;
	lay_put_line(pg, cx - w / 2, y, cx + w / 2, y, t->rule_width);
	return y + t->tbl_gap;
}

/* The appendix (phụ lục, FORMAT.md §8) on pages of its own. */
void
lay_appendix(struct lay *L, const struct letter *l)
{
	struct tbl	 tb;
	struct page	*pg;
	int		 num = 1;
	double		 y;

	if ((pg = lay_page_new(L)) == NULL)
		return;
	y = appendix_head(L, pg, l);
	appendix_tbl(l->table, l->cols, l->ncols, L->t, &tb);
	lay_tbl_place(L, &tb, pg, y, &num);
	appendix_tbl_free(&tb);
}

/*
 * The last id given to a shared page.  Process-wide on purpose: the PDF
 * writer's page cache is keyed by id, and an id must never name two
 * different pages for a writer, whichever memos it meets.
 */
static unsigned long long page_ids;

struct layout_memo *
layout_memo_new(void)
{
	return xcalloc(1, sizeof(struct layout_memo));
}

void
lay_memo_pages_drop(struct memo_pages *mp)
{
	size_t	 i;

	if (mp == NULL || --mp->refs > 0)
		return;
	for (i = 0; i < mp->npage; i++) {
		mp->page[i].id = 0;
		lay_page_clear(&mp->page[i]);
	}
	free(mp->page);
	free(mp->key);
	free(mp);
}

void
layout_memo_free(struct layout_memo *memo)
{
	if (memo == NULL)
		return;
	lay_memo_pages_drop(memo->pl);
	free(memo);
}

/* A string into a key: its length (0 for NULL), then its bytes. */
static void
key_str(struct buf *k, const char *s)
{
	size_t	 n = s != NULL ? strlen(s) + 1 : 0;

	buf_add(k, &n, sizeof(n));
	if (n > 0)
		buf_add(k, s, n);
}

/* Everything the appendix pages of l depend on, as bytes: the template
 * and measurements (the same for the memo's life, so by address), the
 * titles and every header and cell the table shows. */
static unsigned char *
appendix_key(const struct lay *L, const struct letter *l, size_t *len)
{
	const struct rows *rs = l->table;
	struct buf	 k = BUF_INIT;
	size_t		 c, r;

	buf_add(&k, &L->t, sizeof(L->t));
	buf_add(&k, &L->m->width, sizeof(L->m->width));
	buf_add(&k, &L->m->arg, sizeof(L->m->arg));
	key_str(&k, l->pl_title);
	key_str(&k, l->pl_ref);
	buf_add(&k, &l->ncols, sizeof(l->ncols));
	buf_add(&k, &rs->nrow, sizeof(rs->nrow));
	for (c = 0; c < l->ncols; c++)
		key_str(&k, rs->header[l->cols[c]]);
	for (r = 0; r < rs->nrow; r++)
		for (c = 0; c < l->ncols; c++)
			key_str(&k, rs->row[r].cell[l->cols[c]]);
	*len = k.len;
	return k.p;
}

/*
 * The appendix of l: borrowed from the memo when it holds the same
 * table, else laid out and, when it fits, handed to the memo (its
 * pages flipped to PDF space here, once) and borrowed.
 */
void
lay_appendix_memo(struct lay *L, const struct letter *l, struct layout_memo *memo)
{
	struct layout	*o = L->out;
	struct memo_pages *mp;
	unsigned char	*key;
	size_t		 len, i, first;

	key = appendix_key(L, l, &len);
	mp = memo->pl;
	if (mp == NULL || mp->keylen != len || memcmp(mp->key, key, len) != 0) {
		first = o->npage;
		lay_appendix(L, l);
		if (L->toolong) {
			free(key);
			return;
		}
		lay_memo_pages_drop(memo->pl);
		mp = memo->pl = xcalloc(1, sizeof(*mp));
		mp->key = key;
		mp->keylen = len;
		mp->refs = 1;
		mp->npage = o->npage - first;
		mp->page = xcalloc(mp->npage, sizeof(*mp->page));
		memcpy(mp->page, o->page + first, mp->npage * sizeof(*mp->page));
		o->npage = first;
		for (i = 0; i < mp->npage; i++) {
			struct layout one;

			memset(&one, 0, sizeof(one));
			one.width = o->width;
			one.height = o->height;
			one.page = &mp->page[i];
			one.npage = 1;

			lay_flip(&one);
			mp->page[i].id = ++page_ids;
		}
	} else
		free(key);
	if (o->npage + mp->npage > LAYOUT_MAX_PAGES) {
		L->toolong = 1;
		return;
	}
	o->page = xreallocarray(o->page, o->npage + mp->npage,
	    sizeof(*o->page));
	memcpy(o->page + o->npage, mp->page, mp->npage * sizeof(*o->page));
	o->npage += mp->npage;
	o->shared = mp;
	mp->refs++;
}
