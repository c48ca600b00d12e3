/* Every check of a run, once, in one order: check_run (check.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/msg.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "check/check.h"
#include "layout/layout.h"
#include "load/dispatch.h"
#include "load/doc.h"
#include "load/focal.h"
#include "load/rows.h"
#include "load/tmpl.h"
#include "merge/letter.h"
#include "merge/merge.h"

/* A recipient in folded form and its row, for sorting. */
struct folded {
	char	*f;
	size_t	 row;
};

static int
folded_cmp(const void *a, const void *b)
{
	const struct folded *x = a, *y = b;
	int	 c = strcmp(x->f, y->f);

	return c != 0 ? c : (x->row > y->row) - (x->row < y->row);
}

/*
 * Two rows with the same recipient (after NFC, case and space folding,
 * as focal_points.csv is matched) make two letters to one agency, and
 * two register entries: a warning at each later row.
 */
static void
twice_warn(const struct inputs *in)
{
	struct folded	*v;
	size_t		 n = in->rows->nrow, i, k;

	v = xcalloc(n + 1, sizeof(*v));
	for (i = 0; i < n; i++) {
		v[i].f = text_fold(in->rcpt[i]);
		v[i].row = i;
	}
	qsort(v, n, sizeof(*v), folded_cmp);
	for (k = 0, i = 1; i < n; i++) {
		if (strcmp(v[k].f, v[i].f) != 0)
			k = i;		/* the first row of a new name */
		else if (v[i].f[0] != '\0')
			MSGT(CHECK_SAME_RECIPIENT_LINE_WOULD, in->rows->file,
			    in->rows->row[v[i].row].line, 0,
			    in->rows->row[v[k].row].line, in->rcpt[v[k].row]);
	}
	for (i = 0; i < n; i++)
		free(v[i].f);
	free(v);
}

/* Report characters the font lacks, once per code point (LIBS.md §6). */
struct glyphs {
	const struct metrics *m;
	uint32_t	*seen;
	size_t		 nseen, maxseen;
	int		 errors;
};

static void
glyph_check(struct glyphs *g, const char *s, const char *file, size_t line)
{
	size_t		 k, len = strlen(s), i;
	uint32_t	 cp;
	char		 ch[5];

	for (; len > 0; s += k, len -= k) {
		k = text_decode(s, len, &cp);
		if (k == 0)
			break;
		if (cp == '\n' || cp == '\t' || cp == '\r' ||
		    g->m->covers(g->m->arg, cp))
			continue;
		for (i = 0; i < g->nseen; i++)
			if (g->seen[i] == cp)
				break;
		if (i < g->nseen)
			continue;
		if (g->nseen == g->maxseen) {
			g->maxseen = g->maxseen ? g->maxseen * 2 : 16;
			g->seen = xreallocarray(g->seen, g->maxseen,
			    sizeof(*g->seen));
		}
		g->seen[g->nseen++] = cp;
		memcpy(ch, s, k);
		ch[k] = '\0';
		if (cp > 0xFFFF)
			MSGT(CHECK_CHARACTER_NOT_IN_FONT_BMP, file, line, 0,
			    ch, (unsigned)cp, g->m->family);
		else
			MSGT(CHECK_CHARACTER_NOT_IN_FONT, file, line, 0, ch,
			    (unsigned)cp, g->m->family);
		g->errors++;
	}
}

/* Every string a letter prints, against the font. */
static int
check_glyphs(const struct inputs *in, const struct metrics *m)
{
	struct glyphs	 g;
	const struct dispatch *d = in->d;
	const struct dnode *n;
	size_t		 i, j;
	int		 c;

	memset(&g, 0, sizeof(g));
	g.m = m;
	if (in->t != NULL) {
		const struct tmpl *t = in->t;
		const char *const ts[] = { t->so_label, t->trich_yeu_label,
		    t->quoc_hieu_text, t->tieu_ngu_text, t->kinh_gui_label,
		    t->bullet, t->nn_label, t->pl_label_text, t->pl_ref_text,
		    t->blank, t->db_title_text, t->db_replied,
		    t->db_deadline, t->db_no_reply, t->db_columns };

		for (i = 0; i < sizeof(ts) / sizeof(ts[0]); i++)
			glyph_check(&g, ts[i], in->tpath, 0);
	}
	if (d == NULL)
		goto rows;
	for (i = 0; i < FM__SCALARS; i++)
		if (d->f[i].text != NULL)
			glyph_check(&g, d->f[i].text, d->file, d->f[i].line);
	for (i = 0; i < d->kinh_gui.n; i++)
		glyph_check(&g, d->kinh_gui.v[i].text, d->file,
		    d->kinh_gui.v[i].line);
	for (i = 0; i < d->noi_nhan.n; i++)
		glyph_check(&g, d->noi_nhan.v[i].text, d->file,
		    d->noi_nhan.v[i].line);
	if (d->pl_tieu_de.text != NULL)
		glyph_check(&g, d->pl_tieu_de.text, d->file,
		    d->pl_tieu_de.line);
	for (n = d->body->root; n != NULL; n = dnode_next(n, NULL))
		if (n->type == DNODE_TEXT)
			glyph_check(&g, n->text, d->file, n->line);
rows:
	for (i = 0; in->dir != NULL && i < in->dir->nagency; i++)
		for (j = 0; j < in->dir->agency[i].ncontact; j++) {
			const struct contact *k = &in->dir->agency[i].contact[j];
			const char *v[5] = { k->name, k->unit, k->title,
			    k->phone, k->email };

			for (c = 0; c < 5; c++)
				if (v[c] != NULL)
					glyph_check(&g, v[c], in->fpath,
					    k->line);
		}
	for (c = 0; in->rows != NULL && c < (int)in->rows->ncol; c++) {
		glyph_check(&g, in->rows->header[c], in->rows->file, 1);
		for (j = 0; j < in->rows->nrow; j++)
			glyph_check(&g, in->rows->row[j].cell[c],
			    in->rows->file, in->rows->row[j].line);
	}
	free(g.seen);
	return g.errors;
}

