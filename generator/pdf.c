/* PDF output through libharu 2.3.0: the only file that includes <hpdf.h>. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#include "face.h"
#include "layout.h"
#include "msg.h"
#include "pdf.h"
#include "xalloc.h"

/*
 * libharu internals used here, all declared by Debian's 2.3.0 headers
 * and unchanged in v2.4.6 (LIBS.md §2, §13): HPDF_Dict->stream,
 * HPDF_MemStream_FreeData, HPDF_Stream_Write, HPDF_Dict_GetItem,
 * HPDF_Dict_RemoveElement.
 */

#define NCP		0x10000		/* code points libharu can draw */
#define BFCHAR_MAX	100		/* entries per beginbfchar block */

/*
 * One libharu document per pdf_write, created and freed there.  Reusing
 * one HPDF_Doc (HPDF_FreeDoc/HPDF_NewDoc keep the parsed fonts, LIBS.md
 * §9) gives the same bytes but is slower with glibc's default malloc:
 * the fonts stay at the bottom of the heap, so every document's memory
 * is trimmed back to the system and faulted in again (~34 brk calls
 * and ~200 page faults per letter, against ~1 and ~4 here), which
 * costs more than the 1.3 ms of parsing it saves.
 */
struct pdf {
	char		*path[FACE__MAX]; /* TrueType files, by enum face */
	HPDF_Doc	 doc;		/* document being written, or NULL */
	HPDF_Font	 font[FACE__MAX]; /* its fonts, or NULL until the face
					   is first drawn */
	uint8_t		 used[FACE__MAX][NCP / 8]; /* code points drawn */
	HPDF_STATUS	 err;		/* first libharu error, or HPDF_OK */
	HPDF_STATUS	 detail;	/* its detail number (errno for I/O) */
	const char	*step;		/* what we were doing, for messages */
	const char	*file;		/* file involved, for messages */
	size_t		 npage;		/* page being drawn, 1-based, or 0 */
};

/* A growable byte buffer for the ToUnicode CMap. */
struct buf {
	char		*p;
	size_t		 len, cap;
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
 * After each libharu call: did it fail?  Some calls set an error
 * without raising it and some raise one while returning HPDF_OK, so
 * look at the status, the handler's record and HPDF_GetError.
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
	{ HPDF_PAGE_INVALID_FONT_SIZE, "invalid font size" },
	{ HPDF_PAGE_INVALID_SIZE, "invalid page size" },
	{ HPDF_PAGE_OUT_OF_RANGE, "value out of range" },
	{ HPDF_REAL_OUT_OF_RANGE, "number out of range" },
	{ HPDF_STRING_OUT_OF_RANGE, "string too long" },
	{ HPDF_TTF_CANNOT_EMBEDDING_FONT, "font does not allow embedding" },
	{ HPDF_TTF_INVALID_CMAP, "font has no usable cmap" },
	{ HPDF_TTF_INVALID_FOMAT, "not a TrueType font" },
	{ HPDF_TTF_MISSING_TABLE, "not a glyf TrueType font" },
};

/*
 * Report the recorded libharu error.  Running out of memory inside
 * libharu is a system error like anywhere else (xalloc.h); file
 * errors carry errno as their detail.
 */
static void
report(struct pdf *p)
{
	const char	*why;
	char		 where[32];
	size_t		 i;

	if (p->err == HPDF_FAILD_TO_ALLOC_MEM)
		msg_die("out of memory");
	where[0] = '\0';
	if (p->npage > 0)
		snprintf(where, sizeof(where), " on page %zu", p->npage);
	why = "libharu error";
	if (p->err == HPDF_FILE_OPEN_ERROR || p->err == HPDF_FILE_IO_ERROR)
		why = strerror((int)p->detail);
	for (i = 0; i < sizeof(errtext) / sizeof(errtext[0]); i++)
		if (errtext[i].no == p->err)
			why = errtext[i].text;
	msg(MSG_ERROR, p->file, 0, 0, "pdf: %s%s: %s (libharu error 0x%04lX, "
	    "detail %lu)", p->step, where, why, (unsigned long)p->err,
	    (unsigned long)p->detail);
}

