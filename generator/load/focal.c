/* The focal-point directory: focal_points.csv read, its names matched to
 * the letters' recipients, replies collated by agency (written by
 * archive/contacts.c). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/msg.h"
#include "base/suggest.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "load/dispatch.h"
#include "load/focal.h"
#include "load/rows.h"

enum fcol {
	FCOL_AGENCY,
	FCOL_NAME,
	FCOL_UNIT,
	FCOL_TITLE,
	FCOL_PHONE,
	FCOL_EMAIL,
	FCOL__MAX
};

/* The header of focal_points.csv (SPEC.md "Inputs"), any order. */
static const char *const fcol_names[FCOL__MAX] = {
	"Tên cơ quan",	/* FCOL_AGENCY */
	"Họ và tên",	/* FCOL_NAME */
	"Đơn vị",	/* FCOL_UNIT */
	"Chức danh",	/* FCOL_TITLE */
	"Điện thoại",	/* FCOL_PHONE */
	"E-mail",	/* FCOL_EMAIL */
};

#define QUOTE_MAX	80	/* bytes of a cell quoted in a message */
#define PHONE_MIN	8	/* digits: 1900 xxxx */
#define PHONE_MAX	15	/* digits: E.164 */

/*
 * Work spent on "closest recipient" suggestions in one load, counted
 * as one per name looked at plus the product of the lengths of the two
 * names edit_distance compares (its cost).  A real file has a few
 * misspelt names among tens of recipients, well inside; a hostile one
 * could pair 100000 unknown names with 100000 recipients.  Past the
 * budget (about a second) errors come without the suggestion.
 */
#define SUGGEST_BUDGET	300000000

/* A folded name and what it names, sorted by key for bsearch. */
struct key {
	const char	*key;		/* text_fold of the name */
	size_t		 idx;		/* agency (while sorting: recipient) */
	size_t		 line;		/* contacts: line in the file */
	const char	*name;		/* contacts: the name as written */
};

/* The agencies as rows of focal_points.csv are matched against them. */
struct match {
	struct directory *dir;
	struct key	*keys;		/* nkey, sorted by key, idx: agency */
	size_t		 nkey;
	char		**fold;		/* per agency: text_fold of its name */
	size_t		*len;		/* per agency: ncp(fold) */
	size_t		 budget;	/* SUGGEST_BUDGET less what is spent */
};

static int
key_cmp(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int		 c;

	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	if (x->idx != y->idx)
		return x->idx < y->idx ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int
key_find(const void *k, const void *e)
{
	return strcmp(k, ((const struct key *)e)->key);
}

/*
 * A cell as the directory keeps it: each run of spaces, tabs, line
 * breaks and U+00A0 becomes one space, none at either end.  A unit
 * typed on two lines in Excel (Alt+Enter) prints on one.
 */
static char *
squeeze(const char *s)
{
	char	*out, *o;
	int	 sp = 0;

	out = o = xmalloc(strlen(s) + 1);
	while (*s != '\0') {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			s++;
			sp = o > out;
		} else if ((unsigned char)s[0] == 0xC2 &&
		    (unsigned char)s[1] == 0xA0) {
			s += 2;
			sp = o > out;
		} else {
			if (sp)
				*o++ = ' ';
			sp = 0;
			*o++ = *s++;
		}
	}
	*o = '\0';
	return out;
}

/* A cell for a message: "…" ends one cut at QUOTE_MAX bytes.  Caller
 * frees. */
static char *
show(const char *s, size_t len)
{
	size_t	 n;
	char	*t, *r;

	t = xstrndup(s, len);
	n = text_cut(t, QUOTE_MAX);
	r = xasprintf("%.*s%s", (int)n, t, t[n] != '\0' ? "…" : "");
	free(t);
	return r;
}

/*
 * The next item of a cell that may hold several, separated by one of
 * seps ("024.3826.0471; 0913.204.586"): *item and *len get it without
 * the spaces around it; returns where to continue, or NULL at the end.
 * Empty items are skipped.
 */
