/* The caches that make a letter's bytes depend only on what it shows:
 * deflated page contents and CMaps by their bytes, and each face's
 * subset (its program and widths) by the glyphs drawn.  No libharu. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/msg.h"
#include "base/sha.h"
#include "base/xalloc.h"
#include "pdf/cidtext.h"
#include "pdf/font.h"
#include "pdf/pdfa.h"
#include "pdf/pdfint.h"
#include "pdf/zip.h"

/* The slot of a cache to fill: a free one (clock 0), or the least
 * recently used. */
#define CACHE_VICTIM(arr, n, i, v)					\
	do {								\
		(v) = 0;						\
		for ((i) = 0; (i) < (n); (i)++)				\
			if ((arr)[i].clock < (arr)[v].clock)		\
				(v) = (i);				\
	} while (0)

/*
 * A 64-bit hash of s[0..len), to find cache entries quickly; equal
 * hashes are confirmed by comparing the bytes, so it need not be strong
 * (nor the same on every machine: it never reaches the output).
 */
static uint64_t
hash64(const unsigned char *s, size_t len)
{
	uint64_t	 h = 0x9E3779B97F4A7C15ULL ^ len, w;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
		h ^= h >> 32;
	}
	w = 0;
	if (len > 0)
		memcpy(&w, s, len);
	h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
	return h ^ (h >> 29);
}

static int
buf_eq(const struct buf *a, const unsigned char *p, size_t len)
{
	return a->len == len && (len == 0 || memcmp(a->p, p, len) == 0);
}

/*
 * The entry of cache c[0..n) for key[0..len), marked used; on a miss
 * the least recently used slot, refilled with the key and flagged by
 * *miss for the caller to fill z.
 */
struct zentry *
pdf_zcache(struct pdf *p, struct zentry *c, size_t n, const unsigned char *key,
    size_t len, int *miss)
{
	struct zentry	*e;
	uint64_t	 h;
	size_t		 i, v;

	h = hash64(key, len);
	for (i = 0; i < n; i++) {
		e = &c[i];
		if (e->clock != 0 && e->hash == h && buf_eq(&e->key, key, len)) {
			e->clock = ++p->clock;
			*miss = 0;
			return e;
		}
	}
	CACHE_VICTIM(c, n, i, v);
	e = &c[v];
	e->key.len = 0;
	buf_add(&e->key, key, len);
	e->hash = h;
	e->z.len = 0;
	e->id = 0;
	e->clock = ++p->clock;
	*miss = 1;
	return e;
}

/* --- Fonts ------------------------------------------------------------ */


static unsigned int
hexval(char c)
{
	return c >= 'a' ? (unsigned int)(c - 'a' + 10) :
	    (unsigned int)(c - '0');
}

/*
 * The cached subset of face fc for the glyphs this document draws with
 * it (sorted here), made on a miss.  NULL after a message if HarfBuzz
 * fails.
 */
struct fontset *
pdf_fontset_get(struct pdf *p, enum face fc)
{
	struct use	*u = &p->use[fc];
	struct fontset	*e;
	struct buf	*k = &p->scratch;
	char		 digest[SHA_HEX];
	unsigned char	*raw, rec[2];
	unsigned int	*w;
	uint64_t	 h;
	size_t		 i, v, rawlen, n;

	cid_sort(u->gid, u->ngid);
	k->len = 0;
	buf_add(k, p->desc[fc].name, strlen(p->desc[fc].name) + 1);
	for (i = 0; i < u->ngid; i++) {
		rec[0] = (unsigned char)(u->gid[i] >> 8);
		rec[1] = (unsigned char)u->gid[i];
		buf_add(k, rec, sizeof(rec));
	}
	h = hash64(k->p, k->len);
	for (i = 0; i < CACHE_FONTS; i++) {
		e = &p->fontc[i];
		if (e->clock != 0 && e->hash == h &&
		    buf_eq(&e->key, k->p, k->len)) {
			e->clock = ++p->clock;
			return e;
		}
	}

	/* A miss: subset and widths. */
	p->step = "cannot subset font";
	p->file = fonts_path(p->fonts, fc);
	raw = fonts_subset(p->fonts, fc, u->gid, u->ngid, &rawlen);
	if (raw == NULL) {
		MSGT(PDF_PDF_CANNOT_SUBSET_FONT, p->file, 0, 0);
		return NULL;
	}
	CACHE_VICTIM(p->fontc, CACHE_FONTS, i, v);
	e = &p->fontc[v];
	e->key.len = 0;
	buf_add(&e->key, k->p, k->len);
	e->hash = h;
	n = u->ngid;
	w = xreallocarray(NULL, n ? n : 1, sizeof(*w));
	for (i = 0; i < n; i++)
		w[i] = u->width[u->gid[i]];
	cid_w_text(&e->w, u->gid, w, n);
	free(w);
	zip_deflate(p->z, raw, rawlen, &e->file);
	e->rawlen = rawlen;
	/* PDF/A-1's CIDSet: the glyphs this program holds (pdfa.h). */
	pdfa_cidset(raw, rawlen, u->gid, u->ngid, k);
	zip_deflate(p->z, k->p, k->len, &e->cidset);
	free(raw);
	/* A subset tag is six capitals (PDF 32000-1 §9.6.4), here from a
	 * digest of what the subset holds: the same on every machine. */
	sha256_hex(e->key.p, e->key.len, digest);
	for (i = 0; i < 6; i++)
		e->tag[i] = (char)('A' + (hexval(digest[2 * i]) * 16 +
		    hexval(digest[2 * i + 1])) % 26);
	e->tag[6] = '\0';
	e->clock = ++p->clock;
	p->file = NULL;
	return e;
}
