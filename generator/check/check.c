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

/* Cell c (Họ và tên, Đơn vị, Chức danh, Điện thoại, E-mail) of the
 * contact at line of focal_points.csv; "" when none. */
static const char *
contact_cell(const struct directory *dy, size_t line, size_t c)
{
	size_t	 i, j;

	for (i = 0; i < dy->nagency; i++)
		for (j = 0; j < dy->agency[i].ncontact; j++) {
			const struct contact *k = &dy->agency[i].contact[j];
			const char *v[5] = { k->name, k->unit, k->title,
			    k->phone, k->email };

			if (k->line == line)
				return c < 5 && v[c] != NULL ? v[c] : "";
		}
	return "";
}

/* pt to mm, for messages. */
#define MM(pt)	((pt) * 25.4 / 72)

/* At most the first 40 characters of s[0..len), with "…" when cut;
 * caller frees. */
static char *
word_quote(const char *s, size_t len)
{
	size_t	 n = 0, k, chars = 0;
	uint32_t cp;

	while (n < len && chars < 40 && (k = text_decode(s + n, len - n,
	    &cp)) > 0) {
		n += k;
		chars++;
	}
	return n < len ? xasprintf("%.*s…", (int)n, s) :
	    xasprintf("%.*s", (int)n, s);
}

/*
 * The appendix's columns against the page (issue 13), before anything
 * is written: when their minimum widths (layout_appendix_fit: the
 * widest word, number or unbreakable piece of each, with padding) add
 * up to more than the type area, some word would be cut inside a
 * syllable: an error at the header of the column that needs the most.
 * A word wider than the type area itself, with no break opportunity,
 * is cut between characters whatever the columns: a warning at its
 * line.  Returns the number of errors.
 */
static int
check_appendix_fit(const struct inputs *in, const struct metrics *m)
{
	const struct dispatch *d = in->d;
	const struct rows *rs = in->rows;
	struct tbl_fit	*fit;
	int		*cols;
	size_t		 ncol, c, worst = 0, line;
	double		 w, sum = 0;
	const char	*cell;
	char		*q;
	int		 errors = 0;

	ncol = d->pl_cot.n > 0 ? d->pl_cot.n : rs->ncol;
	cols = xcalloc(ncol, sizeof(int));
	fit = xcalloc(ncol, sizeof(*fit));
	for (c = 0; c < ncol; c++)
		if ((cols[c] = d->pl_cot.n > 0 ? rows_col(rs,
		    d->pl_cot.v[c].text) : (int)c) < 0)
			goto out;	/* reported by merge_check */
	w = layout_appendix_fit(rs, cols, ncol, in->t, m, fit);
	for (c = 0; c < ncol; c++) {
		sum += fit[c].need;
		if (fit[c].need > fit[worst].need)
			worst = c;
		if (fit[c].cut_len == 0)
			continue;
		cell = fit[c].cut_row == 0 ? rs->header[cols[c]] :
		    rs->row[fit[c].cut_row - 1].cell[cols[c]];
		line = fit[c].cut_row == 0 ? rs->hline[cols[c]] :
		    rs->row[fit[c].cut_row - 1].line;
		q = word_quote(cell + fit[c].cut_off, fit[c].cut_len);
		MSGT(CHECK_APPENDIX_WORD_CUT, rs->file, line, 0, q,
		    rs->header[cols[c]], MM(w), d->file);
		free(q);
	}
	if (sum > w + 1e-6) {
		c = worst;
		cell = fit[c].row == 0 ? rs->header[cols[c]] :
		    rs->row[fit[c].row - 1].cell[cols[c]];
		q = word_quote(cell + fit[c].off, fit[c].len);
		MSGT(CHECK_APPENDIX_COLUMNS_TOO_WIDE, rs->file,
		    rs->hline[cols[c]], rs->hcol[cols[c]], ncol, MM(w),
		    MM(sum), rs->header[cols[c]], MM(fit[c].need), q, d->file);
		free(q);
		errors++;
	}
out:
	free(cols);
	free(fit);
	return errors;
}

/* The directory's header names, split at "|"; caller frees *buf. */
static const char *
dir_head(const struct tmpl *t, size_t c, char **buf)
{
	char	*p, *e;
	size_t	 i;

	*buf = xstrdup(t->db_columns);
	for (p = *buf, i = 0; i < c && (e = strchr(p, '|')) != NULL; i++)
		p = e + 1;
	p[strcspn(p, "|")] = '\0';
	return p;
}

/*
 * The directory's columns, as check_appendix_fit checks the appendix's;
 * its words are the focal points' (focal_points.csv) and its columns
 * fixed, so when they cannot fit, the error is at the line of each
 * column's widest word that is wider than an equal share of the page.
 * Returns the number of errors.
 */
