/* dispatch.md: split the front matter, read and check its keys, parse the body. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/msg.h"
#include "base/suggest.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "load/dispatch.h"
#include "load/doc.h"
#include "load/mdin.h"
#include "load/ytree.h"

static const char *const fm_names[FM__SCALARS] = {
	"co_quan_chu_quan",	/* FM_CO_QUAN_CHU_QUAN */
	"co_quan",		/* FM_CO_QUAN */
	"co_quan_chu_thuong",	/* FM_CO_QUAN_CHU_THUONG */
	"ky_hieu",		/* FM_KY_HIEU */
	"so",			/* FM_SO */
	"dia_danh",		/* FM_DIA_DANH */
	"ngay",			/* FM_NGAY */
	"nam",			/* FM_NAM */
	"trich_yeu",		/* FM_TRICH_YEU */
	"quyen_han",		/* FM_QUYEN_HAN */
	"chuc_vu",		/* FM_CHUC_VU */
	"nguoi_ky",		/* FM_NGUOI_KY */
	"thay_the",		/* FM_THAY_THE */
	"dinh_chinh",		/* FM_DINH_CHINH */
	"so_dang_ky",		/* FM_SO_DANG_KY */
};

/* Required scalar keys (SPEC.md "Inputs"). */
static const int fm_required[FM__SCALARS] = {
	0,	/* FM_CO_QUAN_CHU_QUAN */
	1,	/* FM_CO_QUAN */
	0,	/* FM_CO_QUAN_CHU_THUONG */
	1,	/* FM_KY_HIEU */
	0,	/* FM_SO */
	1,	/* FM_DIA_DANH */
	0,	/* FM_NGAY */
	0,	/* FM_NAM */
	1,	/* FM_TRICH_YEU */
	0,	/* FM_QUYEN_HAN */
	1,	/* FM_CHUC_VU */
	1,	/* FM_NGUOI_KY */
	0,	/* FM_THAY_THE */
	0,	/* FM_DINH_CHINH */
	0,	/* FM_SO_DANG_KY */
};

/* Every key known anywhere, for suggestions. */
static const char *const known_other[] = {
	"kinh_gui", "noi_nhan", "phu_luc", "danh_ba", NULL
};

#define FM_MAX_TEXT	2000	/* bytes per front-matter value */
#define FM_MAX_LIST	200	/* entries per list */

struct fm {
	struct dispatch	*d;
	int		 errors;
	size_t		 seen[FM__SCALARS + 4];	/* line where a key was given */
	int		 bad[FM__SCALARS + 4];	/* its value was refused */
};

/* Index in fm.seen of the keys that are not scalars. */
#define SEEN_KINH_GUI	(FM__SCALARS + 0)
#define SEEN_NOI_NHAN	(FM__SCALARS + 1)
#define SEEN_PHU_LUC	(FM__SCALARS + 2)
#define SEEN_DANH_BA	(FM__SCALARS + 3)

const char *
fm_key_name(enum fm_key k)
{
	return fm_names[k];
}

int
fm_key_find(const char *name)
{
	int	 i;

	for (i = 0; i < FM__SCALARS; i++)
		if (strcmp(fm_names[i], name) == 0)
			return i;
	return -1;
}

int
date_parse(const char *s, struct date *dt)
{
	static const int mdays[12] =
	    { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int	 y, m, d, i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' :
		    !isdigit((unsigned char)s[i]))
			return DATE_SHAPE;
	if (s[10] != '\0')
		return DATE_SHAPE;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return DATE_NO_SUCH_DAY;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return DATE_NO_SUCH_DAY;
	if (y < 1900 || y > 2999)
		return DATE_YEAR;
	dt->y = y;
	dt->m = m;
	dt->d = d;
	return 0;
}

