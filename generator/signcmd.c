/* The sign and verify commands: letters in, signed letters or a report out. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "archive/outdir.h"
#include "base/msg.h"
#include "base/sha.h"
#include "base/xalloc.h"
#include "sign/cms.h"
#include "sign/stencil.h"
#include "sign/keys.h"
#include "sign/pdfrev.h"
#include "sign/sign.h"
#include "signcmd.h"

#define WALK_DEPTH	8	/* folders below a verify PATH */

static struct txn *txn_active;	/* undone on a system error exit */

static void
cleanup(void)
{
	if (txn_active != NULL)
		txn_abort(txn_active);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir (sorted) that end in .pdf, those beginning with a
 * digit only when letters_only; *n of them.  NULL with errno set when
 * dir cannot be read. */
static char **
pdfs_of(const char *dir, int letters_only, size_t *n)
{
	DIR		*d;
	struct dirent	*e;
	char		**v = NULL;
	size_t		 l;

	*n = 0;
	if ((d = opendir(dir)) == NULL)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		l = strlen(e->d_name);
		if (e->d_name[0] == '.' || l < 5 ||
		    strcmp(e->d_name + l - 4, ".pdf") != 0 ||
		    (letters_only && (e->d_name[0] < '0' || e->d_name[0] > '9')))
			continue;
		v = xreallocarray(v, *n + 1, sizeof(*v));
		v[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (*n > 0)
		qsort(v, *n, sizeof(*v), name_cmp);
	else
		v = xcalloc(1, sizeof(*v));
	return v;
}

static void
names_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* One letter being signed. */
struct sletter {
	char		*path;		/* out/letters/NAME */
	char		*rel;		/* letters/NAME, as SHA256SUMS has it */
	unsigned char	*pdf, *signed_pdf;
	size_t		 len, slen;
	struct sign_req	 q;
};

int
signcmd_sign(const char *out, const char *keyspec, const char *image,
    const char *tsa, int quiet)
{
	struct sletter	*L = NULL;
	struct stencil	 st;
	struct signer_key k;
	struct pdfrev	 r;
	struct osums	 old, nw;
	struct txn	 t;
	char		**names = NULL, *dir, *p, m[32], hex[SHA_HEX];
	unsigned char	*img = NULL;
	size_t		 n = 0, i, j, ilen;
	int		 rc = EXIT_INPUT, have_key = 0;

	memset(&st, 0, sizeof(st));
	memset(&k, 0, sizeof(k));
	memset(&old, 0, sizeof(old));
	memset(&nw, 0, sizeof(nw));
	memset(&t, 0, sizeof(t));
	if (sign_time(m) != 0)
		return EXIT_INPUT;
	dir = xasprintf("%s/letters", out);
	if ((names = pdfs_of(dir, 0, &n)) != NULL && n > 0)
		dir_lock(out, 0);
	/* (read again under the lock: a build may have run meanwhile) */
	if (names != NULL && n > 0) {
		names_free(names, n);
		names = pdfs_of(dir, 0, &n);
	}
	if (names == NULL || n == 0) {
		MSGT(SIGN_NO_LETTERS, dir, 0, 0, out);
		free(dir);
		names_free(names, n);
		return EXIT_INPUT;
	}
	if (image != NULL) {
		if ((img = file_get(image, &ilen)) == NULL)
			MSGT(SIGN_IMAGE_UNREADABLE, image, 0, 0,
			    strerror(errno));
		else
			(void)stencil_load(img, ilen, image, STENCIL_BLUE, &st);
		free(img);
	}
	/* every letter first: readable, its box, not signed yet */
	L = xcalloc(n, sizeof(*L));
	for (i = 0; i < n; i++) {
		L[i].path = xasprintf("%s/%s", dir, names[i]);
		L[i].rel = xasprintf("letters/%s", names[i]);
		if ((L[i].pdf = file_get(L[i].path, &L[i].len)) == NULL)
			DIE(SYS_FILE, L[i].path, strerror(errno));
		if (pdfrev_open(&r, L[i].pdf, L[i].len, L[i].path) != 0)
			continue;
		for (j = 0; j < r.nsig; j++)
			if (strcmp(r.sig[j].field, SIGN_FIELD_PERSON) == 0)
				break;
		if (j < r.nsig)
			MSGT(SIGN_ALREADY_SIGNED, L[i].path, 0, 0,
			    SIGN_FIELD_PERSON);
		else if (pdfrev_box(&r, SIGN_BOX_PERSON, &L[i].q.page,
		    L[i].q.rect, L[i].q.ink) != 0)
			MSGT(SIGN_NO_BOX, L[i].path, 0, 0);
		pdfrev_free(&r);
	}
	if (msg_count(MSG_ERROR) > 0)
		goto out;
	if (keys_open(keyspec, &k) != 0)
		goto out;
	have_key = 1;
	for (i = 0; i < n; i++) {
		L[i].q.key = &k;
		L[i].q.image = image != NULL ? &st : NULL;
		L[i].q.field = SIGN_FIELD_PERSON;
		L[i].q.tsa = tsa;
		L[i].q.m = m;
		if (sign_letter(L[i].pdf, L[i].len, L[i].path, &L[i].q,
		    &L[i].signed_pdf, &L[i].slen) != 0)
			goto out;
	}
	/* all signed: put them in place, SHA256SUMS last */
	atexit(cleanup);
	txn_active = &t;
	p = xasprintf("%s/SHA256SUMS", out);
	osums_read(p, &old);
	for (i = 0; i < n; i++) {
		txn_put(&t, L[i].path, L[i].signed_pdf, L[i].slen);
		sha256_hex(L[i].signed_pdf, L[i].slen, hex);
		osums_add(&nw, L[i].rel, hex);
	}
	for (i = 0; i < old.n; i++)
		if (osums_get(&nw, old.f[i].rel) == NULL)
			osums_add(&nw, old.f[i].rel, old.f[i].hex);
	osums_sort(&nw);
	osums_prepare(&t, p, &nw);
	free(p);
	dir_sync(out);
	txn_do_all(&t);
	txn_active = NULL;
	if (!quiet)
		printf("signed %zu letter%s in %s/ as %s\n", n, n == 1 ? "" :
		    "s", dir, k.what);
	rc = EXIT_OK;
out:
	for (i = 0; L != NULL && i < n; i++) {
		free(L[i].path);
		free(L[i].rel);
		free(L[i].pdf);
		free(L[i].signed_pdf);
	}
	free(L);
	if (have_key)
		keys_close(&k);
	stencil_free(&st);
	osums_free(&old);
	osums_free(&nw);
	txn_free(&t);
	names_free(names, n);
	free(dir);
	return rc;
}

/* Verify one file; the number of failures. */
static int
verify_file(const char *path, X509_STORE *ca)
{
	unsigned char	*b;
	size_t		 len;
	int		 bad;

	if ((b = file_get(path, &len)) == NULL) {
		MSGT(VERIFY_UNREADABLE, path, 0, 0, strerror(errno));
		return 1;
	}
	bad = sign_verify(b, len, path, ca, stdout);
	free(b);
	return bad;
}

/* Verify the letters in dir and its subfolders; how many were seen in
 * *seen. */
static int
verify_dir(const char *dir, X509_STORE *ca, int depth, size_t *seen)
{
	DIR		*d;
	struct dirent	*e;
	struct stat	 sb;
	char		**v, **sub = NULL, *p;
	size_t		 n, nsub = 0, i;
	int		 bad = 0;

	if ((v = pdfs_of(dir, 1, &n)) == NULL) {
		MSGT(VERIFY_UNREADABLE, dir, 0, 0, strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i++) {
		p = xasprintf("%s/%s", dir, v[i]);
		bad += verify_file(p, ca);
		(*seen)++;
		free(p);
	}
	names_free(v, n);
	if (depth >= WALK_DEPTH || (d = opendir(dir)) == NULL)
		return bad;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			sub = xreallocarray(sub, nsub + 1, sizeof(*sub));
			sub[nsub++] = p;
		} else
			free(p);
	}
	closedir(d);
	if (nsub > 0)
		qsort(sub, nsub, sizeof(*sub), name_cmp);
	for (i = 0; i < nsub; i++)
		bad += verify_dir(sub[i], ca, depth + 1, seen);
	names_free(sub, nsub);
	return bad;
}

int
signcmd_verify(const char *ca, char *const paths[], int npaths)
{
	X509_STORE	*store = NULL;
	struct stat	 sb;
	size_t		 seen;
	int		 bad = 0;

	if (npaths == 0)
		DIE(VERIFY_NEEDS_PATH);
	if (ca != NULL && (store = cms_store(ca)) == NULL)
		return EXIT_INPUT;
	for (int i = 0; i < npaths; i++) {
		if (stat(paths[i], &sb) != 0) {
			MSGT(VERIFY_UNREADABLE, paths[i], 0, 0,
			    strerror(errno));
			bad++;
		} else if (S_ISDIR(sb.st_mode)) {
			seen = 0;
			bad += verify_dir(paths[i], store, 0, &seen);
			if (seen == 0) {
				MSGT(VERIFY_NO_LETTERS, paths[i], 0, 0);
				bad++;
			}
		} else
			bad += verify_file(paths[i], store);
	}
	cms_store_free(store);
	return bad > 0 || msg_count(MSG_ERROR) > 0 ? EXIT_INPUT : EXIT_OK;
}
