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

char *
reg_trich_yeu(const char *trich_yeu)
{
	return xasprintf("Công văn V/v %s", trich_yeu);
}

/* The symbol part of "07/BTTTT-CATTT". */
static const char *
row_ky_hieu(const struct reg_row *r)
{
	const char	*p = strchr(r->cell[REG_SO_KY_HIEU], '/');

	return p != NULL ? p + 1 : "";
}

/* Number and year of a row, from "07/…" and "DD/MM/YYYY". */
static void
row_parse(struct reg_row *r)
{
	const char	*s = r->cell[REG_SO_KY_HIEU], *d = r->cell[REG_NGAY];
	size_t		 n = strspn(s, "0123456789");

	r->so = n > 0 && n < 10 && s[n] == '/' ? strtol(s, NULL, 10) : 0;
	r->year = strlen(d) == 10 && d[2] == '/' && d[5] == '/' &&
	    strspn(d + 6, "0123456789") == 4 ? atoi(d + 6) : 0;
	r->dt.y = r->year;
	r->dt.m = r->year != 0 ? atoi(d + 3) : 0;
	r->dt.d = r->year != 0 ? atoi(d) : 0;
}

/* 1 if r has date dt, symbol ky_hieu and subject trich_yeu. */
static int
row_same(const struct reg_row *r, const struct date *dt, const char *ky_hieu,
    const char *ty)
{
	return r->dt.y == dt->y && r->dt.m == dt->m && r->dt.d == dt->d &&
	    strcmp(row_ky_hieu(r), ky_hieu) == 0 &&
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

struct regbook *
reg_parse(const char *buf, size_t len, const char *path)
{
	struct regbook	*b;
	struct rows	*t;
	size_t		 i, j;
	int		 bad = 0;

	b = xcalloc(1, sizeof(*b));
	b->path = xstrdup(path);
	t = rows_parse_flags(buf, len, path, ROWS_EMPTY_OK);
	if (t == NULL) {
		reg_free(b);
		return NULL;
	}
	if (t->ncol != REG_NCOL)
		bad = 1;
	for (j = 0; !bad && j < REG_NCOL; j++)
		if (strcmp(t->header[j], reg_names[j]) != 0)
			bad = 1;
	if (bad) {
		MSGT(REGBOOK_NOT_OUTGOING_REGISTER_HEADER, path, 1, 0, REG_NCOL,
		    reg_names[0], reg_names[REG_NCOL - 1]);
		rows_free(t);
		reg_free(b);
		return NULL;
	}
	b->row = xcalloc(t->nrow + 1, sizeof(*b->row));
	for (i = 0; i < t->nrow; i++) {
		b->row[i].line = t->row[i].line;
		for (j = 0; j < REG_NCOL; j++) {
			b->row[i].cell[j] = t->row[i].cell[j];
			t->row[i].cell[j] = NULL;
		}
		row_parse(&b->row[i]);
		if (b->row[i].so == 0 || b->row[i].year == 0)
			MSGT(REGBOOK_ROW_WHOSE_NUMBER_NN, path, b->row[i].line,
			    0);
	}
	b->nrow = t->nrow;
	rows_free(t);
	return b;
}

struct reg_row *
reg_lookup(struct regbook *b, long so, const char *ky_hieu,
    const struct date *dt)
{
	struct reg_row	*r = reg_number(b, so, dt->y);

	return r != NULL && r->dt.m == dt->m && r->dt.d == dt->d &&
	    strcmp(row_ky_hieu(r), ky_hieu) == 0 ? r : NULL;
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
    const char *trich_yeu, long own, long held)
{
	struct reg_row	*first = NULL;
	char		*ty = reg_trich_yeu(trich_yeu);
	long		 max = held;
	size_t		 i;

	for (i = 0; i < b->nrow; i++) {
		if (b->row[i].year == dt->y && b->row[i].so > max)
			max = b->row[i].so;
		if (!row_same(&b->row[i], dt, ky_hieu, ty))
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
    const char *ky_hieu, const char *trich_yeu)
{
	struct reg_row	*r = reg_number(b, so, dt->y);
	char		*ty;
	size_t		 i, cut;

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
		if (row_same(&b->row[i], dt, ky_hieu, ty))
			MSGT(REGBOOK_SAME_DISPATCH_NEW_NUMBER, b->path,
			    b->row[i].line, 0, b->row[i].cell[REG_SO_KY_HIEU],
			    so);
	free(ty);
	return 0;
}

void
reg_put(struct regbook *b, struct reg_row *r)
{
	struct reg_row	*old;
	size_t		 j;

	row_parse(r);
	old = reg_number(b, r->so, r->year);
	if (old == NULL) {
		b->row = xreallocarray(b->row, b->nrow + 1, sizeof(*b->row));
		b->row[b->nrow++] = *r;
		return;
	}
	/* The clerk's own columns stay as the clerk wrote them. */
	free(r->cell[REG_NGAY_CHUYEN]);
	free(r->cell[REG_KY_NHAN]);
	r->cell[REG_NGAY_CHUYEN] = old->cell[REG_NGAY_CHUYEN];
	r->cell[REG_KY_NHAN] = old->cell[REG_KY_NHAN];
	old->cell[REG_NGAY_CHUYEN] = old->cell[REG_KY_NHAN] = NULL;
	for (j = 0; j < REG_NCOL; j++)
		free(old->cell[j]);
	r->line = old->line;
	*old = *r;
}

char *
reg_csv(const struct regbook *b, size_t *len)
{
	struct buf	 buf = BUF_INIT;
	size_t		 i, j;

	buf_adds(&buf, "\xEF\xBB\xBF");	/* BOM: Excel reads UTF-8 */
	for (j = 0; j < REG_NCOL; j++)
		rows_put(&buf, reg_names[j], j + 1 == REG_NCOL);
	for (i = 0; i < b->nrow; i++)
		for (j = 0; j < REG_NCOL; j++)
			(j == REG_NGAY_CHUYEN || j == REG_KY_NHAN ?
			    rows_put_verbatim : rows_put)(&buf,
			    b->row[i].cell[j] != NULL ? b->row[i].cell[j] : "",
			    j + 1 == REG_NCOL);
	*len = buf.len;
	return (char *)buf.p;
}

void
reg_free(struct regbook *b)
{
	size_t	 i, j;

	if (b == NULL)
		return;
	for (i = 0; i < b->nrow; i++)
		for (j = 0; j < REG_NCOL; j++)
			free(b->row[i].cell[j]);
	free(b->row);
	free(b->path);
	free(b);
}

struct reg_row *
reg_row_of(const struct dispatch *d, long so, const struct date *dtp,
    char *const *rcpt, size_t nrow, const char *arel, size_t nsup,
    const char *note)
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
	r->cell[REG_SO_BAN] = xasprintf("%zu", nrow);
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
