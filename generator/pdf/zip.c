/* Deflate through zlib, for PDF streams (zip.h). */
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>

#include "base/buf.h"
#include "base/msg.h"
#include "base/xalloc.h"
#include "pdf/zip.h"

struct zip {
	z_stream	 z;
};

struct zip *
zip_new(int level)
{
	struct zip	*z = xcalloc(1, sizeof(*z));

	if (deflateInit(&z->z, level) != Z_OK)
		DIE(SYS_OUT_OF_MEMORY);
	return z;
}

void
zip_deflate(struct zip *zp, const void *in, size_t len, struct buf *out)
{
	z_stream	*z = &zp->z;
	size_t		 bound;

	if (deflateReset(z) != Z_OK)
		DIE(PDF_SYS_DEFLATE_FAILED);
	bound = deflateBound(z, len);
	out->len = 0;
	buf_grow(out, bound);
	z->next_in = (Bytef *)(uintptr_t)in;
	z->avail_in = (uInt)len;
	z->next_out = out->p;
	z->avail_out = (uInt)bound;
	if (deflate(z, Z_FINISH) != Z_STREAM_END)
		DIE(PDF_SYS_DEFLATE_FAILED);
	out->len = bound - z->avail_out;
}

void
zip_free(struct zip *z)
{
	if (z == NULL)
		return;
	deflateEnd(&z->z);
	free(z);
}
