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
#include "pdf/pdfint.h"
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


_Static_assert(CACHE_FONTS > FACE__MAX, "a document's subsets stay cached");
_Static_assert(PDF_MAX_FONTSIZE == HPDF_MAX_FONTSIZE, "content.c's limit");

/* What of a document is libharu's, kept apart from struct pdf. */
struct hpdf {
	HPDF_Doc	 doc;		/* document being written, or NULL */
	HPDF_Dict	 res;		/* its pages' shared /Resources */
	HPDF_Dict	 fontres;	/* and their /Font */
	HPDF_STATUS	 err;		/* first libharu error, or HPDF_OK */
	HPDF_STATUS	 detail;	/* its detail number (errno for I/O) */
	HPDF_Dict	 font[FACE__MAX]; /* each face's Type0 dictionary, or
					   NULL until first drawn */
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

	if (p->h->err == HPDF_OK) {
		p->h->err = error_no;
		p->h->detail = detail_no;
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

	if (p->h->err == HPDF_OK) {
		if ((e = HPDF_GetError(p->h->doc)) != HPDF_OK) {
			p->h->err = e;
			p->h->detail = HPDF_GetErrorDetail(p->h->doc);
		} else if (st != HPDF_OK) {
			p->h->err = st;
			p->h->detail = 0;
		}
	}
	return p->h->err != HPDF_OK;
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

	if (p->h->err == HPDF_FAILD_TO_ALLOC_MEM)
		DIE(SYS_OUT_OF_MEMORY);
	where[0] = '\0';
	if (p->npage > 0)
		snprintf(where, sizeof(where), " on page %zu", p->npage);
	why = "libharu error";
	for (i = 0; i < sizeof(errtext) / sizeof(errtext[0]); i++)
		if (errtext[i].no == p->h->err)
			why = errtext[i].text;
	MSGT(PDF_PDF_LIBHARU_ERROR_X, p->file, 0, 0, p->step, where, why,
	    (unsigned long)p->h->err, (unsigned long)p->h->detail);
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

	if ((d = HPDF_Dict_New(p->h->doc->mmgr)) == NULL ||
	    (indirect && HPDF_Xref_Add(p->h->doc->xref, d) != HPDF_OK))
		DIE(SYS_OUT_OF_MEMORY);
	return d;
}

static HPDF_Array
array_new(struct pdf *p)
{
	HPDF_Array	 a;

	if ((a = HPDF_Array_New(p->h->doc->mmgr)) == NULL)
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

	r = HPDF_GetMem(p->h->doc->mmgr, (HPDF_UINT)(sizeof(*r) + z->len));
	if (r == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	r->len = z->len;
	r->pos = 0;
	if (z->len > 0)
		memcpy(r->b, z->p, z->len);
	s = HPDF_CallbackReader_New(p->h->doc->mmgr, rb_read, rb_seek, rb_tell,
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

	if ((d = HPDF_DictStream_New(p->h->doc->mmgr, p->h->doc->xref)) == NULL)
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





/* The ToUnicode stream for the pairs in k, deflated once per run. */
static HPDF_Dict
cmap_stream(struct pdf *p, const struct buf *k)
{
	struct zentry	*e;
	int		 miss;

	e = pdf_zcache(p, p->cmapc, CACHE_CMAPS, k->p, k->len, &miss);
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
			if (p->h->font[fc] != NULL && at[fc] < u->ngid &&
			    u->gid[at[fc]] < g)
				g = u->gid[at[fc]];
		}
		if (g == UINT_MAX)
			break;
		cp = UINT32_MAX;
		for (fc = 0; fc < FACE__MAX; fc++) {
			u = &p->use[fc];
			if (p->h->font[fc] == NULL || at[fc] >= u->ngid ||
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
		if (p->h->font[fc] == NULL)
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
	HPDF_Dict	 t0 = p->h->font[fc], cid, csi, fd, ff;
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
	if ((ia = HPDF_Real_New(p->h->doc->mmgr, (HPDF_REAL)d->italic_angle))
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
	reg = HPDF_String_New(p->h->doc->mmgr, "Adobe", NULL);
	ord = HPDF_String_New(p->h->doc->mmgr, "Identity", NULL);
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


/*
 * The Type0 font dictionary of face fc, at its first use in the
 * document, named /F<fc+1> in the resources all pages share.
 */
static int
font_new(struct pdf *p, enum face fc)
{
	char	 name[16];

	p->h->font[fc] = dict_new(p, 1);
	snprintf(name, sizeof(name), "F%d", (int)fc + 1);
	return failed(p, HPDF_Dict_Add(p->h->fontres, name, p->h->font[fc])) ?
	    -1 : 0;
}




/* --- Marks ------------------------------------------------------------ */

static int
real_array(struct pdf *p, HPDF_Dict d, const char *key, const double *v,
    size_t n)
{
	HPDF_Array	 a;
	HPDF_STATUS	 st = HPDF_OK;
	size_t		 i;

	a = array_new(p);
	for (i = 0; i < n; i++)
		st |= HPDF_Array_AddReal(a, (HPDF_REAL)v[i]);
	st |= HPDF_Dict_Add(d, key, a);
	return failed(p, st) ? -1 : 0;
}

/* A mark's rectangle, [llx lly urx ury], pt. */
static int
mark_rect(struct pdf *p, HPDF_Dict d, const struct box *b)
{
	double	 r[4];

	r[0] = b->x < b->x2 ? b->x : b->x2;
	r[1] = b->y < b->y2 ? b->y : b->y2;
	r[2] = b->x < b->x2 ? b->x2 : b->x;
	r[3] = b->y < b->y2 ? b->y2 : b->y;
	return real_array(p, d, "Rect", r, 4);
}

/*
 * The page's marks (layout.h MARK_*; issue 15) as a page-piece
 * dictionary (PDF 32000-1 §14.5), which viewers ignore:
 *
 *	/PieceInfo << /congvan << /LastModified (D:…) /Private <<
 *	    /ChuKy << /Rect [...] /Ink [r g b] >>
 *	    /Dau << /Rect [...] /Ink [r g b] >>
 *	    /Slots [ << /Name /So /Rect [...] /Font ref /Size 13 >> ... ]
 *	>> >> >>
 *
 * A slot's /Font is the page's own font of its face, whose subset also
 * holds the digits 0 to 9, so that the number and the date filled in
 * at issue draw with it.  /LastModified is the letter's date; a draft
 * without one leaves it out (a clock would break reproducible output).
 */
static int
page_marks(struct pdf *p, HPDF_Page page, const struct page *pg,
    const struct layout *lo, const struct pdf_info *info)
{
	HPDF_Dict	 pi, cv, pv, d;
	HPDF_Array	 slots = NULL;
	HPDF_STATUS	 st = HPDF_OK;
	const struct box *b;
	char		 date[64];
	unsigned int	 gid;
	size_t		 i;
	int		 k;

	for (i = 0; i < pg->nbox; i++)
		if (pg->box[i].type == BOX_MARK)
			break;
	if (i == pg->nbox)
		return 0;
	p->step = "cannot mark";
	pi = dict_new(p, 0);
	cv = dict_new(p, 0);
	pv = dict_new(p, 0);
	st |= HPDF_Dict_Add(page, "PieceInfo", pi);
	st |= HPDF_Dict_Add(pi, "congvan", cv);
	st |= HPDF_Dict_Add(cv, "Private", pv);
	if (info != NULL && info->year > 0) {
		snprintf(date, sizeof(date), "D:%04d%02d%02d000000+07'00'",
		    info->year, info->month, info->day);
		st |= HPDF_Dict_Add(cv, "LastModified",
		    HPDF_String_New(p->h->doc->mmgr, date, NULL));
	}
	if (failed(p, st))
		return -1;
	for (; i < pg->nbox; i++) {
		b = &pg->box[i];
		if (b->type != BOX_MARK)
			continue;
		d = dict_new(p, 0);
		if (mark_rect(p, d, b) == -1)
			return -1;
		if (b->size == 0) {
			if (real_array(p, d, "Ink", strcmp(b->text,
			    MARK_DAU) == 0 ? lo->dau_ink : lo->ck_ink,
			    3) == -1 || failed(p, HPDF_Dict_Add(pv, b->text,
			    d)))
				return -1;
			continue;
		}
		/* A blank: its face's font, with the digits. */
		if (p->h->font[b->face] == NULL && font_new(p, b->face) == -1)
			return -1;
		for (k = '0'; k <= '9'; k++) {
			gid = fonts_glyph(p->fonts, b->face, (uint32_t)k);
			if (gid >= p->use[b->face].nglyph)
				gid = 0;
			pdf_glyph_use(p, b->face, gid, (uint32_t)k);
		}
		if (slots == NULL) {
			slots = array_new(p);
			st |= HPDF_Dict_Add(pv, "Slots", slots);
		}
		st |= HPDF_Dict_AddName(d, "Name", b->text);
		st |= HPDF_Dict_Add(d, "Font", p->h->font[b->face]);
		st |= HPDF_Dict_AddReal(d, "Size", (HPDF_REAL)b->size);
		st |= HPDF_Array_Add(slots, d);
		if (failed(p, st))
			return -1;
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
page_draw(struct pdf *p, const struct page *pg, int shared,
    const struct layout *lo, const struct pdf_info *info)
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
	page = HPDF_AddPage(p->h->doc);
	if (failed_obj(p, page))
		return -1;
	st = HPDF_Dict_RemoveElement(page, "MediaBox");
	st |= HPDF_Dict_Add(page, "Resources", p->h->res);
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
		if (pdf_page_key(p, pg, shared) == -1)
			return -1;
		e = pdf_zcache(p, p->pagec, CACHE_PAGES, p->key.p, p->key.len,
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
		rc = pdf_page_content(p, pg);
		p->rec = NULL;
		if (rc == -1) {
			e->clock = 0;	/* a free slot again */
			return -1;
		}
		/* The faces it draws, in the order it first draws them. */
		for (i = 0; i < e->uses.len; i += 6)
			if (p->h->font[e->uses.p[i]] == NULL &&
			    font_new(p, e->uses.p[i]) == -1)
				return -1;
		zip_deflate(shared ? p->zshared : p->zpage, p->content.p,
		    p->content.len, &e->z);
	} else
		for (i = 0; i < e->uses.len; i += 6) {
			q = e->uses.p + i;
			if (p->h->font[q[0]] == NULL &&
			    font_new(p, q[0]) == -1)
				return -1;
			pdf_glyph_use(p, q[0], (unsigned int)(q[1] << 8 | q[2]),
			    (uint32_t)q[3] << 16 | (uint32_t)q[4] << 8 | q[5]);
		}

	attr = (HPDF_PageAttr)page->attr;
	stream_set(p, attr->contents, &e->z);
	attr->stream = attr->contents->stream;
	return page_marks(p, page, pg, lo, info);
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
		if ((obj = HPDF_String_New(p->h->doc->mmgr, s, NULL)) == NULL)
			DIE(SYS_OUT_OF_MEMORY);
		return failed(p, HPDF_Dict_Add(p->h->doc->info, key, obj)) ?
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
	if (failed(p, HPDF_SetInfoAttr(p->h->doc, HPDF_INFO_CREATOR,
	    "congvan")) || failed_obj(p, p->h->doc->info))
		return -1;
	p->info.len = 0;
	if (info != NULL &&
	    (info_set(p, "Title", info->title) == -1 ||
	    info_set(p, "Author", info->author) == -1 ||
	    info_set(p, "Subject", info->subject) == -1 ||
	    info_set(p, "Keywords", info->keywords) == -1))
		return -1;
	if (p->info.len > 0) {
		p->h->doc->info->attr = &p->info;
		p->h->doc->info->write_fn = info_extra;
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
	if (failed(p, HPDF_SetInfoDateAttr(p->h->doc, HPDF_INFO_CREATION_DATE,
	    d)) || failed(p, HPDF_SetInfoDateAttr(p->h->doc, HPDF_INFO_MOD_DATE,
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

	p->h->err = p->h->detail = HPDF_OK;
	p->file = NULL;
	p->npage = 0;
	if ((p->h->doc = HPDF_New(on_error, p)) == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	p->step = "cannot create document";
	if (failed(p, HPDF_SetCompressionMode(p->h->doc, HPDF_COMP_NONE)))
		return -1;
	p->h->res = dict_new(p, 1);
	p->h->fontres = dict_new(p, 0);
	box = array_new(p);
	st = HPDF_Dict_Add(p->h->res, "Font", p->h->fontres);
	st |= HPDF_Array_AddNumber(box, 0);
	st |= HPDF_Array_AddNumber(box, 0);
	st |= HPDF_Array_AddReal(box, (HPDF_REAL)w);
	st |= HPDF_Array_AddReal(box, (HPDF_REAL)h);
	st |= HPDF_Dict_Add(p->h->doc->root_pages, "MediaBox", box);
	return failed(p, st) ? -1 : 0;
}

static void
doc_free(struct pdf *p)
{
	struct use	*u;
	size_t		 i;
	int		 fc;

	if (p->h->doc != NULL)
		HPDF_Free(p->h->doc);
	p->h->doc = NULL;
	p->h->res = p->h->fontres = NULL;
	for (fc = 0; fc < FACE__MAX; fc++) {
		u = &p->use[fc];
		for (i = 0; i < u->ngid; i++)
			u->uni[u->gid[i]] = 0;
		u->ngid = 0;
		p->h->font[fc] = NULL;
	}
}

struct pdf *
pdf_new(struct fonts *fonts)
{
	struct pdf	*p;
	unsigned int	 g;
	int		 i;

	p = xcalloc(1, sizeof(*p));
	p->h = xcalloc(1, sizeof(*p->h));
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
	free(p->h);
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
		if (page_draw(p, &lo->page[i], i >= lo->nletter, lo,
		    info) == -1)
			goto out;
	}
	p->npage = 0;
	for (fc = 0; fc < FACE__MAX; fc++)
		if (p->h->font[fc] != NULL &&
		    (set[fc] = pdf_fontset_get(p, fc)) == NULL)
			goto out;
	tounicode(p, tu);
	for (fc = 0; fc < FACE__MAX; fc++)
		if (p->h->font[fc] != NULL &&
		    font_finish(p, fc, set[fc], tu[fc]) == -1)
			goto out;

	p->step = "cannot save";
	p->out.len = 0;
	p->h->doc->stream = HPDF_CallbackWriter_New(p->h->doc->mmgr, out_write,
	    &p->out);
	if (p->h->doc->stream == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	if (failed(p, HPDF_SaveToStream(p->h->doc)))
		goto out;
	*bufp = xmalloc(p->out.len);
	memcpy(*bufp, p->out.p, p->out.len);
	*lenp = p->out.len;
	rc = 0;
out:
	if (rc == -1 && p->h->err != HPDF_OK)
		report(p);
	doc_free(p);
	return rc;
}
