/* Case mapping and diacritic folding (utf8proc); to be merged into text.c. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text.h"
#include "xalloc.h"

char *
text_upper(const char *s)
{
	size_t		 len = strlen(s), k, n = 0, we;
	uint32_t	 cp;
	char		*out, *nfc;
	int		 keep = 0, start = 1;

	out = xmalloc(len * 3 + 1);
	for (; len > 0; s += k, len -= k) {
		if (start) {
			/* A word with a digit is a symbol: 830/QĐ-TTg. */
			we = strcspn(s, " ");
			keep = strcspn(s, "0123456789") < we;
		}
		start = *s == ' ';
		if ((k = text_decode(s, len, &cp)) == 0)
			break;
		if (!keep)
			cp = (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp);
		n += (size_t)utf8proc_encode_char((utf8proc_int32_t)cp,
		    (utf8proc_uint8_t *)out + n);
	}
	out[n] = '\0';
	nfc = text_nfc(out, n, NULL);
	free(out);
	return nfc;
}

char *
text_ascii(const char *s)
{
	utf8proc_uint8_t *d = NULL;
	utf8proc_ssize_t  n;
	char		 *out;
	size_t		  i, o = 0, k;
	uint32_t	  cp;

	/* Decompose, drop the marks: ấ → a, Ư → U; đ/Đ do not decompose. */
	n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &d,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
	    UTF8PROC_STRIPMARK);
	if (n < 0)
		return xstrdup("");
	out = xmalloc((size_t)n + 1);
	for (i = 0; i < (size_t)n; i += k) {
		k = text_decode((char *)d + i, (size_t)n - i, &cp);
		if (k == 0)
			break;
		if (cp == 0x0111)
			out[o++] = 'd';
		else if (cp == 0x0110)
			out[o++] = 'D';
		else {
			memcpy(out + o, d + i, k);
			o += k;
		}
	}
	out[o] = '\0';
	free(d);
	return out;
}

size_t
text_cut(const char *s, size_t max)
{
	size_t	 n = 0, k, len = strlen(s);
	uint32_t cp;

	while (n < len && (k = text_decode(s + n, len - n, &cp)) > 0 &&
	    n + k <= max)
		n += k;
	return n;
}
