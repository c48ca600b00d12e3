/* Output folder primitives: atomic writes, SHA256SUMS, removal, locking. */
#define _GNU_SOURCE	/* flock(2), syncfs(2) */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "archive/outdir.h"
#include "base/msg.h"
#include "base/sha.h"
#include "base/xalloc.h"

static size_t
rel_hash(const char *s)
{
	size_t	 h = 14695981039346656037ULL & SIZE_MAX;	/* FNV-1a */

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

/* Put entry i in the index (the first of equal rels stays found). */
static void
tab_put(struct osums *s, size_t i)
{
	size_t	 k = rel_hash(s->f[i].rel) & (s->tabn - 1);

	while (s->tab[k] != 0) {
		if (strcmp(s->f[s->tab[k] - 1].rel, s->f[i].rel) == 0)
			return;
		k = (k + 1) & (s->tabn - 1);
	}
	s->tab[k] = i + 1;
}

static void
tab_build(struct osums *s, size_t want)
{
	size_t	 i;

	free(s->tab);
	for (s->tabn = 64; s->tabn <= 2 * want; s->tabn *= 2)
		;
	s->tab = xcalloc(s->tabn, sizeof(*s->tab));
	for (i = 0; i < s->n; i++)
		tab_put(s, i);
}

void
osums_add(struct osums *s, const char *rel, const char *hex)
{
	if (s->n == s->max) {
		s->max = s->max ? s->max * 2 : 64;
		s->f = xreallocarray(s->f, s->max, sizeof(*s->f));
	}
	s->f[s->n].rel = xstrdup(rel);
	memcpy(s->f[s->n].hex, hex, SHA_HEX);
	s->f[s->n].hex[SHA_HEX - 1] = '\0';
	s->n++;
	if (s->tabn <= 2 * s->n)
		tab_build(s, s->max);
	else
		tab_put(s, s->n - 1);
}

const struct ofile *
osums_get(const struct osums *s, const char *rel)
{
	size_t	 k;

	if (s->n == 0)
		return NULL;
	k = rel_hash(rel) & (s->tabn - 1);
	while (s->tab[k] != 0) {
		if (strcmp(s->f[s->tab[k] - 1].rel, rel) == 0)
			return &s->f[s->tab[k] - 1];
		k = (k + 1) & (s->tabn - 1);
	}
	return NULL;
}

static int
ofile_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ofile *)a)->rel,
	    ((const struct ofile *)b)->rel);
}

void
osums_sort(struct osums *s)
{
	if (s->n > 1) {
		qsort(s->f, s->n, sizeof(*s->f), ofile_cmp);
		tab_build(s, s->max);
	}
}

void
osums_free(struct osums *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		free(s->f[i].rel);
	free(s->f);
	free(s->tab);
	memset(s, 0, sizeof(*s));
}

void
osums_read(const char *path, struct osums *s)
{
	unsigned char	*buf;
	char		*line, *next, *nl;
	size_t		 len;

	if ((buf = file_get(path, &len)) == NULL)
		return;
	for (line = (char *)buf; *line != '\0'; line = next) {
		if ((nl = strchr(line, '\n')) != NULL) {
			*nl = '\0';
			next = nl + 1;
		} else
			next = line + strlen(line);
		/* A file re-saved with CRLF, which sha256sum -c accepts. */
		if (nl != NULL && nl > line && nl[-1] == '\r')
			nl[-1] = '\0';
		if (strlen(line) > 66 && strspn(line, "0123456789abcdef") ==
		    64 && line[64] == ' ' && line[65] == ' ') {
			line[64] = '\0';
			osums_add(s, line + 66, line);
		}
	}
	free(buf);
}

/* The set as SHA256SUMS text; caller frees. */
static char *
osums_text(const struct osums *s, size_t *lenp)
{
	char	*buf = xstrdup("");
	size_t	 len = 0, i, n;

	for (i = 0; i < s->n; i++) {
		n = strlen(s->f[i].rel);
		buf = xrealloc(buf, len + 64 + 2 + n + 2);
		memcpy(buf + len, s->f[i].hex, 64);
		memcpy(buf + len + 64, "  ", 2);
		memcpy(buf + len + 66, s->f[i].rel, n);
		buf[len + 66 + n] = '\n';
		len += 67 + n;
	}
	*lenp = len;
	return buf;
}

void
osums_write(const char *path, const struct osums *s)
{
	char	*buf;
	size_t	 len;

	buf = osums_text(s, &len);
	file_update(path, buf, len);
	free(buf);
}

size_t
osums_prepare(struct txn *t, const char *path, const struct osums *s)
{
	char	*buf;
	size_t	 len, i;

	buf = osums_text(s, &len);
	i = txn_put(t, path, buf, len);
	free(buf);
	return i;
}

