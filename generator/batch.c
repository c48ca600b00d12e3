/* Driver: load and check every input once, then merge, lay out and write. */
#define _DEFAULT_SOURCE	/* MAP_ANONYMOUS */
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/outdir.h"
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

#define STAGING		".congvan-staging"	/* inside the output folder */
#define SLUG_MAX	80

struct run {
	const struct opts *o;
	struct tmpl	*t;
	struct dispatch	*d;
	struct rows	*rows;
	struct fonts	*fonts;
	char		*dpath, *apath, *tpath;
	char		**names;	/* per row: "NN-slug.pdf" */
	struct inputs	 in;		/* what check_run judged and made */
	char		**rcpt;		/* in.rcpt: per row, the recipient */
	char		*fpath;		/* focal_points.csv */
	struct directory *dir;		/* in.dir: focal points (danh_ba) */
	struct metrics	 metrics;	/* the fonts, measured */
	struct osums	 keys_before;	/* .congvan-keys as it was */
	unsigned char	*skip;		/* per row: its letter is in place */
	char		 (*key)[SHA_HEX]; /* per row: hash of what it shows */
	char		 (*hex)[SHA_HEX]; /* per row: SHA-256 of its PDF, as
					   rendered ("" if not); shared with
					   the -j workers (mmap) */
	size_t		 nhex;
	struct layout_memo *memo;	/* the appendix pages, laid out once */
	int		 usage;		/* a usage error (exit 2) */
	struct opts	 o_;		/* the options, --number auto resolved */
};

/*
 * The output folder named by -o must be a folder, or not exist yet in
 * a folder that does: a mistyped path makes no new tree of folders.
 */
static int
out_check(const char *out)
{
	struct stat	 st;
	char		*path, *parent, *slash;
	int		 rc = -1;

	if (stat(out, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		MSGT(BATCH_NOT_FOLDER_O_NAMES, out, 0, 0);
		return -1;
	}
	if (errno != ENOENT && errno != ENOTDIR) {	/* a loop of links */
		MSGT(BATCH_O_NAMES_OUTPUT_FOLDER, out, 0, 0,
		    strerror(errno));
		return -1;
	}
	path = xstrdup(out);
	while ((slash = strrchr(path, '/')) != NULL && slash[1] == '\0' &&
	    slash != path)
		*slash = '\0';		/* "out/" is "out" */
	parent = xstrdup(path);
	if ((slash = strrchr(parent, '/')) == NULL)
		strcpy(parent, ".");
	else if (slash == parent)
		parent[1] = '\0';	/* "/out" is in "/" */
	else
		*slash = '\0';
	if (lstat(path, &st) == 0)
		MSGT(BATCH_O_NAMES_OUTPUT_FOLDER, out, 0, 0,
		    S_ISLNK(st.st_mode) ? "a symbolic link to nothing" :
		    "not a folder");
	else if (stat(parent, &st) != 0 || !S_ISDIR(st.st_mode))
		MSGT(BATCH_CANNOT_MADE_NOT_EXISTING, out, 0, 0, parent);
	else
		rc = 0;
	free(parent);
	free(path);
	return rc;
}

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

static long
measure(void *arg, enum face f, const char *s, size_t len)
{
	return fonts_width(arg, f, s, len);
}

static int
covers(void *arg, uint32_t cp)
{
	return fonts_has(arg, cp);
}

static void	 letter_keys(struct run *);
static void	 slice(const struct run *, size_t *, size_t *);

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
		letter_keys(R);
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
 * (check/check.h).  Returns -1 when anything was reported as an error
 * (R->usage: a usage error, exit 2).
 */
static int
load(struct run *R)
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
	}
	/* --number auto before the checks: the letters are laid out with
	 * the number they will print. */
	if (o->auto_number && d != NULL && d->errors == 0) {
		struct date	 dt = letter_ngay(d, &o->issue);
		struct regbook	*reg;
		char		*rp;

		if (dt.y == 0 || o->issue.draft)
			auto_later = 1;
		else {
			rp = xasprintf("%s/register.csv", o->out);
			reg = reg_load(rp);
			free(rp);
			if (reg == NULL)
				return -1;
			R->o_.issue.so = reg_auto(reg, dt.y,
			    d->f[FM_KY_HIEU].text, d->f[FM_TRICH_YEU].text);
			reg_free(reg);
		}
	}

	R->metrics.width = measure;
	R->metrics.covers = covers;
	R->metrics.arg = R->fonts;
	R->metrics.family = R->fonts != NULL ? fonts_family(R->fonts) : "";
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
		slice(R, &env.from, &env.to);
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
	if (auto_later)
		DIE(BATCH_NUMBER_AUTO_NEEDS_DATE, R->dpath);
	names_make(R, &R->in);
	return 0;
}

