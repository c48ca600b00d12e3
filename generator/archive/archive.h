/* The archive of issued letters: archive/YYYY/SO-KYHIEU/. */
#ifndef ARCHIVE_H
#define ARCHIVE_H

#include <stddef.h>

struct osums;

/* The file in an archive folder that names its dispatch. */
#define ARCHIVE_ID	".congvan-dispatch"

/*
 * What makes a build the same dispatch as a register row (SPEC.md "The
 * register"): its year, ky_hieu and trich_yeu, as the text kept in
 * ARCHIVE_ID.  Caller frees.
 */
char	*archive_id(int year, const char *ky_hieu, const char *trich_yeu);

/*
 * Compare the letters of a build (nw: "letters/NAME" and their hashes)
 * with what the archive folder adir holds (held: "NAME").  Returns how
 * many would change (added, different, gone), naming each when report.
 */
size_t	 archive_diff(const char *adir, const struct osums *nw,
	    const struct osums *held, int report);

/*
 * Check the archived letters against their SHA256SUMS (held): a letter
 * altered since it was issued gets its actual hash in held and is named
 * when report; returns how many were altered.
 */
size_t	 archive_verify(const char *adir, struct osums *held, int report);

/* 1 if the archive folder adir holds the dispatch whose archive_id is id. */
int	 archive_ours(const char *adir, const char *id);

/*
 * Put a build's letters, as installed in OUT/letters/, into the archive
 * folder adir and record the dispatch id there first; a letter that
 * changes or goes keeps its old bytes as superseded/NN-slug.<12 hex>.pdf.
 * Returns how many superseded files the folder holds.
 */
size_t	 archive_write(const char *out, const char *adir, const char *id,
	    const struct osums *nw, const struct osums *held);

#endif /* ARCHIVE_H */
