/* Placeholder check (once per run) and substitution (per row). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/msg.h"
#include "base/suggest.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "load/dispatch.h"
#include "load/doc.h"
#include "load/field.h"
#include "load/rows.h"
#include "merge/merge.h"

/* Value of name for row r: a column first, then a front-matter key. */
static const char *
value(const char *name, const struct dispatch *d, const struct rows *t,
    const struct row *r)
{
	int	 i;

	if (t != NULL && r != NULL && (i = rows_col(t, name)) >= 0)
		return r->cell[i];
	if ((i = fm_key_find(name)) >= 0)
		return d->f[i].text != NULL ? d->f[i].text : "";
	return NULL;
}

/* The column header equal to name after NFC, case and space folding
 * (text_fold), or NULL. */
static const char *
fold_match(const char *name, const struct rows *t)
{
	const char	*hit = NULL;
	char		*f, *g;
	size_t		 i;

	f = text_fold(name);
	for (i = 0; i < t->ncol && hit == NULL; i++) {
		g = text_fold(t->header[i]);
		if (strcmp(f, g) == 0)
			hit = t->header[i];
		free(g);
	}
	free(f);
	return hit;
}

/* The column header closest to name, or NULL when none is close. */
static const char *
closest_col(const char *name, const struct rows *t)
{
	struct suggest	 s;
	const char	*hit;
	size_t		 i;

	suggest_init(&s, name);
	if ((hit = fold_match(name, t)) != NULL)
		suggest_exact(&s, hit);
	for (i = 0; i < t->ncol; i++)
		suggest_try(&s, t->header[i], t->header[i]);
	return suggest_best(&s);
}

static void
unknown(const char *name, size_t line, const struct dispatch *d,
    const struct rows *t)
{
	struct suggest	 s;
	const char	*best, *hit;
	size_t		 i;

	/* A column that differs only in case or spacing comes first. */
	suggest_init(&s, name);
	if (t != NULL && (hit = fold_match(name, t)) != NULL)
		suggest_exact(&s, hit);
	for (i = 0; t != NULL && i < t->ncol; i++)
		suggest_try(&s, t->header[i], t->header[i]);
	for (i = 0; i < FM__SCALARS; i++)
		suggest_try(&s, fm_key_name(i), fm_key_name(i));
	if ((best = suggest_best(&s)) != NULL)
		MSGT(MERGE_UNKNOWN_PLACEHOLDER_DID_YOU, d->file, line, 0, name,
		    best);
	else
		MSGT(MERGE_UNKNOWN_PLACEHOLDER_NO_SUCH, d->file, line, 0, name,
		    t != NULL ? t->file : "the appendix");
}

/* Empty once spaces and invisible characters are gone (text_fold). */
static int
blank(const char *s)
{
	char	*f = text_fold(s);
	int	 b = f[0] == '\0';

	free(f);
	return b;
}

/* Front-matter keys that hold no text of their own. */
static const char *const lists[] = {
	"kinh_gui", "noi_nhan", "phu_luc", "danh_ba"
};

/* Check one use of name; count errors. */
static int
use(const char *name, size_t line, const struct dispatch *d,
    const struct rows *t, unsigned char *reported)
{
	size_t	 j;
	int	 c, errors = 0;

	if ((c = rows_col(t, name)) >= 0) {
		if (reported[c])
			return 0;
		reported[c] = 1;
		for (j = 0; j < t->nrow; j++)
			if (blank(t->row[j].cell[c])) {
				MSGT(MERGE_EMPTY_CELL_COLUMN_WHICH, t->file,
				    t->row[j].line, 0, name, name, d->file,
				    line);
				errors++;
			}
		return errors;
	}
	if ((c = fm_key_find(name)) == FM_SO || c == FM_NGAY || c == FM_NAM) {
		/* --number, --date and --draft change these: the letter
		 * prints them itself, in the Decree's form. */
		MSGT(MERGE_CANNOT_USED_NUMBER_DATE, d->file, line, 0, name);
		return 1;
	}
	if (c >= 0)
		return 0;
	for (j = 0; j < sizeof(lists) / sizeof(lists[0]); j++)
		if (strcmp(name, lists[j]) == 0) {
			MSGT(MERGE_CANNOT_USED_LIST_GROUP, d->file, line, 0,
			    name, name);
			return 1;
		}
	unknown(name, line, d, t);
	return 1;
}

/* Every {{name}} in a front-matter string. */
static int
check_text(const char *s, size_t line, const struct dispatch *d,
    const struct rows *t, unsigned char *reported)
{
	const char	*at, *end, *nm;
	char		*name;
	size_t		 nl;
	enum field_scan	 k;
	struct fscan	 fs;
	int		 errors = 0;

	memset(&fs, 0, sizeof(fs));
	while ((k = field_scan_r(s, &fs, &at, &end, &nm, &nl)) != FIELD_NONE) {
		if (k == FIELD_OK) {
			name = field_name(nm, nl);
			errors += use(name, line, d, t, reported);
			free(name);
		} else {
			field_error(k, at, d->file, line);
			errors++;
			if (k == FIELD_UNCLOSED)
				break;
		}
		s = end;
	}
	return errors;
}

