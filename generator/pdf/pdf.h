/* PDF writer: the only module that includes <hpdf.h> (libharu 2.3.0). */
#ifndef PDF_H
#define PDF_H

#include <stddef.h>

#include "base/face.h"

struct fonts;
struct layout;
struct pdf;

/*
 * Document information dictionary (PDF 32000-1 §14.3.3), UTF-8.  NULL
 * or empty strings are left out; /Creator is always "congvan".
 */
struct pdf_info {
	const char	*title;		/* trích yếu, may be NULL */
	const char	*author;	/* issuing agency, may be NULL */
	const char	*subject;	/* may be NULL */
	const char	*keywords;	/* may be NULL */
	int		 year, month, day; /* CreationDate and ModDate at 00:00
					   +07'00'; year 0 omits both */
};

/*
 * A writer for many documents with the four TrueType faces of fonts,
 * which the run parsed once (fonts_load) and lends: the writer borrows
 * them (and their subset cache) until pdf_free, and the caller frees
 * them after.  It keeps bounded caches of ToUnicode CMaps and page
 * contents across documents, so memory does not grow with their number
 * and a document's bytes never depend on the documents written before
 * it.  Never NULL (no memory: exit 3).  Free with pdf_free.
 */
struct pdf	*pdf_new(struct fonts *fonts);

/*
 * Render a layout as one PDF document into memory: pages of
 * layout->width x height pt; every face that is drawn embedded as a
 * CID TrueType font (Identity-H, CID = glyph id) whose program is cut
 * down by HarfBuzz to the glyphs drawn, with /W of those glyphs and a
 * ToUnicode CMap of bfchar (LIBS.md §2, §3); an unused face is left
 * out; streams deflated; no clock-dependent bytes (same layout, same
 * bytes).  info may be NULL.  On success returns 0 and a malloc'd
 * buffer in *buf (caller frees) of *len bytes.  Otherwise returns -1
 * with *buf NULL after reporting through msg() as "congvan: error:
 * pdf: ..." (a font file's name instead of congvan when one is
 * involved), with libharu's error and detail numbers when libharu
 * failed; layouts that cannot be drawn faithfully are refused the same
 * way (invalid UTF-8, non-finite or out-of-range coordinates, font
 * sizes or page sizes, no pages).  Out of memory exits 3.
 */
int		 pdf_write(struct pdf *, const struct layout *,
		    const struct pdf_info *, unsigned char **buf, size_t *len);

void		 pdf_free(struct pdf *);

#endif /* PDF_H */