long
number_parse(const char *s)
{
	long	 v = 0;
	size_t	 i;

	for (i = 0; s[i] != '\0'; i++) {
		if (!isdigit((unsigned char)s[i]) || i >= 9)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return i == 0 || v == 0 ? -1 : v;
}

/* Closest known key to name, or NULL when nothing is close. */
static const char *
suggest_key(const char *name, const char *const *extra)
{
	struct suggest	 s;
	int		 i;

	suggest_init(&s, name);
	for (i = 0; i < FM__SCALARS; i++)
		suggest_try(&s, fm_names[i], fm_names[i]);
	for (i = 0; extra[i] != NULL; i++)
		suggest_try(&s, extra[i], extra[i]);
	return suggest_best(&s);
}

static void
unknown_key(struct fm *f, const struct ynode *n, const char *group,
    const char *const *cands)
{
	const char	*s;

	s = suggest_key(n->key, cands);
	if (s != NULL && group != NULL)
		MSGT(DISPATCH_UNKNOWN_KEY_IN_NEAR, f->d->file, n->key_line,
		    n->key_col, n->key, group, s);
	else if (group != NULL)
		MSGT(DISPATCH_UNKNOWN_KEY_IN, f->d->file, n->key_line,
		    n->key_col, n->key, group);
	else if (s != NULL)
		MSGT(DISPATCH_UNKNOWN_KEY_NEAR, f->d->file, n->key_line,
		    n->key_col, n->key, s);
	else
		MSGT(DISPATCH_UNKNOWN_KEY, f->d->file, n->key_line,
		    n->key_col, n->key);
}

/* A key of phu_luc or danh_ba given a second time is an error, as at
 * the top level; *seen holds the line of the first (0: none yet). */
static int
twice(struct fm *f, const struct ynode *k, const char *key, size_t *seen)
{
	if (*seen != 0) {
		MSGT(DISPATCH_GIVEN_TWICE_FIRST_LINE, f->d->file, k->key_line,
		    k->key_col, key, *seen);
		f->errors++;
		return 1;
	}
	*seen = k->key_line;
	return 0;
}

/*
 * The keys whose line breaks force a line break in the letter's header
 * (README "Forced line breaks"); every other value is read as one line,
 * so that a block scalar ("trich_yeu: >" or "|") typed over several
 * lines prints as the clerk reads it, with no break of its own.
 */
static int
breaks_kept(const char *key)
{
	return strcmp(key, "co_quan_chu_quan") == 0 ||
	    strcmp(key, "co_quan") == 0 || strcmp(key, "quyen_han") == 0 ||
	    strcmp(key, "chuc_vu") == 0;
}

/* Take a scalar as text; "" and YAML null (plain ~ or null) are absent. */
static int
scalar(struct fm *f, const struct ynode *n, const char *key,
    struct fval *v)
{
	if (n->type != YNODE_SCALAR) {
		if (n->key == NULL && n->type == YNODE_MAP)
			MSGT(DISPATCH_ENTRY_MAPPING_QUOTE, f->d->file, n->line,
			    n->col, key);
		else if (n->key == NULL)
			MSGT(DISPATCH_EACH_ENTRY_MUST_TEXT, f->d->file, n->line,
			    n->col, key, ynode_kind(n));
		else
			MSGT(DISPATCH_MUST_TEXT_NOT, f->d->file, n->key_line,
			    n->key_col, key, ynode_kind(n));
		f->errors++;
		return -1;
	}
	if (strlen(n->value) > FM_MAX_TEXT) {
		MSGT(DISPATCH_TOO_LONG_BYTES_LIMIT, f->d->file, n->line, n->col,
		    key, strlen(n->value), FM_MAX_TEXT, FM_MAX_TEXT / 2);
		f->errors++;
		return -1;
	}
	v->line = n->line;
	v->col = n->col;
	if (n->value[0] == '\0' || (n->plain && (strcmp(n->value, "~") == 0 ||
	    strcmp(n->value, "null") == 0)))
		return 0;
	if (breaks_kept(key)) {
		v->text = xstrdup(n->value);
		/* A block scalar ("co_quan: |") keeps its last line break;
		 * a clerk never means it (README "Forced line breaks"). */
		size_t	 k = strlen(v->text);

		while (k > 0 && (v->text[k - 1] == '\n' ||
		    v->text[k - 1] == ' '))
			v->text[--k] = '\0';
	} else
		v->text = text_one_line(n->value);
	return 0;
}

/* The header's names: printed in lines, which the clerk may force. */
static int
is_name(int k)
{
	return k == FM_CO_QUAN_CHU_QUAN || k == FM_CO_QUAN ||
	    k == FM_QUYEN_HAN || k == FM_CHUC_VU;
}

/*
 * A header's name (co_quan_chu_quan, co_quan, quyen_han, chuc_vu): text,
 * whose line breaks are forced breaks (README "Forced line breaks"); a
 * list is an error (SPEC.md Rules: a list where text belongs), whose
 * message says how to write the lines.  The value kept is its lines,
 * each trimmed of spaces, empty ones dropped, joined by '\n': layout
 * prints each on a line of its own (lay_put_name) and whatever wants one
 * line reads it through dispatch.oneline.
 */
static void
name(struct fm *f, const struct ynode *n, const char *key, struct fval *v)
{
	char		*j, *p, *q, *eol;
	size_t		 len;

	if (n->type == YNODE_SEQ) {
		/* SPEC.md: a list where text belongs is an error. */
		MSGT(DISPATCH_NAME_LIST_USE_BLOCK, f->d->file, n->key_line,
		    n->key_col, key, key);
		f->errors++;
		return;
	}
	if (scalar(f, n, key, v) != 0 || v->text == NULL)
		return;
	j = v->text;
	/* Each line trimmed, the empty ones dropped, in place. */
	for (p = q = j; *p != '\0'; p = *eol != '\0' ? eol + 1 : eol) {
		eol = p + strcspn(p, "\n");
		while (p < eol && (*p == ' ' || *p == '\t'))
			p++;
		len = eol - p;
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len == 0)
			continue;
		if (q > j)
			*q++ = '\n';
		memmove(q, p, len);
		q += len;
	}
	*q = '\0';
	if (*j == '\0') {
		free(j);
		j = NULL;
	}
	v->text = j;
}

