/* Output folder primitives: atomic writes, SHA256SUMS, removal, locking. */
#define _GNU_SOURCE	/* flock(2), syncfs(2) */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "archive/outdir.h"
#include "base/msg.h"
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
		if (strlen(line) > 66 && strspn(line, "0123456789abcdef") ==
		    64 && line[64] == ' ' && line[65] == ' ') {
			line[64] = '\0';
			osums_add(s, line + 66, line);
		}
	}
	free(buf);
}

void
osums_write(const char *path, const struct osums *s)
{
	char	*buf = NULL;
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
	file_update(path, buf != NULL ? buf : "", len);
	free(buf);
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

void
file_put(const char *path, const void *buf, size_t len)
{
	char	*tmp;
	int	 e;

	tmp = xasprintf("%s.congvan-tmp", path);
	write_new(tmp, path, buf, len, 1);
	if (rename(tmp, path) == -1) {
		e = errno;
		unlink(tmp);
		DIE(SYS_FILE, path, strerror(e));
	}
	free(tmp);
}

void
file_stage(const char *path, const void *buf, size_t len)
{
	write_new(path, path, buf, len, 0);
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

void
dir_remove(const char *dir)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 st;
	char		*p;

	/* A link or a file in its place is removed, never followed. */
	if (lstat(dir, &st) == -1)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(dir);
		return;
	}
	if ((dp = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		/* lstat: a symlink is removed, never followed. */
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			dir_remove(p);
		else
			unlink(p);
		free(p);
	}
	closedir(dp);
	rmdir(dir);
}

/* Seconds to wait for the lock: $CONGVAN_LOCK_WAIT (0 to 86400), else
 * LOCK_WAIT (README "Two clerks at once"). */
static int
lock_wait(void)
{
	const char	*e = getenv("CONGVAN_LOCK_WAIT");
	char		*end;
	long		 v;

	if (e == NULL || *e == '\0')
		return LOCK_WAIT;
	v = strtol(e, &end, 10);
	return *end == '\0' && v >= 0 && v <= 86400 ? (int)v : LOCK_WAIT;
}

void
dir_lock(const char *outdir, int shared)
{
	struct timespec	 tick = { 0, 100 * 1000 * 1000 };
	char		*p;
	int		 fd, wait = 0;
	long		 tries = 0;

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
			wait = lock_wait();
			msg_say_id(MSGT_LOCK_WAITING, outdir, p, wait);
		}
		if (tries++ >= wait * 10)
			DIE(LOCK_GAVE_UP, wait, p);
		nanosleep(&tick, NULL);
	}
	free(p);
	/* fd stays open: the lock lasts until the process ends. */
}
