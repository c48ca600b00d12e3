/* PDF writer: the only module that includes <hpdf.h> (libharu 2.3.0). */
#ifndef PDF_H
#define PDF_H

#include <stddef.h>

#include "face.h"

struct layout;
struct pdf;

/* Document information dictionary (PDF 32000-1 §14.3.3), UTF-8. */
struct pdf_info {
	const char	*title;		/* trích yếu, may be NULL */
	const char	*author;	/* issuing agency, may be NULL */
	const char	*subject;	/* may be NULL */
	const char	*keywords;	/* may be NULL */
	int		 year, month, day; /* CreationDate and ModDate at 00:00
					   +07'00'; year 0 omits both */
};

/*
 * A writer for many documents with the same four TrueType faces
 * (paths indexed by enum face).  Returns NULL after reporting through
 * msg() when a face cannot be loaded.  Free with pdf_free.
 */
struct pdf	*pdf_new(const char *const path[FACE__MAX]);

/*
 * Render a layout as one PDF document into memory: A4 pages as given by
 * the layout, every face embedded (CID TrueType, Identity-H) with a
 * ToUnicode CMap rewritten as bfchar of the code points drawn (LIBS.md
 * §2), compressed, no clock-dependent bytes (same input, same bytes).
 * On success returns 0 and a malloc'd buffer in *buf (caller frees)
 * of *len bytes.  On a libharu error returns -1 after printing
 * "congvan: pdf: ..." with libharu's error and detail numbers.
 */
int		 pdf_write(struct pdf *, const struct layout *,
		    const struct pdf_info *, unsigned char **buf, size_t *len);

void		 pdf_free(struct pdf *);

#endif /* PDF_H */
