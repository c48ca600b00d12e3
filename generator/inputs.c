/* The driver's first half: the inputs loaded and judged (check_run),
 * each row's file name and key (README "Reruns and kills"). */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/outdir.h"
#include "archive/archive.h"
#include "archive/regbook.h"
#include "base/msg.h"
#include "base/sha.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "check/check.h"
#include "batch.h"
#include "layout/layout.h"
#include "load/dispatch.h"
#include "load/doc.h"
#include "load/focal.h"
#include "load/rows.h"
#include "load/tmpl.h"
#include "merge/letter.h"
#include "merge/merge.h"
#include "pdf/font.h"
#include "pdf/pdf.h"
#include "run.h"

#define SLUG_MAX	80	/* characters of a file name's slug */

/* Read one input file, and check it (text_load) when check is set;
 * NULL after a message (exit 3 on a file that exists but cannot be
 * read). */
static char *
load_file(const char *path, size_t *len, int check)
{
	char	*raw, *buf;
	size_t	 rlen;

	if ((raw = text_read_input(path, &rlen,
	    MSGT_TEXT_MISSING_INPUT)) == NULL)
		return NULL;
	if (!check) {
		*len = rlen;
		return raw;
	}
	buf = text_load(raw, rlen, path, len);
	free(raw);
	return buf;
}

/*
 * The file name of row i (SPEC.md "Outputs"): NN-slug.pdf, NN the
 * row's position padded to the width of the row count, slug the
 * recipient in lower-case ASCII, runs of anything else as one "-",
 * cut to SLUG_MAX at a "-".
 */
static char *
file_name(const char *recipient, size_t i, size_t nrow)
{
	char	*ascii, *slug, *p;
	size_t	 n = 0, width = 1, k;
	int	 dash = 0;

	for (k = nrow; k >= 10; k /= 10)
		width++;
	ascii = text_ascii(recipient);
	slug = xmalloc(strlen(ascii) + 1);
	for (p = ascii; *p != '\0'; p++) {
		unsigned char	 c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (c >= 'A' && c <= 'Z')) {
			if (dash && n > 0)
				slug[n++] = '-';
			dash = 0;
			slug[n++] = (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
		} else
			dash = 1;
	}
	slug[n] = '\0';
	if (n > SLUG_MAX) {
		for (k = SLUG_MAX; k > 0 && slug[k] != '-'; k--)
			;
		slug[k > 0 ? k : SLUG_MAX] = '\0';
	}
	free(ascii);
	p = slug[0] != '\0' ? xasprintf("%0*zu-%s.pdf", (int)width, i + 1,
	    slug) : xasprintf("%0*zu.pdf", (int)width, i + 1);
	free(slug);
	return p;
}

/* Each row's file name, from its recipient (once). */
static void
names_make(struct run *R, const struct inputs *in)
{
	size_t	 i;

	if (R->names != NULL || in->rcpt == NULL)
		return;
	R->names = xcalloc(in->rows->nrow, sizeof(char *));
	for (i = 0; i < in->rows->nrow; i++)
		R->names[i] = file_name(in->rcpt[i], i, in->rows->nrow);
}

/*
 * check_env.fits for a build: a row whose letter key (a hash of all it
 * is made of) an earlier build recorded in .congvan-keys was rendered,
 * so it fits; reading that file creates nothing.
 */
static int
fits(void *arg, const struct inputs *in, size_t row)
{
	struct run	*R = arg;
	const struct ofile *k;
	char		*p;
	int		 r;

	names_make(R, in);
	if (R->key == NULL) {
		run_keys(R);
		p = xasprintf("%s/.congvan-keys", R->o->out);
		osums_read(p, &R->keys_before);
		free(p);
	}
	if (R->keys_before.n == 0)
		return 0;
	p = xasprintf("letters/%s", R->names[row]);
	k = osums_get(&R->keys_before, p);
	free(p);
	r = k != NULL && strcmp(k->hex, R->key[row]) == 0;
	return r;
}

/*
 * The load stage (the files into models, each parser's own checks), then
 * check_run, which makes every other check of the run in one order
 * (check/check.h).  Returns -1 when anything was reported as an error;
 * --number auto without a date exits 2 here (DIE).
 */
char *
run_register_path(const struct run *R)
{
	if (R->d->series != NULL)
		return xasprintf("%s/register-%s.csv", R->o->out, R->d->series);
	return xasprintf("%s/register.csv", R->o->out);
}

char *
run_archive_root(const struct run *R)
{
	if (R->d->series != NULL)
		return xasprintf("%s/archive/%s", R->o->out, R->d->series);
	return xasprintf("%s/archive", R->o->out);
}

long
run_mended_so(const struct dispatch *d, const struct date *dt)
{
	const struct dref *r = &d->ref;

	return r->kind != 0 && r->dt.y == dt->y &&
	    strcmp(r->ky_hieu, d->f[FM_KY_HIEU].text) == 0 ? r->so : 0;
}

int
run_number_auto(struct run *R, const struct dispatch *d,
    struct regbook **keep)
{
	struct date	 dt = letter_ngay(d, &R->o->issue);
	struct regbook	*reg;
	char		*p;
	long		 so, max, own, not_so;

