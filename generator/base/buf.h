/* The one growable byte buffer. */
#ifndef BUF_H
#define BUF_H

#include <stddef.h>

/*
 * Bytes p[0..len), always followed by a NUL (so that text built here is
 * a C string too), in cap bytes.  Zero it to start (or BUF_INIT); the
 * owner frees p (buf_free).  Growing when memory runs out exits 3.
 */
struct buf {
	unsigned char	*p;
	size_t		 len, cap;
};
#define BUF_INIT	{ NULL, 0, 0 }

void	 buf_grow(struct buf *, size_t more);	/* room for more + NUL */
void	 buf_add(struct buf *, const void *s, size_t len);
void	 buf_adds(struct buf *, const char *s);
void	 buf_addc(struct buf *, char c);
void	 buf_uint(struct buf *, unsigned long long v);	/* in decimal */
void	 buf_free(struct buf *);

#endif /* BUF_H */