/* Start a document: UTF-8 text, everything compressed. */
static int
doc_new(struct pdf *p)
{
	p->err = p->detail = HPDF_OK;
	p->file = NULL;
	p->npage = 0;
	memset(p->font, 0, sizeof(p->font));
	if ((p->doc = HPDF_New(on_error, p)) == NULL)
		msg_die("out of memory");
	p->step = "cannot create document";
	if (failed(p, HPDF_UseUTFEncodings(p->doc)) ||
	    failed(p, HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL)))
		return -1;
	return 0;
}

static void
doc_free(struct pdf *p)
{
	if (p->doc != NULL)
		HPDF_Free(p->doc);
	p->doc = NULL;
}

/*
 * This document's font for a face, loaded when first drawn, so a face
 * the letter does not use costs neither time (HPDF_GetFont builds a
 * 65,536-entry /W and CIDToGIDMap) nor bytes.  Subset tags (HPDFAA+,
 * ...) follow the order of first use, which the layout fixes.
 */
static HPDF_Font
font_get(struct pdf *p, enum face fc)
{
	const char	*name;
	HPDF_Font	 f;

	if (p->font[fc] != NULL)
		return p->font[fc];
	p->step = "cannot load font";
	p->file = p->path[fc];
	name = HPDF_LoadTTFontFromFile(p->doc, p->path[fc], HPDF_TRUE);
	if (failed_obj(p, name))
		return NULL;
	f = HPDF_GetFont(p->doc, name, "UTF-8");
	if (failed_obj(p, f))
		return NULL;
	p->file = NULL;
	p->step = "cannot draw";
	return p->font[fc] = f;
}

struct pdf *
pdf_new(const char *const path[FACE__MAX])
{
	struct pdf	*p;
	int		 i;

	p = xcalloc(1, sizeof(*p));
	for (i = 0; i < FACE__MAX; i++)
		p->path[i] = xstrdup(path[i]);

	/* Parse each face once now, so a bad font fails before any work. */
	if (doc_new(p) == -1)
		goto fail;
	p->step = "cannot load font";
	for (i = 0; i < FACE__MAX; i++) {
		p->file = p->path[i];
		if (failed_obj(p, HPDF_LoadTTFontFromFile(p->doc, p->path[i],
		    HPDF_TRUE)))
			goto fail;
	}
	doc_free(p);
	return p;
fail:
	if (p->err != HPDF_OK)
		report(p);
	pdf_free(p);
	return NULL;
}

void
pdf_free(struct pdf *p)
{
	int	 i;

	if (p == NULL)
		return;
	doc_free(p);
	for (i = 0; i < FACE__MAX; i++)
		free(p->path[i]);
	free(p);
}

/*
 * Decode one UTF-8 sequence of s[0..len), len > 0, strictly (no
 * overlongs, surrogates or values above U+10FFFF).  Returns its length,
 * or 0 if it is invalid.
 */
