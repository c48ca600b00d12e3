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

/* What dir_tbl makes besides the table, for dir_tbl_free. */
struct dtbl {
	char		*cols;		/* the template's headers, split */
	char		**own;		/* "1. Bộ …" heading rows */
	size_t		 nown;
	size_t		*line;		/* per table row: its contact's line in
					   focal_points.csv, 0 for a heading */
};

/* The directory's table: a heading row per agency in appendix order,
 * then its contacts or the "no reply" note; columns from the template. */
static void
dir_tbl(const struct directory *dy, const struct tmpl *t, struct tbl *tb,
    struct dtbl *dt)
{
	size_t		 nrow = 0, r = 0, i, j;
	char		*p;

	memset(tb, 0, sizeof(*tb));
	memset(dt, 0, sizeof(*dt));
	dt->cols = xstrdup(t->db_columns);
	for (p = dt->cols, tb->ncol = 1; *p != '\0'; p++)
		tb->ncol += *p == '|';
	tb->head = xcalloc(tb->ncol, sizeof(char *));
	for (p = dt->cols, i = 0; i < tb->ncol; i++) {
		tb->head[i] = p;
		p += strcspn(p, "|");
		if (*p == '|')
			*p++ = '\0';
	}
	for (i = 0; i < dy->nagency; i++)
		nrow += 1 + (dy->agency[i].ncontact > 0 ?
		    dy->agency[i].ncontact : 1);
	tb->nrow = nrow;
	tb->cell = xcalloc(nrow * tb->ncol + 1, sizeof(char *));
	tb->span = xcalloc(nrow + 1, 1);
	tb->align = xcalloc(tb->ncol, 1);	/* TBL_LEFT */
	dt->line = xcalloc(nrow + 1, sizeof(size_t));
	dt->own = xcalloc(dy->nagency + 1, sizeof(char *));
	tb->st = &t->db_table;
	tb->hst = &t->db_table_head;
	tb->sst = &t->db_section;
	tb->nst = &t->db_note;
	for (i = 0; i < dy->nagency; i++) {
		const struct agency *a = &dy->agency[i];

		dt->own[dt->nown] = xasprintf("%zu. %s", i + 1, a->name);
		tb->span[r] = 1;
		tb->cell[r++ * tb->ncol] = dt->own[dt->nown++];
		if (a->ncontact == 0) {
			tb->span[r] = 2;
			tb->cell[r++ * tb->ncol] = t->db_no_reply;
			continue;
		}
		for (j = 0; j < a->ncontact; j++, r++) {
			const struct contact *c = &a->contact[j];
			const char *v[5] = { c->name, c->unit, c->title,
			    c->phone, c->email };
			size_t	 k;

			dt->line[r] = c->line;
			for (k = 0; k < tb->ncol; k++)
				tb->cell[r * tb->ncol + k] = k < 5 &&
				    v[k] != NULL ? v[k] : "";
		}
	}
}

static void
dir_tbl_free(struct tbl *tb, struct dtbl *dt)
{
	size_t	 i;

	for (i = 0; i < dt->nown; i++)
		free(dt->own[i]);
	free(dt->own);
	free(dt->line);
	free(dt->cols);
	free(tb->head);
	free(tb->cell);
	free(tb->span);
	free(tb->align);
}

/* The type area's width of the directory's pages, pt. */
static double
dir_width(const struct tmpl *t)
{
	int	 land = strcmp(t->db_orientation, "landscape") == 0;

	return (land ? t->page_h : t->page_w) - t->left - t->right;
}

struct tbl_fit *
layout_directory_fit(const struct directory *dy, const struct tmpl *t,
    const struct metrics *m, size_t *ncol, double *w)
{
	struct lay	 L;
	struct tbl	 tb;
	struct dtbl	 dt;
	struct tbl_fit	*fit;
	size_t		 c;

	memset(&L, 0, sizeof(L));
	L.t = t;
	L.m = m;
	L.w = *w = dir_width(t);
	dir_tbl(dy, t, &tb, &dt);
	fit = xcalloc(tb.ncol, sizeof(*fit));
	for (c = 0; c < tb.ncol; c++) {
		lay_tbl_fit(&L, &tb, c, &fit[c]);
		if (fit[c].row > 0)
			fit[c].row = dt.line[fit[c].row - 1];
		if (fit[c].cut_len > 0 && fit[c].cut_row > 0)
			fit[c].cut_row = dt.line[fit[c].cut_row - 1];
	}
	*ncol = tb.ncol;
	dir_tbl_free(&tb, &dt);
	return fit;
}

struct layout *
layout_directory(const struct directory *dy, const struct dispatch *d,
    const struct tmpl *t, const struct metrics *m, struct layout_fault *fault)
{
	struct lay	 L;
	struct tbl	 tb;
	struct dtbl	 dt;
	struct page	*pg;
	char		*up, *sum, *han = NULL;
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
	L.w = dir_width(t);
	L.ybot = L.out->height - t->bottom;
	pg = lay_page_new(&L);

	/* The agency, as in the letter's header (ô 1). */
	lcx = L.x0 + t->hdr_left_w / 2;
	y = lay_agency_block(&L, pg, d->f[FM_CO_QUAN_CHU_QUAN].text,
	    d->f[FM_CO_QUAN].text, lcx, t->hdr_left_w);
	if (y > L.ybot) {
		if (fault != NULL)
			fault->why = LAYOUT_HEADER;
		layout_free(L.out);
		return NULL;
	}

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
	dir_tbl(dy, t, &tb, &dt);
	lay_tbl_place(&L, &tb, pg, y, &num);
	dir_tbl_free(&tb, &dt);
	L.out->nletter = L.out->npage;
	return lay_finish(&L, fault);
}
