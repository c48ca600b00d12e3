/* The printed register book (sổ đăng ký văn bản đi, Decree 30 Phụ lục
 * IV): one year of register.csv laid out and written as a PDF. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/archive.h"
#include "archive/outdir.h"
#include "archive/regbook.h"
#include "archive/regpdf.h"
#include "base/buf.h"
#include "base/msg.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "layout/layout.h"
#include "load/dispatch.h"
#include "load/tmpl.h"
#include "pdf/font.h"
#include "pdf/pdf.h"

#if TMPL_RB_NCOL != REG_NCOL
#error "the register book prints register.csv's columns, no more, no fewer"
#endif

/* A row of the book: its register row, sorted by number then line. */
struct brow {
	const struct reg_row *r;
	long		 key;		/* its number; LONG_MAX when unread */
	size_t		 at;		/* its place in the register */
};

static int
brow_cmp(const void *a, const void *b)
{
	const struct brow *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->at > y->at) - (x->at < y->at);
}

/* A date cell "DD/MM/YYYY" as YYYYMMDD, or 0. */
static long
day_key(const char *s, int *d, int *m, int *y)
{
	int	 n = 0;

	if (s == NULL || sscanf(s, "%d/%d/%d%n", d, m, y, &n) != 3 ||
	    s[n] != '\0' || *m < 1 || *m > 12 || *d < 1 || *d > 31)
		return 0;
	return *y * 10000L + *m * 100L + *d;
}

int
regpdf_write(const char *out, const struct regbook *reg, int year,
    const char *chu_quan, const char *co_quan, const struct tmpl *t,
    struct fonts *fonts, const struct icc *icc, const struct metrics *m,
    const char *dpath, int strict, size_t *nrowp, size_t *npagep, const char *series,
    struct txn *txn)
{
	struct brow	*br;
	struct book	 bk;
	struct layout	*lo;
	struct layout_fault f;
	struct pdf	*pdf;
	struct pdf_info	 pi;
	const char	**cell;
	unsigned char	*buf;
	char		*name, *path, *title, *author, fd[16], td[16], fn[24],
			 tn[24];
	long		 k, dmin = 0, dmax = 0, smin = 0, smax = 0;
	size_t		 i, j, n = 0, len;
	int		 latest = 0, d, mo, y, rc = 0;

	br = xcalloc(reg->nrow + 1, sizeof(*br));
	for (i = 0; i < reg->nrow; i++) {
		const struct reg_row *r = &reg->row[i];

		if (r->year > latest)
			latest = r->year;
		if (r->year != year)
			continue;
		br[n].r = r;
		br[n].key = r->so > 0 ? r->so : LONG_MAX;
		br[n++].at = i;
		if (r->so > 0 && (smin == 0 || r->so < smin))
			smin = r->so;
		if (r->so > smax)
			smax = r->so;
		if ((k = day_key(r->cell[REG_NGAY], &d, &mo, &y)) != 0) {
			if (dmin == 0 || k < dmin) {
				dmin = k;
				snprintf(fd, sizeof(fd), "%02d/%02d/%04d", d, mo,
				    y);
			}
			if (k > dmax) {
				dmax = k;
				snprintf(td, sizeof(td), "%02d/%02d/%04d", d, mo,
				    y);
			}
		}
	}
	if (n == 0) {
		free(br);
		return 1;
	}
	qsort(br, n, sizeof(*br), brow_cmp);
	cell = xcalloc(n * REG_NCOL + 1, sizeof(*cell));
	for (i = 0; i < n; i++)
		for (j = 0; j < REG_NCOL; j++)
			cell[i * REG_NCOL + j] = br[i].r->cell[j] != NULL ?
			    br[i].r->cell[j] : "";
	if (dmin == 0)
		strcpy(fd, "…"), strcpy(td, "…");
	if (smin > 0) {
		snprintf(fn, sizeof(fn), "%02ld", smin);
		snprintf(tn, sizeof(tn), "%02ld", smax);
	} else
		strcpy(fn, "…"), strcpy(tn, "…");
	memset(&bk, 0, sizeof(bk));
	bk.chu_quan = chu_quan;
	bk.co_quan = co_quan;
	bk.year = year;
	bk.from_date = fd;
	bk.to_date = td;
	bk.from_no = fn;
	bk.to_no = tn;
	bk.volume = "01";
	bk.series = series;
	bk.cell = cell;
	bk.nrow = n;

	name = series != NULL ? xasprintf("register-%s-%04d.pdf", series,
	    year) : xasprintf("register-%04d.pdf", year);
	memset(&f, 0, sizeof(f));
	if ((lo = layout_book(&bk, t, m, &f)) == NULL) {
		if (f.why == LAYOUT_OUTSIDE)
			DIE(REGPDF_SYS_OUTSIDE, year, f.text, f.page);
		if (f.why == LAYOUT_HEADER && strict)
			MSGT(REGPDF_COVER_E, dpath, 0, 0, name);
		else if (f.why == LAYOUT_HEADER)
			MSGT(REGPDF_COVER, dpath, 0, 0, name);
		else if (strict)
			MSGT(REGPDF_TOO_LONG_E, reg->path, 0, 0, year,
			    LAYOUT_MAX_PAGES, name);
		else
			MSGT(REGPDF_TOO_LONG, reg->path, 0, 0, year,
			    LAYOUT_MAX_PAGES, name);
		rc = -1;
		goto out;
	}
	title = xasprintf("%s %d", t->rb_title_text, year);
	author = text_one_line(co_quan);
	memset(&pi, 0, sizeof(pi));
	pi.title = title;
	pi.author = author;	/* no dates: the same register, the same bytes */
	pdf = pdf_new(fonts, icc);
	if (pdf_write(pdf, lo, &pi, &buf, &len) != 0)
		rc = -2;	/* reported */
	pdf_free(pdf);
	free(title);
	free(author);
	if (rc == 0) {
		path = xasprintf("%s/%s", out, name);
		if (txn != NULL)
			txn_put(txn, path, buf, len);
		else
			file_update(path, buf, len);
		free(path);
		if (year == latest) {
			path = series != NULL ? xasprintf("%s/register-%s.pdf",
			    out, series) : xasprintf("%s/register.pdf", out);
			if (txn != NULL)
				txn_put(txn, path, buf, len);
			else
				file_update(path, buf, len);
			free(path);
		}
		free(buf);
		if (nrowp != NULL)
			*nrowp = n;
		if (npagep != NULL)
			*npagep = lo->npage;
	}
	layout_free(lo);
out:
	free(name);
	free(cell);
	free(br);
	return rc;
}