int
merge_check(const struct dispatch *d, const struct rows *t)
{
	const struct dnode *n;
	unsigned char	*reported;
	size_t		 i;
	int		 errors = 0;

	reported = xcalloc(t->ncol + 1, 1);
	for (i = 0; i < d->kinh_gui.n; i++)
		errors += check_text(d->kinh_gui.v[i].text,
		    d->kinh_gui.v[i].line, d, t, reported);
	/* Walk the body's tree in document order. */
	for (n = d->body->root; n != NULL; n = dnode_next(n, NULL))
		if (n->type == DNODE_FIELD)
			errors += use(n->text, n->line, d, t, reported);
	for (i = 0; i < d->pl_cot.n; i++)
		if (rows_col(t, d->pl_cot.v[i].text) < 0) {
			const char	*near = closest_col(d->pl_cot.v[i].text,
			    t);

			if (near != NULL)
				MSGT(MERGE_COT_NOT_COLUMN_NEAR, d->file,
				    d->pl_cot.v[i].line, d->pl_cot.v[i].col,
				    d->pl_cot.v[i].text, t->file, near);
			else
				MSGT(MERGE_COT_NOT_COLUMN, d->file,
				    d->pl_cot.v[i].line, d->pl_cot.v[i].col,
				    d->pl_cot.v[i].text, t->file);
			errors++;
		}
	free(reported);
	return errors;
}

/* Append value v to buf, line breaks and tabs as spaces. */
static void
append(char **buf, size_t *len, const char *v, size_t vlen)
{
	size_t	 i;

	*buf = xrealloc(*buf, *len + vlen + 1);
	for (i = 0; i < vlen; i++)
		(*buf)[(*len)++] = v[i] == '\n' || v[i] == '\r' ||
		    v[i] == '\t' ? ' ' : v[i];
	(*buf)[*len] = '\0';
}

/*
 * Append a placeholder's value v: without the white space around it
 * (spaces, tabs, line breaks, U+00A0), which a quoted cell keeps ("Bộ
 * Tài chính " before the letter's own ":" would print "Bộ Tài chính :"),
 * the rest as append() does.
 */
static void
append_value(char **buf, size_t *len, const char *v)
{
	size_t	 n = strlen(v);

	for (;;) {
		if (n > 0 && strchr(" \t\r\n", v[0]) != NULL) {
			v++;
			n--;
		} else if (n > 1 && memcmp(v, "\302\240", 2) == 0) {
			v += 2;
			n -= 2;
		} else
			break;
	}
	for (;;) {
		if (n > 0 && strchr(" \t\r\n", v[n - 1]) != NULL)
			n--;
		else if (n > 1 && memcmp(v + n - 2, "\302\240", 2) == 0)
			n -= 2;
		else
			break;
	}
	append(buf, len, v, n);
}

char *
merge_text(const char *s, const struct dispatch *d, const struct rows *t,
    const struct row *r)
{
	const char	*at, *end, *nm, *v;
	char		*out = NULL, *name;
	size_t		 len = 0, nl;

	append(&out, &len, "", 0);
	while (field_scan(s, &at, &end, &nm, &nl) == FIELD_OK) {
		append(&out, &len, s, at - s);
		name = field_name(nm, nl);
		if ((v = value(name, d, t, r)) != NULL)
			append_value(&out, &len, v);
		free(name);
		s = end;
	}
	append(&out, &len, s, strlen(s));
	return out;
}

struct doc *
merge_doc(const struct dispatch *d, const struct rows *t,
    const struct row *r)
{
	struct doc	*out;
	const struct dnode *n;
	struct dnode	*cur, *k;
	const char	*v;
	char		*s;
	size_t		 len;

	out = doc_new();
	out->root->line = d->body->root->line;
	cur = out->root;
	/* Copy in document order, keeping cur as the copy of n's parent. */
	for (n = d->body->root->first; n != NULL; ) {
		if (n->type == DNODE_FIELD) {
			v = value(n->text, d, t, r);
			s = NULL;
			len = 0;
			append_value(&s, &len, v != NULL ? v : "");
			k = dnode_append(cur, DNODE_TEXT, n->line, s);
			free(s);
		} else
			k = dnode_append(cur, n->type, n->line, n->text);
		k->col = n->col;
		k->level = n->level;
		k->ordered = n->ordered;
		k->start = n->start;
		if (n->first != NULL) {
			cur = k;
			n = n->first;
			continue;
		}
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == d->body->root)
				n = NULL;
			else
				cur = cur->parent;
		}
		if (n != NULL)
			n = n->next;
	}
	return out;
}
