/* The archive of issued letters, archive/YYYY/SO-KYHIEU/ (SPEC.md
 * "Outputs"): compared, verified, written; nothing overwritten without
 * its old bytes kept under superseded/, whatever state the folder is
 * in (issue 14). */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/archive.h"
#include "archive/outdir.h"
#include "archive/stage.h"
#include "base/msg.h"
#include "base/sha.h"
#include "archive/regbook.h"
#include "base/xalloc.h"
#include "load/dispatch.h"

/* The first line of an ARCHIVE_ID that holds the whole identity. */
#define ID_V2	"congvan-dispatch 2\n"

char *
archive_id(long so, const struct date *dt, const char *ky_hieu,
    const char *trich_yeu)
{
	return xasprintf(ID_V2 "%02ld\n%02d/%02d/%04d\n%s\n%s\n", so, dt->d,
	    dt->m, dt->y, ky_hieu, trich_yeu);
}

/* The folder's ARCHIVE_ID, or NULL. */
static char *
id_read(const char *adir)
{
	char	*p;
	unsigned char *buf;
	size_t	 len;

	p = xasprintf("%s/" ARCHIVE_ID, adir);
	buf = file_get(p, &len);
	free(p);
	return (char *)buf;
}

/* Whether the id text is that of this date, ky_hieu and trich_yeu. */
static int
id_same(const char *id, const struct date *dt, const char *ky_hieu,
    const char *trich_yeu)
{
	char	*want, *nl;
	int	 same;

	if (strncmp(id, ID_V2, strlen(ID_V2)) == 0) {
		/* Skip the number: the folder's name holds it. */
		if ((nl = strchr(id + strlen(ID_V2), '\n')) == NULL)
			return 0;
		want = xasprintf("%02d/%02d/%04d\n%s\n%s\n", dt->d, dt->m,
		    dt->y, ky_hieu, trich_yeu);
		same = strcmp(nl + 1, want) == 0;
	} else {
		/* Written before issue 14: year, ky_hieu, trich_yeu. */
		want = xasprintf("%d\n%s\n%s\n", dt->y, ky_hieu, trich_yeu);
		same = strcmp(id, want) == 0;
	}
	free(want);
	return same;
}

int
archive_ours(const char *adir, const struct date *dt, const char *ky_hieu,
    const char *trich_yeu)
{
	char	*id = id_read(adir);
	int	 same = id != NULL && id_same(id, dt, ky_hieu, trich_yeu);

	free(id);
	return same;
}

/* 1 if name ends in ".pdf" and is a plain name (no '/', no leading
 * '.'), one that an archive folder may hold as a letter. */
static int
pdf_name(const char *name)
{
	size_t	 n = strlen(name);

	return n > 4 && name[0] != '.' && strchr(name, '/') == NULL &&
	    strcmp(name + n - 4, ".pdf") == 0 &&
	    strstr(name, ".congvan-tmp") == NULL;
}

/* 1 if name is one of the directory files (not a letter). */
static int
dir_file(const char *name)
{
	size_t	 i;

	for (i = 0; stage_dir_files[i] != NULL; i++)
		if (strcmp(name, stage_dir_files[i]) == 0)
			return 1;
	return 0;
}

/* Whether the archive folder adir holds a number: its ARCHIVE_ID, or a
 * PDF. */
static int
holds(const char *adir)
{
	DIR		*dp;
	struct dirent	*de;
	char		*p;
	int		 yes = 0;

	p = xasprintf("%s/" ARCHIVE_ID, adir);
	yes = access(p, F_OK) == 0;
	free(p);
	if (!yes && (dp = opendir(adir)) != NULL) {
		while (!yes && (de = readdir(dp)) != NULL)
			yes = pdf_name(de->d_name);
		closedir(dp);
	}
	return yes;
}

/* Calls fn for each folder "NN-…" of year under root that holds NN. */
static void
each_number(const char *root, int year,
    void (*fn)(void *, const char *, const char *, long), void *arg)
{
	DIR		*dp;
	struct dirent	*de;
	char		*ydir, *adir;
	size_t		 n;

	ydir = xasprintf("%s/%04d", root, year);
	if ((dp = opendir(ydir)) == NULL) {
		free(ydir);
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		n = strspn(de->d_name, "0123456789");
		if (n == 0 || n > 9 || de->d_name[n] != '-')
			continue;
		adir = xasprintf("%s/%s", ydir, de->d_name);
		if (holds(adir))
			fn(arg, adir, de->d_name, strtol(de->d_name, NULL, 10));
		free(adir);
	}
	closedir(dp);
	free(ydir);
}

