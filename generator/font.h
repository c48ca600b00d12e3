/* Font metrics and coverage for layout, read with HarfBuzz (no libharu). */
#ifndef FONT_H
#define FONT_H

#include <stddef.h>
#include <stdint.h>

#include "face.h"

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

/* Path of a face, as loaded. */
const char	*fonts_path(const struct fonts *, enum face);

#endif /* FONT_H */