/*
 * The page limit (README "Limits"), checked before anything is written:
 * every letter of rows [from, to) is laid out (no PDF) and one over
 * LAYOUT_MAX_PAGES is an error at its row; then the directory.  Returns
 * the number of errors.
 */
static int
check_pages(const struct inputs *in, const struct check_env *env)
{
	const struct dispatch *d = in->d;
	struct letter	*l;
	struct layout	*lo;
	size_t		 i, to;
	int		 errors = 0;

	to = env->to != 0 ? env->to : in->rows->nrow;
	for (i = env->from; i < to; i++) {
		if (env->fits != NULL && env->fits(env->fits_arg, in, i))
			continue;
		l = letter_new(d, in->rows, i, in->t, env->issue);
		if ((lo = layout_letter(l, in->t, env->metrics, env->memo)) ==
		    NULL) {
			MSGT(CHECK_LETTER_ROW_WOULD_HAVE, in->rows->file,
			    in->rows->row[i].line, 0, LAYOUT_MAX_PAGES,
			    d->file);
			errors++;
		}
		layout_free(lo);
		letter_free(l);
	}
	if (in->dir != NULL && env->directory) {
		if ((lo = layout_directory(in->dir, d, in->t, env->metrics)) ==
		    NULL) {
			MSGT(CHECK_DIRECTORY_DANH_BA_WOULD, d->file,
			    d->db_tieu_de.line, 0, LAYOUT_MAX_PAGES,
			    in->rows->nrow, in->rows->file);
			errors++;
		}
		layout_free(lo);
	}
	return errors;
}

int
check_run(struct inputs *in, const struct check_env *env, int loaded_errors)
{
	const struct dispatch *d = in->d;
	const struct rows *t = in->rows;
	int		 errors = loaded_errors;
	size_t		 i, ncol;
	int		 y;

	if (d != NULL && t != NULL && merge_check(d, t) > 0)
		errors++;
	else if (d != NULL && t != NULL && d->kinh_gui.n > 0) {
		/* The letters' recipients; the focal points are checked
		 * against them in this same run. */
		in->rcpt = xcalloc(t->nrow + 1, sizeof(char *));
		for (i = 0; i < t->nrow; i++)
			in->rcpt[i] = merge_text(d->kinh_gui.v[0].text, d, t,
			    &t->row[i]);
		twice_warn(in);
		if (d->has_danh_ba && in->fpath != NULL) {
			in->dir = directory_load(in->fpath, in->rcpt, t->nrow);
			if (in->dir == NULL)
				errors++;
		}
	}
	if (d != NULL && d->errors == 0 && d->has_phu_luc &&
	    d->f[FM_CO_QUAN_CHU_THUONG].text == NULL)
		MSGT(CHECK_PHU_LUC_WITHOUT_CO, d->file, d->pl_tieu_de.line, 0,
		    d->oneline[FM_CO_QUAN]);
	y = d != NULL ? letter_ngay(d, env->issue).y : 0;
	if (d != NULL && d->errors == 0 && y == 0 && d->nam == 0 &&
	    d->ngay.y == 0) {
		MSGT(CHECK_DRAFT_WITHOUT_NGAY_NEEDS, d->file, d->close_line, 0);
		errors++;
	}
	if (d != NULL && d->errors == 0 && d->nam != 0 && y != 0 &&
	    y != d->nam)
		MSGT(CHECK_NAM_BUT_LETTER_DATED, d->file, d->f[FM_NAM].line, 0,
		    d->nam, y, y);
	if (d != NULL && t != NULL && d->has_phu_luc &&
	    (ncol = d->pl_cot.n > 0 ? d->pl_cot.n : t->ncol) >
	    PHU_LUC_MAX_COLS) {
		MSGT(CHECK_APPENDIX_WOULD_PRINT_COLUMNS, d->file,
		    d->pl_tieu_de.line, 0, ncol, PHU_LUC_MAX_COLS);
		errors++;
	}
	if (env->metrics != NULL && check_glyphs(in, env->metrics) > 0)
		errors++;
	/* The page limit last: it lays out, which needs all of the above. */
	if (errors == 0 && env->pages && env->metrics != NULL &&
	    in->t != NULL &&
	    d != NULL && t != NULL)
		errors += check_pages(in, env);
	return errors;
}

void
inputs_release(struct inputs *in)
{
	size_t	 i;

	if (in->rcpt != NULL && in->rows != NULL)
		for (i = 0; i < in->rows->nrow; i++)
			free(in->rcpt[i]);
	free(in->rcpt);
	in->rcpt = NULL;
	directory_free(in->dir);
	in->dir = NULL;
}
