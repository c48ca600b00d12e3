/* PDF/A-1b's parts that need no libharu: the ICC profile, XMP, CIDSet. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/msg.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "pdf/pdf.h"
#include "pdf/pdfa.h"
#include "pdf/zip.h"

static uint32_t
be32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

static unsigned int
be16(const unsigned char *b)
{
	return (unsigned int)b[0] << 8 | b[1];
}

/*
 * Is b[0..len) a profile PDF/A-1 takes for an output intent (ISO
 * 19005-1 §6.2.2; ICC.1:2001-04 §6.1, §6.2)?  The header says its own
 * length, "acsp", version 2 (PDF 1.4 predates ICC v4), a monitor or
 * printer class and its colour space, which gives *ncomp.
 */
static int
icc_ok(const unsigned char *b, size_t len, int *ncomp)
{
	if (len < 132 || be32(b) != len || memcmp(b + 36, "acsp", 4) != 0 ||
	    b[8] != 2 || (memcmp(b + 12, "mntr", 4) != 0 &&
	    memcmp(b + 12, "prtr", 4) != 0))
		return 0;
	if (memcmp(b + 16, "RGB ", 4) == 0)
		*ncomp = 3;
	else if (memcmp(b + 16, "GRAY", 4) == 0)
		*ncomp = 1;
	else if (memcmp(b + 16, "CMYK", 4) == 0)
		*ncomp = 4;
	else
		return 0;
	return 1;
}

struct icc *
icc_load(const char *path, const char *ident, const char *hint)
{
	struct icc	*c;
	struct zip	*z;
	char		*b;
	size_t		 len;
	int		 ncomp;

	if ((b = text_read_file(path, &len)) == NULL) {
		/* Short of memory or descriptors, the profile is fine. */
		if (errno == ENOMEM || errno == EMFILE || errno == ENFILE)
			DIE(SYS_FILE, path, strerror(errno));
		if (hint != NULL)
			MSGT(PDFA_CANNOT_OPEN_ICC_INSTALL, path, 0, 0,
			    strerror(errno), hint);
		else
			MSGT(PDFA_CANNOT_OPEN_ICC, path, 0, 0,
			    strerror(errno));
		return NULL;
	}
	if (!icc_ok((unsigned char *)b, len, &ncomp)) {
		if (hint != NULL)
			MSGT(PDFA_NOT_ICC_V2_INSTALL, path, 0, 0, hint);
		else
			MSGT(PDFA_NOT_ICC_V2, path, 0, 0);
		free(b);
		return NULL;
	}
	c = xcalloc(1, sizeof(*c));
	c->ncomp = ncomp;
	c->ident = xstrdup(ident);
	z = zip_new(ZIP_BEST);
	zip_deflate(z, b, len, &c->z);
	zip_free(z);
	free(b);
	return c;
}

void
icc_free(struct icc *c)
{
	if (c == NULL)
		return;
	buf_free(&c->z);
	free(c->ident);
	free(c);
}

/* s, XML-escaped (XML 1.0 §2.4, §2.11: a raw CR would read as LF). */
static void
xml_text(struct buf *out, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			buf_adds(out, "&amp;");
			break;
		case '<':
			buf_adds(out, "&lt;");
			break;
		case '>':
			buf_adds(out, "&gt;");
			break;
		case '\r':
			buf_adds(out, "&#xD;");
			break;
		default:
			buf_addc(out, *s);
			break;
		}
}

/* <tag>s</tag>, or with its value in an rdf container (alt: a
 * language alternative, else an ordered list). */
static void
xmp_prop(struct buf *out, const char *tag, const char *s, const char *box)
{
	if (s == NULL || s[0] == '\0')
		return;
	buf_adds(out, "   <");
	buf_adds(out, tag);
	buf_addc(out, '>');
	if (box != NULL) {
		buf_adds(out, "<rdf:");
		buf_adds(out, box);
		buf_adds(out, strcmp(box, "Alt") == 0 ?
		    "><rdf:li xml:lang=\"x-default\">" : "><rdf:li>");
	}
	xml_text(out, s);
	if (box != NULL) {
		buf_adds(out, "</rdf:li></rdf:");
		buf_adds(out, box);
		buf_addc(out, '>');
	}
	buf_adds(out, "</");
	buf_adds(out, tag);
	buf_adds(out, ">\n");
}