static size_t
utf8_next(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t	 c, min;
	size_t		 n, i;

	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

/*
 * Remember every code point of s as drawn in face fc, as libharu will
 * encode it (above U+FFFF becomes U+0020, LIBS.md §6).  Refuses what
 * libharu would silently mangle: invalid UTF-8 and strings longer than
 * HPDF_LIMIT_MAX_STRING_LEN, which it truncates.
 */
static int
track(struct pdf *p, enum face fc, const char *s, size_t bi)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 len, n;
	uint32_t		 cp;

	len = strlen(s);
	if (len > HPDF_LIMIT_MAX_STRING_LEN) {
		msg(MSG_ERROR, NULL, 0, 0, "pdf: page %zu, box %zu: text "
		    "of %zu bytes is longer than %u", p->npage, bi + 1, len,
		    (unsigned int)HPDF_LIMIT_MAX_STRING_LEN);
		return -1;
	}
	while (len > 0) {
		if ((n = utf8_next(u, len, &cp)) == 0) {
			msg(MSG_ERROR, NULL, 0, 0, "pdf: page %zu, box %zu: "
			    "invalid UTF-8 at byte %zu", p->npage, bi + 1,
			    (size_t)(u - (const unsigned char *)s) + 1);
			return -1;
		}
		if (cp >= NCP)
			cp = 0x20;
		p->used[fc][cp >> 3] |= (uint8_t)(1u << (cp & 7));
		u += n;
		len -= n;
	}
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
		else if ((int)b->face < 0 || b->face >= FACE__MAX)
			why = "no such face";
		break;
	case BOX_LINE:
		if (!isfinite(b->x) || !isfinite(b->y) ||
		    !isfinite(b->x2) || !isfinite(b->y2) ||
		    !isfinite(b->w) || b->w < 0)
			why = "bad line coordinates or width";
		break;
	default:
		why = "unknown box type";
		break;
	}
	if (why == NULL)
		return 0;
	msg(MSG_ERROR, NULL, 0, 0, "pdf: page %zu, box %zu: %s", p->npage,
	    bi + 1, why);
	return -1;
}

/*
 * Draw one page.  Consecutive text boxes share one BT/ET, and Tf is
 * only emitted when the face or size changes (text state survives ET
 * within a page).  Each box is placed absolutely with TextOut, because
 * Tw does nothing with a 2-byte font (LIBS.md §5).
 */
static int
page_draw(struct pdf *p, const struct layout *lo, const struct page *pg)
{
	HPDF_Page		 page;
	HPDF_Font		 font;
	const struct box	*b;
	size_t			 i;
	double			 size, lw;
	int			 intext, face;

	p->step = "cannot draw";
	p->file = NULL;
	page = HPDF_AddPage(p->doc);
	if (failed_obj(p, page) ||
	    failed(p, HPDF_Page_SetWidth(page, (HPDF_REAL)lo->width)) ||
	    failed(p, HPDF_Page_SetHeight(page, (HPDF_REAL)lo->height)))
		return -1;

	intext = 0;
	face = -1;
	size = 0;
	lw = 1.0;	/* PDF's initial line width */
	for (i = 0; i < pg->nbox; i++) {
		b = &pg->box[i];
		if (box_check(p, b, i) == -1)
			return -1;
		switch (b->type) {
		case BOX_TEXT:
			if (b->text == NULL || b->text[0] == '\0')
				break;
			if (track(p, b->face, b->text, i) == -1)
				return -1;
			if ((font = font_get(p, b->face)) == NULL)
				return -1;
			if (!intext) {
				if (failed(p, HPDF_Page_BeginText(page)))
					return -1;
				intext = 1;
			}
			if ((int)b->face != face || b->size != size) {
				if (failed(p, HPDF_Page_SetFontAndSize(page,
				    font, (HPDF_REAL)b->size)))
					return -1;
				face = (int)b->face;
				size = b->size;
			}
			if (failed(p, HPDF_Page_TextOut(page, (HPDF_REAL)b->x,
			    (HPDF_REAL)b->y, b->text)))
				return -1;
			break;
		case BOX_LINE:
			if (intext) {
				if (failed(p, HPDF_Page_EndText(page)))
					return -1;
				intext = 0;
			}
			if (b->w != lw) {
				if (failed(p, HPDF_Page_SetLineWidth(page,
				    (HPDF_REAL)b->w)))
					return -1;
				lw = b->w;
			}
			if (failed(p, HPDF_Page_MoveTo(page, (HPDF_REAL)b->x,
			    (HPDF_REAL)b->y)) ||
			    failed(p, HPDF_Page_LineTo(page, (HPDF_REAL)b->x2,
			    (HPDF_REAL)b->y2)) ||
			    failed(p, HPDF_Page_Stroke(page)))
				return -1;
			break;
		default:
			abort();	/* box_check */
		}
	}
	if (intext && failed(p, HPDF_Page_EndText(page)))
		return -1;
	return 0;
}