static int
check_directory_fit(const struct inputs *in, const struct metrics *m)
{
	struct tbl_fit	*fit;
	size_t		 ncol, c;
	double		 w, sum = 0;
	const struct directory *dy = in->dir;
	const char	*cell, *h;
	char		*q, *hb;
	int		 errors = 0;

	fit = layout_directory_fit(dy, in->t, m, &ncol, &w);
	for (c = 0; c < ncol; c++) {
		sum += fit[c].need;
		if (fit[c].cut_len == 0 || fit[c].cut_row == 0)
			continue;
		cell = contact_cell(dy, fit[c].cut_row, c);
		q = word_quote(cell + fit[c].cut_off, fit[c].cut_len);
		h = dir_head(in->t, c, &hb);
		MSGT(CHECK_DIRECTORY_WORD_CUT, in->fpath, fit[c].cut_row, 0, q,
		    h, MM(w));
		free(hb);
		free(q);
	}
	/* Every column wider than its share: with all of them within it,
	 * the columns fit, so the advice works when followed. */
	for (c = 0; sum > w + 1e-6 && c < ncol; c++) {
		if (fit[c].need <= w / ncol)
			continue;
		cell = fit[c].row > 0 ? contact_cell(dy, fit[c].row, c) : NULL;
		h = dir_head(in->t, c, &hb);
		q = word_quote(cell != NULL ? cell + fit[c].off : h +
		    fit[c].off, fit[c].len);
		MSGT(CHECK_DIRECTORY_COLUMNS_TOO_WIDE, cell != NULL ?
		    in->fpath : in->tpath, fit[c].row, 0, q, h,
		    MM(fit[c].need), ncol, MM(w), MM(sum),
		    MM(w / ncol - 2 * in->t->cell_pad));
		free(hb);
		free(q);
		errors++;
	}
	free(fit);
	return errors;
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
	struct layout_fault f;
	size_t		 i, to;
	int		 errors = 0;

	to = env->to != 0 ? env->to : in->rows->nrow;
	for (i = env->from; i < to; i++) {
		if (env->fits != NULL && env->fits(env->fits_arg, in, i))
			continue;
		l = letter_new(d, in->rows, i, in->t, env->issue);
		if ((lo = layout_letter(l, in->t, env->metrics, env->memo,
		    &f)) == NULL) {
			if (f.why == LAYOUT_HEADER) {
				/* The same header in every letter: once. */
				MSGT(CHECK_HEADER_TOO_TALL, d->file,
				    d->f[FM_TRICH_YEU].line, 0);
				errors++;
				letter_free(l);
				break;
			}
			if (f.why == LAYOUT_OUTSIDE)
				MSGT(CHECK_LETTER_OUTSIDE, in->rows->file,
				    in->rows->row[i].line, 0, f.text, f.page,
				    d->file);
			else
				MSGT(CHECK_LETTER_ROW_WOULD_HAVE,
				    in->rows->file, in->rows->row[i].line, 0,
				    LAYOUT_MAX_PAGES, d->file);
			errors++;
		}
		layout_free(lo);
		letter_free(l);
	}
	if (in->dir != NULL && env->directory) {
		if ((lo = layout_directory(in->dir, d, in->t, env->metrics,
		    &f)) == NULL) {
			if (f.why == LAYOUT_HEADER)
				MSGT(CHECK_DIRECTORY_HEADER_TOO_TALL, d->file,
				    d->f[FM_CO_QUAN].line, 0);
			else if (f.why == LAYOUT_OUTSIDE)
				MSGT(CHECK_DIRECTORY_OUTSIDE, d->file,
				    d->db_tieu_de.line, 0, f.text, f.page,
				    d->file);
			else
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
	size_t		 i, ncol = 0;
	int		 y;

	if (d != NULL && t != NULL && merge_check(d, t) > 0)
		errors++;
	else if (d != NULL && t != NULL && d->kinh_gui.n > 0) {
		/* The letters' recipients, each letter's own: the first
		 * kinh_gui entry with a placeholder (a fixed entry before
		 * it, "Sở Tài chính", names no one letter), else the first.
		 * Files are named after them, rows compared, and the focal
		 * points checked against them in this same run. */
		size_t	 k;

		for (k = 0; k < d->kinh_gui.n &&
		    strstr(d->kinh_gui.v[k].text, "{{") == NULL; k++)
			;
		if (k == d->kinh_gui.n)
			k = 0;
		in->rcpt = xcalloc(t->nrow + 1, sizeof(char *));
		for (i = 0; i < t->nrow; i++)
			in->rcpt[i] = merge_text(d->kinh_gui.v[k].text, d, t,
			    &t->row[i]);
		twice_warn(in);
		if (d->has_danh_ba && in->fpath != NULL) {
			in->dir = directory_load(in->fpath, in->rcpt, t->nrow);
			if (in->dir == NULL)
				errors++;
		}
	}
	if (d != NULL && d->errors == 0 && d->has_phu_luc &&
	    d->f[FM_CO_QUAN_CHU_THUONG].text == NULL) {
		MSGT(CHECK_PHU_LUC_WITHOUT_CO, d->file, d->pl_tieu_de.line, 0,
		    d->oneline[FM_CO_QUAN]);
	}
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
	/* The appendix's widths after the glyphs: it measures them. */
	if (env->metrics != NULL && in->t != NULL && d != NULL &&
	    d->errors == 0 && t != NULL && d->has_phu_luc && ncol <=
	    PHU_LUC_MAX_COLS)
		errors += check_appendix_fit(in, env->metrics);
	if (env->metrics != NULL && in->t != NULL && in->dir != NULL)
		errors += check_directory_fit(in, env->metrics);
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
