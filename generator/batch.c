/* Driver: load and check every input once, then merge, lay out and write. */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "dispatch.h"
#include "doc.h"
#include "font.h"
#include "layout.h"
#include "letter.h"
#include "merge.h"
#include "msg.h"
#include "pdf.h"
#include "rows.h"
#include "text.h"
#include "tmpl.h"
#include "xalloc.h"

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
};

/* Read one input file, and check it (text_load) when check is set;
 * NULL after a message (exit 3 on a file that exists but cannot be
 * read). */
static char *
load_file(const char *path, size_t *len, int check)
{
	char	*raw, *buf;
	size_t	 rlen;

	if ((raw = text_read_file(path, &rlen)) == NULL) {
		if (errno == ENOENT)
			msg(MSG_ERROR, path, 0, 0, "missing input file");
		else if (errno == EFBIG)
			msg(MSG_ERROR, path, 0, 0, "file larger than %u bytes",
			    TEXT_MAX_FILE);
		else
			msg_die("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (!check) {
		*len = rlen;
		return raw;
	}
	buf = text_load(raw, rlen, path, len);
	free(raw);
	return buf;
}

static long
measure(void *arg, enum face f, const char *s, size_t len)
{
	return fonts_width(arg, f, s, len);
}

/* Report characters the font lacks, once per code point (LIBS.md §6). */
struct glyphs {
	const struct fonts *fonts;
	uint32_t	*seen;
	size_t		 nseen, maxseen;
	int		 errors;
};

static void
glyph_check(struct glyphs *g, const char *s, const char *file, size_t line)
{
	size_t		 k, len = strlen(s), i;
	uint32_t	 cp;
	char		 ch[5];

	for (; len > 0; s += k, len -= k) {
		k = text_decode(s, len, &cp);
		if (k == 0)
			break;
		if (cp == '\n' || cp == '\t' || cp == '\r' ||
		    fonts_has(g->fonts, cp))
			continue;
		for (i = 0; i < g->nseen; i++)
			if (g->seen[i] == cp)
				break;
		if (i < g->nseen)
			continue;
		if (g->nseen == g->maxseen) {
			g->maxseen = g->maxseen ? g->maxseen * 2 : 16;
			g->seen = xreallocarray(g->seen, g->maxseen,
			    sizeof(*g->seen));
		}
		g->seen[g->nseen++] = cp;
		memcpy(ch, s, k);
		ch[k] = '\0';
		msg(MSG_ERROR, file, line, 0, "character '%s' (U+%04X) is not "
		    "in the font %s%s", ch, (unsigned)cp,
		    fonts_family(g->fonts), cp > 0xFFFF ?
		    " (characters outside the Basic Multilingual Plane "
		    "cannot be printed)" : "");
		g->errors++;
	}
}

/* Every string a letter prints, against the font. */
static int
check_glyphs(struct run *R)
{
	struct glyphs	 g;
	const struct dispatch *d = R->d;
	const struct dnode *n;
	size_t		 i, j;
	int		 c;

	memset(&g, 0, sizeof(g));
	g.fonts = R->fonts;
	if (d == NULL)
		goto rows;
	for (i = 0; i < FM__SCALARS; i++)
		if (d->f[i].text != NULL)
			glyph_check(&g, d->f[i].text, d->file, d->f[i].line);
	for (i = 0; i < d->kinh_gui.n; i++)
		glyph_check(&g, d->kinh_gui.v[i].text, d->file,
		    d->kinh_gui.v[i].line);
	for (i = 0; i < d->noi_nhan.n; i++)
		glyph_check(&g, d->noi_nhan.v[i].text, d->file,
		    d->noi_nhan.v[i].line);
	if (d->pl_tieu_de.text != NULL)
		glyph_check(&g, d->pl_tieu_de.text, d->file,
		    d->pl_tieu_de.line);
	for (n = d->body->root; n != NULL; ) {
		if (n->type == DNODE_TEXT)
			glyph_check(&g, n->text, d->file, n->line);
		if (n->first != NULL) {
			n = n->first;
			continue;
		}
		while (n != NULL && n->next == NULL)
			n = n->parent;
		if (n != NULL)
			n = n->next;
	}
rows:
	for (c = 0; R->rows != NULL && c < (int)R->rows->ncol; c++) {
		glyph_check(&g, R->rows->header[c], R->rows->file, 1);
		for (j = 0; j < R->rows->nrow; j++)
			glyph_check(&g, R->rows->row[j].cell[c],
			    R->rows->file, R->rows->row[j].line);
	}
	free(g.seen);
	return g.errors;
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

static int
load(struct run *R)
{
	const struct opts *o = R->o;
	char		*buf;
	size_t		 len, i;
	int		 errors = 0;

	R->tpath = xasprintf("%s/cong-van.yaml", o->tdir);
	R->dpath = xasprintf("%s/dispatch.md", o->in);
	R->apath = xasprintf("%s/appendix.csv", o->in);

	if ((R->t = tmpl_load(R->tpath)) == NULL)
		errors++;
	if ((buf = load_file(R->dpath, &len, 1)) != NULL) {
		R->d = dispatch_parse(buf, len, R->dpath);
		free(buf);
		if (R->d->errors > 0)
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
	if (R->d != NULL && R->rows != NULL &&
	    merge_check(R->d, R->rows) > 0)
		errors++;
	if (R->d != NULL && R->d->errors == 0 && R->d->has_phu_luc &&
	    R->d->f[FM_CO_QUAN_CHU_THUONG].text == NULL)
		msg(MSG_WARNING, R->dpath, R->d->pl_tieu_de.line, 0,
		    "\"phu_luc\" without \"co_quan_chu_thuong\": the "
		    "appendix names the agency in capitals (\"của %s\")",
		    R->d->f[FM_CO_QUAN].text);
	if (R->d != NULL && R->d->errors == 0 &&
	    letter_ngay(R->d, &o->issue).y == 0 && R->d->nam == 0) {
		msg(MSG_ERROR, R->dpath, R->d->close_line, 0, "a draft "
		    "without \"ngay\" needs \"nam\", the year it prints");
		errors++;
	}
	if (R->t != NULL) {
		R->fonts = fonts_load((const char *const *)R->t->font,
		    R->t->font_package);
		if (R->fonts == NULL)
			errors++;
	}
	if (R->fonts != NULL && check_glyphs(R) > 0)
		errors++;
	if (errors > 0)
		return -1;

	R->names = xcalloc(R->rows->nrow, sizeof(char *));
	for (i = 0; i < R->rows->nrow; i++) {
		char	*rcpt = merge_text(R->d->kinh_gui.v[0].text, R->d,
		    R->rows, &R->rows->row[i]);

		R->names[i] = file_name(rcpt, i, R->rows->nrow);
		free(rcpt);
	}
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
	fonts_free(R->fonts);
	rows_free(R->rows);
	dispatch_free(R->d);
	tmpl_free(R->t);
	free(R->tpath);
	free(R->dpath);
	free(R->apath);
}

/* --- Output ---------------------------------------------------------- */

static void
mkdir_p(const char *path)
{
	char	*p, *s;

	s = xstrdup(path);
	for (p = s + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(s, 0777) == -1 && errno != EEXIST)
			msg_die("%s: %s", s, strerror(errno));
		*p = '/';
	}
	if (mkdir(s, 0777) == -1 && errno != EEXIST)
		msg_die("%s: %s", s, strerror(errno));
	free(s);
}

/* Remove a staging folder we made (files one level deep, then dirs). */
static void
rm_staging(const char *dir)
{
	DIR		*dp;
	struct dirent	*de;
	char		*p;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		if (unlink(p) == -1 && errno == EISDIR)
			rm_staging(p);
		else if (errno == EISDIR || errno == EPERM)
			rm_staging(p);
		free(p);
	}
	closedir(dp);
	rmdir(dir);
}

static const char *staging_dir;	/* removed on a system error exit */

static void
cleanup(void)
{
	if (staging_dir != NULL)
		rm_staging(staging_dir);
}

/* Write buf to path, complete and synced, or exit 3. */
static void
write_file(const char *path, const unsigned char *buf, size_t len)
{
	int	 fd;
	ssize_t	 n;
	size_t	 off = 0;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666)) == -1)
		msg_die("%s: %s", path, strerror(errno));
	while (off < len) {
		n = write(fd, buf + off, len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			msg_die("%s: %s", path, strerror(errno));
		}
		off += (size_t)n;
	}
	if (fsync(fd) == -1 || close(fd) == -1)
		msg_die("%s: %s", path, strerror(errno));
}

