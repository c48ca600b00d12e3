/*
 * libFuzzer harness: the PDF writer (pdf_write), layout in, bytes out.
 * The input is read as boxes, 12 bytes each, then text: a type byte, a
 * face, x, y, x2, y2 as 16-bit pt (some far off the page, some
 * negative), a size byte, a width byte, and for a text box a run of the
 * input up to the next NUL (any bytes: invalid UTF-8 must be refused,
 * not written).  A page ends at a box of type 0xFF.  Written bytes must
 * begin with "%PDF-" and end with "%%EOF"; the same layout written
 * twice, through one writer, gives the same bytes.  The faces are the
 * template's ($CONGVAN_TEMPLATE, by default templates/cong-van.yaml).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/msg.h"
#include "base/xalloc.h"
#include "fuzz.h"
#include "layout/layout.h"
#include "load/tmpl.h"
#include "pdf/font.h"
#include "pdf/pdf.h"

#define MAX_PAGES	4
#define MAX_BOXES	64

static struct fonts	*fonts;
static struct icc	*icc;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*path;
	struct tmpl	*t;

	msg_set_silent(1);
	if ((path = getenv("CONGVAN_TEMPLATE")) == NULL)
		path = "templates/cong-van.yaml";
	if ((t = tmpl_load(path)) == NULL ||
	    (fonts = fonts_load((const char *const *)t->font,
	    t->font_package)) == NULL ||
	    (icc = icc_load(t->icc, t->icc_condition, t->icc_package)) ==
	    NULL) {
		fprintf(stderr, "fuzz_pdf: cannot load %s or its fonts\n",
		    path);
		exit(1);
	}
	tmpl_free(t);
	msg_reset();
	return 0;
}

static double
coord(const uint8_t *p)
{
	return (double)(int16_t)(p[0] << 8 | p[1]) / 16.0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct layout	 lo;
	struct pdf_info	 pi;
	struct pdf	*pdf;
	struct page	*pg;
	struct box	*b;
	unsigned char	*out, *out2;
	size_t		 len, len2, i, n;
	const uint8_t	*end = data + size;
	int		 rc, rc2;

	memset(&lo, 0, sizeof(lo));
	lo.width = 595.28;
	lo.height = 841.89;
	lo.page = xcalloc(MAX_PAGES, sizeof(*lo.page));
	lo.npage = 1;
	while (data + 12 <= end) {
		pg = &lo.page[lo.npage - 1];
		if (data[0] == 0xFF) {
			data++;
			if (lo.npage == MAX_PAGES)
				break;
			lo.npage++;
			continue;
		}
		if (pg->nbox == MAX_BOXES)
			break;
		if (pg->nbox == 0)
			pg->box = xcalloc(MAX_BOXES, sizeof(*pg->box));
		b = &pg->box[pg->nbox++];
		b->type = data[0] & 1 ? BOX_LINE : BOX_TEXT;
		b->face = (enum face)(data[1] % FACE__MAX);
		b->x = coord(data + 2);
		b->y = coord(data + 4);
		b->x2 = coord(data + 6);
		b->y2 = coord(data + 8);
		b->size = data[10] % 40;
		b->w = data[11] / 4.0;
		data += 12;
		if (b->type == BOX_TEXT) {
			n = strnlen((const char *)data, (size_t)(end - data));
			b->text = xstrndup((const char *)data, n);
			data += n < (size_t)(end - data) ? n + 1 : n;
		}
	}
	lo.nletter = lo.npage;
	memset(&pi, 0, sizeof(pi));
	pi.title = "Công văn";
	pi.year = 2022;
	pi.month = 2;
	pi.day = 5;
	pdf = pdf_new(fonts, icc);
	rc = pdf_write(pdf, &lo, &pi, &out, &len);
	if (rc == 0) {
		if (len < 10 || memcmp(out, "%PDF-", 5) != 0)
			abort();
		for (i = len - 10; i < len - 4; i++)
			if (memcmp(out + i, "%%EOF", 5) == 0)
				break;
		if (i == len - 4)
			abort();	/* no %%EOF at the end */
		rc2 = pdf_write(pdf, &lo, &pi, &out2, &len2);
		if (rc2 != 0 || len2 != len || memcmp(out, out2, len) != 0)
			abort();	/* reproducible, whatever came before */
		free(out2);
		free(out);
	}
	pdf_free(pdf);
	for (i = 0; i < lo.npage; i++) {
		for (n = 0; n < lo.page[i].nbox; n++)
			free(lo.page[i].box[n].text);
		free(lo.page[i].box);
	}
	free(lo.page);
	msg_reset();
	return 0;
}
