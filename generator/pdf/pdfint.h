/*
 * pdf/ internals, shared by pdf.c (libharu's side: the document, its
 * objects, fonts and Info) and content.c (ours: page content streams
 * and their keys), and by nothing else.  struct pdf holds no libharu
 * type: those are in pdf.c's struct hpdf.
 */
#ifndef PDFINT_H
#define PDFINT_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/face.h"
#include "pdf/font.h"
#include "pdf/zip.h"

struct hpdf;
struct page;

#define PDF_MAX_FONTSIZE 600		/* pt; libharu's HPDF_MAX_FONTSIZE */
#define CACHE_FONTS	48		/* subset faces kept */
#define CACHE_CMAPS	16		/* ToUnicode CMaps kept */
#define CACHE_PAGES	64		/* deflated page contents kept */
#define ZLEVEL		ZIP_DEFAULT	/* fonts, CMaps */
#define ZLEVEL_PAGE	5		/* a letter's pages, made for nearly
					   every letter: 40 % faster than 6
					   for +2 % bytes */
#define ZLEVEL_SHARED	ZIP_BEST	/* appendix pages, the
					   same in every letter: made once
					   per run */
#define COORD_MAX	1e6		/* pt; far beyond any page */


/* One face's subset as documents embed it: what depends only on the
 * glyphs drawn. */
struct fontset {
	struct buf	 key;		/* face name, then the glyph ids */
	uint64_t	 hash;		/* of key */
	char		 tag[7];	/* subset tag, from the key */
	struct buf	 w;		/* "/DW ... /W [...]" */
	struct buf	 file;		/* FontFile2, deflated */
	size_t		 rawlen;	/* its /Length1 */
	struct buf	 cidset;	/* its CIDSet, deflated (pdfa.h) */
	unsigned long	 clock;		/* last use, 0 for a free slot */
};

/* Bytes and their deflated form: a page (its boxes) and its deflated
 * content, or the glyph id and code point pairs of a ToUnicode CMap
 * and the deflated CMap. */
struct zentry {
	struct buf	 key;		/* the boxes; the pairs */
	uint64_t	 hash;		/* of key */
	struct buf	 z;		/* deflated content; deflated CMap */
	struct buf	 uses;		/* page: the glyphs it draws, as face,
					   glyph id (2), code point (3) */
	unsigned long long id;		/* page: the shared page (struct page
					   id) it was made from, or 0 */
	unsigned long	 clock;		/* last use, 0 for a free slot */
};

/* The glyphs a face draws in the document being written. */
struct use {
	uint32_t	*uni;		/* by glyph id: code point shown + 1,
					   0 if not drawn (the lowest code
					   point wins if several share a
					   glyph) */
	unsigned int	*gid;		/* ngid glyph ids drawn */
	size_t		 ngid, maxgid;
	unsigned int	 nglyph;	/* glyphs in the face */
	uint16_t	*width;		/* by glyph id: advance, 1/1000 em */
	uint32_t	*stamp;		/* by glyph id: page (serial) that last
					   recorded it ... */
	uint32_t	*stampcp;	/* ... with this code point */
};

struct pdf {
	struct fonts	*fonts;		/* the faces, parsed once by the run;
					   borrowed */
	struct font_desc desc[FACE__MAX]; /* their descriptors */
	struct use	 use[FACE__MAX]; /* by enum face */
	struct fontset	 fontc[CACHE_FONTS];
	struct zentry	 cmapc[CACHE_CMAPS];
	struct zentry	 pagec[CACHE_PAGES];
	unsigned long	 clock;		/* cache clock */
	struct zip	*z;		/* deflater at ZLEVEL, ... */
	struct zip	*zpage;		/* ... at ZLEVEL_PAGE ... */
	struct zip	*zshared;	/* ... and at ZLEVEL_SHARED */
	struct buf	 content;	/* page content being built */
	struct buf	 scratch;	/* keys, CMaps */
	struct buf	 info;		/* Info entries libharu cannot write */
	struct buf	 key;		/* the boxes of the page being drawn */
	struct buf	 out;		/* the document, as libharu saves it */
	struct buf	*rec;		/* where glyph_use records, or NULL */
	uint32_t	 serial;	/* of the page recording */
	struct hpdf	*h;		/* libharu's objects (pdf.c only) */
	const char	*step;		/* what we were doing, for messages */
	const char	*file;		/* file involved, for messages */
	size_t		 npage;		/* page being drawn, 1-based, or 0 */
	const struct icc *icc;		/* PDF/A output intent; borrowed */
	struct buf	 xmp;		/* the document's XMP packet */
};

/*
 * A glyph drawn with code point cp in face fc: marked used (its
 * ToUnicode pair) and, while a page is recorded (p->rec), recorded.
 */
void	 pdf_glyph_use(struct pdf *p, enum face fc, unsigned int gid,
	    uint32_t cp);

/*
 * The content stream of one page into p->content (PDF 32000-1 §8, §9):
 * lines, then text as TJ runs of glyph ids.  -1 after a message for a
 * box out of range or text that is not UTF-8.
 */
int	 pdf_page_content(struct pdf *p, const struct page *pg);

/* p->key = the page's boxes as all its content depends on them, with
 * shared (the deflate level); -1 after a message for a bad box. */
int	 pdf_page_key(struct pdf *p, const struct page *pg, int shared);

/*
 * The entry of cache c[0..n) for key[0..len), marked used; on a miss
 * the least recently used slot, refilled with the key, and *miss set for
 * the caller to fill its z.
 */
struct zentry	*pdf_zcache(struct pdf *p, struct zentry *c, size_t n,
		    const unsigned char *key, size_t len, int *miss);

/*
 * Face fc's subset for the glyphs the document draws: its deflated
 * program, /W and subset tag, from the cache or made (hb-subset) and
 * cached.  NULL after a message when HarfBuzz fails.
 */
struct fontset	*pdf_fontset_get(struct pdf *p, enum face fc);

#endif /* PDFINT_H */
