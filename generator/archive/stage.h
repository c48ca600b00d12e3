/* The output folder's transaction: checks, install, SHA256SUMS. */
#ifndef STAGE_H
#define STAGE_H

#include <stddef.h>

struct osums;

/* Names of the files a build may write besides letters/ (the
 * directory), NULL-terminated. */
extern const char *const stage_dir_files[];

/*
 * The output folder named by -o must be a folder, or not exist yet in a
 * folder that does (a mistyped path makes no new tree of folders).
 * 0 when it may be used; -1 after a message.
 */
int	 stage_out_check(const char *out);

/*
 * Before anything is rendered or moved: letters/ and archive/ in out
 * must be real folders (a symbolic link could lead outside it), and
 * every letters/NAME of names[0..nname) that exists a regular file, so
 * that a run cannot fail half-way through moving letters in.  0, or -1
 * after a message for each.
 */
int	 stage_preflight(const char *out, char *const *names, size_t nname);

/* 1 if rel (relative to the output folder) names a file congvan writes,
 * and so may remove. */
int	 stage_ours(const char *rel);

/*
 * Put the staged file in place at dst unless the same bytes (SHA-256
 * hex) are there already, then its modification time stays too and the
 * staged file goes; was is dst's hash in the last SHA256SUMS, or NULL.
 * Returns 1 when it wrote.  A system error exits 3.
 */
int	 stage_install(const char *staged, const char *dst, const char *hex,
	    const char *was);

/* OUT/SHA256SUMS listing the PDFs of all (SPEC.md "Outputs"), as a
 * step of the transaction t (outdir.h); removed when there are none
 * (sha256sum -c refuses an empty list). */
struct txn;
void	 stage_sums_prepare(struct txn *t, const char *out,
	    const struct osums *all);

#endif /* STAGE_H */
