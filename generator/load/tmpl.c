/* Read templates/cong-van.yaml into struct tmpl: every key typed and range-checked. */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/msg.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "load/tmpl.h"
#include "load/ytree.h"

enum tkind {
	T_MM,		/* length in mm, stored in pt */
	T_PT,		/* length in pt */
	T_NUM,		/* plain number */
	T_COUNT,	/* whole number */
	T_STR,		/* text */
	T_STYLE,	/* { size: pt, face: regular|bold|italic|bold_italic } */
	T_LIST,		/* a list of texts, stored in capitals (struct tlist);
			   max: words per entry */
};

struct tkey {
	const char	*path;		/* dotted path in the file */
	enum tkind	 kind;
	size_t		 off;		/* offset in struct tmpl */
	double		 min, max;	/* allowed range (size for T_STYLE) */
	const char	*rule;		/* source of the range, for messages */
};

#define O(f)	offsetof(struct tmpl, f)
#define ND	"Decree 30 Phụ lục I"

/* Ranges: FORMAT.md §1 (margins) and §3 (sizes). */
static const struct tkey keys[] = {
	{ "page.width_mm", T_MM, O(page_w), 100, 500, NULL },
	{ "page.height_mm", T_MM, O(page_h), 100, 500, NULL },
	{ "page.margin_top_mm", T_MM, O(top), 20, 25, ND },
	{ "page.margin_bottom_mm", T_MM, O(bottom), 20, 25, ND },
	{ "page.margin_left_mm", T_MM, O(left), 30, 35, ND },
	{ "page.margin_right_mm", T_MM, O(right), 15, 20, ND },
	{ "fonts.package", T_STR, O(font_package), 0, 0, NULL },
	{ "fonts.regular", T_STR, O(font[FACE_REGULAR]), 0, 0, NULL },
	{ "fonts.bold", T_STR, O(font[FACE_BOLD]), 0, 0, NULL },
	{ "fonts.italic", T_STR, O(font[FACE_ITALIC]), 0, 0, NULL },
	{ "fonts.bold_italic", T_STR, O(font[FACE_BOLDITALIC]), 0, 0, NULL },
	{ "text.leading", T_NUM, O(leading), 1.0, 1.5 * 1.15, ND },
	{ "text.rule_width_pt", T_PT, O(rule_width), 0.2, 2, NULL },
	{ "text.blank", T_STR, O(blank), 0, 0, NULL },
	{ "header.left_width_mm", T_MM, O(hdr_left_w), 40, 110, NULL },
	{ "header.co_quan_chu_quan", T_STYLE, O(chu_quan), 12, 13, ND },
	{ "header.co_quan", T_STYLE, O(co_quan), 12, 13, ND },
	{ "header.co_quan_rule", T_NUM, O(co_quan_rule), 1.0 / 3, 0.5, ND },
	{ "header.so", T_STYLE, O(so), 13, 13, ND },
	{ "header.so_label", T_STR, O(so_label), 0, 0, NULL },
	{ "header.trich_yeu", T_STYLE, O(trich_yeu), 12, 13, ND },
	{ "header.trich_yeu_label", T_STR, O(trich_yeu_label), 0, 0, NULL },
	{ "header.trich_yeu_gap_pt", T_PT, O(trich_yeu_gap), 0, 30, ND },
	{ "header.quoc_hieu", T_STYLE, O(quoc_hieu), 12, 13, ND },
	{ "header.quoc_hieu_text", T_STR, O(quoc_hieu_text), 0, 0, NULL },
	{ "header.tieu_ngu", T_STYLE, O(tieu_ngu), 13, 14, ND },
	{ "header.tieu_ngu_text", T_STR, O(tieu_ngu_text), 0, 0, NULL },
	{ "header.dia_danh", T_STYLE, O(dia_danh), 13, 14, ND },
	{ "header.rule_gap_pt", T_PT, O(rule_gap), 1, 20, NULL },
	{ "header.so_gap_pt", T_PT, O(so_gap), 0, 60, NULL },
	{ "kinh_gui.style", T_STYLE, O(kinh_gui), 13, 14, ND },
	{ "kinh_gui.label", T_STR, O(kinh_gui_label), 0, 0, NULL },
	{ "kinh_gui.x_mm", T_MM, O(kinh_gui_x), 0, 80, NULL },
	{ "kinh_gui.gap_pt", T_PT, O(kinh_gui_gap), 0, 60, NULL },
	{ "body.style", T_STYLE, O(body), 13, 14, ND },
	{ "body.indent_mm", T_MM, O(indent), 10, 12.7, ND },
	{ "body.paragraph_gap_pt", T_PT, O(para_gap), 6, 30, ND },
	{ "body.gap_pt", T_PT, O(body_gap), 0, 60, NULL },
	{ "body.bullet", T_STR, O(bullet), 0, 0, NULL },
	{ "body.word_gap_min", T_NUM, O(gap_min), 0.5, 1, NULL },
	{ "body.word_gap_max", T_NUM, O(gap_max), 1.5, 5, NULL },
	{ "noi_nhan.width_mm", T_MM, O(nn_w), 40, 100, NULL },
	{ "noi_nhan.label", T_STR, O(nn_label), 0, 0, NULL },
	{ "noi_nhan.label_style", T_STYLE, O(nn_head), 12, 12, ND },
	{ "noi_nhan.entry_style", T_STYLE, O(nn_entry), 11, 11, ND },
	{ "chu_ky.style", T_STYLE, O(sign), 13, 14, ND },
	{ "chu_ky.space_mm", T_MM, O(sign_space), 10, 60, NULL },
	{ "chu_ky.gap_pt", T_PT, O(bottom_gap), 0, 60, NULL },
	{ "chu_ky.keep_lines", T_COUNT, O(keep_lines), 1, 10, NULL },
	{ "chu_ky.image_width_mm", T_MM, O(ck_w), 20, 100, NULL },
	{ "chu_ky.image_height_mm", T_MM, O(ck_h), 5, 60, NULL },
	{ "chu_ky.ink", T_STR, O(ck_ink_text), 0, 0, NULL },
	{ "dau.diameter_mm", T_MM, O(dau_d), 20, 60, NULL },
	{ "dau.overlap", T_NUM, O(dau_overlap), 0.2, 0.5, ND },
	{ "dau.ink", T_STR, O(dau_ink_text), 0, 0, NULL },
	{ "page_number.style", T_STYLE, O(page_no), 13, 14, ND },
	{ "header_breaks.units", T_LIST, O(brk_units), 0, 12, NULL },
	{ "header_breaks.places", T_LIST, O(brk_places), 0, 12, NULL },
	{ "header_breaks.joins", T_LIST, O(brk_joins), 0, 1, NULL },
	{ "header_breaks.other_break", T_NUM, O(brk_other), 0, 10, NULL },
	{ "phu_luc.label", T_STR, O(pl_label_text), 0, 0, NULL },
	{ "phu_luc.label_style", T_STYLE, O(pl_label), 13, 14, ND },
	{ "phu_luc.title_style", T_STYLE, O(pl_title), 13, 14, ND },
	{ "phu_luc.reference", T_STR, O(pl_ref_text), 0, 0, NULL },
	{ "phu_luc.reference_style", T_STYLE, O(pl_ref), 13, 14, ND },
	{ "phu_luc.table_style", T_STYLE, O(tbl), 10, 14, NULL },
	{ "phu_luc.table_header_style", T_STYLE, O(tbl_head), 10, 14, NULL },
	{ "phu_luc.cell_padding_pt", T_PT, O(cell_pad), 0, 12, NULL },
	{ "phu_luc.gap_pt", T_PT, O(tbl_gap), 0, 60, NULL },
	{ "phu_luc.serial_columns", T_STR, O(pl_serial), 0, 0, NULL },
	{ "danh_ba.orientation", T_STR, O(db_orientation), 0, 0, NULL },
	{ "danh_ba.title", T_STR, O(db_title_text), 0, 0, NULL },
	{ "danh_ba.title_style", T_STYLE, O(db_title), 13, 14, ND },
	{ "danh_ba.summary_style", T_STYLE, O(db_summary), 12, 14, NULL },
	{ "danh_ba.replied", T_STR, O(db_replied), 0, 0, NULL },
	{ "danh_ba.deadline", T_STR, O(db_deadline), 0, 0, NULL },
	{ "danh_ba.no_reply", T_STR, O(db_no_reply), 0, 0, NULL },
	{ "danh_ba.columns", T_STR, O(db_columns), 0, 0, NULL },
	{ "danh_ba.table_style", T_STYLE, O(db_table), 10, 14, NULL },
	{ "danh_ba.table_header_style", T_STYLE, O(db_table_head), 10, 14,
	    NULL },
	{ "danh_ba.agency_style", T_STYLE, O(db_section), 10, 14, NULL },
	{ "danh_ba.no_reply_style", T_STYLE, O(db_note), 10, 14, NULL },
	{ "so_dang_ky.title", T_STR, O(rb_title_text), 0, 0, NULL },
	{ "so_dang_ky.title_style", T_STYLE, O(rb_title), 13, 40, NULL },
	{ "so_dang_ky.year_style", T_STYLE, O(rb_year_st), 12, 20, NULL },
	{ "so_dang_ky.cover_style", T_STYLE, O(rb_cover), 12, 20, NULL },
	{ "so_dang_ky.year", T_STR, O(rb_year), 0, 0, NULL },
	{ "so_dang_ky.from_date", T_STR, O(rb_from_date), 0, 0, NULL },
	{ "so_dang_ky.to_date", T_STR, O(rb_to_date), 0, 0, NULL },
	{ "so_dang_ky.from_number", T_STR, O(rb_from_no), 0, 0, NULL },
	{ "so_dang_ky.to_number", T_STR, O(rb_to_no), 0, 0, NULL },
	{ "so_dang_ky.volume", T_STR, O(rb_volume), 0, 0, NULL },
	{ "so_dang_ky.series", T_STR, O(rb_series), 0, 0, NULL },
	{ "so_dang_ky.columns", T_STR, O(rb_columns), 0, 0, NULL },
	{ "so_dang_ky.column_widths", T_STR, O(rb_widths_text), 0, 0, NULL },
	{ "so_dang_ky.table_style", T_STYLE, O(rb_table), 10, 14, NULL },
	{ "so_dang_ky.table_header_style", T_STYLE, O(rb_table_head), 10, 14,
	    NULL },
	{ "so_dang_ky.number_style", T_STYLE, O(rb_number), 10, 14, NULL },
};

