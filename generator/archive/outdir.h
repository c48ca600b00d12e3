/* The output folder: atomic files, checksums, the archive, the lock. */
#ifndef OUTDIR_H
#define OUTDIR_H

#include <stddef.h>

#include "base/sha.h"

/* One file of a build, relative to the output folder. */
struct ofile {
	char		*rel;		/* "letters/01-x.pdf", "directory.pdf" */
	char		 hex[SHA_HEX];	/* its SHA-256 */
};

/* A set of files, as SHA256SUMS lists them, in the order added, with a
 * hash index on rel so that finding one of N costs O(1), not O(N). */
struct osums {
	struct ofile	*f;
	size_t		 n, max;
	size_t		*tab;		/* open addressing: index + 1, 0 free */
	size_t		 tabn;		/* slots, a power of two > 2n */
};

/* Add rel with hash hex (copied). */
void		 osums_add(struct osums *, const char *rel, const char *hex);
/* The entry for rel (the first added, if it was added twice), or NULL. */
const struct ofile *osums_get(const struct osums *, const char *rel);
/* Sort by path (byte order), as the file is written. */
void		 osums_sort(struct osums *);
void		 osums_free(struct osums *);

/*
 * Read a SHA256SUMS file ("HEX  PATH" lines, as sha256sum writes them);
 * a missing file is an empty set, lines of another shape are skipped.
 */
void		 osums_read(const char *path, struct osums *);

/* Write the set as SHA256SUMS at path, atomically (osums_sort first),
 * unless the file holds it already. */
void		 osums_write(const char *path, const struct osums *);

/*
 * Write buf to path atomically: a temporary file beside it, fsync,
 * rename.  A failure is a system error (exit 3) that leaves path as it
 * was.
 */
void		 file_put(const char *path, const void *buf, size_t len);

/*
 * Write buf to path inside a staging folder: no temporary file and no
 * fsync, so many files cost one flush (dir_sync) rather than one each.
 * Only for a folder no reader looks at until dir_sync has returned and
 * its files are renamed into place.  A failure is a system error.
 */
void		 file_stage(const char *path, const void *buf, size_t len);

/*
 * Make what was written under dir durable: syncfs(2) on its file
 * system, one journal commit for a whole batch (what fsync per file
 * costs N of).  A failure is a system error (exit 3).
 */
void		 dir_sync(const char *dir);

/* file_put unless path holds these bytes already (its modification
 * time then stays); returns 1 when it wrote. */
int		 file_update(const char *path, const void *buf, size_t len);

/* Read a whole file; NULL with errno set. Caller frees. */
unsigned char	*file_get(const char *path, size_t *len);

/* mkdir -p; exit 3 on failure. */
void		 dir_make(const char *path);

/* Remove a folder this program made, with everything in it. */
void		 dir_remove(const char *path);

/*
 * Take the output folder's lock (a file ".congvan-lock" in it, flock):
 * exclusive for a build, shared for a shard, so shards run side by side
 * but never beside a whole build.  When another holds it, says
 * "waiting for …" once and waits up to LOCK_WAIT seconds
 * ($CONGVAN_LOCK_WAIT), then exits 4 (EXIT_BUSY) having changed nothing.
 * Other failures exit 3.
 */
#define LOCK_WAIT	600
void		 dir_lock(const char *outdir, int shared);

#endif /* OUTDIR_H */