/* 1 if path holds exactly buf. */
static int
same_file(const char *path, const unsigned char *buf, size_t len)
{
	FILE		*f;
	unsigned char	 tmp[8192];
	size_t		 n, off = 0;
	int		 same = 1;
	struct stat	 st;

	if (stat(path, &st) == -1 || (size_t)st.st_size != len)
		return 0;
	if ((f = fopen(path, "rb")) == NULL)
		return 0;
	while (same && (n = fread(tmp, 1, sizeof(tmp), f)) > 0) {
		if (off + n > len || memcmp(tmp, buf + off, n) != 0)
			same = 0;
		off += n;
	}
	fclose(f);
	return same && off == len;
}

static void
pdf_info_of(const struct run *R, struct pdf_info *pi, const char *rcpt)
{
	struct date	 dt = letter_ngay(R->d, &R->o->issue);

	memset(pi, 0, sizeof(*pi));
	pi->title = R->d->f[FM_TRICH_YEU].text;
	pi->author = R->d->f[FM_CO_QUAN].text;
	pi->subject = rcpt;
	pi->year = dt.y;
	pi->month = dt.m;
	pi->day = dt.d;
}

/* Render rows [from, to) into dir; status per row in written[]. */
static int
render(struct run *R, struct pdf *pdf, size_t from, size_t to,
    const char *dir, FILE *dump)
{
	struct metrics	 m = { measure, R->fonts };
	struct letter	*l;
	struct layout	*lo;
	struct pdf_info	 pi;
	unsigned char	*buf;
	size_t		 i, len;
	char		*path;
	int		 rc = 0;

	for (i = from; i < to && rc == 0; i++) {
		l = letter_new(R->d, R->rows, i, R->t, &R->o->issue);
		lo = layout_letter(l, R->t, &m);
		if (lo == NULL) {
			msg(MSG_ERROR, R->apath, R->rows->row[i].line, 0,
			    "this row's letter is too long");
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
				write_file(path, buf, len);
				free(path);
				free(buf);
			}
		}
		layout_free(lo);
		letter_free(l);
	}
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
		if ((pdf = pdf_new((const char *const *)R->t->font)) == NULL)
			return EXIT_INPUT;
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
			msg_die("fork: %s", strerror(errno));
		if (pid[i] == 0) {
			staging_dir = NULL;	/* the parent cleans up */
			if ((pdf = pdf_new((const char *const *)R->t->font))
			    == NULL) {
				msg_flush();
				_exit(EXIT_INPUT);
			}
			rc = render(R, pdf, a, b, dir, NULL);
			pdf_free(pdf);
			msg_flush();
			fflush(NULL);
			_exit(rc);
		}
	}
	for (i = 0; i < jobs; i++) {
		if (waitpid(pid[i], &st, 0) == -1)
			msg_die("waitpid: %s", strerror(errno));
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			if (rc == 0)
				rc = WIFEXITED(st) && WEXITSTATUS(st) ==
				    EXIT_INPUT ? EXIT_INPUT : EXIT_SYSTEM;
	}
	free(pid);
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