static void
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
	rows_free(R->rows);
	dispatch_free(R->d);
	tmpl_free(R->t);
	free(R->tpath);
	free(R->dpath);
	free(R->apath);
}

/* --- Output ---------------------------------------------------------- */

static const char *staging_dir;	/* removed on a system error exit */

static void
cleanup(void)
{
	if (staging_dir != NULL)
		dir_remove(staging_dir);
}

static void
pdf_info_of(const struct run *R, struct pdf_info *pi, const char *subject)
{
	struct date	 dt = letter_ngay(R->d, &R->o->issue);

	memset(pi, 0, sizeof(*pi));
	pi->title = R->d->f[FM_TRICH_YEU].text;
	pi->author = R->d->f[FM_CO_QUAN].text;
	pi->subject = subject;
	pi->year = dt.y;
	pi->month = dt.m;
	pi->day = dt.d;
}

/* Render rows [from, to) into dir (or dump their layouts). */
static int
render(struct run *R, struct pdf *pdf, size_t from, size_t to,
    const char *dir, FILE *dump)
{
	const struct metrics *m = &R->metrics;
	struct layout_memo *memo = R->memo != NULL ? R->memo :
	    layout_memo_new();
	struct letter	*l;
	struct layout	*lo;
	struct pdf_info	 pi;
	unsigned char	*buf;
	size_t		 i, len;
	char		*path;
	int		 rc = 0;

	for (i = from; i < to && rc == 0; i++) {
		if (R->skip != NULL && R->skip[i])
			continue;
		l = letter_new(R->d, R->rows, i, R->t, &R->o->issue);
		lo = layout_letter(l, R->t, m, memo);
		if (lo == NULL) {
			MSGT(BATCH_LETTER_WOULD_HAVE_MORE, R->dpath, 0, 0,
			    R->apath, R->rows->row[i].line, LAYOUT_MAX_PAGES);
			rc = EXIT_INPUT;
		} else if (dump != NULL) {
			fprintf(dump, "letter %s\n", R->names[i]);
			layout_dump(lo, dump);
		} else {
			pdf_info_of(R, &pi, l->kinh_gui[0]);
			if (pdf_write(pdf, lo, &pi, &buf, &len) != 0)
				rc = EXIT_SYSTEM;
			else {
				path = xasprintf("%s/%s", dir, R->names[i]);
				file_stage(path, buf, len);
				sha256_hex(buf, len, R->hex[i]);
				free(path);
				free(buf);
			}
		}
		layout_free(lo);
		letter_free(l);
	}
	if (memo != R->memo)
		layout_memo_free(memo);
	return rc;
}

/* Render with jobs worker processes, each a contiguous slice. */
static int
render_jobs(struct run *R, size_t from, size_t to, const char *dir)
{
	struct pdf	*pdf;
	pid_t		*pid;
	size_t		 n = to - from, k, a, b;
	int		 jobs = R->o->jobs, st, rc = 0, i;

	if (jobs > (int)n)
		jobs = (int)n;
	if (jobs <= 1) {
		pdf = pdf_new(R->fonts);
		rc = render(R, pdf, from, to, dir, NULL);
		pdf_free(pdf);
		return rc;
	}
	msg_flush();	/* or each child would print them again */
	fflush(NULL);
	pid = xcalloc(jobs, sizeof(pid_t));
	for (i = 0; i < jobs; i++) {
		k = (size_t)i;
		a = from + n * k / jobs;
		b = from + n * (k + 1) / jobs;
		if ((pid[i] = fork()) == -1)
			DIE(BATCH_SYS_FORK, strerror(errno));
		if (pid[i] == 0) {
			free(pid);	/* the parent's list */
			/* A worker dies with its parent, never outlives it. */
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() == 1)
				_exit(EXIT_SYSTEM);
			staging_dir = NULL;	/* the parent cleans up */
			pdf = pdf_new(R->fonts);
			rc = render(R, pdf, a, b, dir, NULL);
			pdf_free(pdf);
			msg_flush();
			fflush(NULL);
			_exit(rc);
		}
	}
	for (i = 0; i < jobs; i++) {
		if (waitpid(pid[i], &st, 0) == -1)
			DIE(BATCH_SYS_WAITPID, strerror(errno));
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			if (rc == 0)
				rc = WIFEXITED(st) && WEXITSTATUS(st) ==
				    EXIT_INPUT ? EXIT_INPUT : EXIT_SYSTEM;
	}
	free(pid);
	return rc;
}

