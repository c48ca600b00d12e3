/* PDF writer: the only module that includes <hpdf.h> (libharu 2.3.0). */
#ifndef PDF_H
#define PDF_H

#include <stddef.h>

#include "base/face.h"

struct fonts;
struct icc;
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
 * The ICC profile of PDF/A's output intent (ISO 19005-1 §6.2.2,
 * SIGNING.md §5.2), read once per run from path (template key
 * pdf.icc): a whole ICC version 2 profile (PDF 1.4, hence PDF/A-1,
 * predates version 4) of a monitor or printer, in RGB, gray or CMYK.
 * ident is its OutputConditionIdentifier (pdf.output_condition, e.g.
 * "sRGB IEC61966-2.1"), copied.  Returns NULL after reporting a missing
 * or unreadable file, or one that is not such a profile, through msg()
 * as "FILE: error: ..." naming hint (the Debian package,
 * "icc-profiles-free") when not NULL; no memory or descriptors exits
 * 3.  Caller frees with icc_free.
 */
struct icc	*icc_load(const char *path, const char *ident,
		    const char *hint);
void		 icc_free(struct icc *);

/*
 * A writer for many documents with the four TrueType faces of fonts,
 * which the run parsed once (fonts_load) and lends, and the output
 * intent's profile icc (icc_load), also lent: the writer borrows them
 * (and their subset cache) until pdf_free, and the caller frees them
 * after.  It keeps bounded caches of ToUnicode CMaps and page
 * contents across documents, so memory does not grow with their number
 * and a document's bytes never depend on the documents written before
 * it.  Never NULL (no memory: exit 3).  Free with pdf_free.
 */
struct pdf	*pdf_new(struct fonts *fonts, const struct icc *icc);

/*
 * Render a layout as one PDF document into memory: pages of
 * layout->width x height pt; every face that is drawn embedded as a
 * CID TrueType font (Identity-H, CID = glyph id) whose program is cut
 * down by HarfBuzz to the glyphs drawn, with /W of those glyphs and a
 * ToUnicode CMap of bfchar (LIBS.md §2, §3); an unused face is left
 * out; streams deflated; no clock-dependent bytes (same layout, same
 * bytes).  The document is PDF/A-1b (ISO 19005-1; SIGNING.md §5.2):
 * PDF 1.4, an XMP packet saying what the Info dictionary says, the
 * output intent of icc (GTS_PDFA1), a CIDSet in each font descriptor,
 * and an /ID whose two strings are the first 16 bytes of the SHA-256
 * of the file's own bytes with the /ID's digits all 0.  info may be
 * NULL.  On success returns 0 and a malloc'd
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