static int
build(struct run *R)
{
	const struct opts *o = R->o;
	char		*stage, *sletters, *letters, *src, *dst;
	size_t		 i, from = 0, to = R->rows->nrow, written = 0, same = 0;
	int		 rc;
	FILE		*f;
	unsigned char	*buf;
	long		 sz;

	slice(R, &from, &to);
	mkdir_p(o->out);
	stage = xasprintf("%s/%s", o->out, STAGING);
	rm_staging(stage);	/* what a killed run left */
	if (mkdir(stage, 0777) == -1)
		msg_die("%s: %s", stage, strerror(errno));
	staging_dir = stage;
	atexit(cleanup);
	sletters = xasprintf("%s/letters", stage);
	if (mkdir(sletters, 0777) == -1)
		msg_die("%s: %s", sletters, strerror(errno));

	if ((rc = render_jobs(R, from, to, sletters)) != 0) {
		rm_staging(stage);
		staging_dir = NULL;
		free(stage);
		free(sletters);
		return rc;
	}

	/* Everything rendered: move into place, keeping unchanged files. */
	letters = xasprintf("%s/letters", o->out);
	mkdir_p(letters);
	for (i = from; i < to; i++) {
		src = xasprintf("%s/%s", sletters, R->names[i]);
		dst = xasprintf("%s/%s", letters, R->names[i]);
		buf = NULL;
		if ((f = fopen(src, "rb")) == NULL)
			msg_die("%s: %s", src, strerror(errno));
		fseek(f, 0, SEEK_END);
		sz = ftell(f);
		rewind(f);
		buf = xmalloc(sz > 0 ? (size_t)sz : 1);
		if (sz < 0 || fread(buf, 1, (size_t)sz, f) != (size_t)sz)
			msg_die("%s: read error", src);
		fclose(f);
		if (same_file(dst, buf, (size_t)sz)) {
			same++;
			unlink(src);
		} else {
			if (rename(src, dst) == -1)
				msg_die("%s: %s", dst, strerror(errno));
			written++;
		}
		free(buf);
		free(src);
		free(dst);
	}
	rm_staging(stage);
	staging_dir = NULL;
	printf("%zu letter%s: %zu written, %zu unchanged\n", to - from,
	    to - from == 1 ? "" : "s", written, same);
	free(letters);
	free(stage);
	free(sletters);
	return EXIT_OK;
}

int
batch_run(const struct opts *o)
{
	struct run	 R;
	int		 rc = EXIT_OK;

	memset(&R, 0, sizeof(R));
	R.o = o;
	if (load(&R) != 0) {
		rc = EXIT_INPUT;
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
	if (o->check)
		goto out;
	rc = build(&R);
out:
	run_free(&R);
	return rc;
}
