/* The focal-point directory (issue 3): the agency, the title, who
 * replied, and one table. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
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


/* "ngày 30 tháng 4 năm 2022" of "2022-04-30" (FORMAT.md §4). */
static char *
iso_words(const char *iso)
{
	int	 y, m, d;

	if (sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3)
		return xstrdup(iso);
	return date_words(y, m, d);
}

struct layout *
layout_directory(const struct directory *dy, const struct dispatch *d,
    const struct tmpl *t, const struct metrics *m)
{
	struct lay	 L;
	struct tbl	 tb;
	struct page	*pg;
	char		*cols, *p, *up, **own = NULL, *sum, *han = NULL;
	size_t		 nrow = 0, r = 0, i, j, nown = 0;
	double		 y, lcx;
	int		 num = 1, land;

	memset(&L, 0, sizeof(L));
	L.t = t;
	L.m = m;
	land = strcmp(t->db_orientation, "landscape") == 0;
	L.out = xcalloc(1, sizeof(*L.out));
	L.out->width = land ? t->page_h : t->page_w;
	L.out->height = land ? t->page_w : t->page_h;
	L.x0 = t->left;
	L.w = L.out->width - t->left - t->right;
	L.ybot = L.out->height - t->bottom;
	pg = lay_page_new(&L);

	/* The agency, as in the letter's header (ô 1). */
	lcx = L.x0 + t->hdr_left_w / 2;
	y = lay_agency_block(&L, pg, d->f[FM_CO_QUAN_CHU_QUAN].text,
	    d->f[FM_CO_QUAN].text, lcx, t->hdr_left_w);

	/* Title, then how many replied and by when. */
	y += t->kinh_gui_gap + t->db_title.size * ASCENT;
	up = text_upper(d->db_tieu_de.text != NULL ? d->db_tieu_de.text :
	    t->db_title_text);
	y = lay_put_centred(&L, pg, up, &t->db_title, L.x0 + L.w / 2, L.w, y,
	    NULL);
	free(up);
	if (d->db_han.text != NULL)
		han = iso_words(d->db_han.text);
	sum = han != NULL ? xasprintf("(%zu/%zu %s; %s %s)", dy->nreplied,
	    dy->nagency, t->db_replied, t->db_deadline, han) :
	    xasprintf("(%zu/%zu %s)", dy->nreplied, dy->nagency,
	    t->db_replied);
	y += lay_pitch(&L, t->db_summary.size);
	y = lay_put_centred(&L, pg, sum, &t->db_summary, L.x0 + L.w / 2, L.w, y,
	    NULL);
	y += t->db_summary.size * (t->leading - ASCENT) + t->tbl_gap;
	free(sum);
	free(han);

	/* The table: a heading row per agency, then its contacts. */
	memset(&tb, 0, sizeof(tb));
	cols = xstrdup(t->db_columns);
	for (p = cols, tb.ncol = 1; *p != '\0'; p++)
		tb.ncol += *p == '|';
	tb.head = xcalloc(tb.ncol, sizeof(char *));
	for (p = cols, i = 0; i < tb.ncol; i++) {
		tb.head[i] = p;
		p += strcspn(p, "|");
		if (*p == '|')
			*p++ = '\0';
	}
	for (i = 0; i < dy->nagency; i++)
		nrow += 1 + (dy->agency[i].ncontact > 0 ?
		    dy->agency[i].ncontact : 1);
	tb.nrow = nrow;
	tb.cell = xcalloc(nrow * tb.ncol + 1, sizeof(char *));
	tb.span = xcalloc(nrow + 1, 1);
	tb.align = xcalloc(tb.ncol, 1);	/* TBL_LEFT */
	own = xcalloc(dy->nagency + 1, sizeof(char *));
	tb.st = &t->db_table;
	tb.hst = &t->db_table_head;
	tb.sst = &t->db_section;
	tb.nst = &t->db_note;
	for (i = 0; i < dy->nagency; i++) {
		const struct agency *a = &dy->agency[i];

		own[nown] = xasprintf("%zu. %s", i + 1, a->name);
		tb.span[r] = 1;
		tb.cell[r++ * tb.ncol] = own[nown++];
		if (a->ncontact == 0) {
			tb.span[r] = 2;
			tb.cell[r++ * tb.ncol] = t->db_no_reply;
			continue;
		}
		for (j = 0; j < a->ncontact; j++, r++) {
			const struct contact *c = &a->contact[j];
			const char *v[5] = { c->name, c->unit, c->title,
			    c->phone, c->email };
			size_t	 k;

			for (k = 0; k < tb.ncol; k++)
				tb.cell[r * tb.ncol + k] = k < 5 &&
				    v[k] != NULL ? v[k] : "";
		}
	}
	lay_tbl_place(&L, &tb, pg, y, &num);
	for (i = 0; i < nown; i++)
		free(own[i]);
	free(own);
	free(tb.head);
	free(tb.cell);
	free(tb.span);
	free(tb.align);
	free(cols);
	L.out->nletter = L.out->npage;
	if (L.toolong) {
		layout_free(L.out);
		return NULL;
	}
	lay_flip(L.out);
	return L.out;
}
