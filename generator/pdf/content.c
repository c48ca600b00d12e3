/* Page content streams (PDF 32000-1 §8.5, §9.4): lines and text as glyph
 * ids, positioned exactly, and the key that finds a page's deflated
 * content in the cache.  No libharu here. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/face.h"
#include "base/msg.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "layout/layout.h"
#include "pdf/font.h"
#include "pdf/pdfint.h"

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

/* --- Buffers and deflate ---------------------------------------------- */


static long long
milli(double v)
{
	return llround(v * 1000.0);
}

/* A glyph drawn with code point cp in face fc. */
void
pdf_glyph_use(struct pdf *p, enum face fc, unsigned int gid, uint32_t cp)
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
		if (cp > 0xFFFF || cp == 0xA0)	/* drawn as layout measures */
			cp = 0x20;
		gid = fonts_glyph(p->fonts, fc, cp);
		if (gid >= p->use[fc].nglyph)
			gid = 0;
		pdf_glyph_use(p, fc, gid, cp);
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

/* --- Pages ------------------------------------------------------------ */


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
		else if (b->size <= 0 || b->size > PDF_MAX_FONTSIZE)
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
	case BOX_MARK:
		if (!isfinite(b->x) || !isfinite(b->y) ||
		    !isfinite(b->x2) || !isfinite(b->y2) ||
		    !isfinite(b->size) || fabs(b->x) > COORD_MAX ||
		    fabs(b->y) > COORD_MAX || fabs(b->x2) > COORD_MAX ||
		    fabs(b->y2) > COORD_MAX || b->size < 0 ||
		    b->size > PDF_MAX_FONTSIZE || b->text == NULL ||
		    (int)b->face < 0 || b->face >= FACE__MAX)
			why = "bad mark";
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
int
pdf_page_content(struct pdf *p, const struct page *pg)
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
int
pdf_page_key(struct pdf *p, const struct page *pg, int shared)
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
