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

#include "archive/archive.h"
#include "archive/outdir.h"
#include "archive/regbook.h"
#include "archive/stage.h"
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


/* The archive folder of an issued build: archive/YYYY/SO-KYHIEU. */
static char *
archive_rel(const struct run *R)
{
	struct date	 dt = letter_ngay(R->d, &R->o->issue);

	return xasprintf("archive/%04d/%02ld-%s", dt.y,
	    letter_so(R->d, &R->o->issue), R->d->f[FM_KY_HIEU].text);
}







/*
 * A build from its start to its end (build, in phases): what it renders,
 * what the folder held, what it makes.
 */
struct bld {
	struct run	*R;
	const struct opts *o;
	size_t		 from, to;	/* the rows it renders */
	int		 issued;	/* a number and a date, not a shard */
	char		*stage;		/* OUT/.congvan-staging[-K-of-N] */
	struct osums	 old;		/* SHA256SUMS as it was */
	struct osums	 keys;		/* .congvan-keys as it was */
	struct osums	 nw;		/* the files this build makes */
	struct osums	 rec;		/* .congvan-files: what congvan wrote */
	struct osums	 held;		/* the archive folder's SHA256SUMS */
	struct regbook	*reg;		/* register.csv, when issued */
	char		*arel, *adir;	/* the archive folder, when issued */
	size_t		 written, same, gone;
};

/* The output folder, its lock, the checks of what it holds, and a
 * fresh staging folder.  Returns an exit status. */
static int
bld_open(struct bld *b)
{
	const struct opts *o = b->o;
	char		*p;

	if (stage_out_check(o->out) != 0)
		return EXIT_SYSTEM;
	dir_make(o->out);
	dir_lock(o->out, o->shard_n > 0);
	if (stage_preflight(o->out, b->R->names, b->R->rows->nrow) != 0)
		return EXIT_SYSTEM;
	/* Shards stage apart, so they can run side by side. */
	b->stage = o->shard_n > 0 ?
	    xasprintf("%s/.congvan-staging-%d-of-%d", o->out, o->shard_k,
	    o->shard_n) : xasprintf("%s/.congvan-staging", o->out);
	dir_remove(b->stage);	/* what a killed run left */
	dir_make(b->stage);
	staging_dir = b->stage;
	atexit(cleanup);
	p = xasprintf("%s/letters", b->stage);
	dir_make(p);
	free(p);
	return EXIT_OK;
}

