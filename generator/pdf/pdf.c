/* PDF output through libharu 2.3.0: the only file that includes <hpdf.h>. */
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#include "base/buf.h"
#include "base/face.h"
#include "base/msg.h"
#include "base/sha.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "layout/layout.h"
#include "pdf/cidtext.h"
#include "pdf/font.h"
#include "pdf/pdf.h"
#include "pdf/zip.h"

/*
 * libharu makes the document, its pages and the Info dictionary, and
 * saves it.  The fonts and the page contents are ours, because
 * libharu's own CID fonts cost ~30 ms and ~170 KB a letter (LIBS.md
 * §3, §9): a /W array and a CIDToGIDMap over all 65,536 code points,
 * whole-font tables, and an invalid ToUnicode (§2).  Here each face is
 * parsed once per process (font.c), the content streams draw glyph ids
 * (CID = GID), and each face a document draws becomes
 *
 *	Type0 /Identity-H --> CIDFontType2, /DW and /W of the glyphs
 *	    drawn, /CIDToGIDMap /Identity --> FontDescriptor --> FontFile2
 *	    (the face cut down to those glyphs by hb-subset, glyph ids
 *	    kept, no hinting), and a ToUnicode CMap, bfchar glyph -> code
 *	    point, shared by all faces when they agree (Liberation's do).
 *
 * All pages share one /Resources and inherit /MediaBox from the page
 * tree.  What depends only on a face's glyph set (its deflated program
 * and its widths), the ToUnicode CMaps and each page's deflated content
 * are cached across documents, keyed by all the bytes that determine
 * them (found by a hash, confirmed by comparing), so a letter's bytes
 * depend only on what it shows, never on the letters before it (nor on
 * -j or --shard), and a page every letter carries (the appendix) is
 * made once per run.  The caches are bounded, so memory stays flat
 * however many letters a run has.
 *
 * libharu internals used, all declared by Debian's 2.3.0 headers and
 * unchanged in v2.4.6 (LIBS.md §13): HPDF_Doc->mmgr, ->xref, ->info,
 * ->root_pages and ->stream; HPDF_PageAttr->contents and ->stream;
 * HPDF_Dict->stream, ->filter, ->write_fn and ->attr; HPDF_Dict_*,
 * HPDF_DictStream_New, HPDF_Xref_Add, HPDF_Array_*, HPDF_String_New,
 * HPDF_Real_New, HPDF_Stream_*, HPDF_CallbackReader_New,
 * HPDF_CallbackWriter_New, HPDF_GetMem and HPDF_FreeMem.
 */

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

_Static_assert(CACHE_FONTS > FACE__MAX, "a document's subsets stay cached");

/* One face's subset as documents embed it: what depends only on the
 * glyphs drawn. */
struct fontset {
	struct buf	 key;		/* face name, then the glyph ids */
	uint64_t	 hash;		/* of key */
	char		 tag[7];	/* subset tag, from the key */
	struct buf	 w;		/* "/DW ... /W [...]" */
	struct buf	 file;		/* FontFile2, deflated */
	size_t		 rawlen;	/* its /Length1 */
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
	HPDF_Dict	 font;		/* its Type0 dictionary, or NULL
					   until first drawn */
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
	HPDF_Doc	 doc;		/* document being written, or NULL */
	HPDF_Dict	 res;		/* its pages' shared /Resources */
	HPDF_Dict	 fontres;	/* and their /Font */
	HPDF_STATUS	 err;		/* first libharu error, or HPDF_OK */
	HPDF_STATUS	 detail;	/* its detail number (errno for I/O) */
	const char	*step;		/* what we were doing, for messages */
	const char	*file;		/* file involved, for messages */
	size_t		 npage;		/* page being drawn, 1-based, or 0 */
};

/*
 * libharu's error handler.  It only records the first error (later
 * ones are usually consequences: the state is sticky), and never
 * longjmps, which would skip libharu's own cleanup (LIBS.md §10).
 */
static void
on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *arg)
{
	struct pdf	*p = arg;

	if (p->err == HPDF_OK) {
		p->err = error_no;
		p->detail = detail_no;
	}
}

/*
 * After libharu calls: did one fail?  Some calls set an error without
 * raising it and some raise one while returning HPDF_OK, so look at
 * the status, the handler's record and HPDF_GetError.
 */
static int
failed(struct pdf *p, HPDF_STATUS st)
{
	HPDF_STATUS	 e;

	if (p->err == HPDF_OK) {
		if ((e = HPDF_GetError(p->doc)) != HPDF_OK) {
			p->err = e;
			p->detail = HPDF_GetErrorDetail(p->doc);
		} else if (st != HPDF_OK) {
			p->err = st;
			p->detail = 0;
		}
	}
	return p->err != HPDF_OK;
}

/* For calls that return an object: NULL without a recorded error. */
static int
failed_obj(struct pdf *p, const void *obj)
{
	return failed(p, obj == NULL ? HPDF_INVALID_OBJECT : HPDF_OK);
}

/* The libharu errors our input can cause, in words (hpdf_error.h). */
static const struct {
	HPDF_STATUS	 no;
	const char	*text;
} errtext[] = {
	{ HPDF_INVALID_DATE_TIME, "invalid date" },
	{ HPDF_REAL_OUT_OF_RANGE, "number out of range" },
	{ HPDF_STRING_OUT_OF_RANGE, "string too long" },
	{ HPDF_ARRAY_COUNT_ERR, "too many glyphs in one font" },
};