	p = run_register_path(R);
	reg = reg_load(p);
	free(p);
	if (reg == NULL)
		return -1;
	p = run_archive_root(R);
	if (archive_check_dates(p, reg) > 0) {
		free(p);
		reg_free(reg);
		return -1;
	}
	archive_numbers(p, &dt, d->f[FM_KY_HIEU].text, d->f[FM_TRICH_YEU].text,
	    &max, &own);
	free(p);
	not_so = run_mended_so(d, &dt);
	if (own == not_so)
		own = 0;
	so = reg_auto(reg, &dt, d->f[FM_KY_HIEU].text, d->f[FM_TRICH_YEU].text,
	    own, max, not_so);
	if (so < 0) {
		reg_free(reg);
		return -1;
	}
	if (keep != NULL)
		*keep = reg;
	else
		reg_free(reg);
	R->o_.issue.so = so;
	return 0;
}

int
run_load(struct run *R)
{
	const struct opts *o = R->o;
	struct check_env env;
	struct dispatch	*d = NULL;
	char		*buf;
	size_t		 len;
	int		 errors = 0, in_bad = 0, auto_later = 0;

	R->tpath = xasprintf("%s/cong-van.yaml", o->tdir);
	R->dpath = xasprintf("%s/dispatch.md", o->in);
	R->apath = xasprintf("%s/appendix.csv", o->in);

	/* -i names a folder: said once, not as two missing files. */
	{
		struct stat	 st;

		if (stat(o->in, &st) == 0 && !S_ISDIR(st.st_mode)) {
			MSGT(BATCH_NOT_FOLDER_I_NAMES, o->in, 0, 0);
			in_bad = 1;
		} else if (stat(o->in, &st) != 0 && errno == ENOENT) {
			MSGT(BATCH_NO_SUCH_FOLDER_I, o->in, 0, 0);
			in_bad = 1;
		}
	}

	if (!o->tdir_given && access(R->tpath, F_OK) != 0 && errno == ENOENT) {
		/* Neither ./templates nor an installed copy (main.c). */
		MSGT(BATCH_MISSING_TEMPLATE_INSTALL_CONGVAN, R->tpath, 0, 0);
		errors++;
	} else if ((R->t = tmpl_load(R->tpath)) == NULL)
		errors++;
	if (in_bad)
		return -1;	/* the template's problems said too */
	if ((buf = load_file(R->dpath, &len, 1)) != NULL) {
		R->d = d = dispatch_parse(buf, len, R->dpath);
		free(buf);
		if (d->errors > 0)
			errors++;
	} else
		errors++;
	/* rows_parse checks the text itself (text_load). */
	if ((buf = load_file(R->apath, &len, 0)) != NULL) {
		R->rows = rows_parse(buf, len, R->apath);
		free(buf);
	}
	if (R->rows == NULL)
		errors++;
	if (R->t != NULL) {
		R->fonts = fonts_load((const char *const *)R->t->font,
		    R->t->font_package);
		if (R->fonts == NULL)
			errors++;
		if ((R->icc = icc_load(R->t->icc, R->t->icc_condition,
		    R->t->icc_package)) == NULL)
			errors++;
	}
	/* --number auto before the checks: the letters are laid out with
	 * the number they will print. */
	if (o->auto_number && d != NULL && d->errors == 0) {
		struct date	 dt = letter_ngay(d, &o->issue);

		if (o->issue.draft)
			auto_later = 2;
		else if (dt.y == 0)
			auto_later = 1;
		else if (run_number_auto(R, d, NULL) != 0)
			return -1;
	} else if (!o->check && o->dump == DUMP_NONE && o->shard_n == 0 &&
	    d != NULL && d->errors == 0 && letter_so(d, &o->issue) != 0 &&
	    letter_ngay(d, &o->issue).y != 0) {
		/* An issued build with its own number reads the register
		 * now too: a row that cannot be read refuses it before
		 * anything in the folder changes (SPEC.md "The register"). */
		struct regbook	*reg;
		char		*rp;

		rp = d->series != NULL ? xasprintf("%s/register-%s.csv",
		    o->out, d->series) : xasprintf("%s/register.csv", o->out);
		reg = reg_load(rp);
		free(rp);
		if (reg == NULL)
			errors++;
		reg_free(reg);
	}

	fonts_metrics(R->fonts, &R->metrics);
	R->memo = layout_memo_new();
	R->in.t = R->t;
	R->in.tpath = R->tpath;
	R->in.d = R->d;
	R->in.rows = R->rows;
	R->fpath = xasprintf("%s/focal_points.csv", o->in);
	R->in.fpath = R->fpath;
	memset(&env, 0, sizeof(env));
	env.issue = &R->o->issue;
	env.metrics = R->fonts != NULL ? &R->metrics : NULL;
	env.memo = R->memo;
	/* check judges every row; a build (or a shard) the rows it
	 * renders, and the directory unless it is a shard. */
	env.directory = o->check || o->shard_n == 0;
	if (!o->check && R->rows != NULL)
		run_slice(R, &env.from, &env.to);
	if (!o->check && o->dump == DUMP_NONE) {
		env.fits = fits;
		env.fits_arg = R;
	}
	/* -T lays out and reports itself. */
	env.pages = o->dump == DUMP_NONE;
	errors = check_run(&R->in, &env, errors);
	R->rcpt = R->in.rcpt;
	R->dir = R->in.dir;
	if (errors > 0)
		return -1;
	if (auto_later == 2)
		DIE(BATCH_NUMBER_AUTO_DRAFT);
	if (auto_later)
		DIE(BATCH_NUMBER_AUTO_NEEDS_DATE, R->dpath);
	names_make(R, &R->in);
	return 0;
}