#define NKEYS	(sizeof(keys) / sizeof(keys[0]))

static const char *const face_names[FACE__MAX] = {
	"regular",	/* FACE_REGULAR */
	"bold",		/* FACE_BOLD */
	"italic",	/* FACE_ITALIC */
	"bold_italic",	/* FACE_BOLDITALIC */
};

/* Node at a dotted path, or NULL. */
static const struct ynode *
lookup(const struct ynode *root, const char *path)
{
	char		 part[64];
	const char	*dot;
	const struct ynode *n = root;

	while (n != NULL && *path != '\0') {
		dot = strchr(path, '.');
		if (dot == NULL)
			dot = path + strlen(path);
		if ((size_t)(dot - path) >= sizeof(part))
			return NULL;
		memcpy(part, path, dot - path);
		part[dot - path] = '\0';
		n = ynode_get(n, part);
		path = *dot == '.' ? dot + 1 : dot;
	}
	return n;
}

static int
number(const char *file, const struct ynode *n, const struct tkey *k,
    double min, double max, double *out)
{
	char	*end;
	double	 v;

	if (n->type != YNODE_SCALAR) {
		MSGT(TMPL_MUST_NUMBER_NOT, file, n->line, n->col, k->path,
		    ynode_kind(n));
		return -1;
	}
	errno = 0;
	v = strtod(n->value, &end);
	if (n->value[0] == '\0' || *end != '\0' || errno != 0) {
		MSGT(TMPL_MUST_NUMBER, file, n->line, n->col, k->path,
		    n->value);
		return -1;
	}
	if (v < min - 1e-9 || v > max + 1e-9) {
		if (k->rule != NULL)
			MSGT(TMPL_OUTSIDE_RULE, file, n->line, n->col,
			    k->path, n->value, min, max, k->rule);
		else
			MSGT(TMPL_OUTSIDE, file, n->line, n->col, k->path,
			    n->value, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

/*
 * A T_LIST: a YAML list of non-empty texts of at most k->max words (a
 * unit longer than 12 words is no unit; a join is one word), each
 * stored in capitals with its words one space apart (the header's names
 * are matched in capitals, word by word).
 */
static int
tlist(const char *file, const struct ynode *n, const struct tkey *k,
    struct tlist *l)
{
	const struct ynode *e;
	char		*up, *p, *q;
	size_t		 i = 0, nw;
	int		 errors = 0;

	if (n->type != YNODE_SEQ) {
		MSGT(DISPATCH_MUST_LIST, file, n->line, n->col, k->path,
		    ynode_kind(n));
		return -1;
	}
	for (e = n->child; e != NULL; e = e->next)
		i++;
	l->v = xcalloc(i + 1, sizeof(*l->v));
	for (e = n->child; e != NULL; e = e->next) {
		if (e->type != YNODE_SCALAR) {
			MSGT(DISPATCH_EACH_ENTRY_MUST_TEXT, file, e->line,
			    e->col, k->path, ynode_kind(e));
			errors++;
			continue;
		}
		up = text_upper(e->value);
		/* Squeeze the spaces: "ỦY  BAN " is "ỦY BAN". */
		for (p = q = up, nw = 0; *p != '\0'; p++) {
			if (*p == ' ' || *p == '\t') {
				if (q > up && q[-1] != ' ')
					*q++ = ' ';
				continue;
			}
			if (q == up || q[-1] == ' ')
				nw++;
			*q++ = *p;
		}
		if (q > up && q[-1] == ' ')
			q--;
		*q = '\0';
		if (nw == 0) {
			MSGT(DISPATCH_EMPTY_ENTRY, file, e->line, e->col,
			    k->path);
			errors++;
			free(up);
			continue;
		}
		if (nw > (size_t)k->max) {
			MSGT(TMPL_ENTRY_MORE_WORDS, file, e->line, e->col,
			    k->path, nw, (int)k->max, e->value);
			errors++;
			free(up);
			continue;
		}
		l->v[l->n++] = up;
	}
	return errors > 0 ? -1 : 0;
}

static void
tlist_free(struct tlist *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

/* The parts of s between '|'. */
static size_t
bar_parts(const char *s)
{
	size_t	 n = 1;

	for (; *s != '\0'; s++)
		n += *s == '|';
	return n;
}

/*
 * so_dang_ky.column_widths: TMPL_RB_NCOL positive numbers, "|" between
 * them, into w[] as shares of their sum.  -1 when s is not that.
 */
static int
rb_widths(const char *s, double *w)
{
	double	 sum = 0;
	char	*end;
	size_t	 c;

	if (bar_parts(s) != TMPL_RB_NCOL)
		return -1;
	for (c = 0; c < TMPL_RB_NCOL; c++) {
		errno = 0;
		w[c] = strtod(s, &end);
		while (*end == ' ')
			end++;
		if (end == s || errno != 0 || !(w[c] > 0 && w[c] < 1e6) ||
		    (*end != '|' && *end != '\0'))
			return -1;
		sum += w[c];
		s = *end == '|' ? end + 1 : end;
	}
	for (c = 0; c < TMPL_RB_NCOL; c++)
		w[c] /= sum;
	return 0;
}

/*
 * An ink colour, "#RRGGBB" (chu_ky.ink, dau.ink: PL I II.7.d blue,
 * II.8.a red), into rgb[0..3) as 0..1.  -1 when s is not that.
 */
static int
rgb_hex(const char *s, double *rgb)
{
	unsigned int	 v[3];
	int		 n = 0;

	if (strlen(s) != 7 || s[0] != '#' || strspn(s + 1,
	    "0123456789abcdefABCDEF") != 6 ||
	    sscanf(s + 1, "%2x%2x%2x%n", &v[0], &v[1], &v[2], &n) != 3 ||
	    n != 6)
		return -1;
	rgb[0] = v[0] / 255.0;
	rgb[1] = v[1] / 255.0;
	rgb[2] = v[2] / 255.0;
	return 0;
}

static int
one(const char *file, const struct ynode *root, const struct tkey *k,
    struct tmpl *t)
{
	const struct ynode *n, *sz, *fc;
	char		*field = (char *)t + k->off;
	struct style	*st;
	double		 v;
	int		 i;

	if ((n = lookup(root, k->path)) == NULL) {
		MSGT(TMPL_MISSING_KEY, file, 0, 0, k->path);
		return -1;
	}
	switch (k->kind) {
	case T_MM:
	case T_PT:
	case T_NUM:
	case T_COUNT:
		if (number(file, n, k, k->min, k->max, &v) != 0)
			return -1;
		if (k->kind == T_COUNT && v != floor(v)) {
			MSGT(TMPL_MUST_WHOLE, file, n->line, n->col, k->path,
			    n->value);
			return -1;
		}
		*(double *)field = k->kind == T_MM ? v * 72 / 25.4 : v;
		/* ô 7c lies between the title and the name. */
		if (strcmp(k->path, "chu_ky.image_height_mm") == 0 &&
		    t->sign_space > 0 && *(double *)field > t->sign_space) {
			MSGT(TMPL_CK_TALLER, file, n->line, n->col, k->path,
			    v, t->sign_space * 25.4 / 72);
			return -1;
		}
		return 0;
	case T_STR:
		if (n->type != YNODE_SCALAR) {
			MSGT(DISPATCH_MUST_TEXT_NOT, file, n->line, n->col,
			    k->path, ynode_kind(n));
			return -1;
		}
		*(char **)field = xstrdup(n->value);
		if (strcmp(k->path, "danh_ba.orientation") == 0 &&
		    strcmp(n->value, "portrait") != 0 &&
		    strcmp(n->value, "landscape") != 0) {
			MSGT(TMPL_MUST_PORTRAIT_LANDSCAPE_NOT, file, n->line,
			    n->col, k->path, n->value);
			return -1;
		}
		if (strcmp(k->path, "so_dang_ky.columns") == 0 &&
		    bar_parts(n->value) != TMPL_RB_NCOL) {
			MSGT(TMPL_RB_COLUMNS, file, n->line, n->col, k->path,
			    TMPL_RB_NCOL, bar_parts(n->value));
			return -1;
		}
		if ((strcmp(k->path, "chu_ky.ink") == 0 ||
		    strcmp(k->path, "dau.ink") == 0) && rgb_hex(n->value,
		    strcmp(k->path, "dau.ink") == 0 ? t->dau_ink : t->ck_ink)
		    != 0) {
			MSGT(TMPL_INK, file, n->line, n->col, k->path,
			    n->value);
			return -1;
		}
		if (strcmp(k->path, "so_dang_ky.column_widths") == 0 &&
		    rb_widths(n->value, t->rb_widths) != 0) {
			MSGT(TMPL_RB_WIDTHS, file, n->line, n->col, k->path,
			    TMPL_RB_NCOL, n->value);
			return -1;
		}
		return 0;
	case T_STYLE:
		st = (struct style *)field;
		sz = ynode_get(n, "size");
		fc = ynode_get(n, "face");
		if (n->type != YNODE_MAP || sz == NULL || fc == NULL ||
		    fc->type != YNODE_SCALAR) {
			MSGT(TMPL_MUST_SIZE_PT_FACE, file, n->line, n->col,
			    k->path);
			return -1;
		}
		if (number(file, sz, k, k->min, k->max, &st->size) != 0)
			return -1;
		for (i = 0; i < FACE__MAX; i++)
			if (strcmp(fc->value, face_names[i]) == 0)
				break;
		if (i == FACE__MAX) {
			MSGT(TMPL_FACE_MUST_REGULAR_BOLD, file, fc->line,
			    fc->col, k->path, fc->value);
			return -1;
		}
		st->face = (enum face)i;
		return 0;
	case T_LIST:
		return tlist(file, n, k, (struct tlist *)field);
	}
	return -1;
}

/* Warn about keys the table does not know (a misspelt key is ignored). */
static void
unknown(const char *file, const struct ynode *n, char *path, size_t plen)
{
	const struct ynode *k;
	size_t		 i, len;

	for (k = n->child; k != NULL; k = k->next) {
		len = strlen(k->key);
		if (plen + len + 2 > 256)
			continue;
		if (plen > 0)
			path[plen] = '.';
		memcpy(path + plen + (plen > 0), k->key, len + 1);
		for (i = 0; i < NKEYS; i++)
			if (strcmp(keys[i].path, path) == 0)
				break;
		if (i < NKEYS)
			continue;
		if (k->type == YNODE_MAP) {
			unknown(file, k, path, plen + len + (plen > 0));
			continue;
		}
		MSGT(TMPL_UNKNOWN_TEMPLATE_KEY_IGNORED, file, k->key_line,
		    k->key_col, path);
	}
	path[plen] = '\0';
}

struct tmpl *
tmpl_load(const char *path)
{
	struct tmpl	*t;
	char		*raw;
	size_t		 len;

	if ((raw = text_read_input(path, &len,
	    MSGT_TEXT_MISSING_TEMPLATE)) == NULL)
		return NULL;
	t = tmpl_parse(raw, len, path);
	free(raw);
	return t;
}

struct tmpl *
tmpl_parse(const char *raw, size_t len, const char *path)
{
	struct tmpl	*t;
	struct ynode	*root = NULL;
	char		*buf, keypath[256];
	size_t		 blen, i;
	int		 errors = 0;

	buf = text_load(raw, len, path, &blen);
	if (buf == NULL)
		return NULL;
	root = ytree_parse(buf, blen, path, 0, 0);
	free(buf);
	if (root == NULL)
		return NULL;
	t = xcalloc(1, sizeof(*t));
	for (i = 0; i < NKEYS; i++)
		if (one(path, root, &keys[i], t) != 0)
			errors++;
	keypath[0] = '\0';
	if (root->type == YNODE_MAP)
		unknown(path, root, keypath, 0);
	ynode_free(root);
	if (errors > 0) {
		tmpl_free(t);
		return NULL;
	}
	return t;
}

void
tmpl_free(struct tmpl *t)
{
	size_t	 i;

	if (t == NULL)
		return;
	for (i = 0; i < NKEYS; i++)
		if (keys[i].kind == T_STR)
			free(*(char **)((char *)t + keys[i].off));
		else if (keys[i].kind == T_LIST)
			tlist_free((struct tlist *)((char *)t + keys[i].off));
	free(t);
}
