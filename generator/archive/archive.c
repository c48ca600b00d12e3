/* The archive of issued letters, archive/YYYY/SO-KYHIEU/ (SPEC.md
 * "Outputs"): compared, verified, written; nothing overwritten without
 * its old bytes kept under superseded/. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/archive.h"
#include "archive/outdir.h"
#include "base/msg.h"
#include "base/sha.h"
#include "base/xalloc.h"

/*
 * What makes a build the same dispatch as a register row (SPEC.md, "The
 * register"): its year, ky_hieu and trich_yeu.  An archive folder keeps
 * it in ARCHIVE_ID, written before its letters, so that the run after
 * one killed between the archive and the register knows the folder for
 * its own.  Caller frees.
 */
#define ARCHIVE_ID	".congvan-dispatch"

char *
archive_id(int year, const char *ky_hieu, const char *trich_yeu)
{
	return xasprintf("%d\n%s\n%s\n", year, ky_hieu, trich_yeu);
}

/*
 * Compare the new letters with what the archive folder holds.  Returns
 * the number of letters that would change (added, different, gone),
 * reporting each when report is set.
 */
size_t
archive_diff(const char *adir, const struct osums *nw,
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

/*
 * Check the archived letters against their SHA256SUMS.  A letter
 * altered since it was issued gets its actual hash in held (so it
 * counts as a change, kept under superseded/ by --force) and is
 * reported when report is set; returns how many were altered.  A
 * missing one keeps its entry: archive_write puts it back when the
 * build makes the same bytes.
 */
size_t
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
					MSGT(ARCHIVE_LETTER_ALTERED, p,
					    0, 0);
				memcpy(held->f[i].hex, hex, SHA_HEX);
				n++;
			}
		}
		free(p);
	}
	return n;
}

/* Whether the archive folder adir holds this very dispatch. */
int
archive_ours(const char *adir, const char *id)
{
	unsigned char	*buf;
	char		*p;
	size_t		 len;
	int		 same = 0;

	p = xasprintf("%s/" ARCHIVE_ID, adir);
	if ((buf = file_get(p, &len)) != NULL) {
		same = len == strlen(id) && memcmp(buf, id, len) == 0;
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
size_t
archive_write(const char *out, const char *adir, const char *id,
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
	file_update(src, id, strlen(id));
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
		src = xasprintf("%s/%s", out, nw->f[i].rel);
		dst = xasprintf("%s/%s", adir, nw->f[i].rel + 8);
		if ((buf = file_get(src, &len)) == NULL)
			DIE(SYS_FILE, src, strerror(errno));
		file_put(dst, buf, len);
		free(buf);
		free(src);
		free(dst);
	}
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
