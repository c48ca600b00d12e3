/* The output folder's transaction: what congvan writes into is checked
 * first, files are staged, then put in place one by one (README "Reruns
 * and kills"); SHA256SUMS of what is in place. */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/outdir.h"
#include "archive/stage.h"
#include "base/msg.h"
#include "base/sha.h"
#include "base/xalloc.h"

/* Names of the files a build may write, besides letters/. */
const char *const stage_dir_files[] = {
	"directory.pdf", "directory.csv", "directory.vcf", NULL
};

/*
 * The output folder named by -o must be a folder, or not exist yet in
 * a folder that does: a mistyped path makes no new tree of folders.
 */
int
stage_out_check(const char *out)
{
	struct stat	 st;
	char		*path, *parent, *slash;
	int		 rc = -1;

	if (stat(out, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		MSGT(STAGE_OUT_NOT_FOLDER, out, 0, 0);
		return -1;
	}
	if (errno != ENOENT && errno != ENOTDIR) {	/* a loop of links */
		MSGT(STAGE_OUT_SYSTEM, out, 0, 0, strerror(errno));
		return -1;
	}
	path = xstrdup(out);
	while ((slash = strrchr(path, '/')) != NULL && slash[1] == '\0' &&
	    slash != path)
		*slash = '\0';		/* "out/" is "out" */
	parent = xstrdup(path);
	if ((slash = strrchr(parent, '/')) == NULL)
		strcpy(parent, ".");
	else if (slash == parent)
		parent[1] = '\0';	/* "/out" is in "/" */
	else
		*slash = '\0';
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		MSGT(STAGE_OUT_DANGLING, out, 0, 0);
	else if (lstat(path, &st) == 0)
		MSGT(STAGE_OUT_NOT_FOLDER, out, 0, 0);
	else if (stat(parent, &st) != 0 || !S_ISDIR(st.st_mode))
		MSGT(STAGE_OUT_NO_PARENT, out, 0, 0, parent);
	else
		rc = 0;
	free(parent);
	free(path);
	return rc;
}

/*
 * Before anything is rendered or moved: what congvan writes into must
 * be a real folder inside the output folder (a symbolic link could lead
 * outside it), and every file it will replace a regular file, so the
 * run cannot fail half-way through moving letters in.
 */
int
stage_preflight(const char *out, char *const *names, size_t nname)
{
	static const char *const dirs[] = { "letters", "archive", NULL };
	struct stat	 st;
	char		*p;
	size_t		 i;
	int		 bad = 0;

	for (i = 0; dirs[i] != NULL; i++) {
		p = xasprintf("%s/%s", out, dirs[i]);
		if (lstat(p, &st) == 0 && S_ISLNK(st.st_mode)) {
			MSGT(STAGE_DIR_IS_LINK, p, 0, 0);
			bad++;
		} else if (lstat(p, &st) == 0 && !S_ISDIR(st.st_mode)) {
			MSGT(STAGE_DIR_NOT_FOLDER, p, 0, 0);
			bad++;
		}
		free(p);
	}
	for (i = 0; i < nname; i++) {
		p = xasprintf("%s/letters/%s", out, names[i]);
		if (lstat(p, &st) == 0 && !S_ISREG(st.st_mode)) {
			MSGT(STAGE_NOT_REGULAR_FILE, p, 0, 0);
			bad++;
		}
		free(p);
	}
	return bad > 0 ? -1 : 0;
}

/* 1 if rel is a file congvan writes (and so may remove). */
int
stage_ours(const char *rel)
{
	size_t	 i, n = strlen(rel);

	for (i = 0; stage_dir_files[i] != NULL; i++)
		if (strcmp(rel, stage_dir_files[i]) == 0)
			return 1;
	return strncmp(rel, "letters/", 8) == 0 && n > 12 &&
	    strchr(rel + 8, '/') == NULL && strcmp(rel + n - 4, ".pdf") == 0;
}

/*
 * Put a staged file in place unless the same bytes are there already
 * (then its modification time stays too); returns 1 when it wrote.
 * was: the file's hash in the last SHA256SUMS, or NULL when it is not
 * listed there (directory.csv and .vcf never are).  A file listed with
 * other bytes is replaced without being read; any other is read and
 * compared.
 */
int
stage_install(const char *staged, const char *dst, const char *hex, const char *was)
{
	unsigned char	*cur;
	size_t		 len;
	char		 h[SHA_HEX];
	int		 same = 0;

	if ((was == NULL || strcmp(was, hex) == 0) &&
	    (cur = file_get(dst, &len)) != NULL) {
		sha256_hex(cur, len, h);
		same = strcmp(h, hex) == 0;
		free(cur);
	}
	if (same) {
		unlink(staged);
		return 0;
	}
	if (rename(staged, dst) == -1)
		DIE(SYS_FILE, dst, strerror(errno));
	return 1;
}

/* SHA256SUMS lists the PDFs of a build (SPEC.md "Outputs"). */
void
stage_sums_prepare(struct txn *t, const char *outdir, const struct osums *all)
{
	struct osums	 pdfs;
	char		*p;
	size_t		 i, n;

	memset(&pdfs, 0, sizeof(pdfs));
	for (i = 0; i < all->n; i++) {
		n = strlen(all->f[i].rel);
		if (n > 4 && strcmp(all->f[i].rel + n - 4, ".pdf") == 0)
			osums_add(&pdfs, all->f[i].rel, all->f[i].hex);
	}
	osums_sort(&pdfs);
	p = xasprintf("%s/SHA256SUMS", outdir);
	/* sha256sum -c refuses an empty list: no list is the truth then. */
	if (pdfs.n == 0)
		txn_unlink(t, p);
	else
		osums_prepare(t, p, &pdfs);
	free(p);
	osums_free(&pdfs);
}