const char *
focal_item_next(const char *s, const char *seps, const char **item, size_t *len)
{
	size_t	 n;

	for (;;) {
		s += strspn(s, " ");
		if (*s == '\0')
			return NULL;
		n = strcspn(s, seps);
		*item = s;
		*len = n;
		while (*len > 0 && s[*len - 1] == ' ')
			(*len)--;
		s += n;
		if (*s != '\0')
			s++;
		if (*len > 0)
			return s;
	}
}


/*
 * Digits with spaces, dots, hyphens and one level of parentheses
 * between them, a "+" only in front, 8 to 15 digits: 0963.563.571,
 * 024 3943 6789, (024) 3943 6789, +84 24 3943 6789.
 */
int
focal_phone_ok(const char *s, size_t len)
{
	size_t	 i, digits = 0;
	int	 depth = 0;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '0': case '1': case '2': case '3': case '4':
		case '5': case '6': case '7': case '8': case '9':
			digits++;
			break;
		case '+':
			if (i != 0)
				return 0;
			break;
		case '(':
			if (depth++ > 0)
				return 0;
			break;
		case ')':
			if (depth-- == 0)
				return 0;
			break;
		case ' ': case '.': case '-':
			break;
		default:
			return 0;
		}
	}
	return depth == 0 && digits >= PHONE_MIN && digits <= PHONE_MAX;
}

/*
 * The tel: URI (RFC 3966) of a number that phone_ok accepts, in global
 * form where it can be: a leading 0 is the Vietnamese trunk prefix
 * (0963… → +84963…), 00 the international one, and the "(0)" of
 * "+84 (0)24 …" is dropped.  A number with neither (1900 1234) stays
 * local, in the context +84.  Caller frees.
 */
char *
focal_tel_uri(const char *s, size_t len)
{
	char	*d, *u;
	size_t	 i, n = 0;
	int	 plus = len > 0 && s[0] == '+';

	d = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		if (plus && i + 2 < len && s[i] == '(' && s[i + 1] == '0' &&
		    s[i + 2] == ')') {
			i += 2;
			continue;
		}
		if (s[i] >= '0' && s[i] <= '9')
			d[n++] = s[i];
	}
	d[n] = '\0';
	if (plus)
		u = xasprintf("tel:+%s", d);
	else if (d[0] == '0' && d[1] == '0')
		u = xasprintf("tel:+%s", d + 2);
	else if (d[0] == '0')
		u = xasprintf("tel:+84%s", d + 1);
	else
		u = xasprintf("tel:%s;phone-context=+84", d);
	free(d);
	return u;
}

/*
 * One "@", something before it, a domain after it with a dot inside
 * (not first, not last, not two in a row), no white space, and none of
 * the characters that only quoted local parts allow.  Non-ASCII
 * letters pass: internationalised addresses exist.
 */
static int
email_ok(const char *s, size_t len)
{
	const char	*at, *dom;
	size_t		 i, dlen;
	unsigned char	 c;

	if ((at = memchr(s, '@', len)) == NULL || at == s)
		return 0;
	dom = at + 1;
	dlen = len - (size_t)(dom - s);
	if (dlen == 0 || memchr(dom, '@', dlen) != NULL ||
	    memchr(dom, '.', dlen) == NULL ||
	    dom[0] == '.' || dom[dlen - 1] == '.')
		return 0;
	for (i = 0; i + 1 < dlen; i++)
		if (dom[i] == '.' && dom[i + 1] == '.')
			return 0;
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c <= ' ' || c == 0x7F || strchr("()<>[]:;,\"\\", c) != NULL)
			return 0;
	}
	return 1;
}

/* Length in code points as edit_distance counts them (at most 100). */
static size_t
ncp(const char *s)
{
	size_t	 n = text_column(s, strlen(s)) - 1;

	return n < 100 ? n : 100;
}

/*
 * The agencies, one per distinct recipient (after text_fold) in the
 * order the letters come, and the index that finds them by name.
 */