/* A list of text; a single text is taken as a list of one if one_ok. */
static void
list(struct fm *f, const struct ynode *n, const char *key,
    struct flist *l, int one_ok)
{
	const struct ynode *k;
	size_t		 i;

	l->line = n->key_line;
	if (n->type == YNODE_SCALAR && one_ok) {
		l->v = xcalloc(1, sizeof(*l->v));
		if (scalar(f, n, key, &l->v[0]) == 0 && l->v[0].text != NULL)
			l->n = 1;
		return;
	}
	if (n->type != YNODE_SEQ) {
		if (one_ok)
			MSGT(DISPATCH_MUST_LIST_OR_TEXT, f->d->file,
			    n->key_line, n->key_col, key, ynode_kind(n));
		else
			MSGT(DISPATCH_MUST_LIST, f->d->file, n->key_line,
			    n->key_col, key, ynode_kind(n));
		f->errors++;
		return;
	}
	for (i = 0, k = n->child; k != NULL; k = k->next)
		i++;
	if (i > FM_MAX_LIST) {
		MSGT(DISPATCH_HAS_ENTRIES_MORE, f->d->file, n->key_line,
		    n->key_col, key, i, FM_MAX_LIST);
		f->errors++;
		return;
	}
	l->v = xcalloc(i + 1, sizeof(*l->v));
	for (k = n->child; k != NULL; k = k->next) {
		if (scalar(f, k, key, &l->v[l->n]) != 0)
			continue;
		if (l->v[l->n].text == NULL) {
			MSGT(DISPATCH_EMPTY_ENTRY, f->d->file, k->line, k->col,
			    key);
			f->errors++;
			continue;
		}
		l->n++;
	}
}

