/*
 * pdf/ internals for PDF/A-1b (ISO 19005-1, SIGNING.md §5.2) that need
 * no libharu: the output intent's ICC profile, the XMP metadata packet
 * and the CIDSet of a font subset.  pdf.c puts them into the document.
 */
#ifndef PDFA_H
#define PDFA_H

#include <stddef.h>

#include "base/buf.h"

/* An output intent's ICC profile, read and checked once per run. */
struct icc {
	struct buf	 z;		/* the profile, deflated */
	int		 ncomp;		/* its colour components: 1, 3 or 4 */
	char		*ident;		/* OutputConditionIdentifier */
};

/*
 * What the Info dictionary says, for the XMP packet to say the same
 * (ISO 19005-1 §6.7.3): UTF-8 strings, NULL or empty for none.
 */
struct pdfa_meta {
	const char	*title;		/* Title: dc:title */
	const char	*author;	/* Author: dc:creator */
	const char	*subject;	/* Subject: dc:description */
	const char	*keywords;	/* Keywords: pdf:Keywords */
	const char	*creator;	/* Creator: xmp:CreatorTool */
	const char	*producer;	/* Producer: pdf:Producer */
	int		 year, month, day; /* CreationDate and ModDate at
					   00:00 +07:00; year 0: neither */
};

/*
 * The XMP packet (XMP 2004, ISO 19005-1 §6.7) of m into out (replaced):
 * pdfaid:part 1, pdfaid:conformance B, and each non-empty field of m
 * as the property its Info key maps to, XML-escaped (& < > and CR as
 * character references, so a reader gets the Info string back
 * exactly).  UTF-8, no byte count or encoding attribute in the xpacket
 * header (§6.7.5), read-only trailer.  The strings come from input
 * that text_load checked: valid UTF-8 with no control characters but
 * TAB, LF and CR, all of which XML 1.0 allows.
 */
void	 pdfa_xmp(struct buf *out, const struct pdfa_meta *m);

/*
 * The CIDSet (ISO 19005-1 §6.3.5) of a TrueType subset whose glyph ids
 * are its CIDs (CIDToGIDMap /Identity): one bit per CID, the high bit
 * of the first byte for CID 0, set for CID 0, for each of gid[0..n)
 * and for every glyph the program raw[0..len) holds an outline for
 * (the parts of composite glyphs), into out (replaced).  A program
 * whose loca cannot be read gives the drawn glyphs and CID 0 only.
 */
void	 pdfa_cidset(const unsigned char *raw, size_t len,
	    const unsigned int *gid, size_t n, struct buf *out);

#endif /* PDFA_H */