static void
agencies(struct match *m, char *const *recipient, size_t n)
{
	struct directory *dir;
	struct key	 *rk;
	size_t		 *aidx, i, j, nr = 0;
	char		**rf;

	rf = xcalloc(n, sizeof(*rf));
	rk = xcalloc(n, sizeof(*rk));
	for (i = 0; i < n; i++) {
		rf[i] = text_fold(recipient[i] != NULL ? recipient[i] : "");
		if (rf[i][0] == '\0')
			continue;	/* no name: merge_check reports it */
		rk[nr].key = rf[i];
		rk[nr].idx = i;
		nr++;
	}
	qsort(rk, nr, sizeof(*rk), key_cmp);

	/* Equal names sort by row: the first of each run stands for it. */
	aidx = xcalloc(n, sizeof(*aidx));
	for (i = 0; i < n; i++)
		aidx[i] = SIZE_MAX;
	for (i = 0; i < nr; i++)
		if (i == 0 || strcmp(rk[i - 1].key, rk[i].key) != 0)
			aidx[rk[i].idx] = 0;

	m->dir = dir = xcalloc(1, sizeof(*dir));
	dir->agency = xcalloc(nr, sizeof(*dir->agency));
	m->fold = xcalloc(nr, sizeof(*m->fold));
	m->len = xcalloc(nr, sizeof(*m->len));
	for (i = 0; i < n; i++) {
		if (aidx[i] == SIZE_MAX)
			continue;
		dir->agency[dir->nagency].name = xstrdup(recipient[i]);
		m->fold[dir->nagency] = rf[i];
		m->len[dir->nagency] = ncp(rf[i]);
		rf[i] = NULL;
		aidx[i] = dir->nagency++;
	}
	for (i = j = 0; i < nr; i++) {
		if (aidx[rk[i].idx] == SIZE_MAX)
			continue;
		rk[j].idx = aidx[rk[i].idx];
		rk[j].key = m->fold[rk[j].idx];
		j++;
	}
	m->keys = rk;
	m->nkey = j;
	m->budget = SUGGEST_BUDGET;
	for (i = 0; i < n; i++)
		free(rf[i]);
	free(rf);
	free(aidx);
}

/*
 * The recipient whose folded name is closest to key, for the message
 * about an unknown one; NULL when there is none near enough
 * (suggest_near, the one threshold) or the budget is spent.  Names whose lengths alone put them further than the best so
 * far are not compared.  Ties go to the first in appendix order.
 */
static const char *
closest(struct match *m, const char *key)
{
	const char	*best = NULL;
	size_t		 i, d, bestd = SIZE_MAX, kl, fl, cost;

	kl = ncp(key);
	for (i = 0; i < m->dir->nagency; i++) {
		fl = m->len[i];
		cost = 1;
		if ((fl > kl ? fl - kl : kl - fl) < bestd)
			cost += kl * fl;
		if (m->budget < cost) {
			m->budget = 0;
			return NULL;
		}
		m->budget -= cost;
		if (cost > 1 && (d = edit_distance(key, m->fold[i])) < bestd) {
			bestd = d;
			best = m->dir->agency[i].name;
		}
	}
	return best != NULL && suggest_near(key, bestd) ? best : NULL;
}

/* Line of the header record: the first that is not blank. */
static size_t
header_line(const char *s, size_t len)
{
	size_t	 i, line = 1;

	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	else
		i = 0;
	for (; i < len; i++) {
		if (s[i] == '\n')
			line++;
		else if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			break;
	}
	return line;
}

/*
 * Map the header to the six columns.  A missing one is an error at the
 * header line, suggesting an extra column with a close name ("Email"
 * for "E-mail"); other extra columns are warnings and ignored.
 * Returns the number of errors.
 */
static size_t
columns(const struct rows *t, size_t hline, int col[FCOL__MAX])
{
	char		**hf;
	const char	 *sug;
	int		 *used;
	size_t		  i, j, d, bestd, best, nerr = 0;
	char		 *f;

	used = xcalloc(t->ncol, sizeof(*used));
	for (i = 0; i < FCOL__MAX; i++)
		if ((col[i] = rows_col(t, fcol_names[i])) >= 0)
			used[col[i]] = 1;
	hf = xcalloc(t->ncol, sizeof(*hf));
	for (j = 0; j < t->ncol; j++)
		hf[j] = text_fold(t->header[j]);
	for (i = 0; i < FCOL__MAX; i++) {
		if (col[i] >= 0)
			continue;
		f = text_fold(fcol_names[i]);
		sug = NULL;
		bestd = best = SIZE_MAX;
		for (j = 0; j < t->ncol; j++)
			if (used[j] != 1 &&
			    suggest_near(f, d = edit_distance(f, hf[j])) &&
			    d < bestd) {
				bestd = d;
				best = j;
			}
		if (bestd != SIZE_MAX) {
			used[best] = 2;
			sug = t->header[best];
		}
		if (sug != NULL)
			MSGT(FOCAL_MISSING_COLUMN_RENAME_COLUMN, t->file, hline,
			    0, fcol_names[i], sug, fcol_names[i]);
		else
			MSGT(FOCAL_MISSING_COLUMN, t->file, hline, 0,
			    fcol_names[i]);
		nerr++;
		free(f);
	}
	for (j = 0; j < t->ncol; j++)
		if (used[j] == 0)
			MSGT(FOCAL_EXTRA_COLUMN_IGNORED, t->file, hline, 0,
			    t->header[j]);
	for (j = 0; j < t->ncol; j++)
		free(hf[j]);
	free(hf);
	free(used);
	return nerr;
}

