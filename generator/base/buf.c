/* The one growable byte buffer (buf.h). */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"

void
buf_grow(struct buf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 256;
	while (b->len + more + 1 > b->cap)
		b->cap *= 2;
	b->p = xrealloc(b->p, b->cap);
}

void
buf_add(struct buf *b, const void *s, size_t len)
{
	buf_grow(b, len);
	if (len > 0)
		memcpy(b->p + b->len, s, len);
	b->len += len;
	b->p[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_grow(b, 1);
	b->p[b->len++] = (unsigned char)c;
	b->p[b->len] = '\0';
}

void
buf_uint(struct buf *b, unsigned long long v)
{
	char	 s[24];
	size_t	 n = sizeof(s);

	do
		s[--n] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	buf_add(b, s + n, sizeof(s) - n);
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}