/* Letters in place whose key is unchanged are not rendered again. */
static void
bld_skip(struct bld *b)
{
	struct run	*R = b->R;
	const struct ofile *ok, *os;
	unsigned char	*cur;
	char		*p, hex[SHA_HEX];
	size_t		 i, len;

	if (R->key == NULL)
		letter_keys(R);
	R->nhex = R->rows->nrow > 0 ? R->rows->nrow : 1;
	R->hex = mmap(NULL, R->nhex * sizeof(*R->hex), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (R->hex == MAP_FAILED)
		DIE(BATCH_SYS_MMAP, strerror(errno));
	R->skip = xcalloc(R->rows->nrow, 1);
	p = xasprintf("%s/SHA256SUMS", b->o->out);
	osums_read(p, &b->old);
	free(p);
	p = xasprintf("%s/.congvan-keys", b->o->out);
	osums_read(p, &b->keys);
	free(p);
	for (i = b->from; i < b->to; i++) {
		p = xasprintf("letters/%s", R->names[i]);
		ok = osums_get(&b->keys, p);
		os = osums_get(&b->old, p);
		free(p);
		if (ok == NULL || os == NULL || strcmp(ok->hex, R->key[i]) != 0)
			continue;
		p = xasprintf("%s/letters/%s", b->o->out, R->names[i]);
		if ((cur = file_get(p, &len)) != NULL) {
			sha256_hex(cur, len, hex);
			R->skip[i] = strcmp(hex, os->hex) == 0;
			free(cur);
		}
		free(p);
	}
}

/* Render into the staging folder, then what this build makes (b->nw)
 * with its checksums.  Returns an exit status. */
static int
bld_render(struct bld *b)
{
	struct run	*R = b->R;
	unsigned char	*buf;
	char		*p, hex[SHA_HEX];
	size_t		 i, len;
	int		 rc;

	p = xasprintf("%s/letters", b->stage);
	rc = render_jobs(R, b->from, b->to, p);
	free(p);
	if (rc == 0 && b->o->shard_n == 0 && R->dir != NULL)
		rc = render_directory(R, b->stage);
	if (rc != 0)
		return rc;
	/* One flush for all the staged files, before any is put in place:
	 * a power cut never leaves an installed letter without its bytes. */
	dir_sync(b->stage);

	for (i = b->from; i < b->to; i++) {
		p = xasprintf("letters/%s", R->names[i]);
		if (R->skip[i])
			osums_add(&b->nw, p, osums_get(&b->old, p)->hex);
		else if (R->hex[i][0] == '\0')
			DIE(BATCH_SYS_NOT_RENDERED, R->names[i]);
		else
			osums_add(&b->nw, p, R->hex[i]);
		free(p);
	}
	for (i = 0; R->dir != NULL && b->o->shard_n == 0 &&
	    stage_dir_files[i] != NULL; i++) {
		p = xasprintf("%s/%s", b->stage, stage_dir_files[i]);
		if ((buf = file_get(p, &len)) == NULL)
			DIE(SYS_FILE, p, strerror(errno));
		sha256_hex(buf, len, hex);
		free(buf);
		free(p);
		osums_add(&b->nw, stage_dir_files[i], hex);
	}
	return EXIT_OK;
}

/*
 * Install entry i of b->nw (the rows from..to in order, then the
 * directory files); returns 1 when it wrote.  A letter not rendered
 * again (R->skip) was checked in place already.
 */
static int
bld_install_one(struct bld *b, size_t i)
{
	const struct ofile *was;
	char		*p, *q;
	int		 rc;

	if (i < b->to - b->from && b->R->skip[b->from + i])
		return 0;
	was = osums_get(&b->old, b->nw.f[i].rel);
	p = xasprintf("%s/%s", b->stage, b->nw.f[i].rel);
	q = xasprintf("%s/%s", b->o->out, b->nw.f[i].rel);
	rc = stage_install(p, q, b->nw.f[i].hex, was != NULL ? was->hex :
	    NULL);
	free(p);
	free(q);
	return rc;
}

/* The checks that may still refuse the run (the register, the archive
 * folder): nothing is changed yet.  Returns an exit status. */
static int
bld_refusals(struct bld *b)
{
	struct run	*R = b->R;
	const struct opts *o = b->o;
	struct date	 dt;
	char		*p, *id;
	size_t		 i;
	int		 ours;

	p = xasprintf("%s/.congvan-files", o->out);
	osums_read(p, &b->rec);
	free(p);
	for (i = 0; i < b->old.n; i++)
		if (osums_get(&b->rec, b->old.f[i].rel) == NULL)
			osums_add(&b->rec, b->old.f[i].rel, b->old.f[i].hex);
	if (!b->issued)
		return EXIT_OK;
	dt = letter_ngay(R->d, &o->issue);
	p = xasprintf("%s/register.csv", o->out);
	b->reg = reg_load(p);
	free(p);
	if (b->reg == NULL || reg_check(b->reg, letter_so(R->d, &o->issue),
	    dt.y, R->d->f[FM_KY_HIEU].text, R->d->f[FM_TRICH_YEU].text) != 0)
		return EXIT_INPUT;
	b->arel = archive_rel(R);
	b->adir = xasprintf("%s/%s", o->out, b->arel);
	p = xasprintf("%s/SHA256SUMS", b->adir);
	osums_read(p, &b->held);
	free(p);
	/* Letters under this number and no register row: another
	 * dispatch's, unless a run of this one was killed between
	 * writing the archive and the register. */
	id = archive_id(dt.y, R->d->f[FM_KY_HIEU].text,
	    R->d->f[FM_TRICH_YEU].text);
	ours = archive_ours(b->adir, id);
	free(id);
	if (b->held.n > 0 && reg_find(b->reg, dt.y, R->d->f[FM_KY_HIEU].text,
	    R->d->f[FM_TRICH_YEU].text) == NULL && !ours) {
		MSGT(BATCH_ALREADY_HOLDS_LETTERS_ISSUED, b->adir, 0, 0);
		return EXIT_INPUT;
	}
	if ((archive_verify(b->adir, &b->held, !o->force) > 0 ||
	    archive_diff(b->adir, &b->nw, &b->held, 0) > 0) && !o->force) {
		archive_diff(b->adir, &b->nw, &b->held, 1);
		MSGT(BATCH_THESE_LETTERS_WERE_ISSUED, b->adir, 0, 0);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

/*
 * From here on the run changes the folder, in an order that keeps it
 * consistent if killed at any point: the record of our files grows
 * first; SHA256SUMS shrinks to the files that stay as they are; the
 * files move in; then (bld_issue) the archive and the register, and
 * (bld_close) the full SHA256SUMS and the record as it now is.
 */
static void
bld_install(struct bld *b)
{
	const struct opts *o = b->o;
	struct osums	 mid;
	char		*p;
	size_t		 i;
	int		 letter;

	memset(&mid, 0, sizeof(mid));
	for (i = 0; i < b->nw.n; i++)
		if (osums_get(&b->rec, b->nw.f[i].rel) == NULL)
			osums_add(&b->rec, b->nw.f[i].rel, b->nw.f[i].hex);
	p = xasprintf("%s/.congvan-files", o->out);
	osums_sort(&b->rec);
	osums_write(p, &b->rec);
	free(p);
	for (i = 0; i < b->old.n; i++) {
		const struct ofile *n = osums_get(&b->nw, b->old.f[i].rel);

		if (n != NULL && strcmp(n->hex, b->old.f[i].hex) == 0)
			osums_add(&mid, b->old.f[i].rel, b->old.f[i].hex);
	}
	stage_sums_write(o->out, &mid);
	osums_free(&mid);

	p = xasprintf("%s/letters", o->out);
	dir_make(p);
	free(p);
	for (i = 0; i < b->nw.n; i++) {
		letter = strncmp(b->nw.f[i].rel, "letters/", 8) == 0;
		if (bld_install_one(b, i)) {
			if (letter)
				b->written++;
		} else if (letter)
			b->same++;
	}
	/* Files of an earlier build that this one does not make. */
	for (i = 0; i < b->rec.n; i++) {
		if (osums_get(&b->nw, b->rec.f[i].rel) != NULL ||
		    !stage_ours(b->rec.f[i].rel))
			continue;
		p = xasprintf("%s/%s", o->out, b->rec.f[i].rel);
		if (unlink(p) == 0) {
			if (!o->quiet)
				printf("removed %s\n", b->rec.f[i].rel);
			if (strncmp(b->rec.f[i].rel, "letters/", 8) == 0)
				b->gone++;
		}
		free(p);
	}
}

/* An issued build's archive folder, then its register row. */
static void
bld_issue(struct bld *b)
{
	struct run	*R = b->R;
	const struct opts *o = b->o;
	struct date	 dt = letter_ngay(R->d, &o->issue);
	struct reg_row	*row;
	char		*p, *id, *csv;
	size_t		 nsup, len;

	id = archive_id(dt.y, R->d->f[FM_KY_HIEU].text,
	    R->d->f[FM_TRICH_YEU].text);
	nsup = archive_write(o->out, b->adir, id, &b->nw, &b->held);
	free(id);
	row = reg_row_of(R->d, letter_so(R->d, &o->issue), &dt, R->rcpt,
	    R->rows->nrow, b->arel, nsup);
	reg_put(b->reg, row);
	free(row);
	csv = reg_csv(b->reg, &len);
	p = xasprintf("%s/register.csv", o->out);
	file_update(p, csv, len);
	free(p);
	free(csv);
}

/* The full SHA256SUMS, the keys and the record of our files. */
static void
bld_close(struct bld *b)
{
	const struct opts *o = b->o;
	char		*p;
	size_t		 i;

	stage_sums_write(o->out, &b->nw);
	/* The keys last: a killed run leaves the old ones, and the
	 * letters they no longer match are rendered again. */
	osums_free(&b->keys);
	for (i = b->from; i < b->to; i++) {
		p = xasprintf("letters/%s", b->R->names[i]);
		osums_add(&b->keys, p, b->R->key[i]);
		free(p);
	}
	osums_sort(&b->keys);
	p = xasprintf("%s/.congvan-keys", o->out);
	osums_write(p, &b->keys);
	free(p);
	osums_sort(&b->nw);
	p = xasprintf("%s/.congvan-files", o->out);
	osums_write(p, &b->nw);
	free(p);
}

/* The closing summary on stdout (SPEC.md "Command line"). */
static void
bld_summary(const struct bld *b)
{
	const struct opts *o = b->o;
	size_t		 n = b->to - b->from;

	if (o->quiet)
		return;
	printf("%zu letter%s: %zu written, %zu unchanged", n,
	    n == 1 ? "" : "s", b->written, b->same);
	if (b->gone > 0)
		printf(", %zu removed", b->gone);
	putchar('\n');
	if (b->issued)
		printf("issued as %02ld/%s, archived in %s/\n",
		    letter_so(b->R->d, &o->issue), b->R->d->f[FM_KY_HIEU].text,
		    b->arel);
}

/*
 * A build (README "Reruns and kills"): open the folder, find the
 * letters in place, render the rest into staging, then either put a
 * shard's letters in place, or check what may still refuse the run and
 * install, archive, register and close, in that order.
 */
static int
build(struct run *R)
{
	struct bld	 b;
	size_t		 i;
	int		 rc;

	memset(&b, 0, sizeof(b));
	b.R = R;
	b.o = R->o;
	slice(R, &b.from, &b.to);
	b.issued = b.o->shard_n == 0 && letter_so(R->d, &b.o->issue) != 0 &&
	    letter_ngay(R->d, &b.o->issue).y != 0;
	if ((rc = bld_open(&b)) != EXIT_OK)
		goto out;
	bld_skip(&b);
	if ((rc = bld_render(&b)) != EXIT_OK)
		goto out;
	if (b.o->shard_n > 0) {
		/* A shard: its letters only; nothing else is touched. */
		char	*p = xasprintf("%s/letters", b.o->out);

		dir_make(p);
		free(p);
		for (i = 0; i < b.nw.n; i++) {
			if (bld_install_one(&b, i))
				b.written++;
			else
				b.same++;
		}
	} else {
		if ((rc = bld_refusals(&b)) != EXIT_OK)
			goto out;
		bld_install(&b);
		if (b.issued)
			bld_issue(&b);
		bld_close(&b);
	}
	bld_summary(&b);
out:
	if (b.stage != NULL)
		dir_remove(b.stage);
	staging_dir = NULL;
	reg_free(b.reg);
	osums_free(&b.old);
	osums_free(&b.rec);
	osums_free(&b.nw);
	osums_free(&b.held);
	osums_free(&b.keys);
	free(b.arel);
	free(b.adir);
	free(b.stage);
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