static void
phu_luc(struct fm *f, const struct ynode *n)
{
	static const char *const keys[] = { "tieu_de", "cot", NULL };
	const struct ynode *k;
	size_t		 seen[2] = { 0, 0 };	/* lines of tieu_de, cot */

	f->d->has_phu_luc = 1;
	f->d->pl_tieu_de.line = n->key_line;
	if (n->type == YNODE_SCALAR && n->value[0] == '\0')
		return;		/* "phu_luc:" alone: the whole table */
	if (n->type != YNODE_MAP) {
		MSGT(DISPATCH_PHU_LUC_MUST_MAPPING, f->d->file, n->key_line,
		    n->key_col, ynode_kind(n));
		f->errors++;
		return;
	}
	for (k = n->child; k != NULL; k = k->next) {
		if (strcmp(k->key, "tieu_de") == 0) {
			if (!twice(f, k, "phu_luc.tieu_de", &seen[0]))
				scalar(f, k, "phu_luc.tieu_de",
				    &f->d->pl_tieu_de);
		} else if (strcmp(k->key, "cot") == 0) {
			if (!twice(f, k, "phu_luc.cot", &seen[1]))
				list(f, k, "phu_luc.cot", &f->d->pl_cot, 0);
		} else
			unknown_key(f, k, "phu_luc", keys);
	}
}

static void
date_error(struct fm *f, const char *key, const struct fval *v)
{
	struct date	 dt;
	const char	*s = v->text;

	switch (date_parse(s, &dt)) {
	case DATE_NO_SUCH_DAY:
		MSGT(DISPATCH_NO_SUCH_DATE, f->d->file, v->line, v->col, key,
		    s);
		break;
	case DATE_YEAR:
		MSGT(DISPATCH_YEAR_NOT_BETWEEN, f->d->file, v->line, v->col,
		    key, s);
		break;
	default:
		MSGT(DISPATCH_NOT_DATE_YYYY_MM, f->d->file, v->line, v->col,
		    key, s);
		break;
	}
	f->errors++;
}

static void
danh_ba(struct fm *f, const struct ynode *n)
{
	static const char *const keys[] = { "tieu_de", "han", NULL };
	const struct ynode *k;
	struct date	 dt;
	size_t		 seen[2] = { 0, 0 };	/* lines of tieu_de, han */

	f->d->has_danh_ba = 1;
	f->d->db_tieu_de.line = n->key_line;
	if (n->type == YNODE_SCALAR && n->value[0] == '\0')
		return;
	if (n->type != YNODE_MAP) {
		MSGT(DISPATCH_DANH_BA_MUST_MAPPING, f->d->file, n->key_line,
		    n->key_col, ynode_kind(n));
		f->errors++;
		return;
	}
	for (k = n->child; k != NULL; k = k->next) {
		if (strcmp(k->key, "tieu_de") == 0) {
			if (!twice(f, k, "danh_ba.tieu_de", &seen[0]))
				scalar(f, k, "danh_ba.tieu_de",
				    &f->d->db_tieu_de);
		} else if (strcmp(k->key, "han") == 0) {
			if (twice(f, k, "danh_ba.han", &seen[1]))
				continue;
			if (scalar(f, k, "danh_ba.han", &f->d->db_han) == 0 &&
			    f->d->db_han.text != NULL &&
			    date_parse(f->d->db_han.text, &dt) != 0)
				date_error(f, "danh_ba.han", &f->d->db_han);
		} else
			unknown_key(f, k, "danh_ba", keys);
	}
}

static void
required(struct fm *f, int k, const char *key)
{
	size_t	 given = f->seen[k];

	if (f->bad[k])
		return;		/* already reported */
	if (given == 0)
		MSGT(DISPATCH_MISSING_REQUIRED_KEY, f->d->file,
		    f->d->close_line, 0, key);
	else
		MSGT(DISPATCH_EMPTY_REQUIRED, f->d->file, given, 0, key);
	f->errors++;
}

static void
no_field(struct fm *f, const char *key, const struct fval *v)
{
	if (v->text == NULL || strcmp(key, "kinh_gui") == 0 ||
	    (strstr(v->text, "{{") == NULL && strstr(v->text, "}}") == NULL))
		return;
	MSGT(DISPATCH_PLACEHOLDERS_MAY_APPEAR_ONLY, f->d->file, v->line, v->col,
	    key);
	f->errors++;
}

/*
 * A label the letter prints itself, typed by habit at the start of v
 * ("V/v " in trich_yeu, "Kính gửi:" in kinh_gui; FORMAT.md §3 ô 5b,
 * §5 ô 9a): in any case, with or without its colon, it is left out with a
 * warning at v.  A value that is the label alone is left as it is (its
 * own problems are reported elsewhere).
 */
