/* The printed book of the outgoing register (Decree 30 Phụ lục IV): its
 * cover, then its table of ten numbered columns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xalloc.h"
#include "layout/lay.h"
#include "layout/layout.h"
#include "load/tmpl.h"

/* Columns (2) the date and (7) the copies: short values of one width,
 * centred as in Phụ lục IV's sample; the others flush left. */
static const unsigned char book_align[TMPL_RB_NCOL] = {
	TBL_LEFT, TBL_CENTRE, TBL_LEFT, TBL_LEFT, TBL_LEFT,
	TBL_LEFT, TBL_CENTRE, TBL_LEFT, TBL_LEFT, TBL_LEFT
};

/* Page 1: the cover's lines in FORMAT.md §10's order.  Returns -1 when
 * the agency's name alone runs past the page. */
static int
book_cover(struct lay *L, struct page *pg, const struct book *bk)
{
	const struct tmpl *t = L->t;
	double		 y, top, cx = L->x0 + L->w / 2;
	char		*s;

	/* The agency, as a letter's header sets it (ô 1). */
	y = lay_agency_block(L, pg, bk->chu_quan, bk->co_quan,
	    L->x0 + t->hdr_left_w / 2, t->hdr_left_w);
	/* The title a little above the middle of the page, as on a
	 * book's cover; lower when the agency's name is long. */
	top = t->top + (L->ybot - t->top) * 0.38;
	y += 2 * lay_pitch(L, t->rb_title.size);
	if (y < top)
		y = top;
	s = text_upper(t->rb_title_text);
	y = lay_put_centred(L, pg, s, &t->rb_title, cx, L->w, y, NULL);
	free(s);
	if (bk->series != NULL) {
		/* A register of its own: two books of a year told apart. */
		y += 1.5 * lay_pitch(L, t->rb_year_st.size);
		s = xasprintf("%s %s", t->rb_series, bk->series);
		y = lay_put_centred(L, pg, s, &t->rb_year_st, cx, L->w, y,
		    NULL);
		free(s);
	}
	y += 1.5 * lay_pitch(L, t->rb_year_st.size);
	s = xasprintf("%s %d", t->rb_year, bk->year);
	y = lay_put_centred(L, pg, s, &t->rb_year_st, cx, L->w, y, NULL);
	free(s);
	y += 3 * lay_pitch(L, t->rb_cover.size);
	s = xasprintf("%s %s %s %s", t->rb_from_date, bk->from_date,
	    t->rb_to_date, bk->to_date);
	y = lay_put_centred(L, pg, s, &t->rb_cover, cx, L->w, y, NULL);
	free(s);
	y += 1.5 * lay_pitch(L, t->rb_cover.size);
	s = xasprintf("%s %s %s %s", t->rb_from_no, bk->from_no, t->rb_to_no,
	    bk->to_no);
	y = lay_put_centred(L, pg, s, &t->rb_cover, cx, L->w, y, NULL);
	free(s);
	y += 1.5 * lay_pitch(L, t->rb_cover.size);
	s = xasprintf("%s %s", t->rb_volume, bk->volume);
	y = lay_put_centred(L, pg, s, &t->rb_cover, cx, L->w, y, NULL);
	free(s);
	return y > L->ybot ? -1 : 0;
}

struct layout *
layout_book(const struct book *bk, const struct tmpl *t,
    const struct metrics *m, struct layout_fault *fault)
{
	struct lay	 L;
	struct tbl	 tb;
	struct page	*pg;
	const char	*head[TMPL_RB_NCOL], *num[TMPL_RB_NCOL];
	char		 nbuf[TMPL_RB_NCOL][8], *cols, *p;
	unsigned char	 align[TMPL_RB_NCOL];
	size_t		 c;
	int		 n;

	memset(&L, 0, sizeof(L));
	L.t = t;
	L.m = m;
	/* Landscape: ten columns need the width. */
	L.out = xcalloc(1, sizeof(*L.out));
	L.out->width = t->page_h;
	L.out->height = t->page_w;
	L.x0 = t->left;
	L.w = L.out->width - t->left - t->right;
	L.ybot = L.out->height - t->bottom;
	pg = lay_page_new(&L);
	if (book_cover(&L, pg, bk) != 0) {
		if (fault != NULL)
			fault->why = LAYOUT_HEADER;
		layout_free(L.out);
		return NULL;
	}

	/* The table from page 2, numbered as a letter's pages are. */
	memset(&tb, 0, sizeof(tb));
	cols = xstrdup(t->rb_columns);
	for (p = cols, c = 0; c < TMPL_RB_NCOL; c++) {
		head[c] = p;
		p += strcspn(p, "|");
		if (*p == '|')
			*p++ = '\0';
		snprintf(nbuf[c], sizeof(nbuf[c]), "(%zu)", c + 1);
		num[c] = nbuf[c];
	}
	memcpy(align, book_align, sizeof(align));
	tb.ncol = TMPL_RB_NCOL;
	tb.head = head;
	tb.num = num;
	tb.numst = &t->rb_number;
	tb.share = t->rb_widths;
	tb.nrow = bk->nrow;
	tb.cell = (const char **)bk->cell;
	tb.span = xcalloc(bk->nrow + 1, 1);
	tb.align = align;
	tb.st = tb.sst = tb.nst = &t->rb_table;
	tb.hst = &t->rb_table_head;
	if ((pg = lay_page_new(&L)) != NULL) {
		n = 2;
		lay_page_number(&L, pg, n);
		lay_tbl_place(&L, &tb, pg, t->top, &n);
	}
	free(tb.span);
	free(cols);
	L.out->nletter = L.out->npage;
	return lay_finish(&L, fault);
}