struct numbers {
	const struct date *dt;
	const char	*ky_hieu, *trich_yeu;
	long		 max, own;
};

static void
numbers_one(void *arg, const char *adir, const char *name, long so)
{
	struct numbers	*w = arg;

	if (so > w->max)
		w->max = so;
	if (w->own == 0 && archive_ours(adir, w->dt, w->ky_hieu,
	    w->trich_yeu))
		w->own = so;
}

void
archive_numbers(const char *root, const struct date *dt, const char *ky_hieu,
    const char *trich_yeu, long *max, long *own)
{
	struct numbers	 w;

	w.dt = dt;
	w.ky_hieu = ky_hieu;
	w.trich_yeu = trich_yeu;
	w.max = w.own = 0;
	each_number(root, dt->y, numbers_one, &w);
	*max = w.max;
	*own = w.own;
}

struct holder {
	long		 so;
	const char	*except;
	char		*name;
};

static void
holder_one(void *arg, const char *adir, const char *name, long so)
{
	struct holder	*w = arg;

	if (w->name == NULL && so == w->so && strcmp(name, w->except) != 0)
		w->name = xstrdup(name);
}

char *
archive_holder(const char *root, int year, long so, const char *except)
{
	struct holder	 w;

	w.so = so;
	w.except = except;
	w.name = NULL;
	each_number(root, year, holder_one, &w);
	return w.name;
}

/* Does b[0..n) end at the end of a revision: "%%EOF" and its line end? */
static int
revision_end(const unsigned char *b, size_t n)
{
	size_t	 e = n;

	while (e > 0 && (b[e - 1] == '\n' || b[e - 1] == '\r'))
		e--;
	return e != n && e >= 5 && memcmp(b + e - 5, "%%EOF", 5) == 0;
}

void
archive_extended(const char *adir, const char *stage, const struct osums *nw,
    const struct osums *held, struct osums *ext)
{
	const struct ofile *h;
	unsigned char	*a, *b;
	size_t		 i, alen, blen;
	char		*p;

	for (i = 0; i < nw->n; i++) {
		if (strncmp(nw->f[i].rel, "letters/", 8) != 0 ||
		    (h = osums_get(held, nw->f[i].rel + 8)) == NULL ||
		    strcmp(h->hex, nw->f[i].hex) == 0)
			continue;
		p = xasprintf("%s/%s", adir, nw->f[i].rel + 8);
		a = file_get(p, &alen);
		free(p);
		p = xasprintf("%s/%s", stage, nw->f[i].rel);
		b = file_get(p, &blen);
		free(p);
		if (a != NULL && b != NULL && alen < blen &&
		    memcmp(a, b, alen) == 0 && revision_end(a, alen))
			osums_add(ext, nw->f[i].rel, nw->f[i].hex);
		free(a);
		free(b);
	}
}

size_t
archive_diff(const char *adir, const struct osums *nw,
    const struct osums *held, const struct osums *ext, int complete,
    int report)
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
		if (h != NULL && ext != NULL &&
		    osums_get(ext, nw->f[i].rel) != NULL)
			continue;	/* signed since: the same letter */
		if (h == NULL && (held->n == 0 || !complete))
			continue;	/* a new folder, or one not finished */
		if (report && h == NULL)
			MSGT(ARCHIVE_LETTER_WOULD_BE_ADDED, adir, 0, 0, name);
		else if (report)
			MSGT(ARCHIVE_LETTER_WOULD_CHANGE, adir, 0, 0, name);
		n++;
	}
	for (i = 0; i < held->n; i++) {
		char	*rel = xasprintf("letters/%s", held->f[i].rel);

		if (osums_get(nw, rel) == NULL) {
			if (report)
				MSGT(ARCHIVE_LETTER_WOULD_BE_REMOVED, adir, 0, 0,
				    held->f[i].rel);
			n++;
		}
		free(rel);
	}
	return n;
}