/* The years of reg's rows, ascending, ", " between; caller frees. */
static char *
years_of(const struct regbook *reg, int *last)
{
	struct buf	 b = BUF_INIT;
	char		 y[16];
	int		 prev = 0, next;
	size_t		 i;

	*last = 0;
	for (;;) {
		next = 0;
		for (i = 0; i < reg->nrow; i++)
			if (reg->row[i].year > prev &&
			    (next == 0 || reg->row[i].year < next))
				next = reg->row[i].year;
		if (next == 0)
			break;
		snprintf(y, sizeof(y), "%s%d", b.len > 0 ? ", " : "", next);
		buf_adds(&b, y);
		*last = prev = next;
	}
	buf_adds(&b, "");
	return (char *)b.p;
}

int
regpdf_run(const char *in, const char *out, const char *tdir,
    int tdir_given, int year, int quiet)
{
	struct tmpl	*t = NULL;
	struct dispatch	*d = NULL;
	struct fonts	*fonts = NULL;
	struct icc	*icc = NULL;
	struct regbook	*reg = NULL;
	struct metrics	 m;
	char		*tpath, *dpath, *rpath, *raw, *buf, *ys;
	size_t		 len, blen, nrow = 0, npage = 0;
	int		 rc = EXIT_INPUT, last, have_reg;

	tpath = xasprintf("%s/cong-van.yaml", tdir);
	dpath = xasprintf("%s/dispatch.md", in);
	rpath = xasprintf("%s/register.csv", out);
	if (!tdir_given && access(tpath, F_OK) != 0 && errno == ENOENT)
		MSGT(BATCH_MISSING_TEMPLATE_INSTALL_CONGVAN, tpath, 0, 0);
	else if ((t = tmpl_load(tpath)) != NULL) {
		fonts = fonts_load((const char *const *)t->font,
		    t->font_package);
		icc = icc_load(t->icc, t->icc_condition, t->icc_package);
		if (fonts == NULL || icc == NULL) {
			tmpl_free(t);
			t = NULL;
		}
	}
	/* The cover's agency: as the letters print it. */
	if ((raw = text_read_input(dpath, &len, MSGT_TEXT_MISSING_INPUT)) !=
	    NULL) {
		if ((buf = text_load(raw, len, dpath, &blen)) != NULL) {
			d = dispatch_parse(buf, blen, dpath);
			free(buf);
		}
		free(raw);
	}
	if (d != NULL && d->errors == 0 && d->series != NULL) {
		free(rpath);
		rpath = xasprintf("%s/register-%s.csv", out, d->series);
	}
	have_reg = access(rpath, F_OK) == 0 || errno != ENOENT;
	if (!have_reg)
		MSGT(REGPDF_NO_REGISTER, rpath, 0, 0);
	if (t == NULL || d == NULL || d->errors > 0 || !have_reg ||
	    msg_count(MSG_ERROR) > 0)
		goto out;

	/* A build that issues now waits, or this waits for it. */
	dir_lock(out, 0);
	if ((reg = reg_load(rpath)) == NULL || msg_count(MSG_ERROR) > 0)
		goto out;
	/* A date re-typed month first would print another day (and the
	 * cover's "Từ ngày … đến ngày …"), as a build refuses it. */
	{
		char	*root = d->series != NULL ? xasprintf("%s/archive/%s",
		    out, d->series) : xasprintf("%s/archive", out);
		int	 bad = archive_check_dates(root, reg);

		free(root);
		if (bad > 0)
			goto out;
	}
	if (reg->nrow == 0) {
		MSGT(REGPDF_EMPTY, rpath, 0, 0);
		goto out;
	}
	memset(&m, 0, sizeof(m));
	fonts_metrics(fonts, &m);
	switch (regpdf_write(out, reg, year, d->f[FM_CO_QUAN_CHU_QUAN].text,
	    d->f[FM_CO_QUAN].text, t, fonts, icc, &m, dpath, 1, &nrow, &npage,
	    d->series, NULL)) {
	case 0:
		rc = EXIT_OK;
		if (!quiet)
			printf("register%s%s-%04d.pdf: %zu dispatch%s of %d, "
			    "%zu pages\n", d->series != NULL ? "-" : "",
			    d->series != NULL ? d->series : "", year, nrow,
			    nrow == 1 ? "" : "es", year, npage);
		break;
	case 1:
		ys = years_of(reg, &last);
		MSGT(REGPDF_NO_YEAR, rpath, 0, 0, year, ys, last, in, out);
		free(ys);
		break;
	case -2:
		rc = EXIT_SYSTEM;
		break;
	default:
		break;		/* said; nothing written */
	}
out:
	reg_free(reg);
	dispatch_free(d);
	fonts_free(fonts);
	icc_free(icc);
	tmpl_free(t);
	free(tpath);
	free(dpath);
	free(rpath);
	return rc;
}
