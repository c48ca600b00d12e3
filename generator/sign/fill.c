/* The number and the date filled into a draft's blanks (issue 15). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/msg.h"
#include "base/xalloc.h"
#include "layout/layout.h"
#include "pdf/font.h"
#include "sign/fill.h"

/* The annotation's room below the baseline, times the size: the digits need
 * none, the rectangle keeps the line's descent (Liberation Serif's is
 * 216). */
#define FILL_BELOW	0.25

/* A number in a content stream: at most 3 decimals, no "-0". */
static void
num(struct buf *b, double v)
{
	char	 s[64];
	long long m;

	m = llround(v * 1000);
	if (m < 0) {
		buf_addc(b, '-');
		m = -m;
	}
	snprintf(s, sizeof(s), "%lld", m / 1000);
	buf_adds(b, s);
	if (m % 1000 != 0) {
		snprintf(s, sizeof(s), ".%03lld", m % 1000);
		while (s[strlen(s) - 1] == '0')
			s[strlen(s) - 1] = '\0';
		buf_adds(b, s);
	}
}

/* The text of blank name: FORMAT.md §4. */
static char *
fill_text(const char *name, long so, struct date dt)
{
	if (strcmp(name, MARK_SO) == 0)
		return xasprintf("%02ld", so);
	if (strcmp(name, MARK_NGAY) == 0)
		return xasprintf("%02d", dt.d);
	return dt.m <= 2 ? xasprintf("%02d", dt.m) : xasprintf("%d", dt.m);
}

int
fill_plan(const struct layout *lo, const struct fonts *f, long so,
    struct date dt, struct fill **out)
{
	struct fill	*v = NULL, *fl;
	const struct box *b;
	size_t		 n = 0, i, j;
	const char	*c;
	double		 w, tw, x;
	unsigned int	 gid;
	char		 hex[8];

	*out = NULL;
	for (i = 0; i < lo->npage; i++)
		for (j = 0; j < lo->page[i].nbox; j++) {
			b = &lo->page[i].box[j];
			if (b->type != BOX_MARK || b->size == 0)
				continue;
			v = xreallocarray(v, n + 1, sizeof(*v));
			fl = &v[n++];
			memset(fl, 0, sizeof(*fl));
			fl->page = i;
			fl->name = strcmp(b->text, MARK_SO) == 0 ? MARK_SO :
			    strcmp(b->text, MARK_NGAY) == 0 ? MARK_NGAY :
			    MARK_THANG;
			fl->face = b->face;
			fl->size = b->size;
			fl->text = fill_text(fl->name, so, dt);
			/* The blank from the descent to the ascent. */
			fl->rect[0] = b->x;
			fl->rect[1] = b->y - FILL_BELOW * b->size;
			fl->rect[2] = b->x2;
			fl->rect[3] = b->y2;
			w = b->x2 - b->x;
			tw = 0;
			for (c = fl->text; *c != '\0'; c++)
				tw += fonts_glyph_width(f, b->face,
				    fonts_glyph(f, b->face,
				    (unsigned char)*c)) * b->size / 1000;
			if (tw > w + 1e-6) {
				MSGT(FILL_TOO_WIDE, NULL, 0, 0, fl->text,
				    i + 1, tw * 25.4 / 72, w * 25.4 / 72);
				fill_free(v, n);
				return -1;
			}
			x = strcmp(fl->name, MARK_SO) == 0 ? w - tw : (w - tw) / 2;
			buf_adds(&fl->ap, "BT /F0 ");
			num(&fl->ap, b->size);
			buf_adds(&fl->ap, " Tf ");
			num(&fl->ap, x);
			buf_addc(&fl->ap, ' ');
			num(&fl->ap, FILL_BELOW * b->size);
			buf_adds(&fl->ap, " Td <");
			for (c = fl->text; *c != '\0'; c++) {
				gid = fonts_glyph(f, b->face,
				    (unsigned char)*c);
				snprintf(hex, sizeof(hex), "%04X", gid);
				buf_adds(&fl->ap, hex);
			}
			buf_adds(&fl->ap, "> Tj ET");
		}
	*out = v;
	return (int)n;
}

void
fill_free(struct fill *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].text);
		buf_free(&v[i].ap);
	}
	free(v);
}