/*
 * Report the recorded libharu error.  Running out of memory inside
 * libharu is a system error like anywhere else (xalloc.h).
 */
static void
report(struct pdf *p)
{
	const char	*why;
	char		 where[32];
	size_t		 i;

	if (p->err == HPDF_FAILD_TO_ALLOC_MEM)
		DIE(SYS_OUT_OF_MEMORY);
	where[0] = '\0';
	if (p->npage > 0)
		snprintf(where, sizeof(where), " on page %zu", p->npage);
	why = "libharu error";
	for (i = 0; i < sizeof(errtext) / sizeof(errtext[0]); i++)
		if (errtext[i].no == p->err)
			why = errtext[i].text;
	MSGT(PDF_PDF_LIBHARU_ERROR_X, p->file, 0, 0, p->step, where, why,
	    (unsigned long)p->err, (unsigned long)p->detail);
}

/* --- Buffers and deflate ---------------------------------------------- */

/* A number of thousandths, as PDF writes reals: "-12.5", "3". */
static void
buf_milli(struct buf *b, long long m)
{
	unsigned long long	 u;
	unsigned int		 f;
	char			 s[4];
	size_t			 n;

	if (m < 0)
		buf_addc(b, '-');
	u = m < 0 ? 0ULL - (unsigned long long)m : (unsigned long long)m;
	buf_uint(b, u / 1000);
	if ((f = (unsigned int)(u % 1000)) == 0)
		return;
	s[0] = '.';
	s[1] = (char)('0' + f / 100);
	s[2] = (char)('0' + f / 10 % 10);
	s[3] = (char)('0' + f % 10);
	for (n = 4; s[n - 1] == '0'; n--)
		;
	buf_add(b, s, n);
}

static long long
milli(double v)
{
	return llround(v * 1000.0);
}


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
static struct zentry *
zcache(struct pdf *p, struct zentry *c, size_t n, const unsigned char *key,
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

/* --- libharu objects -------------------------------------------------- */

/*
 * Objects are created through the allocator of the document; they
 * only fail when memory runs out, which is a system error (xalloc.h).
 */
static HPDF_Dict
dict_new(struct pdf *p, int indirect)
{
	HPDF_Dict	 d;

	if ((d = HPDF_Dict_New(p->doc->mmgr)) == NULL ||
	    (indirect && HPDF_Xref_Add(p->doc->xref, d) != HPDF_OK))
		DIE(SYS_OUT_OF_MEMORY);
	return d;
}

static HPDF_Array
array_new(struct pdf *p)
{
	HPDF_Array	 a;

	if ((a = HPDF_Array_New(p->doc->mmgr)) == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	return a;
}

/* libharu writes a stream's /Filter from its own filter bits only, and
 * removes any we add; ours are deflated already, so say so here. */
static HPDF_STATUS
flate_key(HPDF_Dict d, HPDF_Stream s)
{
	return HPDF_Stream_WriteStr(s, "/Filter /FlateDecode\012");
}

/*
 * A stream libharu reads our deflated bytes from when it saves: a copy
 * (the caches may change before the document is saved), read with
 * memcpy rather than through libharu's memory stream, which copies a
 * byte at a time.
 */
struct rbytes {
	size_t		 len, pos;
	unsigned char	 b[];		/* len bytes */
};

static HPDF_STATUS
rb_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *siz)
{
	struct rbytes	*r = s->attr;
	size_t		 n = r->len - r->pos;

	if (n > *siz)
		n = *siz;
	if (n > 0)
		memcpy(ptr, r->b + r->pos, n);
	r->pos += n;
	*siz = (HPDF_UINT)n;
	return r->pos == r->len ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS
rb_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct rbytes	*r = s->attr;
	long long	 at;

	at = mode == HPDF_SEEK_CUR ? (long long)r->pos + pos :
	    mode == HPDF_SEEK_END ? (long long)r->len + pos : pos;
	if (at < 0 || at > (long long)r->len)
		return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
	r->pos = (size_t)at;
	return HPDF_OK;
}

static HPDF_INT32
rb_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((struct rbytes *)s->attr)->pos;
}

static HPDF_UINT32
rb_size(HPDF_Stream s)
{
	return (HPDF_UINT32)((struct rbytes *)s->attr)->len;
}

static void
rb_free(HPDF_Stream s)
{
	HPDF_FreeMem(s->mmgr, s->attr);
}

