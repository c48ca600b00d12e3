/*
 * Signing a letter and checking its signatures (issue 15): a visible
 * PAdES signature appended as an incremental update (SIGNING.md §2.3),
 * and the report of `congvan verify`.  Used by `congvan sign` (the
 * person's signature) and `congvan issue` (the organisation's seal).
 */
#ifndef SIGN_H
#define SIGN_H

#include <stddef.h>
#include <stdio.h>

#include <openssl/x509.h>

struct signer_key;
struct stencil;

/* The fields congvan signs (Decree 30 PL1 II.7.d ô 7c, II.8.a ô 8). */
#define SIGN_FIELD_PERSON	"ChuKyNguoiKy"
#define SIGN_FIELD_ORG		"ChuKyCoQuan"
/* The page-piece boxes the renderer writes (pdfrev_box). */
#define SIGN_BOX_PERSON		"ChuKy"
#define SIGN_BOX_ORG		"Dau"

/* Bytes reserved for the CMS: without and with a timestamp
 * (SIGNING.md §2.8: fixed, so that the size never depends on a run). */
#define SIGN_ROOM_BB		8192
#define SIGN_ROOM_BT		16384

/* One signature to append. */
struct sign_req {
	const struct signer_key	*key;	/* signs; its certificate and
					   chain go into the CMS */
	const struct stencil	*image;	/* drawn centred in rect, aspect
					   kept; NULL: an empty appearance */
	double			 ink[3];	/* the image's colour, 0 to 1 */
	size_t			 page;	/* 0 first */
	double			 rect[4];	/* x0 y0 x1 y1, pt, user space */
	const char		*field;	/* the field's name: letters and
					   digits only */
	const char		*tsa;	/* RFC 3161 URL (B-T), or NULL (B-B) */
	const char		*m;	/* /M, a PDF date:
					   "D:20221018091530+07'00'" */
};

/*
 * Append signature req to the PDF pdf[0..len) (name for messages): an
 * image XObject (1-bit stencil), its appearance, the signature
 * dictionary (/SubFilter /ETSI.CAdES.detached, /M), a merged field and
 * widget (/F 132) added to the page's /Annots and the AcroForm, then
 * the CMS over everything but its own /Contents.  pdf stays a byte
 * prefix of the result.  Refuses a file that already has a field
 * called req->field.  Returns 0 with *out (malloc'd, the caller frees)
 * and *outlen, or -1 after a message.
 */
int	 sign_letter(const unsigned char *pdf, size_t len, const char *name,
	    const struct sign_req *req, unsigned char **out, size_t *outlen);

/*
 * The time for /M now, or CONGVAN_SIGN_TIME (tests only:
 * YYYY-MM-DDTHH:MM:SS+07:00), in Vietnam's time (+07:00, no summer
 * time) as a PDF date into m (at least 32 bytes).  Returns 0, or -1
 * after a message when CONGVAN_SIGN_TIME has another form.
 */
int	 sign_time(char m[32]);

/*
 * Decree 30 Điều 32.2.d: the organisation's signature only on a letter
 * that already carries the person's.  Returns 0 when pdf has a field
 * SIGN_FIELD_PERSON, or else (signed by another tool) any signature
 * field but SIGN_FIELD_ORG, whose signature is valid (digest and signature
 * right; its trust is the verifier's business), else -1 after a
 * message naming the file.
 */
int	 sign_check_person(const unsigned char *pdf, size_t len,
	    const char *name);

/*
 * `congvan verify` on one file: print to out, per signature, its field,
 * signer, /M and timestamp times, the bytes covered, valid or why not,
 * trusted or not (with ca, a store, else NULL), and whether bytes were
 * appended after the last signature.  Every failure is also a message
 * (an error: exit 1).  Returns the number of failures (0: all valid,
 * and trusted when ca is given).
 */
int	 sign_verify(const unsigned char *pdf, size_t len, const char *name,
	    X509_STORE *ca, FILE *out);

#endif /* SIGN_H */