void
pdfa_xmp(struct buf *out, const struct pdfa_meta *m)
{
	char	 date[32];

	out->len = 0;
	buf_adds(out, "<?xpacket begin=\"\xEF\xBB\xBF\" "
	    "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    " <rdf:RDF xmlns:rdf="
	    "\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "  <rdf:Description rdf:about=\"\"\n"
	    "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
	    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	    "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
	    "   <pdfaid:part>1</pdfaid:part>\n"
	    "   <pdfaid:conformance>B</pdfaid:conformance>\n");
	xmp_prop(out, "dc:title", m->title, "Alt");
	xmp_prop(out, "dc:creator", m->author, "Seq");
	xmp_prop(out, "dc:description", m->subject, "Alt");
	xmp_prop(out, "pdf:Keywords", m->keywords, NULL);
	xmp_prop(out, "pdf:Producer", m->producer, NULL);
	xmp_prop(out, "xmp:CreatorTool", m->creator, NULL);
	if (m->year != 0) {
		/* The Info dates' D:YYYYMMDD000000+07'00' (pdf.c). */
		snprintf(date, sizeof(date), "%04d-%02d-%02dT00:00:00+07:00",
		    m->year, m->month, m->day);
		xmp_prop(out, "xmp:CreateDate", date, NULL);
		xmp_prop(out, "xmp:ModifyDate", date, NULL);
	}
	buf_adds(out, "  </rdf:Description>\n"
	    " </rdf:RDF>\n"
	    "</x:xmpmeta>\n"
	    "<?xpacket end=\"r\"?>");
}

/* Set bit g of the CIDSet b, growing it. */
static void
cid_bit(struct buf *b, unsigned int g)
{
	size_t	 at = g / 8;

	if (at >= b->len) {
		buf_grow(b, at + 1 - b->len);
		memset(b->p + b->len, 0, at + 1 - b->len);
		b->len = at + 1;
	}
	b->p[at] |= (unsigned char)(0x80 >> (g % 8));
}

void
pdfa_cidset(const unsigned char *raw, size_t len, const unsigned int *gid,
    size_t n, struct buf *out)
{
	const unsigned char *loca = NULL, *head = NULL, *maxp = NULL, *e;
	size_t		 i, ntab, loca_len = 0, a, b;
	unsigned int	 nglyph, g, off;
	int		 longloca;

	out->len = 0;
	cid_bit(out, 0);
	for (i = 0; i < n; i++)
		cid_bit(out, gid[i]);

	/* The sfnt table directory (OpenType §5): head, maxp, loca. */
	if (len < 12)
		return;
	ntab = be16(raw + 4);
	if (12 + 16 * ntab > len)
		return;
	for (i = 0; i < ntab; i++) {
		e = raw + 12 + 16 * i;
		off = be32(e + 8);
		if (off > len || be32(e + 12) > len - off)
			return;
		if (memcmp(e, "head", 4) == 0 && be32(e + 12) >= 54)
			head = raw + off;
		else if (memcmp(e, "maxp", 4) == 0 && be32(e + 12) >= 6)
			maxp = raw + off;
		else if (memcmp(e, "loca", 4) == 0) {
			loca = raw + off;
			loca_len = be32(e + 12);
		}
	}
	if (head == NULL || maxp == NULL || loca == NULL)
		return;
	longloca = be16(head + 50) != 0;
	nglyph = be16(maxp + 4);
	if ((size_t)nglyph + 1 > loca_len / (longloca ? 4 : 2))
		return;
	for (g = 0; g < nglyph; g++) {
		if (longloca) {
			a = be32(loca + 4 * g);
			b = be32(loca + 4 * g + 4);
		} else {
			a = 2 * (size_t)be16(loca + 2 * g);
			b = 2 * (size_t)be16(loca + 2 * g + 2);
		}
		if (b > a)
			cid_bit(out, g);
	}
}
