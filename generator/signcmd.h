/* congvan sign and congvan verify (issue 15; README "Signing"). */
#ifndef SIGNCMD_H
#define SIGNCMD_H

/*
 * congvan sign: the person's visible signature (field ChuKyNguoiKy, the
 * image centred in the page's ô 7c box) on every letter in
 * out/letters/, with the key at keyspec (a PKCS#12 file or a pkcs11:
 * URI), image (a PNG, or NULL) and tsa (a URL, or NULL).  All letters
 * or none: every letter is checked (readable, its box, not signed yet)
 * before the key is opened, all are signed in memory, then each
 * replaces its file atomically, SHA256SUMS last.  Returns an exit
 * status (0; 1 after messages, nothing changed; 4 busy).
 */
int	 signcmd_sign(const char *out, const char *keyspec, const char *image,
	    const char *tsa, int quiet);

/*
 * congvan verify: each path a PDF, or a folder whose letters (files
 * NN-….pdf, in it and its subfolders) are checked; the report on
 * stdout, the failures as messages.  ca: a PEM bundle to trust, or
 * NULL.  Returns 0 when every signature is valid (and trusted with
 * ca) and nothing was appended after the last, else 1.
 */
int	 signcmd_verify(const char *ca, char *const paths[], int npaths);

#endif /* SIGNCMD_H */