size_t
archive_scan(const char *adir, struct osums *held, int report,
    int *complete)
{
	struct osums	 listed;
	DIR		*dp;
	struct dirent	*de;
	struct stat	 st;
	unsigned char	*buf;
	char		*p, hex[SHA_HEX];
	size_t		 i, len, n = 0;

	memset(&listed, 0, sizeof(listed));
	p = xasprintf("%s/SHA256SUMS", adir);
	osums_read(p, &listed);
	free(p);
	*complete = 0;
	for (i = 0; i < listed.n; i++)
		if (pdf_name(listed.f[i].rel) && !dir_file(listed.f[i].rel))
			*complete = 1;
	/* The letters listed, as they are now (a missing one keeps its
	 * entry: archive_prepare puts it back when the build makes the
	 * same bytes). */
	for (i = 0; i < listed.n; i++) {
		if (!pdf_name(listed.f[i].rel) || dir_file(listed.f[i].rel) ||
		    osums_get(held, listed.f[i].rel) != NULL)
			continue;
		p = xasprintf("%s/%s", adir, listed.f[i].rel);
		if ((buf = file_get(p, &len)) != NULL) {
			sha256_hex(buf, len, hex);
			free(buf);
			if (strcmp(hex, listed.f[i].hex) != 0) {
				if (report)
					MSGT(ARCHIVE_LETTER_ALTERED, p, 0, 0);
				n++;
			}
			osums_add(held, listed.f[i].rel, hex);
		} else
			osums_add(held, listed.f[i].rel, listed.f[i].hex);
		free(p);
	}
	/* Every other letter there: SHA256SUMS missing, unreadable, cut
	 * by a kill or edited.  What is there is what was issued. */
	if ((dp = opendir(adir)) != NULL) {
		while ((de = readdir(dp)) != NULL) {
			if (!pdf_name(de->d_name) || dir_file(de->d_name) ||
			    osums_get(held, de->d_name) != NULL)
				continue;
			p = xasprintf("%s/%s", adir, de->d_name);
			if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) &&
			    (buf = file_get(p, &len)) != NULL) {
				sha256_hex(buf, len, hex);
				free(buf);
				osums_add(held, de->d_name, hex);
			}
			free(p);
		}
		closedir(dp);
	}
	osums_free(&listed);
	return n;
}

/* The number of files in dir (not starting with '.'). */
static size_t
count_files(const char *dir)
{
	DIR		*dp;
	struct dirent	*de;
	size_t		 n = 0;

	if ((dp = opendir(dir)) != NULL) {
		while ((de = readdir(dp)) != NULL)
			if (de->d_name[0] != '.' &&
			    strstr(de->d_name, ".congvan-tmp") == NULL)
				n++;
		closedir(dp);
	}
	return n;
}

