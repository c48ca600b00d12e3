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


static int
is_number(const char *s)
{
	size_t	 n = strlen(s);

	return n > 0 && n <= 6 && strspn(s, "0123456789.") == n;
}

/* Widest word and widest line of s, plus padding, into mn and mx. */
static void
text_extent(const struct lay *L, const char *s, const struct style *st,
    double pad, double *mn, double *mx)
{
	size_t	 i, ws = 0, ls = 0;
	double	 w;

	for (i = 0; ; i++) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\0') {
			w = lay_tw(L, st->face, st->size, s + ws, i - ws) + pad;
			if (w > *mn)
				*mn = w;
			ws = i + 1;
		}
		if (s[i] == '\n' || s[i] == '\0') {
			w = lay_tw(L, st->face, st->size, s + ls, i - ls) + pad;
			if (w > *mx)
				*mx = w;
			ls = i + 1;
		}
		if (s[i] == '\0')
			break;
	}
}

/*
 * Column widths fitted to the content, as HTML's automatic table layout
 * does: each column its widest line when all fit; else the widest word
 * plus a share of the room left in proportion to what it would need.
 */
static void
tbl_widths(const struct lay *L, const struct tbl *t, double *cw)
{
	double	*mn, *mx, smin = 0, smax = 0, pad = 2 * L->t->cell_pad;
	size_t	 c, r;

	mn = xcalloc(t->ncol, sizeof(double));
	mx = xcalloc(t->ncol, sizeof(double));
	for (c = 0; c < t->ncol; c++) {
		text_extent(L, t->head[c], t->hst, pad, &mn[c], &mx[c]);
		for (r = 0; r < t->nrow; r++)
			if (!t->span[r])
				text_extent(L, t->cell[r * t->ncol + c], t->st,
				    pad, &mn[c], &mx[c]);
		/* A very long word is cut rather than squeeze the rest. */
		if (mn[c] > L->w / t->ncol)
			mn[c] = L->w / t->ncol;
		if (mx[c] < mn[c])
			mx[c] = mn[c];
		smin += mn[c];
		smax += mx[c];
	}
	for (c = 0; c < t->ncol; c++) {
		if (smax <= L->w)
			cw[c] = mx[c] + (L->w - smax) * (mx[c] / smax);
		else if (smin <= L->w)
			cw[c] = mn[c] + (mx[c] - mn[c]) * (L->w - smin) /
			    (smax - smin);
		else
			cw[c] = L->w * mn[c] / smin;
	}
	free(mn);
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

/* Lines [from, to) of a row's cells, with borders, at y (pt down). */
static void
row_draw(const struct lay *L, struct page *pg, size_t n, const double *w,
    const struct cell *cells, const char *const *text, const int *centre,
    const struct style *st, size_t from, size_t to, double y, double h,
    int top)
{
	const struct tmpl *t = L->t;
	double		 x = L->x0, bl;
	size_t		 c, k;

	if (top)
		lay_put_line(pg, L->x0, y, L->x0 + L->w, y, t->rule_width);
	for (c = 0; c < n; c++) {
		bl = y + t->cell_pad + st->size * ASCENT;
		for (k = from; k < to && k < cells[c].n; k++) {
			const struct span *s = &cells[c].sp[k];
			double	 tx = centre != NULL && centre[c] ?
			    x + w[c] / 2 - s->w / 2 : x + t->cell_pad;

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
	double		*cw, full, lead, hh, room, h;
	struct cell	*hc, *rc;
	const char	**rtext;
	size_t		 c, r, nh, n, done, fit, nc;
	const double	*w;
	const struct style *st;
	int		*hcentre;

	cw = xcalloc(tb->ncol, sizeof(double));
	tbl_widths(L, tb, cw);
	full = L->w;
	hc = xcalloc(tb->ncol, sizeof(*hc));
	rc = xcalloc(tb->ncol, sizeof(*rc));
	rtext = xcalloc(tb->ncol, sizeof(char *));
	/* The header row is centred. */
	hcentre = xcalloc(tb->ncol, sizeof(int));
	for (c = 0; c < tb->ncol; c++)
		hcentre[c] = 1;
	nh = row_cells(L, tb->ncol, cw, tb->head, tb->hst, hc);
	hh = nh * lay_pitch(L, tb->hst->size) + 2 * t->cell_pad;
	row_draw(L, pg, tb->ncol, cw, hc, tb->head, hcentre, tb->hst, 0, nh,
	    y, hh, 1);
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
			row_draw(L, pg, tb->ncol, cw, hc, tb->head, hcentre,
			    tb->hst, 0, nh, y, hh, 1);
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
				row_draw(L, pg, tb->ncol, cw, hc, tb->head,
				    hcentre, tb->hst, 0, nh, y, hh, 1);
				y += hh;
				continue;
			}
			if (fit > n - done)
				fit = n - done;
			h = fit * lead + 2 * t->cell_pad;
			row_draw(L, pg, nc, w, rc, rtext, nc == 1 ? NULL :
			    tb->centre, st, done, done + fit, y, h, 0);
			y += h;
			done += fit;
		}
		for (c = 0; c < nc; c++)
			free(rc[c].sp);
	}
	for (c = 0; c < tb->ncol; c++)
		free(hc[c].sp);
	free(hc);
	free(rc);
	free(rtext);
	free(cw);
	free(hcentre);
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
	y = lay_put_centred(L, pg, l->pl_ref, &t->pl_ref, cx, L->w, y, &w);
	y += t->rule_gap + t->pl_ref.size * 0.216;
	w *= t->co_quan_rule;
	lay_put_line(pg, cx - w / 2, y, cx + w / 2, y, t->rule_width);
	return y + t->tbl_gap;
}

/* The appendix (phụ lục, FORMAT.md §8) on pages of its own. */
void
lay_appendix(struct lay *L, const struct letter *l)
{
	const struct rows *rs = l->table;
	struct tbl	 tb;
	struct page	*pg;
	size_t		 c, r;
	int		 num = 1;
	double		 y;

	if ((pg = lay_page_new(L)) == NULL)
		return;
	y = appendix_head(L, pg, l);
	memset(&tb, 0, sizeof(tb));
	tb.ncol = l->ncols;
	tb.nrow = rs->nrow;
	tb.head = xcalloc(tb.ncol, sizeof(char *));
	tb.cell = xcalloc(tb.nrow * tb.ncol + 1, sizeof(char *));
	tb.span = xcalloc(tb.nrow + 1, 1);
	tb.centre = xcalloc(tb.ncol, sizeof(int));
	tb.st = tb.sst = tb.nst = &L->t->tbl;
	tb.hst = &L->t->tbl_head;
	for (c = 0; c < tb.ncol; c++) {
		tb.head[c] = rs->header[l->cols[c]];
		tb.centre[c] = 1;
		for (r = 0; r < tb.nrow; r++) {
			tb.cell[r * tb.ncol + c] = rs->row[r].cell[l->cols[c]];
			if (!is_number(rs->row[r].cell[l->cols[c]]))
				tb.centre[c] = 0;
		}
	}
	lay_tbl_place(L, &tb, pg, y, &num);
	free(tb.head);
	free(tb.cell);
	free(tb.span);
	free(tb.centre);
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
			struct layout one = { o->width, o->height, &mp->page[i],
			    1, 0, NULL };

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