static void
buf_add(struct buf *b, const char *s, size_t len)
{
	if (b->len + len > b->cap) {
		b->cap = b->cap == 0 ? 4096 : b->cap;
		while (b->len + len > b->cap)
			b->cap *= 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, s, len);
	b->len += len;
}

static void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/*
 * Replace libharu's ToUnicode CMap of face fc, which uses the invalid
 * begincidrange operator (LIBS.md §2), by a valid one: bfchar of every
 * code point drawn with the face, in order, in blocks of BFCHAR_MAX.
 * CID = code = Unicode in libharu's UTF-8 mode, so each entry maps
 * <cp> to <cp>.  The stream dictionary loses the keys libharu copied
 * from an Encoding CMap (/Type /CMap, /CMapName /UTF-8, ...), which
 * describe a different CMap than the one the stream now holds.
 */
static int
tounicode(struct pdf *p, enum face fc)
{
	static const char *const drop[] = {
		"Type", "CMapName", "CIDSystemInfo", "WMode",
	};
	static const char head[] =
	    "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\n"
	    "begincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n"
	    "1 begincodespacerange\n"
	    "<0000> <FFFF>\n"
	    "endcodespacerange\n";
	static const char tail[] =
	    "endcmap\n"
	    "CMapName currentdict /CMap defineresource pop\n"
	    "end\n"
	    "end\n";
	struct buf	 b;
	HPDF_Dict	 cmap;
	char		 line[32];
	size_t		 i, n, total, block;
	uint32_t	 cp;
	HPDF_STATUS	 st;
	int		 rc, len;

	p->step = "cannot write ToUnicode";
	cmap = HPDF_Dict_GetItem(p->font[fc], "ToUnicode", HPDF_OCLASS_DICT);
	if (failed_obj(p, cmap) || failed_obj(p, cmap->stream))
		return -1;

	memset(&b, 0, sizeof(b));
	buf_add(&b, head, sizeof(head) - 1);
	total = 0;
	for (i = 0; i < NCP / 8; i++)
		for (n = p->used[fc][i]; n != 0; n &= n - 1)
			total++;
	block = 0;
	for (cp = 0; cp < NCP; cp++) {
		if (!(p->used[fc][cp >> 3] & (1u << (cp & 7))))
			continue;
		if (block == 0) {
			n = total < BFCHAR_MAX ? total : BFCHAR_MAX;
			len = snprintf(line, sizeof(line), "%zu beginbfchar\n",
			    n);
			buf_add(&b, line, (size_t)len);
			block = n;
			total -= n;
		}
		len = snprintf(line, sizeof(line), "<%04X> <%04X>\n",
		    (unsigned int)cp, (unsigned int)cp);
		buf_add(&b, line, (size_t)len);
		if (--block == 0)
			buf_adds(&b, "endbfchar\n");
	}
	buf_add(&b, tail, sizeof(tail) - 1);

	rc = -1;
	HPDF_MemStream_FreeData(cmap->stream);
	if (failed(p, HPDF_Stream_Write(cmap->stream,
	    (const HPDF_BYTE *)b.p, (HPDF_UINT)b.len)))
		goto out;
	for (i = 0; i < sizeof(drop) / sizeof(drop[0]); i++) {
		st = HPDF_Dict_RemoveElement(cmap, drop[i]);
		if (failed(p, st == HPDF_DICT_ITEM_NOT_FOUND ? HPDF_OK : st))
			goto out;
	}
	rc = 0;
out:
	free(b.p);
	return rc;
}

/*
 * One Info string, unless NULL or empty.  Checked first because the
 * UTF-8 encoder mis-decodes bad bytes silently (LIBS.md §6).
 */