void
archive_prepare(struct txn *t, const char *out, const char *stage,
    const char *adir, const char *id, const struct osums *nw,
    const struct osums *held, const struct osums *ext, size_t *nsup)
{
	struct osums	 cut, full;
	const struct ofile *h, *n;
	unsigned char	*buf;
	char		*src, *dst, *sup, *sdir, *base, *p;
	size_t		 i, len, fresh = 0;

	memset(&cut, 0, sizeof(cut));
	memset(&full, 0, sizeof(full));
	sdir = xasprintf("%s/superseded", adir);
	txn_dir(t, adir);
	txn_probe(adir);
	/* The reservation first: the folder names its dispatch before it
	 * holds any letter, so that a kill never frees the number. */
	p = xasprintf("%s/" ARCHIVE_ID, adir);
	txn_put(t, p, id, strlen(id));
	free(p);

	/* SHA256SUMS, cut to what stays: a kill in what follows leaves
	 * every line of it true. */
	for (i = 0; i < held->n; i++) {
		p = xasprintf("letters/%s", held->f[i].rel);
		n = osums_get(nw, p);
		free(p);
		if (n != NULL && strcmp(n->hex, held->f[i].hex) == 0)
			osums_add(&cut, held->f[i].rel, held->f[i].hex);
	}
	for (i = 0; i < nw->n; i++) {
		const char *rel = nw->f[i].rel;

		osums_add(&full, strncmp(rel, "letters/", 8) == 0 ? rel + 8 :
		    rel, nw->f[i].hex);
	}
	osums_sort(&cut);
	osums_sort(&full);
	p = xasprintf("%s/SHA256SUMS", adir);
	if (cut.n == 0)
		txn_unlink(t, p);
	else
		osums_prepare(t, p, &cut);
	free(p);

	/* Changed or gone: the issued bytes move to superseded/. */
	for (i = 0; i < held->n; i++) {
		src = xasprintf("letters/%s", held->f[i].rel);
		n = osums_get(nw, src);
		free(src);
		if (n != NULL && (strcmp(n->hex, held->f[i].hex) == 0 ||
		    (ext != NULL && osums_get(ext, n->rel) != NULL)))
			continue;	/* stays, or stays inside its new self */
		if (fresh == 0) {
			txn_dir(t, sdir);
			txn_probe(sdir);
		}
		src = xasprintf("%s/%s", adir, held->f[i].rel);
		base = xstrndup(held->f[i].rel, strlen(held->f[i].rel) - 4);
		sup = xasprintf("%s/%s.%.12s.pdf", sdir, base, held->f[i].hex);
		if (access(src, F_OK) == 0 && access(sup, F_OK) != 0)
			fresh++;
		txn_move(t, src, sup);
		free(base);
		free(src);
		free(sup);
	}
	/* The new letters, and the directory files (not frozen: they
	 * follow the replies). */
	for (i = 0; i < nw->n; i++) {
		const char *rel = nw->f[i].rel;
		const char *name = strncmp(rel, "letters/", 8) == 0 ? rel + 8 :
		    rel;

		h = osums_get(held, name);
		dst = xasprintf("%s/%s", adir, name);
		if (h != NULL && strcmp(h->hex, nw->f[i].hex) == 0 &&
		    access(dst, F_OK) == 0) {
			free(dst);
			continue;	/* as issued; a lost one is put back */
		}
		src = xasprintf("%s/%s", stage, rel);
		if ((buf = file_get(src, &len)) == NULL) {
			free(src);
			src = xasprintf("%s/%s", out, rel);
			if ((buf = file_get(src, &len)) == NULL)
				DIE(SYS_FILE, src, strerror(errno));
		}
		txn_put(t, dst, buf, len);
		free(buf);
		free(src);
		free(dst);
	}
	/* Directory files an earlier build of this dispatch archived and
	 * this one does not make (danh_ba removed). */
	for (i = 0; stage_dir_files[i] != NULL; i++) {
		if (osums_get(&full, stage_dir_files[i]) != NULL)
			continue;
		p = xasprintf("%s/%s", adir, stage_dir_files[i]);
		if (access(p, F_OK) == 0)
			txn_unlink(t, p);
		free(p);
	}
	p = xasprintf("%s/SHA256SUMS", adir);
	osums_prepare(t, p, &full);
	free(p);
	*nsup = count_files(sdir) + fresh;
	osums_free(&cut);
	osums_free(&full);
	free(sdir);
}

int
archive_check_dates(const char *root, const struct regbook *b)
{
	const struct reg_row *r;
	char		*adir, *id, *dl, *nl;
	size_t		 i;
	int		 d, m, y, n = 0;

	for (i = 0; i < b->nrow; i++) {
		r = &b->row[i];
		if (r->so <= 0 || r->date.y == 0)
			continue;
		adir = xasprintf("%s/%04d/%02ld-%s", root, r->date.y, r->so,
		    reg_row_ky_hieu(r));
		id = id_read(adir);
		if (id != NULL && strncmp(id, ID_V2, strlen(ID_V2)) == 0 &&
		    (nl = strchr(id + strlen(ID_V2), '\n')) != NULL) {
			dl = nl + 1;
			if (sscanf(dl, "%2d/%2d/%4d", &d, &m, &y) == 3 &&
			    (d != r->date.d || m != r->date.m ||
			    y != r->date.y)) {
				MSGT(REGBOOK_DATE_NOT_ISSUED, b->path, r->line, 0,
				    r->cell[REG_NGAY], r->date.d, r->date.m,
				    r->date.y, d, m, y, d, m, y);
				n++;
			}
		}
		free(id);
		free(adir);
	}
	return n;
}

struct orphans {
	struct regbook	*reg;
	int		 year;
	const char	*except;
	size_t		 n;
};

static void
orphans_one(void *arg, const char *adir, const char *name, long so)
{
	struct orphans	*w = arg;

	if (strcmp(adir, w->except) == 0 ||
	    reg_number(w->reg, so, w->year) != NULL)
		return;
	MSGT(ARCHIVE_FOLDER_WITHOUT_ROW, adir, 0, 0, so, w->year,
	    w->reg->path);
	w->n++;
}

size_t
archive_orphans(const char *root, int year, struct regbook *reg,
    const char *except)
{
	struct orphans	 w;

	w.reg = reg;
	w.year = year;
	w.except = except;
	w.n = 0;
	each_number(root, year, orphans_one, &w);
	return w.n;
}
