/* Font metrics and coverage for layout, read with HarfBuzz (no libharu). */
#ifndef FONT_H
#define FONT_H

#include <stddef.h>
#include <stdint.h>

#include "base/face.h"

struct fonts;

/*
 * Load the four faces from TrueType files (paths indexed by enum face).
 * Returns NULL after reporting each missing or unreadable file, or one
 * that is not glyf-outline TrueType (all libharu 2.3.0 can embed),
 * through msg() as "FILE: error: ..." naming hint (e.g. the Debian
 * package "fonts-liberation2") when hint is not NULL.  Caller frees
 * with fonts_free.
 */
struct fonts	*fonts_load(const char *const path[FACE__MAX], const char *hint);
void		 fonts_free(struct fonts *);

/*
 * Advance width of the UTF-8 string s[0..len) in 1/1000 em: the sum of
 * each glyph's advance * 1000 / unitsPerEm, truncated per glyph to an
 * integer exactly as libharu 2.3.0 writes /W (LIBS.md §5), so layout
 * and the drawn PDF agree.  No kerning.  Missing glyphs count as .notdef,
 * code points above U+FFFF as U+0020 (what libharu draws for them), an
 * invalid byte as one .notdef.
 */
long		 fonts_width(const struct fonts *, enum face, const char *s,
		    size_t len);

/* 1 if every face has a glyph for code point cp; 0 above U+FFFF and
 * for surrogates, which libharu 2.3.0 cannot draw. */
int		 fonts_has(const struct fonts *, uint32_t cp);

/* Family name of the regular face, for messages ("Liberation Serif"). */
const char	*fonts_family(const struct fonts *);

/*
 * The layout's view of the fonts f (borrowed, may be NULL: widths are
 * then never asked for): fonts_width, fonts_has and fonts_family as
 * struct metrics (layout/layout.h) wants them, into *m.
 */
struct metrics;
void		 fonts_metrics(struct fonts *f, struct metrics *m);

/* Path of a face, as loaded. */
const char	*fonts_path(const struct fonts *, enum face);

/*
 * Glyph id of code point cp in a face, as fonts_width measures it: a
 * missing one is 0 (.notdef), one above U+FFFF that of U+0020.
 */
unsigned int	 fonts_glyph(const struct fonts *, enum face, uint32_t cp);

/* Advance of glyph gid in 1/1000 em, truncated as fonts_width sums it. */
unsigned int	 fonts_glyph_width(const struct fonts *, enum face,
		    unsigned int gid);

/* Number of glyphs in a face. */
unsigned int	 fonts_glyph_count(const struct fonts *, enum face);

/* What a PDF FontDescriptor says of a face (PDF 32000-1 §9.8). */
struct font_desc {
	char		 name[64];	/* PostScript name, [A-Za-z0-9-] only */
	int		 flags;		/* FixedPitch 1, Serif 2, Nonsymbolic 32,
					   Italic 64 */
	int		 bbox[4];	/* head xMin yMin xMax yMax, 1/1000 em */
	double		 italic_angle;	/* post, degrees */
	int		 ascent, descent; /* hhea, 1/1000 em */
	int		 cap_height;	/* OS/2 sCapHeight, else ascent */
	int		 x_height;	/* OS/2 sxHeight, else 0 */
	int		 stem_v;	/* estimated from the weight class */
};

void		 fonts_desc(const struct fonts *, enum face, struct font_desc *);

/*
 * The face's TrueType program cut down by HarfBuzz's subsetter to the
 * glyphs gid[0..n), .notdef and the parts of composite glyphs.  Glyph
 * ids are kept (so a PDF can use CID = GID with an Identity
 * CIDToGIDMap); hinting and the tables a PDF reader does not use
 * (layout, names, cmap, post) are left out.  Returns a malloc'd buffer
 * of *len bytes (caller frees), or NULL if HarfBuzz fails.
 */
unsigned char	*fonts_subset(const struct fonts *, enum face,
		    const unsigned int *gid, size_t n, size_t *len);

#endif /* FONT_H */