int
file_update(const char *path, const void *buf, size_t len)
{
	unsigned char	*cur;
	size_t		 clen;
	int		 same;

	if ((cur = file_get(path, &clen)) != NULL) {
		same = clen == len && memcmp(cur, buf, len) == 0;
		free(cur);
		if (same)
			return 0;
	}
	file_put(path, buf, len);
	return 1;
}

/*
 * Write buf to the new file at path (mode 0666 less the umask) and close
 * it; fsync first when sync is set.  On failure the file is removed and
 * the run ends with a system error naming name.
 */
static void
write_new(const char *path, const char *name, const void *buf, size_t len,
    int sync)
{
	int		 fd;
	ssize_t		 n;
	size_t		 off = 0;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666)) == -1)
		DIE(SYS_FILE, path, strerror(errno));
	while (off < len) {
		if ((n = write(fd, (const char *)buf + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			n = errno;
			close(fd);
			unlink(path);
			DIE(SYS_FILE, name, strerror((int)n));
		}
		off += (size_t)n;
	}
	if ((sync && fsync(fd) == -1) || close(fd) == -1) {
		n = errno;
		unlink(path);
		DIE(SYS_FILE, name, strerror((int)n));
	}
}

/* buf to path under a temporary name, then rename: a kill never leaves
 * a cut file under the final name; fsync first when sync is set. */
static void
put_renamed(const char *path, const void *buf, size_t len, int sync)
{
	char	*tmp;
	int	 e;

	tmp = xasprintf("%s.congvan-tmp", path);
	write_new(tmp, path, buf, len, sync);
	if (rename(tmp, path) == -1) {
		e = errno;
		unlink(tmp);
		DIE(SYS_FILE, path, strerror(e));
	}
	free(tmp);
}

void
file_put(const char *path, const void *buf, size_t len)
{
	put_renamed(path, buf, len, 1);
}

void
file_stage(const char *path, const void *buf, size_t len)
{
	/* Renamed too, even in staging (issue 14: a kill left cut PDFs
	 * there); the batch is synced once (dir_sync). */
	put_renamed(path, buf, len, 0);
}

void
dir_sync(const char *dir)
{
	int	 fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) == -1)
		DIE(SYS_FILE, dir, strerror(errno));
	if (syncfs(fd) == -1) {
		int e = errno;

		close(fd);
		DIE(SYS_FILE, dir, strerror(e));
	}
	close(fd);
}

unsigned char *
file_get(const char *path, size_t *len)
{
	FILE		*f;
	struct stat	 st;
	unsigned char	*buf = NULL;
	size_t		 n = 0, max = 0, k;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	/* A regular file's size, plus one byte to see its end: one read
	 * of the right size (a letter is read back once per build). */
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size >= 0 && (unsigned long long)st.st_size < SIZE_MAX / 2)
		max = (size_t)st.st_size + 2;
	for (;;) {
		if (n + 1 >= max) {
			max = max < 65536 ? 65536 : max * 2;
			buf = xrealloc(buf, max);
		} else if (buf == NULL)
			buf = xmalloc(max);
		k = fread(buf + n, 1, max - n - 1, f);
		n += k;
		if (k == 0)
			break;
	}
	if (ferror(f)) {
		k = errno;
		fclose(f);
		free(buf);
		errno = (int)k;
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

void
dir_make(const char *path)
{
	char	*p, *s;

	s = xstrdup(path);
	for (p = s + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(s, 0777) == -1 && errno != EEXIST)
			DIE(SYS_FILE, s, strerror(errno));
		*p = '/';
	}
	if (mkdir(s, 0777) == -1 && errno != EEXIST)
		DIE(SYS_FILE, s, strerror(errno));
	free(s);
}

/* dir_remove of the path in buf (of PATH_MAX bytes), which it may
 * extend: no allocation, so that it works in an exit handler after
 * memory ran out. */
static void
remove_in(char *buf)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 st;
	size_t		 n = strlen(buf);

	/* A link or a file in its place is removed, never followed. */
	if (lstat(buf, &st) == -1)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(buf);
		return;
	}
	if ((dp = opendir(buf)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (n + 1 + strlen(de->d_name) + 1 > PATH_MAX)
			continue;
		buf[n] = '/';
		strcpy(buf + n + 1, de->d_name);
		remove_in(buf);
		buf[n] = '\0';
	}
	closedir(dp);
	rmdir(buf);
}

void
dir_remove(const char *dir)
{
	char	 buf[PATH_MAX];

	if (strlen(dir) + 1 > sizeof(buf))
		return;
	strcpy(buf, dir);
	remove_in(buf);
}