/* Make the bytes of z, deflated, the data of stream object d. */
static void
stream_set(struct pdf *p, HPDF_Dict d, const struct buf *z)
{
	struct rbytes	*r;
	HPDF_Stream	 s;

	r = HPDF_GetMem(p->doc->mmgr, (HPDF_UINT)(sizeof(*r) + z->len));
	if (r == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	r->len = z->len;
	r->pos = 0;
	if (z->len > 0)
		memcpy(r->b, z->p, z->len);
	s = HPDF_CallbackReader_New(p->doc->mmgr, rb_read, rb_seek, rb_tell,
	    rb_size, r);
	if (s == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	s->free_fn = rb_free;
	HPDF_Stream_Free(d->stream);
	d->stream = s;
	d->filter = HPDF_STREAM_FILTER_NONE;
	d->write_fn = flate_key;
}

/* An indirect stream object holding deflated bytes. */
static HPDF_Dict
stream_new(struct pdf *p, const struct buf *z)
{
	HPDF_Dict	 d;

	if ((d = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref)) == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	stream_set(p, d, z);
	return d;
}

/* Where libharu saves the document: p->out, with memcpy. */
static HPDF_STATUS
out_write(HPDF_Stream s, const HPDF_BYTE *ptr, HPDF_UINT siz)
{
	buf_add(s->attr, ptr, siz);
	return HPDF_OK;
}

/* --- Fonts ------------------------------------------------------------ */

/* A glyph drawn with code point cp in face fc. */
static void
glyph_use(struct pdf *p, enum face fc, unsigned int gid, uint32_t cp)
{
	struct use	*u = &p->use[fc];

	if (gid >= u->nglyph)
		gid = 0;
	if (p->rec != NULL && (u->stamp[gid] != p->serial ||
	    u->stampcp[gid] != cp)) {
		unsigned char	 rec[6];

		u->stamp[gid] = p->serial;
		u->stampcp[gid] = cp;
		rec[0] = (unsigned char)fc;
		rec[1] = (unsigned char)(gid >> 8);
		rec[2] = (unsigned char)gid;
		rec[3] = (unsigned char)(cp >> 16);
		rec[4] = (unsigned char)(cp >> 8);
		rec[5] = (unsigned char)cp;
		buf_add(p->rec, rec, sizeof(rec));
	}
	if (u->uni[gid] == 0) {
		if (u->ngid == u->maxgid) {
			u->maxgid = u->maxgid ? u->maxgid * 2 : 256;
			u->gid = xreallocarray(u->gid, u->maxgid,
			    sizeof(*u->gid));
		}
		u->gid[u->ngid++] = gid;
		u->uni[gid] = cp + 1;
	} else if (cp + 1 < u->uni[gid])
		u->uni[gid] = cp + 1;
}

static unsigned int
hexval(char c)
{
	return c >= 'a' ? (unsigned int)(c - 'a' + 10) :
	    (unsigned int)(c - '0');
}




/* The ToUnicode stream for the pairs in k, deflated once per run. */
static HPDF_Dict
cmap_stream(struct pdf *p, const struct buf *k)
{
	struct zentry	*e;
	int		 miss;

	e = zcache(p, p->cmapc, CACHE_CMAPS, k->p, k->len, &miss);
	if (miss) {
		cid_cmap_text(&p->content, e->key.p, e->key.len / 5);
		zip_deflate(p->z, p->content.p, p->content.len, &e->z);
	}
	return stream_new(p, &e->z);
}

/*
 * The ToUnicode CMaps of the faces drawn, into tu[].  Faces of one
 * family usually give a glyph id the same code point, and then one
 * CMap, of all the glyphs drawn, serves them all; otherwise each face
 * gets its own.
 */
static void
tounicode(struct pdf *p, HPDF_Dict tu[FACE__MAX])
{
	struct buf	*k = &p->scratch;
	struct use	*u;
	HPDF_Dict	 shared;
	size_t		 at[FACE__MAX], i;
	unsigned int	 g;
	uint32_t	 cp;
	int		 fc, clash;

	/* Merge the faces' ascending glyph ids. */
	memset(at, 0, sizeof(at));
	k->len = 0;
	clash = 0;
	for (;;) {
		g = UINT_MAX;
		for (fc = 0; fc < FACE__MAX; fc++) {
			u = &p->use[fc];
			if (u->font != NULL && at[fc] < u->ngid &&
			    u->gid[at[fc]] < g)
				g = u->gid[at[fc]];
		}
		if (g == UINT_MAX)
			break;
		cp = UINT32_MAX;
		for (fc = 0; fc < FACE__MAX; fc++) {
			u = &p->use[fc];
			if (u->font == NULL || at[fc] >= u->ngid ||
			    u->gid[at[fc]] != g)
				continue;
			if (cp != UINT32_MAX && u->uni[g] - 1 != cp)
				clash = 1;
			cp = u->uni[g] - 1;
			at[fc]++;
		}
		cid_pair_add(k, g, cp);
	}
	shared = clash ? NULL : cmap_stream(p, k);
	for (fc = 0; fc < FACE__MAX; fc++) {
		u = &p->use[fc];
		if (u->font == NULL)
			continue;
		if (shared != NULL) {
			tu[fc] = shared;
			continue;
		}
		k->len = 0;
		for (i = 0; i < u->ngid; i++)
			cid_pair_add(k, u->gid[i], u->uni[u->gid[i]] - 1);
		tu[fc] = cmap_stream(p, k);
	}
}



/*
 * The cached subset of face fc for the glyphs this document draws with
 * it (sorted here), made on a miss.  NULL after a message if HarfBuzz
 * fails.
 */
static struct fontset *
fontset_get(struct pdf *p, enum face fc)
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

/* The CIDFont's /DW and /W, written by libharu's dictionary writer
 * (an array of HPDF objects would cost an allocation a number). */
static HPDF_STATUS
w_write(HPDF_Dict d, HPDF_Stream s)
{
	const struct fontset *e = d->attr;

	return HPDF_Stream_Write(s, e->w.p, (HPDF_UINT)e->w.len);
}

/*
 * Complete the Type0 font of face fc, made when the face was first
 * drawn, with its CIDFont, descriptor, program (subset e) and
 * ToUnicode (tu).
 */
static int
font_finish(struct pdf *p, enum face fc, struct fontset *e, HPDF_Dict tu)
{
	const struct font_desc *d = &p->desc[fc];
	HPDF_Dict	 t0 = p->use[fc].font, cid, csi, fd, ff;
	HPDF_Array	 a;
	HPDF_String	 reg, ord;
	HPDF_Real	 ia;
	HPDF_STATUS	 st = HPDF_OK;
	char		 name[HPDF_LIMIT_MAX_NAME_LEN + 1];
	int		 i;

	p->step = "cannot write font";
	snprintf(name, sizeof(name), "%s+%s", e->tag, d->name);

	ff = stream_new(p, &e->file);
	st |= HPDF_Dict_AddNumber(ff, "Length1", (HPDF_INT32)e->rawlen);

	fd = dict_new(p, 1);
	st |= HPDF_Dict_AddName(fd, "Type", "FontDescriptor");
	st |= HPDF_Dict_AddName(fd, "FontName", name);
	st |= HPDF_Dict_AddNumber(fd, "Flags", d->flags);
	a = array_new(p);
	for (i = 0; i < 4; i++)
		st |= HPDF_Array_AddNumber(a, d->bbox[i]);
	st |= HPDF_Dict_Add(fd, "FontBBox", a);
	if ((ia = HPDF_Real_New(p->doc->mmgr, (HPDF_REAL)d->italic_angle))
	    == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	st |= HPDF_Dict_Add(fd, "ItalicAngle", ia);
	st |= HPDF_Dict_AddNumber(fd, "Ascent", d->ascent);
	st |= HPDF_Dict_AddNumber(fd, "Descent", d->descent);
	st |= HPDF_Dict_AddNumber(fd, "CapHeight", d->cap_height);
	if (d->x_height != 0)
		st |= HPDF_Dict_AddNumber(fd, "XHeight", d->x_height);
	st |= HPDF_Dict_AddNumber(fd, "StemV", d->stem_v);
	st |= HPDF_Dict_Add(fd, "FontFile2", ff);

	cid = dict_new(p, 1);
	st |= HPDF_Dict_AddName(cid, "Type", "Font");
	st |= HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
	st |= HPDF_Dict_AddName(cid, "BaseFont", name);
	csi = dict_new(p, 0);
	reg = HPDF_String_New(p->doc->mmgr, "Adobe", NULL);
	ord = HPDF_String_New(p->doc->mmgr, "Identity", NULL);
	if (reg == NULL || ord == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	st |= HPDF_Dict_Add(csi, "Registry", reg);
	st |= HPDF_Dict_Add(csi, "Ordering", ord);
	st |= HPDF_Dict_AddNumber(csi, "Supplement", 0);
	st |= HPDF_Dict_Add(cid, "CIDSystemInfo", csi);
	st |= HPDF_Dict_Add(cid, "FontDescriptor", fd);
	st |= HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");
	/* e outlives the document: the least recently used entry is
	 * evicted, never one of the FACE__MAX this document uses. */
	cid->attr = e;
	cid->write_fn = w_write;

	st |= HPDF_Dict_AddName(t0, "Type", "Font");
	st |= HPDF_Dict_AddName(t0, "Subtype", "Type0");
	st |= HPDF_Dict_AddName(t0, "BaseFont", name);
	st |= HPDF_Dict_AddName(t0, "Encoding", "Identity-H");
	a = array_new(p);
	st |= HPDF_Array_Add(a, cid);
	st |= HPDF_Dict_Add(t0, "DescendantFonts", a);
	st |= HPDF_Dict_Add(t0, "ToUnicode", tu);
	return failed(p, st) ? -1 : 0;
}

/* --- Pages ------------------------------------------------------------ */

/*
 * The string of s in face fc, as 4-digit hex glyph ids (Identity-H),
 * and its advance in 1/1000 em in *adv, both as font.c measures (a
 * code point above U+FFFF shows as U+0020, a missing one as .notdef).
 * Invalid UTF-8 is refused, not guessed at.
 */
static int
show(struct pdf *p, struct buf *c, enum face fc, const char *s, size_t bi,
    long long *adv)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char	*u = (const unsigned char *)s;
	unsigned char		*o;
	size_t			 len, n;
	uint32_t		 cp;
	unsigned int		 gid;

	len = strlen(s);
	buf_grow(c, 4 * len + 2);
	buf_addc(c, '<');
	*adv = 0;
	while (len > 0) {
		if ((n = text_decode_valid((const char *)u, len, &cp)) == 0) {
			MSGT(PDF_PDF_PAGE_BOX_INVALID, NULL, 0, 0, p->npage,
			    bi + 1, (size_t)(u - (const unsigned char *)s) + 1);
			return -1;
		}
		if (cp > 0xFFFF)
			cp = 0x20;
		gid = fonts_glyph(p->fonts, fc, cp);
		if (gid >= p->use[fc].nglyph)
			gid = 0;
		glyph_use(p, fc, gid, cp);
		*adv += p->use[fc].width[gid];
		o = c->p + c->len;
		o[0] = (unsigned char)hex[gid >> 12 & 15];
		o[1] = (unsigned char)hex[gid >> 8 & 15];
		o[2] = (unsigned char)hex[gid >> 4 & 15];
		o[3] = (unsigned char)hex[gid & 15];
		c->len += 4;
		u += n;
		len -= n;
	}
	buf_addc(c, '>');
	return 0;
}

static int
box_check(struct pdf *p, const struct box *b, size_t bi)
{
	const char	*why;

	why = NULL;
	switch (b->type) {
	case BOX_TEXT:
		if (!isfinite(b->x) || !isfinite(b->y) || !isfinite(b->size))
			why = "position or size is not finite";
		else if (fabs(b->x) > COORD_MAX || fabs(b->y) > COORD_MAX)
			why = "position out of range";
		else if (b->size <= 0 || b->size > HPDF_MAX_FONTSIZE)
			why = "invalid font size";
		else if ((int)b->face < 0 || b->face >= FACE__MAX)
			why = "no such face";
		break;
	case BOX_LINE:
		if (!isfinite(b->x) || !isfinite(b->y) ||
		    !isfinite(b->x2) || !isfinite(b->y2) ||
		    !isfinite(b->w) || b->w < 0 || fabs(b->x) > COORD_MAX ||
		    fabs(b->y) > COORD_MAX || fabs(b->x2) > COORD_MAX ||
		    fabs(b->y2) > COORD_MAX || b->w > COORD_MAX)
			why = "bad line coordinates or width";
		break;
	default:
		why = "unknown box type";
		break;
	}
	if (why == NULL)
		return 0;
	MSGT(PDF_PDF_PAGE_BOX, NULL, 0, 0, p->npage,
	    bi + 1, why);
	return -1;
}

/*
 * The Type0 font dictionary of face fc, at its first use in the
 * document, named /F<fc+1> in the resources all pages share.
 */
static int
font_new(struct pdf *p, enum face fc)
{
	char	 name[16];

	p->use[fc].font = dict_new(p, 1);
	snprintf(name, sizeof(name), "F%d", (int)fc + 1);
	return failed(p, HPDF_Dict_Add(p->fontres, name, p->use[fc].font)) ?
	    -1 : 0;
}

/*
 * The content stream of one page into p->content: first every line,
 * as one path per line width, then every text in one BT/ET.  Drawing
 * lines before text changes nothing, because all marks are the same
 * opaque black (XXX: keep the layout's order once boxes have colours
 * or fills), and it saves the BT/ET around every table cell.
 *
 * Tf is only written when the face or size changes.  The boxes of a
 * line in one face and size make one TJ: each word carries its
 * trailing space glyph (Tw does nothing with a 2-byte font; LIBS.md
 * §0, §5) and the next word is moved to its x by a TJ adjustment.
 * Positions are kept in exact integers, 1e-9 pt, so nothing
 * accumulates: a line starts at its x rounded to 1/1000 pt (Td), each
 * later word within 1e-5 pt of its x.  A face is /F1../F4 by enum
 * face, so the same page has the same content in every letter.
 */
static int
page_content(struct pdf *p, const struct page *pg)
{
	struct buf		*c = &p->content;
	const struct box	*b;
	size_t			 i;
	long long		 x, y, tx, ty, size, lw, pos, adj, adv, r, unit;
	int			 inpath, intext, intj, face;

	c->len = 0;
	inpath = 0;
	lw = 1000;	/* PDF's initial line width */
	for (i = 0; i < pg->nbox; i++) {
		b = &pg->box[i];
		if (b->type != BOX_LINE)
			continue;
		if (milli(b->w) != lw) {
			if (inpath)
				buf_adds(c, "S\n");
			inpath = 0;
			lw = milli(b->w);
			buf_milli(c, lw);
			buf_adds(c, " w\n");
		}
		buf_milli(c, milli(b->x));
		buf_addc(c, ' ');
		buf_milli(c, milli(b->y));
		buf_adds(c, " m ");
		buf_milli(c, milli(b->x2));
		buf_addc(c, ' ');
		buf_milli(c, milli(b->y2));
		buf_adds(c, " l\n");
		inpath = 1;
	}
	if (inpath)
		buf_adds(c, "S\n");

	intext = intj = 0;
	face = -1;
	size = 0;
	tx = ty = pos = 0;
	for (i = 0; i < pg->nbox; i++) {
		b = &pg->box[i];
		if (b->type != BOX_TEXT || b->text == NULL ||
		    b->text[0] == '\0')
			continue;
		if (p->use[b->face].font == NULL &&
		    font_new(p, b->face) == -1)
			return -1;
		x = milli(b->x);
		y = milli(b->y);
		if (intj && ((int)b->face != face ||
		    milli(b->size) != size || y != ty)) {
			buf_adds(c, "] TJ\n");
			intj = 0;
		}
		if (!intext) {
			buf_adds(c, "BT\n");
			intext = 1;
		}
		if ((int)b->face != face || milli(b->size) != size) {
			face = (int)b->face;
			size = milli(b->size);
			buf_adds(c, "/F");
			buf_uint(c, (unsigned int)face + 1);
			buf_addc(c, ' ');
			buf_milli(c, size);
			buf_adds(c, " Tf\n");
		}
		if (!intj) {
			buf_milli(c, x - tx);
			buf_addc(c, ' ');
			buf_milli(c, y - ty);
			buf_adds(c, " Td\n[");
			tx = x;
			ty = y;
			pos = x * 1000000;
			intj = 1;
		} else {
			/* A whole thousandth of a text space unit moves
			 * size (in 1/1000 pt) * 1000 in 1e-9 pt: at 14 pt,
			 * 0.014 pt.  Rounded to the nearest; pos keeps the
			 * exact place, so the error never passes 0.007 pt
			 * and never accumulates, and the same gap gives the
			 * same number (which deflate likes). */
			unit = size * 1000;
			r = pos - x * 1000000;
			adj = r / unit;
			if (r % unit * 2 >= unit)
				adj++;
			else if (r % unit * 2 < -unit)
				adj--;
			if (adj != 0) {
				buf_milli(c, adj * 1000);
				pos -= adj * unit;
			}
		}
		if (show(p, c, b->face, b->text, i, &adv) == -1)
			return -1;
		pos += adv * size * 1000;
	}
	if (intj)
		buf_adds(c, "] TJ\n");
	if (intext)
		buf_adds(c, "ET\n");
	return 0;
}

static void
key_ll(struct buf *k, long long v)
{
	buf_add(k, &v, sizeof(v));
}

/*
 * The page's boxes, checked, as all that its deflated content depends
 * on (never written out, so in host byte order) into p->key, after
 * whether it is an appendix page (which sets the deflate level).
 */
static int
page_key(struct pdf *p, const struct page *pg, int shared)
{
	struct buf		*k = &p->key;
	const struct box	*b;
	size_t			 i, len;

	k->len = 0;
	buf_addc(k, (char)shared);
	for (i = 0; i < pg->nbox; i++) {
		b = &pg->box[i];
		if (box_check(p, b, i) == -1)
			return -1;
		buf_addc(k, (char)b->type);
		key_ll(k, milli(b->x));
		key_ll(k, milli(b->y));
		if (b->type == BOX_LINE) {
			key_ll(k, milli(b->x2));
			key_ll(k, milli(b->y2));
			key_ll(k, milli(b->w));
			continue;
		}
		buf_addc(k, (char)b->face);
		key_ll(k, milli(b->size));
		len = b->text != NULL ? strlen(b->text) : 0;
		buf_add(k, &len, sizeof(len));
		if (len > 0)
			buf_add(k, b->text, len);
	}
	return 0;
}

/*
 * Draw one page.  Its content is made and deflated once per run: the
 * same page again (e.g. an appendix page every letter carries, shared)
 * takes the deflated bytes from the cache and the glyphs it draws from
 * the record kept with them.  The page inherits its size from the page
 * tree and shares one /Resources with the others (without libharu's
 * obsolete /ProcSet).
 */
static int
page_draw(struct pdf *p, const struct page *pg, int shared)
{
	HPDF_Page	 page;
	HPDF_PageAttr	 attr;
	struct zentry	*e;
	const unsigned char *q;
	HPDF_STATUS	 st;
	size_t		 i;
	int		 miss, rc;

	p->step = "cannot draw";
	p->file = NULL;
	page = HPDF_AddPage(p->doc);
	if (failed_obj(p, page))
		return -1;
	st = HPDF_Dict_RemoveElement(page, "MediaBox");
	st |= HPDF_Dict_Add(page, "Resources", p->res);
	if (failed(p, st))
		return -1;

	/* A shared page (layout.h) seen before: its id is its key. */
	for (e = NULL, i = 0; pg->id != 0 && i < CACHE_PAGES; i++)
		if (p->pagec[i].clock != 0 && p->pagec[i].id == pg->id) {
			e = &p->pagec[i];
			e->clock = ++p->clock;
			break;
		}
	miss = 0;
	if (e == NULL) {
		if (page_key(p, pg, shared) == -1)
			return -1;
		e = zcache(p, p->pagec, CACHE_PAGES, p->key.p, p->key.len,
		    &miss);
		e->id = pg->id;
	}
	if (miss) {
		e->uses.len = 0;
		p->rec = &e->uses;
		if (++p->serial == 0) {		/* wrapped: forget */
			for (i = 0; i < FACE__MAX; i++)
				memset(p->use[i].stamp, 0, p->use[i].nglyph *
				    sizeof(*p->use[i].stamp));
			p->serial = 1;
		}
		rc = page_content(p, pg);
		p->rec = NULL;
		if (rc == -1) {
			e->clock = 0;	/* a free slot again */
			return -1;
		}
		zip_deflate(shared ? p->zshared : p->zpage, p->content.p,
		    p->content.len, &e->z);
	} else
		for (i = 0; i < e->uses.len; i += 6) {
			q = e->uses.p + i;
			if (p->use[q[0]].font == NULL &&
			    font_new(p, q[0]) == -1)
				return -1;
			glyph_use(p, q[0], (unsigned int)(q[1] << 8 | q[2]),
			    (uint32_t)q[3] << 16 | (uint32_t)q[4] << 8 | q[5]);
		}

	attr = (HPDF_PageAttr)page->attr;
	stream_set(p, attr->contents, &e->z);
	attr->stream = attr->contents->stream;
	return 0;
}

/* --- Documents -------------------------------------------------------- */

/* Write the Info entries kept in p->info (the dictionary's attr). */
static HPDF_STATUS
info_extra(HPDF_Dict d, HPDF_Stream s)
{
	const struct buf *b = d->attr;

	return HPDF_Stream_Write(s, b->p, (HPDF_UINT)b->len);
}

/*
 * One Info string, unless NULL or empty: ASCII as it is, anything else
 * as UTF-16BE with a byte order mark (PDF 32000-1 §7.9.2.2), written
 * as a literal string with only ( ) \ CR LF escaped, half the size of
 * the hex libharu writes (its UTF-8 encoder would also cost more to set
 * up than the rest of a letter).  Checked first: we never guess at
 * invalid UTF-8 (LIBS.md §6).
 */
static int
info_set(struct pdf *p, const char *key, const char *s)
{
	const unsigned char	*u;
	struct buf		*b = &p->scratch;
	unsigned char		 c[4];
	size_t			 len, n, k;
	uint32_t		 cp;
	int			 ascii;
	HPDF_String		 obj;

	if (s == NULL || s[0] == '\0')
		return 0;
	len = strlen(s);
	if (len > HPDF_LIMIT_MAX_STRING_LEN) {
		MSGT(PDF_PDF_BYTES_LONGER, NULL, 0, 0, key, len,
		    (unsigned int)HPDF_LIMIT_MAX_STRING_LEN);
		return -1;
	}
	b->len = 0;
	buf_add(b, "\376\377", 2);
	ascii = 1;
	for (u = (const unsigned char *)s, n = len; n > 0; u += k, n -= k) {
		if ((k = text_decode_valid((const char *)u, n, &cp)) == 0) {
			MSGT(PDF_PDF_INVALID_UTF, NULL, 0, 0, key);
			return -1;
		}
		if (cp >= 0x80)
			ascii = 0;
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			c[0] = (unsigned char)(0xD8 | cp >> 18);
			c[1] = (unsigned char)(cp >> 10);
			c[2] = (unsigned char)(0xDC | (cp >> 8 & 3));
			c[3] = (unsigned char)cp;
			buf_add(b, c, 4);
		} else {
			c[0] = (unsigned char)(cp >> 8);
			c[1] = (unsigned char)cp;
			buf_add(b, c, 2);
		}
	}
	if (ascii) {
		if ((obj = HPDF_String_New(p->doc->mmgr, s, NULL)) == NULL)
			DIE(SYS_OUT_OF_MEMORY);
		return failed(p, HPDF_Dict_Add(p->doc->info, key, obj)) ?
		    -1 : 0;
	}
	buf_addc(&p->info, '/');
	buf_adds(&p->info, key);
	buf_adds(&p->info, " (");
	for (n = 0; n < b->len; n++)
		switch (b->p[n]) {
		case '(':
		case ')':
		case '\\':
			buf_addc(&p->info, '\\');
			buf_addc(&p->info, (char)b->p[n]);
			break;
		case '\r':
			buf_adds(&p->info, "\\r");
			break;
		case '\n':
			buf_adds(&p->info, "\\n");
			break;
		default:
			buf_addc(&p->info, (char)b->p[n]);
			break;
		}
	buf_adds(&p->info, ")\012");
	return 0;
}

/*
 * The Info dictionary; dates come from the caller only, never from the
 * clock, so output stays reproducible.
 */
static int
info_write(struct pdf *p, const struct pdf_info *info)
{
	HPDF_Date	 d;

	p->step = "cannot set document information";
	/* This also makes the dictionary if libharu has not. */
	if (failed(p, HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR,
	    "congvan")) || failed_obj(p, p->doc->info))
		return -1;
	p->info.len = 0;
	if (info != NULL &&
	    (info_set(p, "Title", info->title) == -1 ||
	    info_set(p, "Author", info->author) == -1 ||
	    info_set(p, "Subject", info->subject) == -1 ||
	    info_set(p, "Keywords", info->keywords) == -1))
		return -1;
	if (p->info.len > 0) {
		p->doc->info->attr = &p->info;
		p->doc->info->write_fn = info_extra;
	}
	if (info == NULL || info->year == 0)
		return 0;
	if (info->year < 1 || info->year > 9999) {
		MSGT(PDF_PDF_YEAR_OUT_RANGE, NULL, 0, 0,
		    info->year);
		return -1;
	}
	memset(&d, 0, sizeof(d));
	d.year = info->year;
	d.month = info->month;
	d.day = info->day;
	d.ind = '+';
	d.off_hour = 7;
	d.off_minutes = 0;
	if (failed(p, HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE,
	    d)) || failed(p, HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_MOD_DATE,
	    d)))
		return -1;
	return 0;
}