static void
strip_label(const struct dispatch *d, struct fval *v, const char *key,
    const char *label)
{
	size_t	 q, k;

	if (v->text == NULL || (q = text_label_len(v->text, label)) == 0)
		return;
	k = q;
	while (v->text[k] == ' ' || v->text[k] == '\t')
		k++;
	if (v->text[k] == ':')
		q = ++k;
	while (v->text[k] == ' ' || v->text[k] == '\t')
		k++;
	if (v->text[k] == '\0')
		return;
	MSGT(DISPATCH_STARTS_LABEL_PRINTS_ITSELF, d->file, v->line, v->col,
	    key, (int)q, v->text);
	memmove(v->text, v->text + k, strlen(v->text + k) + 1);
}

/*
 * "01/UBND-VP ngày 05/03/2022" (an optional "Công văn số " before it, a
 * final "." after it): the dispatch that thay_the or dinh_chinh names,
 * as the register writes its number, symbol and date.  0, or -1 when v
 * has another shape.
 */
static int
ref_parse(const char *v, struct dref *r)
{
	const char	*p = v, *ky;
	char		 iso[32];
	size_t		 kn;
	int		 d, m, y, n = 0;

	while (*p == ' ')
		p++;
	if (text_label_len(p, "Công văn") > 0) {
		p += text_label_len(p, "Công văn");
		while (*p == ' ')
			p++;
	}
	if (text_label_len(p, "số") > 0) {
		p += text_label_len(p, "số");
		while (*p == ' ')
			p++;
	}
	n = (int)strspn(p, "0123456789");
	if (n == 0 || n > 9 || p[n] != '/')
		return -1;
	r->so = strtol(p, NULL, 10);
	ky = p + n + 1;
	kn = strcspn(ky, " ");
	if (kn == 0 || r->so == 0)
		return -1;
	p = ky + kn;
	while (*p == ' ')
		p++;
	if (strncmp(p, "ngày", strlen("ngày")) != 0)
		return -1;
	p += strlen("ngày");
	while (*p == ' ')
		p++;
	if (sscanf(p, "%2d/%2d/%4d%n", &d, &m, &y, &n) != 3)
		return -1;
	for (p += n; *p == ' ' || *p == '.'; p++)
		;
	if (*p != '\0')
		return -1;
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
	if (date_parse(iso, &r->dt) != 0)
		return -1;
	r->ky_hieu = xstrndup(ky, kn);
	return 0;
}

/* thay_the, dinh_chinh and so_dang_ky (README "Corrections and
 * replacements", "Registers"). */
static void
check_register_keys(struct fm *f)
{
	struct dispatch	*d = f->d;
	struct fval	*v;
	int		 k;

	for (k = FM_THAY_THE; k <= FM_DINH_CHINH; k++) {
		v = &d->f[k];
		if (v->text == NULL)
			continue;
		if (d->ref.kind != 0) {
			MSGT(DISPATCH_REF_BOTH, d->file, v->line, v->col);
			f->errors++;
			continue;
		}
		if (ref_parse(v->text, &d->ref) != 0) {
			MSGT(DISPATCH_REF_SHAPE, d->file, v->line, v->col,
			    fm_names[k], v->text);
			f->errors++;
			continue;
		}
		d->ref.kind = k == FM_THAY_THE ? DREF_THAY_THE :
		    DREF_DINH_CHINH;
		d->ref.line = v->line;
		d->ref.col = v->col;
	}
	v = &d->f[FM_SO_DANG_KY];
	if (v->text != NULL) {
		if (v->text[0] < 'a' || v->text[0] > 'z' ||
		    strlen(v->text) > 20 || strspn(v->text,
		    "abcdefghijklmnopqrstuvwxyz0123456789-") !=
		    strlen(v->text)) {
			MSGT(DISPATCH_SO_DANG_KY_SHAPE, d->file, v->line,
			    v->col, v->text);
			f->errors++;
		} else
			d->series = v->text;
	}
}

/* Whether paragraph n's text ends with the closing "./." of a letter
 * (FORMAT.md §3: the body ends with it). */