static int
info_set(struct pdf *p, HPDF_InfoType type, const char *key, const char *s)
{
	const unsigned char	*u;
	size_t			 len, n, k;
	uint32_t		 cp;

	if (s == NULL || s[0] == '\0')
		return 0;
	len = strlen(s);
	for (u = (const unsigned char *)s, n = len; n > 0; ) {
		if ((k = utf8_next(u, n, &cp)) == 0) {
			msg(MSG_ERROR, NULL, 0, 0, "pdf: /%s: invalid "
			    "UTF-8", key);
			return -1;
		}
		u += k;
		n -= k;
	}
	if (len > HPDF_LIMIT_MAX_STRING_LEN) {
		msg(MSG_ERROR, NULL, 0, 0, "pdf: /%s: %zu bytes is longer "
		    "than %u", key, len, (unsigned int)HPDF_LIMIT_MAX_STRING_LEN);
		return -1;
	}
	return failed(p, HPDF_SetInfoAttr(p->doc, type, s)) ? -1 : 0;
}

/*
 * The Info dictionary.  Strings go through the UTF-8 encoder, so they
 * are written as UTF-16BE with a BOM (LIBS.md §7); dates come from the
 * caller only, never from the clock, so output stays reproducible.
 */
static int
info_write(struct pdf *p, const struct pdf_info *info)
{
	HPDF_Date	 d;

	p->step = "cannot set document information";
	if (failed(p, HPDF_SetCurrentEncoder(p->doc, "UTF-8")))
		return -1;
	if (info != NULL &&
	    (info_set(p, HPDF_INFO_TITLE, "Title", info->title) == -1 ||
	    info_set(p, HPDF_INFO_AUTHOR, "Author", info->author) == -1 ||
	    info_set(p, HPDF_INFO_SUBJECT, "Subject", info->subject) == -1 ||
	    info_set(p, HPDF_INFO_KEYWORDS, "Keywords",
	    info->keywords) == -1))
		return -1;
	if (info_set(p, HPDF_INFO_CREATOR, "Creator", "congvan") == -1)
		return -1;
	if (info == NULL || info->year == 0)
		return 0;
	if (info->year < 1 || info->year > 9999) {
		msg(MSG_ERROR, NULL, 0, 0, "pdf: year %d out of range",
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

int
pdf_write(struct pdf *p, const struct layout *lo,
    const struct pdf_info *info, unsigned char **bufp, size_t *lenp)
{
	unsigned char	*buf;
	HPDF_UINT32	 size, n;
	HPDF_STATUS	 st;
	size_t		 i;
	int		 rc, fc;

	*bufp = NULL;
	*lenp = 0;
	buf = NULL;
	rc = -1;
	memset(p->used, 0, sizeof(p->used));

	if (lo->npage == 0 || !isfinite(lo->width) ||
	    !isfinite(lo->height)) {
		msg(MSG_ERROR, NULL, 0, 0, "pdf: layout has no pages or "
		    "no page size");
		return -1;
	}

	if (doc_new(p) == -1 || info_write(p, info) == -1)
		goto out;
	for (i = 0; i < lo->npage; i++) {
		p->npage = i + 1;
		if (page_draw(p, lo, &lo->page[i]) == -1)
			goto out;
	}
	p->npage = 0;
	for (fc = 0; fc < FACE__MAX; fc++)
		if (p->font[fc] != NULL && tounicode(p, fc) == -1)
			goto out;

	p->step = "cannot save";
	if (failed(p, HPDF_SaveToStream(p->doc)))
		goto out;
	size = HPDF_GetStreamSize(p->doc);
	if (failed(p, size == 0 ? HPDF_INVALID_STREAM : HPDF_OK))
		goto out;
	buf = xmalloc(size);
	n = size;
	st = HPDF_ReadFromStream(p->doc, buf, &n);
	if (st == HPDF_STREAM_EOF && n == size)
		st = HPDF_OK;
	if (failed(p, st != HPDF_OK || n != size ? HPDF_INVALID_STREAM : st))
		goto out;
	*bufp = buf;
	*lenp = size;
	buf = NULL;
	rc = 0;
out:
	if (rc == -1 && p->err != HPDF_OK)
		report(p);
	free(buf);
	doc_free(p);
	return rc;
}
