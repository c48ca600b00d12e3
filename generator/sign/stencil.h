/*
 * The signature's and the seal's image (Decree 30 PL1 II.7.d, II.8.a:
 * a PNG with a transparent background, blue for the signer, red for the
 * seal) as a 1-bit stencil (/ImageMask: PDF/A-1b forbids soft masks,
 * SIGNING.md §5.3), made by sign/png.c, the only user of libpng.
 */
#ifndef STENCIL_H
#define STENCIL_H

#include <stddef.h>

#define STENCIL_MAX_PIXELS	(16u << 20)	/* width × height */

/*
 * The stencil: w × h pixels, rows top first, each (w + 7) / 8 bytes,
 * most significant bit first; a 0 bit paints (alpha >= 128), as an
 * /ImageMask with the default /Decode [0 1] reads it.
 */
struct stencil {
	unsigned	 w, h;		/* pixels */
	unsigned char	*bits;		/* h * ((w + 7) / 8) bytes; owned */
	size_t		 len;
	double		 rgb[3];	/* the mean colour of the painted
					   pixels, 0 to 1 */
};

/* The hue an image should have: the signer's blue or the seal's red. */
enum stencil_hue { STENCIL_BLUE, STENCIL_RED, STENCIL__MAX };

/*
 * Decode the PNG buf[0..len) (name for messages) into s.  Refuses (-1,
 * a message) a file that is no PNG, is larger than STENCIL_MAX_PIXELS,
 * has no transparency (colour type 4 or 6, or a tRNS chunk) or paints
 * nothing; warns when the painted pixels' dominant hue is not want.
 * Returns 0 with s filled (free with stencil_free).
 */
int	 stencil_load(const unsigned char *buf, size_t len, const char *name,
	    enum stencil_hue want, struct stencil *s);
void	 stencil_free(struct stencil *s);

#endif /* STENCIL_H */
