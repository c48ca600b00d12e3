/* Deflate (RFC 1950 zlib streams, PDF's /FlateDecode): the only user of zlib. */
#ifndef ZIP_H
#define ZIP_H

#include <stddef.h>

struct buf;
struct zip;

#define ZIP_DEFAULT	(-1)	/* zlib's default level */
#define ZIP_BEST	9	/* the smallest output */

/* A deflater at level (0..9, or ZIP_DEFAULT), kept for many inputs.
 * Never NULL (no memory: exit 3).  Free with zip_free. */
struct zip	*zip_new(int level);

/* out (replaced) = in[0..len) deflated, as one zlib stream.  Its bytes
 * depend only on the input and the level. */
void		 zip_deflate(struct zip *, const void *in, size_t len,
		    struct buf *out);

void		 zip_free(struct zip *);

#endif /* ZIP_H */