/*
 * Start a document of w x h pt pages.  libharu compresses nothing: our
 * streams come deflated.
 */
static int
doc_new(struct pdf *p, double w, double h)
{
	HPDF_Array	 box;
	HPDF_STATUS	 st;

	p->err = p->detail = HPDF_OK;
	p->file = NULL;
	p->npage = 0;
	if ((p->doc = HPDF_New(on_error, p)) == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	p->step = "cannot create document";
	if (failed(p, HPDF_SetCompressionMode(p->doc, HPDF_COMP_NONE)))
		return -1;
	p->res = dict_new(p, 1);
	p->fontres = dict_new(p, 0);
	box = array_new(p);
	st = HPDF_Dict_Add(p->res, "Font", p->fontres);
	st |= HPDF_Array_AddNumber(box, 0);
	st |= HPDF_Array_AddNumber(box, 0);
	st |= HPDF_Array_AddReal(box, (HPDF_REAL)w);
	st |= HPDF_Array_AddReal(box, (HPDF_REAL)h);
	st |= HPDF_Dict_Add(p->doc->root_pages, "MediaBox", box);
	return failed(p, st) ? -1 : 0;
}

static void
doc_free(struct pdf *p)
{
	struct use	*u;
	size_t		 i;
	int		 fc;

	if (p->doc != NULL)
		HPDF_Free(p->doc);
	p->doc = NULL;
	p->res = p->fontres = NULL;
	for (fc = 0; fc < FACE__MAX; fc++) {
		u = &p->use[fc];
		for (i = 0; i < u->ngid; i++)
			u->uni[u->gid[i]] = 0;
		u->ngid = 0;
		u->font = NULL;
	}
}

struct pdf *
pdf_new(struct fonts *fonts)
{
	struct pdf	*p;
	unsigned int	 g;
	int		 i;

	p = xcalloc(1, sizeof(*p));
	p->fonts = fonts;
	for (i = 0; i < FACE__MAX; i++) {
		fonts_desc(p->fonts, i, &p->desc[i]);
		p->use[i].nglyph = fonts_glyph_count(p->fonts, i);
		if (p->use[i].nglyph > 0x10000)
			p->use[i].nglyph = 0x10000;	/* 2-byte CIDs */
		if (p->use[i].nglyph == 0)
			p->use[i].nglyph = 1;
		p->use[i].uni = xcalloc(p->use[i].nglyph,
		    sizeof(*p->use[i].uni));
		p->use[i].width = xcalloc(p->use[i].nglyph,
		    sizeof(*p->use[i].width));
		p->use[i].stamp = xcalloc(p->use[i].nglyph,
		    sizeof(*p->use[i].stamp));
		p->use[i].stampcp = xcalloc(p->use[i].nglyph,
		    sizeof(*p->use[i].stampcp));
		for (g = 0; g < p->use[i].nglyph; g++)
			p->use[i].width[g] = (uint16_t)fonts_glyph_width(
			    p->fonts, i, g);
	}
	p->z = zip_new(ZLEVEL);
	p->zpage = zip_new(ZLEVEL_PAGE);
	p->zshared = zip_new(ZLEVEL_SHARED);
	return p;
}

void
pdf_free(struct pdf *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	doc_free(p);
	for (i = 0; i < FACE__MAX; i++) {
		free(p->use[i].uni);
		free(p->use[i].gid);
		free(p->use[i].width);
		free(p->use[i].stamp);
		free(p->use[i].stampcp);
	}
	for (i = 0; i < CACHE_FONTS; i++) {
		buf_free(&p->fontc[i].key);
		buf_free(&p->fontc[i].w);
		buf_free(&p->fontc[i].file);
	}
	for (i = 0; i < CACHE_CMAPS; i++) {
		buf_free(&p->cmapc[i].key);
		buf_free(&p->cmapc[i].z);
	}
	for (i = 0; i < CACHE_PAGES; i++) {
		buf_free(&p->pagec[i].key);
		buf_free(&p->pagec[i].z);
		buf_free(&p->pagec[i].uses);
	}
	buf_free(&p->content);
	buf_free(&p->scratch);
	buf_free(&p->info);
	buf_free(&p->key);
	buf_free(&p->out);
	zip_free(p->z);
	zip_free(p->zpage);
	zip_free(p->zshared);
	free(p);
}

int
pdf_write(struct pdf *p, const struct layout *lo,
    const struct pdf_info *info, unsigned char **bufp, size_t *lenp)
{
	struct fontset	*set[FACE__MAX];
	HPDF_Dict	 tu[FACE__MAX];
	size_t		 i;
	int		 rc, fc;

	*bufp = NULL;
	*lenp = 0;
	rc = -1;

	if (lo->npage == 0 || !isfinite(lo->width) ||
	    !isfinite(lo->height)) {
		MSGT(PDF_PDF_LAYOUT_HAS_NO, NULL, 0, 0);
		return -1;
	}
	/* libharu's limits for a page (HPDF_Page_SetWidth). */
	if (lo->width < HPDF_MIN_PAGE_SIZE || lo->width > HPDF_MAX_PAGE_SIZE ||
	    lo->height < HPDF_MIN_PAGE_SIZE ||
	    lo->height > HPDF_MAX_PAGE_SIZE) {
		MSGT(PDF_PDF_INVALID_PAGE_SIZE, NULL, 0, 0, lo->width,
		    lo->height);
		return -1;
	}

	if (doc_new(p, lo->width, lo->height) == -1 ||
	    info_write(p, info) == -1)
		goto out;
	for (i = 0; i < lo->npage; i++) {
		p->npage = i + 1;
		if (page_draw(p, &lo->page[i], i >= lo->nletter) == -1)
			goto out;
	}
	p->npage = 0;
	for (fc = 0; fc < FACE__MAX; fc++)
		if (p->use[fc].font != NULL &&
		    (set[fc] = fontset_get(p, fc)) == NULL)
			goto out;
	tounicode(p, tu);
	for (fc = 0; fc < FACE__MAX; fc++)
		if (p->use[fc].font != NULL &&
		    font_finish(p, fc, set[fc], tu[fc]) == -1)
			goto out;

	p->step = "cannot save";
	p->out.len = 0;
	p->doc->stream = HPDF_CallbackWriter_New(p->doc->mmgr, out_write,
	    &p->out);
	if (p->doc->stream == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	if (failed(p, HPDF_SaveToStream(p->doc)))
		goto out;
	*bufp = xmalloc(p->out.len);
	memcpy(*bufp, p->out.p, p->out.len);
	*lenp = p->out.len;
	rc = 0;
out:
	if (rc == -1 && p->err != HPDF_OK)
		report(p);
	doc_free(p);
	return rc;
}