/* The directory (danh bạ) as PDF, CSV and vCard into dir. */
static int
render_directory(struct run *R, const char *dir)
{
	const struct metrics *m = &R->metrics;
	struct layout	*lo;
	struct pdf	*pdf;
	struct pdf_info	 pi;
	unsigned char	*buf;
	char		*s, *path;
	size_t		 len;
	int		 rc = 0;

	s = directory_csv(R->dir, R->t->db_no_reply, &len);
	path = xasprintf("%s/directory.csv", dir);
	file_put(path, s, len);
	free(path);
	free(s);
	s = directory_vcf(R->dir, &len);
	path = xasprintf("%s/directory.vcf", dir);
	file_put(path, s, len);
	free(path);
	free(s);
	if ((lo = layout_directory(R->dir, R->d, R->t, m)) == NULL)
		DIE(BATCH_SYS_DIRECTORY_COULD_NOT_LAID);
	pdf = pdf_new(R->fonts);
	pdf_info_of(R, &pi, R->d->db_tieu_de.text);
	pi.title = R->d->db_tieu_de.text != NULL ? R->d->db_tieu_de.text :
	    R->t->db_title_text;
	if (pdf_write(pdf, lo, &pi, &buf, &len) != 0)
		rc = EXIT_SYSTEM;
	else {
		path = xasprintf("%s/directory.pdf", dir);
		file_put(path, buf, len);
		free(path);
		free(buf);
	}
	pdf_free(pdf);
	layout_free(lo);
	return rc;
}

/* The rows of --shard K/N: the K-th of N contiguous slices. */
static void
slice(const struct run *R, size_t *from, size_t *to)
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

/* Names of the files a build may write, besides letters/. */
static const char *const dir_files[] = {
	"directory.pdf", "directory.csv", "directory.vcf", NULL
};

/* SHA256SUMS lists the PDFs of a build (SPEC.md "Outputs"). */
static void
sums_write(const char *outdir, const struct osums *all)
{
	struct osums	 pdfs;
	char		*p;
	size_t		 i, n;

	memset(&pdfs, 0, sizeof(pdfs));
	for (i = 0; i < all->n; i++) {
		n = strlen(all->f[i].rel);
		if (n > 4 && strcmp(all->f[i].rel + n - 4, ".pdf") == 0)
			osums_add(&pdfs, all->f[i].rel, all->f[i].hex);
	}
	osums_sort(&pdfs);
	p = xasprintf("%s/SHA256SUMS", outdir);
	/* sha256sum -c refuses an empty list: no list is the truth then. */
	if (pdfs.n == 0) {
		if (unlink(p) == -1 && errno != ENOENT)
			DIE(SYS_FILE, p, strerror(errno));
	} else
		osums_write(p, &pdfs);
	free(p);
	osums_free(&pdfs);
}

/* 1 if rel is a file congvan writes (and so may remove). */
static int
ours(const char *rel)
{
	size_t	 i, n = strlen(rel);

	for (i = 0; dir_files[i] != NULL; i++)
		if (strcmp(rel, dir_files[i]) == 0)
			return 1;
	return strncmp(rel, "letters/", 8) == 0 && n > 12 &&
	    strchr(rel + 8, '/') == NULL && strcmp(rel + n - 4, ".pdf") == 0;
}

/*
 * Put a staged file in place unless the same bytes are there already
 * (then its modification time stays too); returns 1 when it wrote.
 * was: the file's hash in the last SHA256SUMS, or NULL when it is not
 * listed there (directory.csv and .vcf never are).  A file listed with
 * other bytes is replaced without being read; any other is read and
 * compared.
 */
static int
install(const char *staged, const char *dst, const char *hex, const char *was)
{
	unsigned char	*cur;
	size_t		 len;
	char		 h[SHA_HEX];
	int		 same = 0;

	if ((was == NULL || strcmp(was, hex) == 0) &&
	    (cur = file_get(dst, &len)) != NULL) {
		sha256_hex(cur, len, h);
		same = strcmp(h, hex) == 0;
		free(cur);
	}
	if (same) {
		unlink(staged);
		return 0;
	}
	if (rename(staged, dst) == -1)
		DIE(SYS_FILE, dst, strerror(errno));
	return 1;
}

/*
 * Install entry i of nw (the files of this build: the rows from..to in
 * order, then the directory files); returns 1 when it wrote.  A letter
 * not rendered again (R->skip) was checked in place already.
 */
