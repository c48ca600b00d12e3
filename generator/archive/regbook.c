/* The outgoing register: read, number, update and write register.csv. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive/regbook.h"
#include "base/buf.h"
#include "base/msg.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "load/dispatch.h"
#include "load/rows.h"

/* Phụ lục IV, columns (1)–(10) (FORMAT.md §10). */
static const char *const reg_names[REG_NCOL] = {
	"Số, ký hiệu văn bản",			/* REG_SO_KY_HIEU */
	"Ngày tháng văn bản",			/* REG_NGAY */
	"Tên loại và trích yếu nội dung văn bản", /* REG_TRICH_YEU */
	"Người ký",				/* REG_NGUOI_KY */
	"Nơi nhận văn bản",			/* REG_NOI_NHAN */
	"Đơn vị, người nhận bản lưu",		/* REG_LUU */
	"Số lượng bản",				/* REG_SO_BAN */
	"Ngày chuyển",				/* REG_NGAY_CHUYEN */
	"Ký nhận",				/* REG_KY_NHAN */
	"Ghi chú",				/* REG_GHI_CHU */
};

static void	 row_extra_free(struct reg_row *, size_t);

char *
reg_trich_yeu(const char *trich_yeu)
{
	return xasprintf("Công văn V/v %s", trich_yeu);
}

const char *
reg_row_ky_hieu(const struct reg_row *r)
{
	const char	*p = strchr(r->cell[REG_SO_KY_HIEU], '/');

	return p != NULL ? p + 1 : "";
}

/*
 * A register date: DD/MM/YYYY as reg_csv writes it, and what a
 * spreadsheet or a hand makes of it.  Day first, the Vietnamese order
 * (vi-VN): D/M/YYYY as Excel shows it, DD/MM/YY as LibreOffice's
 * vi-VN short date does, with '/', '-' or '.' between; a two-digit
 * year YY is 20YY (a register of Decree 30, 2020, holds no 19YY).  Or
 * YYYY-MM-DD (ISO, year first).  The day must exist (date_parse).
 * Returns 0 and fills *dt, or -1.
 */
static int
date_read(const char *s, struct date *dt)
{
	const char	*p = s;
	char		 iso[32], sep = 0;
	long		 v[3], y, m, d;
	size_t		 n[3], i;

	for (i = 0; i < 3; i++) {
		n[i] = strspn(p, "0123456789");
		if (n[i] == 0 || n[i] > 4)
			return -1;
		v[i] = strtol(p, NULL, 10);
		p += n[i];
		if (i == 2)
			break;
		if ((*p != '/' && *p != '-' && *p != '.') ||
		    (sep != 0 && *p != sep))
			return -1;
		sep = *p++;
	}
	if (*p != '\0')
		return -1;
	if (n[0] == 4 && sep == '-' && n[1] <= 2 && n[2] <= 2) {
		y = v[0];
		m = v[1];
		d = v[2];
	} else if (n[0] <= 2 && n[1] <= 2 && (n[2] == 4 || n[2] == 2)) {
		d = v[0];
		m = v[1];
		y = n[2] == 2 ? 2000 + v[2] : v[2];
	} else
		return -1;
	snprintf(iso, sizeof(iso), "%04ld-%02ld-%02ld", y, m, d);
	return date_parse(iso, dt) == 0 ? 0 : -1;
}

/* Number, date and year of a row, from "07/…" (so 0 if it is not a
 * number and a slash) and cell (2) (date_read; y 0 if unreadable). */
static void
row_parse(struct reg_row *r)
{
	const char	*s = r->cell[REG_SO_KY_HIEU];
	size_t		 n = strspn(s, "0123456789");

	r->so = n > 0 && n < 10 && s[n] == '/' ? strtol(s, NULL, 10) : 0;
	if (date_read(r->cell[REG_NGAY], &r->date) != 0)
		memset(&r->date, 0, sizeof(r->date));
	r->year = r->date.y;
}