/* Warn about each phone number or e-mail address of a cell that does
 * not look like one. */
static void
check_items(const char *file, size_t line, const char *cell, int phone)
{
	const char	*p = cell, *it;
	size_t		 len;
	char		*q;

	while ((p = focal_item_next(p, phone ? PHONE_SEPS : EMAIL_SEPS,
	    &it, &len)) != NULL) {
		if (phone ? focal_phone_ok(it, len) : email_ok(it, len))
			continue;
		q = show(it, len);
		if (phone)
			MSGT(FOCAL_MALFORMED_PHONE, file, line, 0, q);
		else
			MSGT(FOCAL_MALFORMED_EMAIL, file, line, 0, q);
		free(q);
	}
}

/* The same person twice for one agency: a reply pasted twice, or an
 * update next to the old row.  Both are kept. */
static void
duplicates(const struct directory *dir, const char *file, struct key *ck,
    size_t n)
{
	size_t	 i, j;
	char	*s, *q;

	qsort(ck, n, sizeof(*ck), key_cmp);
	for (i = 0; i < n; i = j)
		for (j = i + 1; j < n && ck[j].idx == ck[i].idx &&
		    strcmp(ck[j].key, ck[i].key) == 0; j++) {
			s = squeeze(ck[j].name);
			q = show(s, strlen(s));
			MSGT(FOCAL_DUPLICATE_CONTACT_FIRST_LINE, file,
			    ck[j].line, 0, q, dir->agency[ck[i].idx].name,
			    ck[i].line);
			free(q);
			free(s);
		}
}

/*
 * The agency that a row's "Tên cơ quan" names, or SIZE_MAX after an
 * error (empty cell, no such recipient).
 */
static size_t
agency_of(struct match *m, const struct rows *t, const struct row *r,
    int col)
{
	const struct key *k;
	const char	 *sug;
	char		 *f, *q, *s;
	size_t		  idx = SIZE_MAX;

	f = text_fold(r->cell[col]);
	if (f[0] == '\0')
		MSGT(FOCAL_EMPTY_CELL_COLUMN, t->file, r->line, 0,
		    fcol_names[FCOL_AGENCY]);
	else if ((k = bsearch(f, m->keys, m->nkey, sizeof(*m->keys),
	    key_find)) != NULL)
		idx = k->idx;
	else {
		s = squeeze(r->cell[col]);
		q = show(s, strlen(s));
		if ((sug = closest(m, f)) != NULL)
			MSGT(FOCAL_NO_LETTER_ADDRESSED_CLOSEST, t->file,
			    r->line, 0, q, sug);
		else
			MSGT(FOCAL_NO_LETTER_ADDRESSED, t->file, r->line, 0, q);
		free(q);
		free(s);
	}
	free(f);
	return idx;
}

/*
 * Two passes over the rows: the first checks every row and finds its
 * agency, the second, only when nothing was wrong, copies the contacts
 * in, so that each agency's array is allocated once.
 */