static int
install_one(const struct run *R, const struct osums *nw,
    const struct osums *old, size_t i, size_t from, size_t to,
    const char *stage)
{
	const struct ofile *was;
	char		*p, *q;
	int		 rc;

	if (i < to - from && R->skip[from + i])
		return 0;
	was = osums_get(old, nw->f[i].rel);
	p = xasprintf("%s/%s", stage, nw->f[i].rel);
	q = xasprintf("%s/%s", R->o->out, nw->f[i].rel);
	rc = install(p, q, nw->f[i].hex, was != NULL ? was->hex : NULL);
	free(p);
	free(q);
	return rc;
}

/*
 * What a letter's bytes depend on (issue 7: "a letter's bytes depend
 * only on what that letter shows"), hashed: the program, the template,
 * the dispatch, the fonts, the number and date, its row, and the whole
 * table when the letter carries it.  Equal keys, equal letters: a rerun
 * need not render them again.
 */
static void
letter_keys(struct run *R)
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

/*
 * Before anything is rendered or moved: what congvan writes into must
 * be a real folder inside the output folder (a symbolic link could lead
 * outside it), and every file it will replace a regular file, so the
 * run cannot fail half-way through moving letters in.
 */
static int
preflight(const struct run *R)
{
	static const char *const dirs[] = { "letters", "archive", NULL };
	struct stat	 st;
	char		*p;
	size_t		 i;
	int		 bad = 0;

	for (i = 0; dirs[i] != NULL; i++) {
		p = xasprintf("%s/%s", R->o->out, dirs[i]);
		if (lstat(p, &st) == 0 && !S_ISDIR(st.st_mode)) {
			MSGT(BATCH_CONGVAN_WRITES_ONLY_INTO, p, 0, 0,
			    S_ISLNK(st.st_mode) ? "is a symbolic link" : "is not a folder");
			bad++;
		}
		free(p);
	}
	for (i = 0; i < R->rows->nrow; i++) {
		p = xasprintf("%s/letters/%s", R->o->out, R->names[i]);
		if (lstat(p, &st) == 0 && !S_ISREG(st.st_mode)) {
			MSGT(BATCH_NOT_REGULAR_FILE_MOVE, p, 0, 0);
			bad++;
		}
		free(p);
	}
	return bad > 0 ? -1 : 0;
}

/* The archive folder of an issued build: archive/YYYY/SO-KYHIEU. */
static char *
archive_rel(const struct run *R)
{
	struct date	 dt = letter_ngay(R->d, &R->o->issue);

	return xasprintf("archive/%04d/%02ld-%s", dt.y,
	    letter_so(R->d, &R->o->issue), R->d->f[FM_KY_HIEU].text);
}

/*
 * Compare the new letters with what the archive folder holds.  Returns
 * the number of letters that would change (added, different, gone),
 * reporting each when report is set.
 */
static size_t
archive_diff(const struct run *R, const char *adir, const struct osums *nw,
    const struct osums *held, int report)
{
	const struct ofile *h;
	size_t		 i, n = 0;
	const char	*name;

	for (i = 0; i < nw->n; i++) {
		if (strncmp(nw->f[i].rel, "letters/", 8) != 0)
			continue;
		name = nw->f[i].rel + 8;
		h = osums_get(held, name);
		if (h != NULL && strcmp(h->hex, nw->f[i].hex) == 0)
			continue;
		if (h == NULL && held->n == 0)
			continue;	/* a new archive folder */
		if (report && h == NULL)
			MSGT(BATCH_LETTER_WOULD_BE_ADDED, adir, 0, 0, name);
		else if (report)
			MSGT(BATCH_LETTER_WOULD_CHANGE, adir, 0, 0, name);
		n++;
	}
	for (i = 0; i < held->n; i++) {
		char	*rel = xasprintf("letters/%s", held->f[i].rel);

		if (osums_get(nw, rel) == NULL) {
			if (report)
				MSGT(BATCH_WOULD_REMOVED, adir, 0, 0,
				    held->f[i].rel);
			n++;
		}
		free(rel);
	}
	return n;
}

/*
 * Check the archived letters against their SHA256SUMS.  A letter
 * altered since it was issued gets its actual hash in held (so it
 * counts as a change, kept under superseded/ by --force) and is
 * reported when report is set; returns how many were altered.  A
 * missing one keeps its entry: archive_write puts it back when the
 * build makes the same bytes.
 */
static size_t
archive_verify(const char *adir, struct osums *held, int report)
{
	unsigned char	*buf;
	char		*p, hex[SHA_HEX];
	size_t		 i, len, n = 0;

	for (i = 0; i < held->n; i++) {
		p = xasprintf("%s/%s", adir, held->f[i].rel);
		if ((buf = file_get(p, &len)) != NULL) {
			sha256_hex(buf, len, hex);
			free(buf);
			if (strcmp(hex, held->f[i].hex) != 0) {
				if (report)
					MSGT(BATCH_ALTERED_SINCE_WAS_ISSUED, p,
					    0, 0);
				memcpy(held->f[i].hex, hex, SHA_HEX);
				n++;
			}
		}
		free(p);
	}
	return n;
}

