/*
 * An incremental update of a PDF (PDF 32000-1 §7.5.6; SIGNING.md §2.2
 * A, §2.3): new objects, replaced objects (a page with a new /Annots,
 * the catalog with /AcroForm the first time, the AcroForm's /Fields),
 * then an xref section of only those objects and a trailer with /Size,
 * /Root, /Info and /ID copied and /Prev.  The file it extends stays a
 * byte prefix of the result (SIGNING.md §3).  Used by the signer, and
 * by anything that adds annotations to a rendered letter.
 */
#ifndef PDFUPD_H
#define PDFUPD_H

#include <stddef.h>

struct pdfrev;
struct pdfupd;

/*
 * Start an update of the file r read (pdfrev_open).  r (and its bytes)
 * must outlive the update, which reads it but never changes the bytes.
 * Free with pdfupd_free.
 */
struct pdfupd	*pdfupd_new(struct pdfrev *r);
void		 pdfupd_free(struct pdfupd *);

/* A new object number (the trailer's /Size, then upwards). */
long		 pdfupd_alloc(struct pdfupd *);

/*
 * Put object num (new from pdfupd_alloc, or an existing one it
 * replaces): dict is its text, a dictionary "<< … >>" when data is
 * given (or any object's text without).  With data, the object is a
 * stream of data[0..len): /Length is added to dict (and /Filter
 * /FlateDecode when deflate is 1: zlib level 9, deterministic).  dict
 * must not hold /Length or /Filter then.  A number put twice keeps the
 * last.  Copies everything.
 */
void		 pdfupd_put(struct pdfupd *, long num, const char *dict,
		    const void *data, size_t len, int deflate);

/*
 * Add annotation annot (an object number) at the end of page k's (0
 * first) /Annots: the page is replaced with the new array, or the
 * array itself when the page refers to it.  Annotations added later
 * are painted on top (PDF 32000-1 §12.5.2).  Returns 0, or -1 after a
 * message when page k is missing or broken.
 */
int		 pdfupd_annot_add(struct pdfupd *, size_t k, long annot);

/*
 * Add field (an object number) to the interactive form's /Fields and
 * set /SigFlags 3 (signatures exist, append only: §12.7.2): the first
 * time the catalog is replaced with a new /AcroForm, later the AcroForm
 * (or its /Fields array) is.  Returns 0, or -1 after a message.
 */
int		 pdfupd_field_add(struct pdfupd *, long field);

/*
 * The updated file: the original bytes (with a line end added if they
 * lack one), the objects put, their xref section and the trailer.
 * Returns a malloc'd buffer the caller frees, its length in *len.  Call
 * once; the update is then finished and only pdfupd_offset works.
 */
unsigned char	*pdfupd_finish(struct pdfupd *, size_t *len);

/* After pdfupd_finish: where "num 0 obj" begins in the result, or 0
 * when the update did not write num. */
size_t		 pdfupd_offset(const struct pdfupd *, long num);

#endif /* PDFUPD_H */