/* A cell quoted in a message: its first 60 bytes, then "…". */
#define CUT(s)	(int)text_cut((s), 60), (s), (s)[text_cut((s), 60)] ? "…" : ""

/*
 * Report what makes row r unreadable (reg_parse).  Returns the number
 * of errors.
 */
static int
row_check(const struct reg_row *r, const char *path)
{
	const char	*s = r->cell[REG_SO_KY_HIEU];
	size_t		 n = strspn(s, "0123456789");
	int		 nerr = 0;

	if (r->so == 0) {
		if (*s == '\0')
			MSGT(REGBOOK_ROW_NO_NUMBER, path, r->line, 0);
		else if (n > 0 && n < 10 && s[n] == '/')
			MSGT(REGBOOK_ROW_NUMBER_ZERO, path, r->line, 0, CUT(s));
		else
			MSGT(REGBOOK_ROW_NUMBER_UNREADABLE, path, r->line, 0,
			    CUT(s));
		nerr++;
	}
	if (r->date.y == 0) {
		MSGT(REGBOOK_ROW_DATE_UNREADABLE, path, r->line, 0,
		    CUT(r->cell[REG_NGAY]), CUT(*s != '\0' ? s : "this row"));
		nerr++;
	}
	return nerr;
}

/* Order of rows by year, number, line: a number twice is two
 * neighbours. */