static int
ends_closing(const struct dnode *n)
{
	const struct dnode *k, *last = NULL;
	size_t		 len;

	if (n == NULL || n->type != DNODE_PARA)
		return 0;
	for (k = n->first; k != NULL; k = k->next)
		if (k->type == DNODE_TEXT)
			last = k;
	if (last == NULL || last->text == NULL)
		return 0;
	len = strlen(last->text);
	while (len > 0 && last->text[len - 1] == ' ')
		len--;
	return len >= 3 && strncmp(last->text + len - 3, "./.", 3) == 0;
}

/* Move para, the root's last child, before the one ahead of it when
 * that one holds the closing "./." ("Trân trọng./."): the letter's
 * text ends with it. */
static void
ref_before_closing(struct dnode *root, struct dnode *para)
{
	struct dnode	*prev = NULL, *k;

	for (k = root->first; k != NULL && k->next != para; k = k->next)
		prev = k;
	if (k == NULL || !ends_closing(k))
		return;
	/* prev, k, para → prev, para, k */
	k->next = NULL;
	para->next = k;
	if (prev != NULL)
		prev->next = para;
	else
		root->first = para;
	root->last = k;
}

/*
 * The sentence that names the dispatch replaced or corrected, as the
 * body's last paragraph, unless the body names it already (its
 * "NN/SYMBOL"): Decree 30 Điều 18.3, the new letter says what it mends.
 */
static void
ref_sentence(struct dispatch *d)
{
	const struct dnode *n;
	struct dnode	*para;
	struct buf	 all = BUF_INIT;
	char		*a, *b, *when, *s;
	int		 named;

	if (d->ref.kind == 0 || d->body == NULL)
		return;
	for (n = d->body->root; n != NULL; n = dnode_next(n, NULL))
		if (n->type == DNODE_TEXT) {
			buf_adds(&all, n->text);
			buf_adds(&all, " ");
		}
	buf_adds(&all, "");
	a = xasprintf("%02ld/%s", d->ref.so, d->ref.ky_hieu);
	b = xasprintf("%ld/%s", d->ref.so, d->ref.ky_hieu);
	named = strstr((char *)all.p, a) != NULL ||
	    strstr((char *)all.p, b) != NULL;
	if (!named) {
		when = date_words(d->ref.dt.y, d->ref.dt.m, d->ref.dt.d);
		s = xasprintf("Công văn này %s Công văn số %s %s.",
		    d->ref.kind == DREF_THAY_THE ? "thay thế" : "đính chính",
		    a, when);
		para = dnode_append(d->body->root, DNODE_PARA, d->ref.line,
		    NULL);
		dnode_append(para, DNODE_TEXT, d->ref.line, s);
		free(s);
		free(when);
		ref_before_closing(d->body->root, para);
	}
	free(a);
	free(b);
	buf_free(&all);
}