/* Seconds to wait for the lock: $CONGVAN_LOCK_WAIT (0 to 86400), else
 * LOCK_WAIT (README "Two clerks at once"). */
int
dir_lock_wait(void)
{
	const char	*e = getenv("CONGVAN_LOCK_WAIT");
	char		*end;
	long		 v;

	if (e == NULL || *e == '\0')
		return LOCK_WAIT;
	errno = 0;
	v = strtol(e, &end, 10);
	if (errno != 0 || end == e || *end != '\0' || v < 0 || v > 86400)
		DIE(LOCK_WAIT_VALUE, e, LOCK_WAIT);
	return (int)v;
}

void
dir_lock(const char *outdir, int shared)
{
	struct timespec	 tick = { 0, 100 * 1000 * 1000 };
	char		*p;
	int		 fd, wait = 0;
	long		 tries = 0;

	wait = dir_lock_wait();
	p = xasprintf("%s/.congvan-lock", outdir);
	if ((fd = open(p, O_RDWR | O_CREAT, 0666)) == -1)
		DIE(SYS_FILE, p, strerror(errno));
	/* Held by another: say so once, then try every 100 ms until the
	 * wait is over (a holder stopped with Ctrl-Z never lets go). */
	while (flock(fd, (shared ? LOCK_SH : LOCK_EX) | LOCK_NB) == -1) {
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK)
			DIE(SYS_FILE, p, strerror(errno));
		if (tries == 0) {
			msg_say_id(MSGT_LOCK_WAITING, outdir, p, wait);
		}
		if (tries++ >= wait * 10)
			DIE(LOCK_GAVE_UP, wait, p);
		nanosleep(&tick, NULL);
	}
	free(p);
	/* fd stays open: the lock lasts until the process ends. */
}

/* 1 if name is one of congvan's temporary files. */
static int
is_tmp(const char *name)
{
	return strstr(name, ".congvan-tmp") != NULL;
}

/* Remove the temporary files in dir (not below it). */
static void
clean_tmp(const char *dir)
{
	DIR		*dp;
	struct dirent	*de;
	char		*p;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (!is_tmp(de->d_name))
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		unlink(p);
		free(p);
	}
	closedir(dp);
}

/* Each subfolder of dir whose name does not start with '.', or NULL
 * entries; caller frees each and the list. */
static char **
subdirs(const char *dir, size_t *n)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 st;
	char		**v = NULL, *p;

	*n = 0;
	if ((dp = opendir(dir)) == NULL)
		return NULL;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			v = xreallocarray(v, *n + 1, sizeof(*v));
			v[(*n)++] = p;
		} else
			free(p);
	}
	closedir(dp);
	return v;
}

/* The temporary files of each archive folder under root (its years:
 * archive/YYYY/FOLDER); with series, a folder whose name is not a year
 * is a series' root, one level more. */
static void
clean_years(const char *root, int series)
{
	char	**yr, **ad, *p, *name;
	size_t	 i, j, nyr, nad;

	yr = subdirs(root, &nyr);
	for (i = 0; i < nyr; i++) {
		name = strrchr(yr[i], '/') + 1;
		if (strlen(name) != 4 || strspn(name, "0123456789") != 4) {
			if (series)
				clean_years(yr[i], 0);
			free(yr[i]);
			continue;
		}
		ad = subdirs(yr[i], &nad);
		for (j = 0; j < nad; j++) {
			clean_tmp(ad[j]);
			p = xasprintf("%s/superseded", ad[j]);
			clean_tmp(p);
			free(p);
			free(ad[j]);
		}
		free(ad);
		free(yr[i]);
	}
	free(yr);
}

void
dir_clean(const char *out, const char *keep)
{
	DIR		*dp;
	struct dirent	*de;
	char		*p;

	clean_tmp(out);
	p = xasprintf("%s/letters", out);
	clean_tmp(p);
	free(p);
	if ((dp = opendir(out)) != NULL) {
		while ((de = readdir(dp)) != NULL) {
			if (strncmp(de->d_name, ".congvan-staging",
			    strlen(".congvan-staging")) != 0)
				continue;
			p = xasprintf("%s/%s", out, de->d_name);
			if (keep == NULL || strcmp(p, keep) != 0)
				dir_remove(p);
			free(p);
		}
		closedir(dp);
	}
	/* archive/YYYY/FOLDER and its superseded/, and a series'
	 * archive/SERIES/YYYY/FOLDER. */
	p = xasprintf("%s/archive", out);
	clean_years(p, 1);
	free(p);
}

static struct txn_step *
txn_new(struct txn *t)
{
	if (t->n == t->max) {
		t->max = t->max ? 2 * t->max : 32;
		t->s = xreallocarray(t->s, t->max, sizeof(*t->s));
	}
	memset(&t->s[t->n], 0, sizeof(t->s[t->n]));
	return &t->s[t->n++];
}