struct directory *
directory_load(const char *path, char *const *recipient, size_t nrecipient)
{
	struct match	  m;
	struct directory *dir;
	struct rows	 *t = NULL;
	struct key	 *ck = NULL;
	struct contact	 *c;
	struct agency	 *a;
	const struct row *r;
	char		 *buf = NULL, *f, *q;
	size_t		 *match = NULL, len, i, nerr = 0, nck = 0;
	int		  col[FCOL__MAX];

	agencies(&m, recipient, nrecipient);
	dir = m.dir;

	if ((buf = text_read_input(path, &len, MSGT__MAX)) == NULL) {
		if (errno != ENOENT)
			nerr++;
		goto out;	/* missing: no replies yet */
	}
	/*
	 * An empty file is no replies either, like a header without
	 * rows (ROWS_EMPTY_OK).
	 */
	i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	if (strspn(buf + i, " \t\r\n") == len - i)
		goto out;
	if ((t = rows_parse_flags(buf, len, path, ROWS_EMPTY_OK)) == NULL) {
		nerr++;
		goto out;
	}
	nerr += columns(t, header_line(buf, len), col);

	match = xcalloc(t->nrow, sizeof(*match));
	ck = xcalloc(t->nrow, sizeof(*ck));
	for (i = 0; i < t->nrow; i++) {
		r = &t->row[i];
		match[i] = SIZE_MAX;
		if (col[FCOL_AGENCY] >= 0 && (match[i] = agency_of(&m, t, r,
		    col[FCOL_AGENCY])) == SIZE_MAX)
			nerr++;
		if (col[FCOL_NAME] >= 0) {
			f = text_fold(r->cell[col[FCOL_NAME]]);
			if (f[0] == '\0') {
				MSGT(FOCAL_EMPTY_CELL_COLUMN, t->file, r->line,
				    0, fcol_names[FCOL_NAME]);
				nerr++;
			} else if (match[i] != SIZE_MAX) {
				ck[nck].key = f;
				ck[nck].idx = match[i];
				ck[nck].line = r->line;
				ck[nck].name = r->cell[col[FCOL_NAME]];
				nck++;
				f = NULL;
			}
			free(f);
		}
		if (col[FCOL_PHONE] >= 0) {
			q = squeeze(r->cell[col[FCOL_PHONE]]);
			check_items(t->file, r->line, q, 1);
			free(q);
		}
		if (col[FCOL_EMAIL] >= 0) {
			q = squeeze(r->cell[col[FCOL_EMAIL]]);
			check_items(t->file, r->line, q, 0);
			free(q);
		}
	}
	duplicates(dir, t->file, ck, nck);
	if (nerr > 0)
		goto out;

	for (i = 0; i < t->nrow; i++)
		dir->agency[match[i]].ncontact++;
	for (i = 0; i < dir->nagency; i++) {
		a = &dir->agency[i];
		if (a->ncontact > 0) {
			a->contact = xcalloc(a->ncontact, sizeof(*a->contact));
			a->ncontact = 0;
			dir->nreplied++;
		}
	}
	for (i = 0; i < t->nrow; i++) {
		r = &t->row[i];
		a = &dir->agency[match[i]];
		c = &a->contact[a->ncontact++];
		c->line = r->line;
		c->name = squeeze(r->cell[col[FCOL_NAME]]);
		c->unit = squeeze(r->cell[col[FCOL_UNIT]]);
		c->title = squeeze(r->cell[col[FCOL_TITLE]]);
		c->phone = squeeze(r->cell[col[FCOL_PHONE]]);
		c->email = squeeze(r->cell[col[FCOL_EMAIL]]);
	}
out:
	for (i = 0; i < nck; i++)
		free((char *)ck[i].key);
	free(ck);
	free(match);
	for (i = 0; i < dir->nagency; i++)
		free(m.fold[i]);
	free(m.fold);
	free(m.len);
	free(m.keys);
	rows_free(t);
	free(buf);
	if (nerr > 0) {
		directory_free(dir);
		return NULL;
	}
	return dir;
}

void
directory_free(struct directory *dir)
{
	struct contact	*c;
	size_t		 i, j;

	if (dir == NULL)
		return;
	for (i = 0; i < dir->nagency; i++) {
		for (j = 0; j < dir->agency[i].ncontact; j++) {
			c = &dir->agency[i].contact[j];
			free(c->name);
			free(c->unit);
			free(c->title);
			free(c->phone);
			free(c->email);
		}
		free(dir->agency[i].contact);
		free(dir->agency[i].name);
	}
	free(dir->agency);
	free(dir);
}
