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
 * Write buf to path inside a staging folder: a temporary name then
 * rename, but no fsync, so many files cost one flush (dir_sync) rather
 * than one each.
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

/* The wait, in seconds: $CONGVAN_LOCK_WAIT (0 to 86400), else
 * LOCK_WAIT; anything else is a usage error (exit 2), said before
 * anything is made. */
int		 dir_lock_wait(void);

/*
 * Remove what a killed run left in the output folder out: files whose
 * name holds ".congvan-tmp" (in out, letters/ and every archive folder
 * and its superseded/), and every staging folder but keep (the build's
 * own, or NULL).  A whole build calls it holding the lock exclusively,
 * so no shard runs beside it (README "Reruns and kills").
 */
void		 dir_clean(const char *out, const char *keep);

/*
 * A transaction on the output folder (issue 14: "a run that fails
 * changes nothing"): first every file it will put in place is written
 * whole under a temporary name beside its destination, and every
 * folder it needs is made ("prepare"); a failure then (a full disk, a
 * file-size limit, memory, descriptors, permissions) removes what the
 * transaction made, through the exit handler, and the folder is as it
 * was.  Then the steps are done one by one in the order the caller
 * chooses: renames and removals, which need no space, no memory and no
 * descriptor.  A kill between two steps leaves every file whole.
 */
struct txn_step {
	char		*tmp;		/* the temporary file, or the file
					   to move (TXN_MOVE); NULL: nothing */
	char		*dst;		/* where it goes; NULL: removal */
	char		 hex[SHA_HEX];	/* the bytes' SHA-256 (TXN_PUT) */
	int		 kind;		/* TXN_PUT, TXN_MOVE, TXN_UNLINK */
	int		 done;
};
#define TXN_PUT		0
#define TXN_MOVE	1
#define TXN_UNLINK	2
struct txn {
	struct txn_step	*s;
	size_t		 n, max;
	char		**made;		/* folders it made, in order */
	size_t		 nmade;
};

/*
 * Prepare: dst's new bytes, written (not synced: dir_sync) to a
 * temporary name beside it.  When dst would hold these bytes already
 * (on disk, or after an earlier step of this transaction for dst) the
 * step does nothing and keeps dst's modification time.  Returns the
 * step's index.  A failure is a system error (exit 3).
 */
size_t		 txn_put(struct txn *, const char *dst, const void *buf,
		    size_t len);
/* Prepare: rename the existing file src to dst when the step is done. */
size_t		 txn_move(struct txn *, const char *src, const char *dst);
/* Prepare: remove path (if it is there) when the step is done. */
size_t		 txn_unlink(struct txn *, const char *path);
/* Prepare: mkdir -p, remembering each folder made so that txn_abort
 * removes it. */
void		 txn_dir(struct txn *, const char *dir);
/* Prepare: make sure files can be renamed into, and removed from, the
 * folder dir when the steps are done (a folder the user cannot write,
 * which only a rename or a removal there would meet); a system error
 * (exit 3) otherwise, with nothing in place changed. */
void		 txn_probe(const char *dir);
/* Do step i (rename or unlink); a failure is a system error. */
void		 txn_do(struct txn *, size_t i);
/* Do every step not done yet, in order. */
void		 txn_do_all(struct txn *);
/* Undo the prepare: remove every temporary file not yet renamed, and
 * the folders made, when empty.  Safe to call in an exit handler. */
void		 txn_abort(struct txn *);
/* Prepare: the set as SHA256SUMS at path (sorted as it is). */
size_t		 osums_prepare(struct txn *, const char *path,
		    const struct osums *);
void		 txn_free(struct txn *);

#endif /* OUTDIR_H */