/*
 * What makes a build the same dispatch as a register row (SPEC.md, "The
 * register"): its year, ky_hieu and trich_yeu.  An archive folder keeps
 * it in ARCHIVE_ID, written before its letters, so that the run after
 * one killed between the archive and the register knows the folder for
 * its own.  Caller frees.
 */
#define ARCHIVE_ID	".congvan-dispatch"

static char *
dispatch_id(const struct run *R)
{
	return xasprintf("%d\n%s\n%s\n", letter_ngay(R->d, &R->o->issue).y,
	    R->d->f[FM_KY_HIEU].text, R->d->f[FM_TRICH_YEU].text);
}

/* Whether the archive folder adir holds this very dispatch. */
static int
archive_ours(const struct run *R, const char *adir)
{
	unsigned char	*buf;
	char		*p, *id;
	size_t		 len;
	int		 same = 0;

	p = xasprintf("%s/" ARCHIVE_ID, adir);
	if ((buf = file_get(p, &len)) != NULL) {
		id = dispatch_id(R);
		same = len == strlen(id) && memcmp(buf, id, len) == 0;
		free(id);
		free(buf);
	}
	free(p);
	return same;
}

/*
 * Put the new letters into the archive folder (SPEC.md "Outputs"):
 * a file that changes or goes keeps its old bytes as
 * superseded/NN-slug.<12 hex>.pdf.  Returns the number of superseded
 * files the folder holds.
 */
static size_t
archive_write(const struct run *R, const char *adir, const char *stage,
    const struct osums *nw, const struct osums *held)
{
	struct osums	 keep;
	const struct ofile *h;
	unsigned char	*buf;
	char		*src, *dst, *old, *sup, *sdir, *base;
	size_t		 i, len, nsup = 0;
	DIR		*dp;
	struct dirent	*de;

	memset(&keep, 0, sizeof(keep));
	sdir = xasprintf("%s/superseded", adir);
	dir_make(adir);
	src = xasprintf("%s/" ARCHIVE_ID, adir);
	base = dispatch_id(R);
	file_update(src, base, strlen(base));
	free(base);
	free(src);
	for (i = 0; i < held->n; i++) {
		char	*rel = xasprintf("letters/%s", held->f[i].rel);
		const struct ofile *n = osums_get(nw, rel);

		free(rel);
		if (n != NULL && strcmp(n->hex, held->f[i].hex) == 0)
			continue;
		/* Changed or gone: the issued bytes move to superseded/. */
		dir_make(sdir);
		old = xasprintf("%s/%s", adir, held->f[i].rel);
		base = xstrndup(held->f[i].rel, strlen(held->f[i].rel) - 4);
		sup = xasprintf("%s/%s.%.12s.pdf", sdir, base,
		    held->f[i].hex);
		if (rename(old, sup) == -1 && errno != ENOENT)
			DIE(SYS_FILE, sup, strerror(errno));
		free(base);
		free(old);
		free(sup);
	}
	for (i = 0; i < nw->n; i++) {
		if (strncmp(nw->f[i].rel, "letters/", 8) != 0)
			continue;
		osums_add(&keep, nw->f[i].rel + 8, nw->f[i].hex);
		h = osums_get(held, nw->f[i].rel + 8);
		dst = xasprintf("%s/%s", adir, nw->f[i].rel + 8);
		if (h != NULL && strcmp(h->hex, nw->f[i].hex) == 0 &&
		    access(dst, F_OK) == 0) {
			free(dst);
			continue;	/* as issued; a lost one is put back */
		}
		free(dst);
		/* The letter as installed in letters/ (staging is gone). */
		src = xasprintf("%s/%s", R->o->out, nw->f[i].rel);
		dst = xasprintf("%s/%s", adir, nw->f[i].rel + 8);
		if ((buf = file_get(src, &len)) == NULL)
			DIE(SYS_FILE, src, strerror(errno));
		file_put(dst, buf, len);
		free(buf);
		free(src);
		free(dst);
	}
	(void)stage;
	src = xasprintf("%s/SHA256SUMS", adir);
	osums_sort(&keep);
	osums_write(src, &keep);
	free(src);
	osums_free(&keep);
	if ((dp = opendir(sdir)) != NULL) {
		while ((de = readdir(dp)) != NULL)
			if (de->d_name[0] != '.')
				nsup++;
		closedir(dp);
	}
	free(sdir);
	return nsup;
}