/* Check values once all keys are read. */
static void
check(struct fm *f)
{
	struct dispatch	*d = f->d;
	struct fval	*v;
	int		 i;

	/* A required key absent is reported at the closing ---; one
	 * given empty at its own line; one of the wrong type already. */
	for (i = 0; i < FM__SCALARS; i++)
		if (fm_required[i] && d->f[i].text == NULL)
			required(f, i, fm_names[i]);
	if (d->kinh_gui.n == 0)
		required(f, SEEN_KINH_GUI, "kinh_gui");
	if (d->noi_nhan.n == 0)
		required(f, SEEN_NOI_NHAN, "noi_nhan");
	v = &d->f[FM_SO];
	if (v->text != NULL && (d->so = number_parse(v->text)) < 0) {
		if (strspn(v->text, "0") == strlen(v->text))
			MSGT(DISPATCH_SO_NUMBER_STARTS_LEAVE, d->file, v->line,
			    v->col, v->text);
		else
			MSGT(DISPATCH_SO_NOT_NUMBER_DIGITS, d->file, v->line,
			    v->col, v->text);
		f->errors++;
		d->so = 0;
	}
	v = &d->f[FM_NGAY];
	if (v->text != NULL && date_parse(v->text, &d->ngay) != 0) {
		date_error(f, "ngay", v);
		memset(&d->ngay, 0, sizeof(d->ngay));
	}
	/* Placeholders belong in the body and kinh_gui only (SPEC.md). */
	for (i = 0; i < FM__SCALARS; i++)
		no_field(f, fm_names[i], &d->f[i]);
	for (i = 0; i < (int)d->noi_nhan.n; i++)
		no_field(f, "noi_nhan", &d->noi_nhan.v[i]);
	no_field(f, "phu_luc.tieu_de", &d->pl_tieu_de);
	no_field(f, "danh_ba.tieu_de", &d->db_tieu_de);
	/* What a clerk would want to hear of before printing. */
	strip_label(d, &d->f[FM_TRICH_YEU], "trich_yeu", "V/v");
	for (i = 0; i < (int)d->kinh_gui.n; i++)
		strip_label(d, &d->kinh_gui.v[i], "kinh_gui", "Kính gửi");
	if (d->noi_nhan.n > 0) {
		v = &d->noi_nhan.v[d->noi_nhan.n - 1];
		if (strncmp(v->text, "Lưu", strlen("Lưu")) != 0)
			MSGT(DISPATCH_LAST_ENTRY_NOI_NHAN, d->file, v->line,
			    v->col);
	}
	v = &d->f[FM_NAM];
	if (v->text != NULL) {
		d->nam = (int)number_parse(v->text);
		if (strlen(v->text) != 4 || d->nam < 1900 || d->nam > 2999) {
			MSGT(DISPATCH_NAM_NOT_YEAR, d->file, v->line, v->col,
			    v->text);
			f->errors++;
			d->nam = 0;
		} else if (d->ngay.y != 0 && d->ngay.y != d->nam) {
			MSGT(DISPATCH_NAM_DISAGREES_NGAY, d->file, v->line,
			    v->col, d->nam, d->f[FM_NGAY].text);
			f->errors++;
		}
	}
	check_register_keys(f);
	v = &d->f[FM_KY_HIEU];
	if (v->text != NULL && strpbrk(v->text, " /\t") == NULL) {
		char	*up = text_upper(v->text);

		if (strcmp(up, v->text) != 0)
			MSGT(DISPATCH_KY_HIEU_WRITTEN_CAPITALS, d->file,
			    v->line, v->col, up);
		free(up);
	}
	if (v->text != NULL && strpbrk(v->text, " /\t") != NULL) {
		MSGT(DISPATCH_KY_HIEU_MUST_NOT, d->file, v->line, v->col,
		    v->text);
		f->errors++;
	}
}

/* One key of the front matter and its value, into f->d. */
static void
member(struct fm *f, const struct ynode *n)
{
	struct dispatch	*d = f->d;
	int		 k, e0;

	if ((k = fm_key_find(n->key)) < 0) {
		if (strcmp(n->key, "kinh_gui") == 0)
			k = SEEN_KINH_GUI;
		else if (strcmp(n->key, "noi_nhan") == 0)
			k = SEEN_NOI_NHAN;
		else if (strcmp(n->key, "phu_luc") == 0)
			k = SEEN_PHU_LUC;
		else if (strcmp(n->key, "danh_ba") == 0)
			k = SEEN_DANH_BA;
	}
	if (k >= 0 && f->seen[k] != 0) {
		MSGT(DISPATCH_GIVEN_TWICE_FIRST_LINE, d->file, n->key_line,
		    n->key_col, n->key, f->seen[k]);
		f->errors++;
		return;
	}
	if (k >= 0)
		f->seen[k] = n->key_line;
	e0 = f->errors;
	if (k >= 0 && k < FM__SCALARS) {
		if (is_name(k))
			name(f, n, n->key, &d->f[k]);
		else
			scalar(f, n, n->key, &d->f[k]);
		if (d->f[k].text == NULL)
			d->f[k].line = n->key_line;
	} else if (k == SEEN_KINH_GUI)
		list(f, n, "kinh_gui", &d->kinh_gui, 1);
	else if (k == SEEN_NOI_NHAN)
		list(f, n, "noi_nhan", &d->noi_nhan, 0);
	else if (k == SEEN_PHU_LUC)
		phu_luc(f, n);
	else if (k == SEEN_DANH_BA)
		danh_ba(f, n);
	else
		unknown_key(f, n, NULL, known_other);
	if (k >= 0 && f->errors > e0)
		f->bad[k] = 1;
}

