/* PNG signature and seal images to 1-bit stencils, with libpng. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

#include "base/msg.h"
#include "base/xalloc.h"
#include "sign/stencil.h"

/* The hue in degrees (0 to 360) of r, g, b (0 to 1), or -1 for a grey. */
static double
hue(double r, double g, double b)
{
	double	 mx = fmax(r, fmax(g, b)), mn = fmin(r, fmin(g, b)), h;

	if (mx - mn < 0.08)
		return -1;
	if (mx == r)
		h = 60 * fmod((g - b) / (mx - mn), 6);
	else if (mx == g)
		h = 60 * ((b - r) / (mx - mn) + 2);
	else
		h = 60 * ((r - g) / (mx - mn) + 4);
	return h < 0 ? h + 360 : h;
}

int
stencil_load(const unsigned char *buf, size_t len, const char *name,
    enum stencil_hue want, struct stencil *s)
{
	png_image	 im;
	unsigned char	*px = NULL;
	size_t		 row, n = 0, x, y;
	double		 sum[3] = { 0, 0, 0 }, h;
	int		 rc = -1;

	memset(s, 0, sizeof(*s));
	memset(&im, 0, sizeof(im));
	im.version = PNG_IMAGE_VERSION;
	if (len < 8 || png_sig_cmp(buf, 0, 8) != 0 ||
	    !png_image_begin_read_from_memory(&im, buf, len)) {
		MSGT(IMAGE_NOT_PNG, name, 0, 0);
		goto out;
	}
	if (im.width == 0 || im.height == 0 ||
	    (unsigned long long)im.width * im.height > STENCIL_MAX_PIXELS) {
		MSGT(IMAGE_TOO_LARGE, name, 0, 0, im.width, im.height,
		    STENCIL_MAX_PIXELS);
		goto out;
	}
	/* alpha from colour type 4 or 6, or from a tRNS chunk */
	if ((im.format & PNG_FORMAT_FLAG_ALPHA) == 0) {
		MSGT(IMAGE_NO_ALPHA, name, 0, 0);
		goto out;
	}
	im.format = PNG_FORMAT_RGBA;
	px = xreallocarray(NULL, (size_t)im.width * 4, im.height);
	if (!png_image_finish_read(&im, NULL, px, 0, NULL)) {
		MSGT(IMAGE_BROKEN, name, 0, 0, im.message);
		goto out;
	}
	s->w = im.width;
	s->h = im.height;
	row = (s->w + 7) / 8;
	s->len = row * s->h;
	s->bits = xmalloc(s->len);
	memset(s->bits, 0xff, s->len);
	for (y = 0; y < s->h; y++)
		for (x = 0; x < s->w; x++) {
			const unsigned char *p = px + (y * s->w + x) * 4;

			if (p[3] < 128)
				continue;
			s->bits[y * row + x / 8] &= (unsigned char)~(0x80 >>
			    (x % 8));
			sum[0] += p[0];
			sum[1] += p[1];
			sum[2] += p[2];
			n++;
		}
	if (n == 0) {
		MSGT(IMAGE_EMPTY, name, 0, 0);
		stencil_free(s);
		goto out;
	}
	for (x = 0; x < 3; x++)
		s->rgb[x] = sum[x] / n / 255;
	h = hue(s->rgb[0], s->rgb[1], s->rgb[2]);
	if (want == STENCIL_BLUE && !(h >= 180 && h <= 260))
		MSGT(IMAGE_NOT_BLUE, name, 0, 0);
	else if (want == STENCIL_RED && !(h >= 0 && (h <= 25 || h >= 335)))
		MSGT(IMAGE_NOT_RED, name, 0, 0);
	rc = 0;
out:
	png_image_free(&im);
	free(px);
	return rc;
}

void
stencil_free(struct stencil *s)
{
	free(s->bits);
	memset(s, 0, sizeof(*s));
}