/* The register row of this build. */
static struct reg_row *
reg_row_new(const struct run *R, const char *arel, size_t nsup)
{
	const struct dispatch *d = R->d;
	struct reg_row	*r;
	struct date	 dt = letter_ngay(d, &R->o->issue);
	const char	*luu;
	char		*p = NULL;
	size_t		 len = 0, i, n;

	r = xcalloc(1, sizeof(*r));
	r->cell[REG_SO_KY_HIEU] = xasprintf("%02ld/%s",
	    letter_so(d, &R->o->issue), d->f[FM_KY_HIEU].text);
	r->cell[REG_NGAY] = xasprintf("%02d/%02d/%04d", dt.d, dt.m, dt.y);
	r->cell[REG_TRICH_YEU] = reg_trich_yeu(d->f[FM_TRICH_YEU].text);
	r->cell[REG_NGUOI_KY] = xstrdup(d->f[FM_NGUOI_KY].text);
	/* The recipients, as long as the cell stays readable. */
	for (i = 0; i < R->rows->nrow; i++) {
		n = strlen(R->rcpt[i]);
		if (len + n + 2 > 1000) {
			char	*more = xasprintf("%s và %zu cơ quan khác",
			    p, R->rows->nrow - i);

			free(p);
			p = more;
			break;
		}
		p = xrealloc(p, len + n + 3);
		if (len > 0) {
			memcpy(p + len, "; ", 2);
			len += 2;
		}
		memcpy(p + len, R->rcpt[i], n + 1);
		len += n;
	}
	r->cell[REG_NOI_NHAN] = p != NULL ? p : xstrdup("");
	luu = d->noi_nhan.v[d->noi_nhan.n - 1].text;
	if (strncmp(luu, "Lưu:", strlen("Lưu:")) == 0)
		for (luu += strlen("Lưu:"); *luu == ' '; luu++)
			;
	r->cell[REG_LUU] = xstrndup(luu, strcspn(luu, ".") ==
	    strlen(luu) - 1 ? strlen(luu) - 1 : strlen(luu));
	r->cell[REG_SO_BAN] = xasprintf("%zu", R->rows->nrow);
	r->cell[REG_NGAY_CHUYEN] = xstrdup("");
	r->cell[REG_KY_NHAN] = xstrdup("");
	r->cell[REG_GHI_CHU] = nsup > 0 ? xasprintf("%s/; %zu bản cũ lưu ở "
	    "%s/superseded/", arel, nsup, arel) : xasprintf("%s/", arel);
	return r;
}