struct dispatch *
dispatch_parse(const char *buf, size_t len, const char *file)
{
	struct fm	 f;
	struct dispatch	*d;
	struct ynode	*root = NULL;
	const struct ynode *n;
	const char	*p, *eol, *yaml = NULL, *body = NULL;
	size_t		 line, ylen = 0;
	int		 i;

	d = xcalloc(1, sizeof(*d));
	d->file = xstrdup(file);
	memset(&f, 0, sizeof(f));
	f.d = d;

	/* The front matter: a first line "---", up to a line "---" or "...". */
	for (p = buf, line = 1; p < buf + len; line++) {
		size_t	 ll;

		eol = memchr(p, '\n', buf + len - p);
		if (eol == NULL)
			eol = buf + len;
		{
			/* A lone CR ends a line too (CommonMark, YAML). */
			const char	*cr = memchr(p, '\r', eol - p);

			if (cr != NULL && cr + 1 < buf + len && cr[1] != '\n')
				eol = cr;
		}
		ll = eol - p;
		while (ll > 0 && (p[ll - 1] == '\r' || p[ll - 1] == ' ' ||
		    p[ll - 1] == '\t'))
			ll--;
		if (line == 1) {
			if (ll != 3 || memcmp(p, "---", 3) != 0) {
				MSGT(DISPATCH_NO_FRONT_MATTER_FILE, file, 1, 0);
				goto fail;
			}
			yaml = eol < buf + len ? eol + 1 : eol;
		} else if (ll == 3 && (memcmp(p, "---", 3) == 0 ||
		    memcmp(p, "...", 3) == 0)) {
			d->close_line = line;
			ylen = p - yaml;
			body = eol < buf + len ? eol + 1 : eol;
			break;
		}
		p = eol + 1;
	}
	if (yaml == NULL) {
		/* An empty file (or only blank space). */
		MSGT(DISPATCH_NO_FRONT_MATTER_FILE_2, file, 1, 0);
		goto fail;
	}
	if (body == NULL) {
		MSGT(DISPATCH_FRONT_MATTER_NOT_CLOSED, file, 1, 0);
		goto fail;
	}

	{
		char	*y = xstrndup(yaml, ylen);

		root = ytree_parse(y, ylen, file, 1, YTREE_CLERK);
		free(y);
	}
	if (root == NULL) {
		f.errors++;
	} else if (root->type != YNODE_MAP) {
		MSGT(DISPATCH_FRONT_MATTER_MUST_KEY, file, root->line,
		    root->col, ynode_kind(root));
		f.errors++;
	} else {
		for (n = root->child; n != NULL; n = n->next)
			member(&f, n);
		check(&f);
	}
	ynode_free(root);
	for (i = 0; i < FM__SCALARS; i++)
		if (d->f[i].text != NULL)
			d->oneline[i] = text_one_line(d->f[i].text);

	d->body = mdin_parse(body, buf + len - body, file, d->close_line,
	    &f.errors);
	if (f.errors == 0 && d->body->root->first == NULL)
		MSGT(DISPATCH_BODY_EMPTY_LETTERS_WILL, file, d->close_line, 0);
	if (f.errors == 0)
		ref_sentence(d);
	d->errors = f.errors;
	return d;
fail:
	d->body = doc_new();
	d->errors = f.errors + 1;
	return d;
}

static void
flist_free(struct flist *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
}

void
dispatch_free(struct dispatch *d)
{
	int	 i;

	if (d == NULL)
		return;
	for (i = 0; i < FM__SCALARS; i++) {
		free(d->f[i].text);
		free(d->oneline[i]);
	}
	flist_free(&d->kinh_gui);
	flist_free(&d->noi_nhan);
	flist_free(&d->pl_cot);
	free(d->pl_tieu_de.text);
	free(d->db_tieu_de.text);
	free(d->db_han.text);
	doc_free(d->body);
	free(d->ref.ky_hieu);
	free(d->file);
	free(d);
}
