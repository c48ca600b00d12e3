/* The text of a CID font's ToUnicode CMap and /W widths (PDF 32000-1
 * 9.10.3, 9.7.4.3): bytes only, no libharu. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"
#include "pdf/cidtext.h"

#define BFCHAR_MAX	100		/* entries per beginbfchar block */

static int
uint_cmp(const void *a, const void *b)
{
	unsigned int	 x = *(const unsigned int *)a;
	unsigned int	 y = *(const unsigned int *)b;

	return x < y ? -1 : x > y;
}

static size_t
digits(unsigned int v)
{
	size_t	 n = 1;

	while ((v /= 10) != 0)
		n++;
	return n;
}

/*
 * A ToUnicode CMap: bfchar of every glyph drawn (CID = GID) to the code
 * point it shows, in blocks of BFCHAR_MAX, never one big bfrange
 * (LIBS.md §2, §13), from pairs of a 2-byte glyph id and a 3-byte code
 * point, big-endian.
 */
void
cid_cmap_text(struct buf *b, const unsigned char *pair, size_t n)
{
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
	char		 line[32];
	size_t		 i, j, k;
	const unsigned char *q;
	uint32_t	 cp;
	int		 len;

	b->len = 0;
	buf_add(b, head, sizeof(head) - 1);
	for (i = 0; i < n; i += k) {
		k = n - i < BFCHAR_MAX ? n - i : BFCHAR_MAX;
		len = snprintf(line, sizeof(line), "%zu beginbfchar\n", k);
		buf_add(b, line, (size_t)len);
		for (j = i; j < i + k; j++) {
			q = pair + 5 * j;
			cp = (uint32_t)q[2] << 16 | (uint32_t)q[3] << 8 | q[4];
			if (cp > 0xFFFF)	/* UTF-16: a surrogate pair */
				len = snprintf(line, sizeof(line),
				    "<%02X%02X> <%04X%04X>\n", q[0], q[1],
				    (unsigned int)(0xD800 + ((cp - 0x10000) >> 10)),
				    (unsigned int)(0xDC00 + (cp & 0x3FF)));
			else
				len = snprintf(line, sizeof(line),
				    "<%02X%02X> <%04X>\n", q[0], q[1],
				    (unsigned int)cp);
			buf_add(b, line, (size_t)len);
		}
		buf_adds(b, "endbfchar\n");
	}
	buf_add(b, tail, sizeof(tail) - 1);
}

/* Append the pair (gid, cp) to a CMap key. */
void
cid_pair_add(struct buf *k, unsigned int gid, uint32_t cp)
{
	unsigned char	 rec[5];

	rec[0] = (unsigned char)(gid >> 8);
	rec[1] = (unsigned char)gid;
	rec[2] = (unsigned char)(cp >> 16);
	rec[3] = (unsigned char)(cp >> 8);
	rec[4] = (unsigned char)cp;
	buf_add(k, rec, sizeof(rec));
}

/*
 * "/DW d /W [...]" for glyphs gid[0..n) (ascending) of advances
 * w[0..n): the most common advance (the smallest of equals) as /DW,
 * the others as runs "first [w w ...]" of consecutive CIDs (LIBS.md §3:
 * libharu's /W lists all 65,536 code points).  A run goes on over a
 * few CIDs when that is shorter than starting the next: glyphs drawn
 * in between get their advance, CIDs not drawn 0 (never shown, so any
 * value would do).
 */
void
cid_w_text(struct buf *b, const unsigned int *gid, const unsigned int *w,
    size_t n)
{
	unsigned int	*t, dw, best, c;
	size_t		 i, j, k, last, cost;

	b->len = 0;
	dw = 1000;
	if (n > 0) {
		t = xreallocarray(NULL, n, sizeof(*t));
		memcpy(t, w, n * sizeof(*t));
		qsort(t, n, sizeof(*t), uint_cmp);
		for (i = 0, best = 0; i < n; i = j) {
			for (j = i; j < n && t[j] == t[i]; j++)
				;
			if (j - i > best) {
				best = (unsigned int)(j - i);
				dw = t[i];
			}
		}
		free(t);
	}
	buf_adds(b, "/DW ");
	buf_uint(b, dw);
	buf_adds(b, "\012/W [");
	for (i = 0; i < n; i = last + 1) {
		last = i;
		if (w[i] == dw)
			continue;
		buf_uint(b, gid[i]);
		buf_addc(b, '[');
		buf_uint(b, w[i]);
		for (;;) {
			for (k = last + 1; k < n && w[k] == dw; k++)
				;
			if (k >= n)
				break;
			/* " 0" a CID not drawn, " w" one drawn, then " w"
			 * of k, against "]first[w" of a new run. */
			cost = 2 * (gid[k] - gid[last] - 1 - (k - last - 1));
			for (j = last + 1; j < k; j++)
				cost += digits(w[j]) + 1;
			if (cost + 1 > digits(gid[k]) + 2)
				break;
			for (c = gid[last] + 1, j = last + 1; c < gid[k]; c++)
				if (j < k && gid[j] == c) {
					buf_addc(b, ' ');
					buf_uint(b, w[j++]);
				} else
					buf_adds(b, " 0");
			buf_addc(b, ' ');
			buf_uint(b, w[k]);
			last = k;
		}
		buf_addc(b, ']');
	}
	buf_adds(b, "]\012");
}

void
cid_sort(unsigned int *gid, size_t n)
{
	qsort(gid, n, sizeof(*gid), uint_cmp);
}