static int
build(struct run *R)
{
	const struct opts *o = R->o;
	struct osums	 old, rec, nw, mid, held, keys;
	struct regbook	*reg = NULL;
	unsigned char	*buf;
	char		*stage, *sletters, *letters = NULL, *p;
	char		*arel = NULL;
	char		*adir = NULL, hex[SHA_HEX];
	size_t		 i, from, to, len, written = 0, same = 0, gone = 0;
	size_t		 nsup = 0;
	int		 rc, issued;

	memset(&old, 0, sizeof(old));
	memset(&rec, 0, sizeof(rec));
	memset(&nw, 0, sizeof(nw));
	memset(&mid, 0, sizeof(mid));
	memset(&held, 0, sizeof(held));
	memset(&keys, 0, sizeof(keys));
	slice(R, &from, &to);
	issued = o->shard_n == 0 && letter_so(R->d, &o->issue) != 0 &&
	    letter_ngay(R->d, &o->issue).y != 0;

	if (out_check(o->out) != 0)
		return EXIT_SYSTEM;
	dir_make(o->out);
	dir_lock(o->out, o->shard_n > 0);
	if (preflight(R) != 0)
		return EXIT_SYSTEM;
	/* Shards stage apart, so they can run side by side. */
	stage = o->shard_n > 0 ? xasprintf("%s/.congvan-staging-%d-of-%d",
	    o->out, o->shard_k, o->shard_n) :
	    xasprintf("%s/.congvan-staging", o->out);
	dir_remove(stage);	/* what a killed run left */
	dir_make(stage);
	staging_dir = stage;
	atexit(cleanup);
	sletters = xasprintf("%s/letters", stage);
	dir_make(sletters);

	/* Letters in place whose key is unchanged are not rendered again. */
	if (R->key == NULL)
		letter_keys(R);
	R->nhex = R->rows->nrow > 0 ? R->rows->nrow : 1;
	R->hex = mmap(NULL, R->nhex * sizeof(*R->hex), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (R->hex == MAP_FAILED)
		DIE(BATCH_SYS_MMAP, strerror(errno));
	R->skip = xcalloc(R->rows->nrow, 1);
	p = xasprintf("%s/SHA256SUMS", o->out);
	osums_read(p, &old);
	free(p);
	p = xasprintf("%s/.congvan-keys", o->out);
	osums_read(p, &keys);
	free(p);
	for (i = from; i < to; i++) {
		const struct ofile *ok, *os;
		unsigned char	*cur;

		p = xasprintf("letters/%s", R->names[i]);
		ok = osums_get(&keys, p);
		os = osums_get(&old, p);
		free(p);
		if (ok == NULL || os == NULL || strcmp(ok->hex, R->key[i]) != 0)
			continue;
		p = xasprintf("%s/letters/%s", o->out, R->names[i]);
		if ((cur = file_get(p, &len)) != NULL) {
			sha256_hex(cur, len, hex);
			R->skip[i] = strcmp(hex, os->hex) == 0;
			free(cur);
		}
		free(p);
	}

	if ((rc = render_jobs(R, from, to, sletters)) == 0 &&
	    o->shard_n == 0 && R->dir != NULL)
		rc = render_directory(R, stage);
	if (rc != 0)
		goto out;
	/* One flush for all the staged files, before any is put in place:
	 * a power cut never leaves an installed letter without its bytes. */
	dir_sync(stage);

	/* What this build makes, with its checksums. */
	for (i = from; i < to; i++) {
		if (R->skip[i]) {
			p = xasprintf("letters/%s", R->names[i]);
			osums_add(&nw, p, osums_get(&old, p)->hex);
			free(p);
			continue;
		}
		if (R->hex[i][0] == '\0')
			DIE(BATCH_SYS_NOT_RENDERED, R->names[i]);
		p = xasprintf("letters/%s", R->names[i]);
		osums_add(&nw, p, R->hex[i]);
		free(p);
	}
	for (i = 0; R->dir != NULL && o->shard_n == 0 && dir_files[i] != NULL;
	    i++) {
		p = xasprintf("%s/%s", stage, dir_files[i]);
		if ((buf = file_get(p, &len)) == NULL)
			DIE(SYS_FILE, p, strerror(errno));
		sha256_hex(buf, len, hex);
		free(buf);
		free(p);
		osums_add(&nw, dir_files[i], hex);
	}

	letters = xasprintf("%s/letters", o->out);
	if (o->shard_n > 0) {
		/* A shard: its letters only; nothing else is touched. */
		dir_make(letters);
		for (i = 0; i < nw.n; i++) {
			if (install_one(R, &nw, &old, i, from, to, stage))
				written++;
			else
				same++;
		}
		goto done;
	}

	/* Checks that may still refuse the run: nothing is changed yet. */
	p = xasprintf("%s/.congvan-files", o->out);
	osums_read(p, &rec);
	free(p);
	for (i = 0; i < old.n; i++)
		if (osums_get(&rec, old.f[i].rel) == NULL)
			osums_add(&rec, old.f[i].rel, old.f[i].hex);
	if (issued) {
		struct date	 dt = letter_ngay(R->d, &o->issue);

		p = xasprintf("%s/register.csv", o->out);
		reg = reg_load(p);
		free(p);
		if (reg == NULL || reg_check(reg, letter_so(R->d, &o->issue),
		    dt.y, R->d->f[FM_KY_HIEU].text,
		    R->d->f[FM_TRICH_YEU].text) != 0) {
			rc = EXIT_INPUT;
			goto out2;
		}
		arel = archive_rel(R);
		adir = xasprintf("%s/%s", o->out, arel);
		p = xasprintf("%s/SHA256SUMS", adir);
		osums_read(p, &held);
		free(p);
		/* Letters under this number and no register row: another
		 * dispatch's, unless a run of this one was killed between
		 * writing the archive and the register. */
		if (held.n > 0 && reg_find(reg, dt.y, R->d->f[FM_KY_HIEU].text,
		    R->d->f[FM_TRICH_YEU].text) == NULL &&
		    !archive_ours(R, adir)) {
			MSGT(BATCH_ALREADY_HOLDS_LETTERS_ISSUED, adir, 0, 0);
			rc = EXIT_INPUT;
			goto out2;
		}
		if ((archive_verify(adir, &held, !o->force) > 0 ||
		    archive_diff(R, adir, &nw, &held, 0) > 0) && !o->force) {
			archive_diff(R, adir, &nw, &held, 1);
			MSGT(BATCH_THESE_LETTERS_WERE_ISSUED, adir, 0, 0);
			rc = EXIT_INPUT;
			goto out2;
		}
	}

	/*
	 * From here on the run changes the folder, in an order that keeps
	 * it consistent if killed at any point: the record of our files
	 * grows first; SHA256SUMS shrinks to the files that stay as they
	 * are; the files move in; then the archive, the register, the
	 * full SHA256SUMS and the record as it now is.
	 */
	for (i = 0; i < nw.n; i++)
		if (osums_get(&rec, nw.f[i].rel) == NULL)
			osums_add(&rec, nw.f[i].rel, nw.f[i].hex);
	p = xasprintf("%s/.congvan-files", o->out);
	osums_sort(&rec);
	osums_write(p, &rec);
	free(p);
	for (i = 0; i < old.n; i++) {
		const struct ofile *n = osums_get(&nw, old.f[i].rel);

		if (n != NULL && strcmp(n->hex, old.f[i].hex) == 0)
			osums_add(&mid, old.f[i].rel, old.f[i].hex);
	}
	sums_write(o->out, &mid);

	dir_make(letters);
	for (i = 0; i < nw.n; i++) {
		if (install_one(R, &nw, &old, i, from, to, stage)) {
			if (strncmp(nw.f[i].rel, "letters/", 8) == 0)
				written++;
		} else if (strncmp(nw.f[i].rel, "letters/", 8) == 0)
			same++;
	}
	/* Files of an earlier build that this one does not make. */
	for (i = 0; i < rec.n; i++) {
		if (osums_get(&nw, rec.f[i].rel) != NULL ||
		    !ours(rec.f[i].rel))
			continue;
		p = xasprintf("%s/%s", o->out, rec.f[i].rel);
		if (unlink(p) == 0) {
			if (!R->o->quiet)
				printf("removed %s\n", rec.f[i].rel);
			if (strncmp(rec.f[i].rel, "letters/", 8) == 0)
				gone++;
		}
		free(p);
	}

	if (issued) {
		struct reg_row	*row;

		nsup = archive_write(R, adir, stage, &nw, &held);
		row = reg_row_new(R, arel, nsup);
		reg_put(reg, row);
		free(row);
		buf = (unsigned char *)reg_csv(reg, &len);
		p = xasprintf("%s/register.csv", o->out);
		file_update(p, buf, len);
		free(p);
		free(buf);
	}
	sums_write(o->out, &nw);
	/* The keys last: a killed run leaves the old ones, and the
	 * letters they no longer match are rendered again. */
	osums_free(&keys);
	for (i = from; i < to; i++) {
		p = xasprintf("letters/%s", R->names[i]);
		osums_add(&keys, p, R->key[i]);
		free(p);
	}
	osums_sort(&keys);
	p = xasprintf("%s/.congvan-keys", o->out);
	osums_write(p, &keys);
	free(p);
	osums_sort(&nw);
	p = xasprintf("%s/.congvan-files", o->out);
	osums_write(p, &nw);
	free(p);
done:
	if (!o->quiet) {
		printf("%zu letter%s: %zu written, %zu unchanged", to - from,
		    to - from == 1 ? "" : "s", written, same);
		if (gone > 0)
			printf(", %zu removed", gone);
		putchar('\n');
		if (issued)
			printf("issued as %02ld/%s, archived in %s/\n",
			    letter_so(R->d, &o->issue),
			    R->d->f[FM_KY_HIEU].text, arel);
	}
out2:
	free(letters);
out:
	dir_remove(stage);
	staging_dir = NULL;
	reg_free(reg);
	osums_free(&old);
	osums_free(&rec);
	osums_free(&nw);
	osums_free(&mid);
	osums_free(&held);
	osums_free(&keys);
	free(arel);
	free(adir);
	free(stage);
	free(sletters);
	return rc;
}

int
batch_run(const struct opts *o)
{
	struct run	 R;
	int		 rc = EXIT_OK;

	memset(&R, 0, sizeof(R));
	R.o_ = *o;
	R.o = &R.o_;
	if (load(&R) != 0) {
		rc = R.usage ? EXIT_USAGE : EXIT_INPUT;
		goto out;
	}
	if (o->dump == DUMP_MODEL) {
		doc_dump(R.d->body, stdout);
		goto out;
	}
	if (o->dump == DUMP_LAYOUT) {
		size_t	 from, to;

		slice(&R, &from, &to);
		rc = render(&R, NULL, from, to, NULL, stdout);
		goto out;
	}
	if (o->check) {
		/* The closing summary, as build prints one (SPEC.md). */
		if (!o->quiet)
			printf("%zu letter%s: the inputs are valid%s\n",
			    R.rows->nrow, R.rows->nrow == 1 ? "" : "s",
			    msg_count(MSG_WARNING) > 0 ? " (see the warnings)" :
			    "");
		goto out;
	}
	rc = build(&R);
out:
	run_free(&R);
	return rc;
}