static int
row_cmp(const void *a, const void *b)
{
	const struct reg_row *x = *(const struct reg_row *const *)a;
	const struct reg_row *y = *(const struct reg_row *const *)b;

	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	if (x->so != y->so)
		return x->so < y->so ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/*
 * Each number of a year on one row (SPEC.md "The register": one
 * series per register per year): a number on a later row too is an
 * error there, naming the first.  Returns the number of errors.
 */
static int
dup_check(const struct regbook *b)
{
	const struct reg_row	**v, *first;
	size_t			 i;
	int			 nerr = 0;

	if (b->nrow < 2)
		return 0;
	v = xcalloc(b->nrow, sizeof(*v));
	for (i = 0; i < b->nrow; i++)
		v[i] = &b->row[i];
	qsort(v, b->nrow, sizeof(*v), row_cmp);
	for (i = 1, first = v[0]; i < b->nrow; i++) {
		if (v[i]->year != first->year || v[i]->so != first->so) {
			first = v[i];
			continue;
		}
		MSGT(REGBOOK_NUMBER_TWICE, b->path, v[i]->line, 0, v[i]->so,
		    v[i]->year, first->line, first->cell[REG_SO_KY_HIEU],
		    v[i]->cell[REG_SO_KY_HIEU]);
		nerr++;
	}
	free(v);
	return nerr;
}

/* 1 if r has date dt, symbol ky_hieu and subject trich_yeu. */
static int
row_same(const struct reg_row *r, const struct date *dt, const char *ky_hieu,
    const char *ty)
{
	return r->date.y == dt->y && r->date.m == dt->m && r->date.d == dt->d &&
	    strcmp(reg_row_ky_hieu(r), ky_hieu) == 0 &&
	    strcmp(r->cell[REG_TRICH_YEU], ty) == 0;
}

struct regbook *
reg_load(const char *path)
{
	struct regbook	*b;
	char		*buf;
	size_t		 len;

	if ((buf = text_read_file(path, &len)) == NULL) {
		if (errno != ENOENT)
			DIE(SYS_FILE, path, strerror(errno));
		b = xcalloc(1, sizeof(*b));
		b->path = xstrdup(path);
		return b;
	}
	b = reg_parse(buf, len, path);
	free(buf);
	return b;
}

/*
 * Which column of t holds each of the ten (map[k], -1 if none), by
 * name after text_fold; *nfound gets how many were found.  The others
 * are the clerk's (isreg[j] 0).  A second column under one of the ten
 * names is an error (written back, the two would share a name).
 * Returns the number of errors.
 */
static int
header_map(const struct rows *t, int *map, char *isreg, size_t *nfound)
{
	char	*key, *want;
	size_t	 j, k;
	int	 nerr = 0;

	*nfound = 0;
	for (k = 0; k < REG_NCOL; k++)
		map[k] = -1;
	for (j = 0; j < t->ncol; j++) {
		isreg[j] = 0;
		key = text_fold(t->header[j]);
		for (k = 0; k < REG_NCOL; k++) {
			want = text_fold(reg_names[k]);
			if (strcmp(key, want) == 0) {
				free(want);
				break;
			}
			free(want);
		}
		free(key);
		if (k == REG_NCOL)
			continue;
		if (map[k] != -1) {
			MSGT(REGBOOK_HEADER_COLUMN_TWICE, t->file, t->hline[j],
			    t->hcol[j], j + 1, t->header[j], (int)k + 1,
			    (size_t)map[k] + 1);
			nerr++;
			continue;
		}
		map[k] = (int)j;
		isreg[j] = 1;
		(*nfound)++;
	}
	return nerr;
}

struct regbook *
reg_parse(const char *buf, size_t len, const char *path)
{
	struct regbook	*b;
	struct reg_row	*r;
	struct rows	*t;
	char		*isreg = NULL;
	int		 map[REG_NCOL];
	size_t		 i, j, k, nfound;
	int		 nerr = 0;

	b = xcalloc(1, sizeof(*b));
	b->path = xstrdup(path);
	t = rows_parse_flags(buf, len, path, ROWS_EMPTY_OK);
	if (t == NULL) {
		reg_free(b);
		return NULL;
	}
	isreg = xcalloc(t->ncol + 1, 1);
	nerr += header_map(t, map, isreg, &nfound);
	if (nfound == 0) {
		MSGT(REGBOOK_NOT_OUTGOING_REGISTER_HEADER, path, t->hline[0], 0,
		    REG_NCOL, reg_names[0], reg_names[REG_NCOL - 1]);
		nerr++;
		goto out;
	}
	for (k = 0; k < REG_NCOL; k++)
		if (map[k] == -1) {
			MSGT(REGBOOK_HEADER_NO_COLUMN, path, t->hline[0], 0,
			    reg_names[k], (int)k + 1);
			nerr++;
		}
	if (nerr > 0)
		goto out;

	b->nextra = t->ncol - REG_NCOL;
	b->xname = xcalloc(b->nextra + 1, sizeof(*b->xname));
	for (j = 0, k = 0; j < t->ncol; j++)
		if (!isreg[j]) {
			b->xname[k++] = t->header[j];
			t->header[j] = NULL;
		}
	b->row = xcalloc(t->nrow + 1, sizeof(*b->row));
	for (i = 0; i < t->nrow; i++) {
		r = &b->row[i];
		r->line = t->row[i].line;
		for (k = 0; k < REG_NCOL; k++) {
			r->cell[k] = t->row[i].cell[map[k]];
			t->row[i].cell[map[k]] = NULL;
		}
		r->extra = xcalloc(b->nextra + 1, sizeof(*r->extra));
		for (j = 0, k = 0; j < t->ncol; j++)
			if (!isreg[j]) {
				r->extra[k++] = t->row[i].cell[j];
				t->row[i].cell[j] = NULL;
			}
		b->nrow++;
		row_parse(r);
		nerr += row_check(r, path);
	}
	if (nerr == 0)
		nerr += dup_check(b);
out:
	free(isreg);
	rows_free(t);
	if (nerr > 0) {
		reg_free(b);
		return NULL;
	}
	return b;
}

struct reg_row *
reg_lookup(struct regbook *b, long so, const char *ky_hieu,
    const struct date *dt)
{
	struct reg_row	*r = reg_number(b, so, dt->y);

	return r != NULL && r->date.m == dt->m && r->date.d == dt->d &&
	    strcmp(reg_row_ky_hieu(r), ky_hieu) == 0 ? r : NULL;
}

struct reg_row *
reg_number(struct regbook *b, long so, int year)
{
	size_t	 i;

	for (i = 0; i < b->nrow; i++)
		if (b->row[i].year == year && b->row[i].so == so)
			return &b->row[i];
	return NULL;
}

struct reg_row *
reg_find(struct regbook *b, long so, const struct date *dt,
    const char *ky_hieu, const char *trich_yeu)
{
	struct reg_row	*r = reg_number(b, so, dt->y);
	char		*ty = reg_trich_yeu(trich_yeu);
	int		 same = r != NULL && row_same(r, dt, ky_hieu, ty);

	free(ty);
	return same ? r : NULL;
}

long
reg_auto(struct regbook *b, const struct date *dt, const char *ky_hieu,
    const char *trich_yeu, long own, long held, long not_so)
{
	struct reg_row	*first = NULL;
	char		*ty = reg_trich_yeu(trich_yeu);
	long		 max = held;
	size_t		 i;

	for (i = 0; i < b->nrow; i++) {
		if (b->row[i].year == dt->y && b->row[i].so > max)
			max = b->row[i].so;
		if (!row_same(&b->row[i], dt, ky_hieu, ty) ||
		    (not_so > 0 && b->row[i].so == not_so))
			continue;
		if (first != NULL) {
			MSGT(REGBOOK_DISPATCH_TWICE, b->path, b->row[i].line, 0,
			    first->cell[REG_SO_KY_HIEU], first->line,
			    b->row[i].cell[REG_SO_KY_HIEU]);
			free(ty);
			return -1;
		}
		first = &b->row[i];
	}
	free(ty);
	if (first != NULL)
		return first->so;
	return own > 0 ? own : max + 1;
}

int
reg_check(struct regbook *b, long so, const struct date *dt,
    const char *ky_hieu, const char *trich_yeu, int ours, long not_so)
{
	struct reg_row	*r = reg_number(b, so, dt->y);
	char		*ty;
	size_t		 i, cut;

	/* Its archive folder says it is this dispatch: the row's cells
	 * were edited by hand, and the build writes it again. */
	if (r != NULL && ours)
		return 0;
	if (r != NULL && reg_find(b, so, dt, ky_hieu, trich_yeu) == NULL) {
		cut = text_cut(r->cell[REG_TRICH_YEU], 60);
		MSGT(REGBOOK_NUMBER_ALREADY_TAKEN_USE, b->path, r->line, 0, so,
		    dt->y, r->cell[REG_SO_KY_HIEU], r->cell[REG_NGAY],
		    (int)cut, r->cell[REG_TRICH_YEU],
		    r->cell[REG_TRICH_YEU][cut] != '\0' ? "…" : "");
		return -1;
	}
	if (r != NULL)
		return 0;
	/* A new number for a dispatch the register holds under another:
	 * the clerk declared a new dispatch (SPEC.md "The register"). */
	ty = reg_trich_yeu(trich_yeu);
	for (i = 0; i < b->nrow; i++)
		if (row_same(&b->row[i], dt, ky_hieu, ty) &&
		    (not_so == 0 || b->row[i].so != not_so))
			MSGT(REGBOOK_SAME_DISPATCH_NEW_NUMBER, b->path,
			    b->row[i].line, 0, b->row[i].cell[REG_SO_KY_HIEU],
			    so);
	free(ty);
	return 0;
}

/* Whether seg (of length n), a "; "-separated part of Ghi chú, is one
 * that reg_row_of writes: the archive folder, the superseded count, what
 * the dispatch mends. */
static int
ghi_chu_ours(const char *seg, size_t n)
{
	static const char *const ours[] = { "archive/", "thay thế Công văn số ",
	    "đính chính Công văn số ", NULL };
	size_t	 i, k;

	for (i = 0; ours[i] != NULL; i++)
		if (n >= strlen(ours[i]) &&
		    strncmp(seg, ours[i], strlen(ours[i])) == 0)
			return 1;
	k = strspn(seg, "0123456789");
	return k > 0 && k < n && strncmp(seg + k, " bản cũ lưu ở ",
	    strlen(" bản cũ lưu ở ")) == 0;
}

/* r's Ghi chú, then each part of old's that the clerk wrote (issue 14:
 * a note typed there was lost when the row was written again). */
static void
ghi_chu_keep(struct reg_row *r, const struct reg_row *old)
{
	struct buf	 b = BUF_INIT;
	const char	*p, *e;
	size_t		 n;

	if (old->cell[REG_GHI_CHU] == NULL)
		return;
	buf_adds(&b, r->cell[REG_GHI_CHU] != NULL ? r->cell[REG_GHI_CHU] : "");
	for (p = old->cell[REG_GHI_CHU]; *p != '\0'; p = *e ? e + 1 : e) {
		while (*p == ' ')
			p++;
		e = strchr(p, ';');
		if (e == NULL)
			e = p + strlen(p);
		n = e - p;
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (n == 0 || ghi_chu_ours(p, n))
			continue;
		buf_adds(&b, b.len > 0 ? "; " : "");
		buf_add(&b, p, n);
	}
	buf_adds(&b, "");
	free(r->cell[REG_GHI_CHU]);
	r->cell[REG_GHI_CHU] = (char *)b.p;
}

void
reg_put(struct regbook *b, struct reg_row *r)
{
	struct reg_row	*old;
	size_t		 j;

	row_parse(r);
	old = reg_number(b, r->so, r->year);
	if (old == NULL) {
		/* In the order of the book: before the year's first higher
		 * number (a row given back, a number the clerk chose), or
		 * after the year's last row, or at the end. */
		size_t	 at = b->nrow, i;

		for (i = 0; i < b->nrow; i++) {
			if (b->row[i].year == r->year && b->row[i].so > r->so) {
				at = i;
				break;
			}
			if (b->row[i].year == r->year)
				at = i + 1;
		}
		b->row = xreallocarray(b->row, b->nrow + 1, sizeof(*b->row));
		memmove(&b->row[at + 1], &b->row[at],
		    (b->nrow - at) * sizeof(*b->row));
		b->row[at] = *r;
		b->nrow++;
		return;
	}
	/* What the clerk added to Ghi chú stays, after congvan's part. */
	ghi_chu_keep(r, old);
	/* The clerk's own columns stay as the clerk wrote them. */
	free(r->cell[REG_NGAY_CHUYEN]);
	free(r->cell[REG_KY_NHAN]);
	r->cell[REG_NGAY_CHUYEN] = old->cell[REG_NGAY_CHUYEN];
	r->cell[REG_KY_NHAN] = old->cell[REG_KY_NHAN];
	old->cell[REG_NGAY_CHUYEN] = old->cell[REG_KY_NHAN] = NULL;
	/* And so do the columns the clerk added. */
	row_extra_free(r, b->nextra);
	r->extra = old->extra;
	old->extra = NULL;
	for (j = 0; j < REG_NCOL; j++)
		free(old->cell[j]);
	r->line = old->line;
	*old = *r;
}

char *
reg_csv(const struct regbook *b, size_t *len)
{
	struct buf	 buf = BUF_INIT;
	const struct reg_row *r;
	char		*c;
	size_t		 i, j;

	buf_adds(&buf, "\xEF\xBB\xBF");	/* BOM: Excel reads UTF-8 */
	for (j = 0; j < REG_NCOL; j++)
		rows_put(&buf, reg_names[j], j + 1 == REG_NCOL && b->nextra == 0);
	for (j = 0; j < b->nextra; j++)
		rows_put(&buf, b->xname[j], j + 1 == b->nextra);
	for (i = 0; i < b->nrow; i++) {
		r = &b->row[i];
		for (j = 0; j < REG_NCOL; j++) {
			/* Re-typed numbers and dates written as ours. */
			if (j == REG_SO_KY_HIEU && r->so > 0)
				c = xasprintf("%02ld/%s", r->so, reg_row_ky_hieu(r));
			else if (j == REG_NGAY && r->date.y != 0)
				c = xasprintf("%02d/%02d/%04d", r->date.d,
				    r->date.m, r->date.y);
			else
				c = xstrdup(r->cell[j] != NULL ? r->cell[j] : "");
			(j == REG_NGAY_CHUYEN || j == REG_KY_NHAN ?
			    rows_put_verbatim : rows_put)(&buf, c,
			    j + 1 == REG_NCOL && b->nextra == 0);
			free(c);
		}
		for (j = 0; j < b->nextra; j++)
			rows_put_verbatim(&buf, r->extra != NULL &&
			    r->extra[j] != NULL ? r->extra[j] : "",
			    j + 1 == b->nextra);
	}
	*len = buf.len;
	return (char *)buf.p;
}

/* Frees row r's n extra cells. */
static void
row_extra_free(struct reg_row *r, size_t n)
{
	size_t	 j;

	if (r->extra == NULL)
		return;
	for (j = 0; j < n; j++)
		free(r->extra[j]);
	free(r->extra);
	r->extra = NULL;
}

void
reg_free(struct regbook *b)
{
	size_t	 i, j;

	if (b == NULL)
		return;
	for (i = 0; i < b->nrow; i++) {
		for (j = 0; j < REG_NCOL; j++)
			free(b->row[i].cell[j]);
		row_extra_free(&b->row[i], b->nextra);
	}
	for (j = 0; j < b->nextra; j++)
		free(b->xname[j]);
	free(b->xname);
	free(b->row);
	free(b->path);
	free(b);
}

struct reg_row *
reg_row_of(const struct dispatch *d, long so, const struct date *dtp,
    char *const *rcpt, size_t nrow, size_t nletter, const char *arel,
    size_t nsup, const char *note)
{
	struct reg_row	*r;
	struct date	 dt = *dtp;
	const char	*luu;
	char		*p = NULL;
	size_t		 len = 0, i, n;

	r = xcalloc(1, sizeof(*r));
	r->cell[REG_SO_KY_HIEU] = xasprintf("%02ld/%s", so,
	    d->f[FM_KY_HIEU].text);
	r->cell[REG_NGAY] = xasprintf("%02d/%02d/%04d", dt.d, dt.m, dt.y);
	r->cell[REG_TRICH_YEU] = reg_trich_yeu(d->f[FM_TRICH_YEU].text);
	r->cell[REG_NGUOI_KY] = xstrdup(d->f[FM_NGUOI_KY].text);
	/* The recipients, as long as the cell stays readable. */
	for (i = 0; i < nrow; i++) {
		n = strlen(rcpt[i]);
		if (len + n + 2 > 1000) {
			char	*more = xasprintf("%s và %zu cơ quan khác",
			    p, nrow - i);

			free(p);
			p = more;
			break;
		}
		p = xrealloc(p, len + n + 3);
		if (len > 0) {
			memcpy(p + len, "; ", 2);
			len += 2;
		}
		memcpy(p + len, rcpt[i], n + 1);
		len += n;
	}
	r->cell[REG_NOI_NHAN] = p != NULL ? p : xstrdup("");
	luu = d->noi_nhan.v[d->noi_nhan.n - 1].text;
	if (strncmp(luu, "Lưu:", strlen("Lưu:")) == 0)
		for (luu += strlen("Lưu:"); *luu == ' '; luu++)
			;
	r->cell[REG_LUU] = xstrndup(luu, strcspn(luu, ".") ==
	    strlen(luu) - 1 ? strlen(luu) - 1 : strlen(luu));
	r->cell[REG_SO_BAN] = xasprintf("%zu", nletter);
	r->cell[REG_NGAY_CHUYEN] = xstrdup("");
	r->cell[REG_KY_NHAN] = xstrdup("");
	r->cell[REG_GHI_CHU] = nsup > 0 ? xasprintf("%s/; %zu bản cũ lưu ở "
	    "%s/superseded/", arel, nsup, arel) : xasprintf("%s/", arel);
	if (note != NULL) {
		p = xasprintf("%s; %s", r->cell[REG_GHI_CHU], note);
		free(r->cell[REG_GHI_CHU]);
		r->cell[REG_GHI_CHU] = p;
	}
	return r;
}