size_t
txn_put(struct txn *t, const char *dst, const void *buf, size_t len)
{
	struct txn_step	*s;
	struct stat	 st;
	unsigned char	*cur;
	char		 hex[SHA_HEX], h[SHA_HEX];
	size_t		 i, clen;
	int		 same = 0, known = 0;

	sha256_hex(buf, len, hex);
	/* What dst holds when this step comes: an earlier step's bytes,
	 * or the file as it is. */
	for (i = t->n; i-- > 0; ) {
		if (t->s[i].kind == TXN_PUT && strcmp(t->s[i].dst, dst) == 0)
			same = strcmp(t->s[i].hex, hex) == 0;
		else if (t->s[i].kind != TXN_UNLINK ||
		    strcmp(t->s[i].tmp, dst) != 0)
			continue;
		known = 1;
		break;
	}
	if (lstat(dst, &st) == 0 && !S_ISREG(st.st_mode))
		DIE(SYS_FILE, dst, strerror(EISDIR));
	if (!known && (cur = file_get(dst, &clen)) != NULL) {
		sha256_hex(cur, clen, h);
		same = strcmp(h, hex) == 0;
		free(cur);
	}
	s = txn_new(t);
	s->kind = TXN_PUT;
	s->dst = xstrdup(dst);
	memcpy(s->hex, hex, SHA_HEX);
	if (!same) {
		s->tmp = xasprintf("%s.congvan-tmp%zu", dst, t->n - 1);
		write_new(s->tmp, dst, buf, len, 0);
	}
	return t->n - 1;
}

size_t
txn_move(struct txn *t, const char *src, const char *dst)
{
	struct txn_step	*s = txn_new(t);

	s->kind = TXN_MOVE;
	s->tmp = xstrdup(src);
	s->dst = xstrdup(dst);
	return t->n - 1;
}

size_t
txn_unlink(struct txn *t, const char *path)
{
	struct txn_step	*s = txn_new(t);

	s->kind = TXN_UNLINK;
	s->tmp = xstrdup(path);
	return t->n - 1;
}

void
txn_dir(struct txn *t, const char *path)
{
	char	*p, *s;
	int	 end;

	s = xstrdup(path);
	for (p = s + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		end = *p == '\0';
		*p = '\0';
		if (mkdir(s, 0777) == 0) {
			t->made = xreallocarray(t->made, t->nmade + 1,
			    sizeof(*t->made));
			t->made[t->nmade++] = xstrdup(s);
		} else if (errno != EEXIST)
			DIE(SYS_FILE, s, strerror(errno));
		if (end)
			break;
		*p = '/';
	}
	free(s);
}

void
txn_probe(const char *dir)
{
	char	*p;
	int	 fd, e;

	p = xasprintf("%s/.congvan-tmp-probe", dir);
	if ((fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0666)) == -1) {
		e = errno;
		free(p);
		DIE(SYS_FILE, dir, strerror(e));
	}
	close(fd);
	unlink(p);
	free(p);
}

void
txn_do(struct txn *t, size_t i)
{
	struct txn_step	*s = &t->s[i];

	if (s->done)
		return;
	s->done = 1;
	switch (s->kind) {
	case TXN_PUT:
		if (s->tmp != NULL && rename(s->tmp, s->dst) == -1)
			DIE(SYS_FILE, s->dst, strerror(errno));
		break;
	case TXN_MOVE:
		if (rename(s->tmp, s->dst) == -1 && errno != ENOENT)
			DIE(SYS_FILE, s->dst, strerror(errno));
		break;
	default:
		if (unlink(s->tmp) == -1 && errno != ENOENT)
			DIE(SYS_FILE, s->tmp, strerror(errno));
		break;
	}
}

void
txn_do_all(struct txn *t)
{
	size_t	 i;

	for (i = 0; i < t->n; i++)
		txn_do(t, i);
}

void
txn_abort(struct txn *t)
{
	size_t	 i;

	for (i = 0; i < t->n; i++)
		if (!t->s[i].done && t->s[i].kind == TXN_PUT &&
		    t->s[i].tmp != NULL)
			unlink(t->s[i].tmp);
	for (i = t->nmade; i-- > 0; )
		rmdir(t->made[i]);	/* only when empty */
}

void
txn_free(struct txn *t)
{
	size_t	 i;

	for (i = 0; i < t->n; i++) {
		free(t->s[i].tmp);
		free(t->s[i].dst);
	}
	for (i = 0; i < t->nmade; i++)
		free(t->made[i]);
	free(t->s);
	free(t->made);
	memset(t, 0, sizeof(*t));
}