void
run_free(struct run *R)
{
	size_t	 i;

	if (R->names != NULL)
		for (i = 0; i < R->rows->nrow; i++)
			free(R->names[i]);
	free(R->names);
	inputs_release(&R->in);
	osums_free(&R->keys_before);
	free(R->fpath);
	free(R->skip);
	free(R->key);
	if (R->hex != NULL && R->hex != MAP_FAILED)
		munmap(R->hex, R->nhex * sizeof(*R->hex));
	if (R->memo != NULL)
		layout_memo_free(R->memo);
	fonts_free(R->fonts);
	icc_free(R->icc);
	rows_free(R->rows);
	dispatch_free(R->d);
	tmpl_free(R->t);
	free(R->tpath);
	free(R->dpath);
	free(R->apath);
}

/* The rows of --shard K/N: the K-th of N contiguous slices. */
void
run_slice(const struct run *R, size_t *from, size_t *to)
{
	const struct opts *o = R->o;

	*from = 0;
	*to = R->rows->nrow;
	if (o->shard_n > 0) {
		*from = R->rows->nrow * (size_t)(o->shard_k - 1) /
		    (size_t)o->shard_n;
		*to = R->rows->nrow * (size_t)o->shard_k /
		    (size_t)o->shard_n;
	}
}

/*
 * What a letter's bytes depend on (issue 7: "a letter's bytes depend
 * only on what that letter shows"), hashed: the program, the template,
 * the dispatch, the fonts, the ICC profile, the number and date, its
 * row, and the whole table when the letter carries it.  Equal keys,
 * equal letters: a rerun need not render them again.
 */
void
run_keys(struct run *R)
{
	const struct opts *o = R->o;
	struct date	 dt = letter_ngay(R->d, &o->issue);
	struct stat	 st;
	unsigned char	*buf;
	char		*all = NULL, *p, hex[SHA_HEX];
	size_t		 len, alen = 0, i, j, k;
	const char	*paths[3];

	paths[0] = R->tpath;
	paths[1] = R->dpath;
	paths[2] = R->d->has_phu_luc ? R->apath : NULL;
	/* The program itself, not only its version: a build of other
	 * sources may draw other bytes. */
	if ((buf = file_get("/proc/self/exe", &len)) != NULL) {
		sha256_hex(buf, len, hex);
		free(buf);
	} else
		hex[0] = '\0';
	p = xasprintf("congvan %s %s\n%ld %04d-%02d-%02d %d\n",
	    CONGVAN_VERSION, hex, letter_so(R->d, &o->issue), dt.y, dt.m,
	    dt.d, o->issue.draft);
	for (i = 0; i < 3; i++) {
		if (paths[i] == NULL || (buf = file_get(paths[i], &len)) ==
		    NULL)
			continue;
		sha256_hex(buf, len, hex);
		free(buf);
		all = xasprintf("%s%s\n", p, hex);
		free(p);
		p = all;
	}
	for (i = 0; i < FACE__MAX; i++)
		if (stat(R->t->font[i], &st) == 0) {
			all = xasprintf("%s%s %lld %lld\n", p, R->t->font[i],
			    (long long)st.st_size, (long long)st.st_mtime);
			free(p);
			p = all;
		}
	/* The output intent's profile: drawn into every letter too. */
	if (stat(R->t->icc, &st) == 0) {
		all = xasprintf("%s%s %lld %lld\n", p, R->t->icc,
		    (long long)st.st_size, (long long)st.st_mtime);
		free(p);
		p = all;
	}
	all = p;
	alen = strlen(all);
	R->key = xcalloc(R->rows->nrow, sizeof(*R->key));
	for (i = 0; i < R->rows->nrow; i++) {
		len = alen + strlen(R->names[i]) + 2;
		for (j = 0; j < R->rows->ncol; j++)
			len += strlen(R->rows->row[i].cell[j]) + 1;
		buf = xmalloc(len + 1);
		k = (size_t)snprintf((char *)buf, len + 1, "%s%s\n", all,
		    R->names[i]);
		for (j = 0; j < R->rows->ncol; j++)
			k += (size_t)snprintf((char *)buf + k, len + 1 - k,
			    "%s\x1f", R->rows->row[i].cell[j]);
		sha256_hex(buf, k, R->key[i]);
		free(buf);
	}
	free(all);
}
