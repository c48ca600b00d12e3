/* UTF-8 text at the input boundary: reading, validation, NFC, positions. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "base/msg.h"
#include "base/text.h"
#include "base/xalloc.h"

/*
 * Control characters reported one by one per file; the last report
 * counts the rest, so that a UTF-16 file read as UTF-8 (a NUL after
 * every letter) does not print a million lines.
 */
#define TEXT_MAX_REPORT	20

/*
 * At most this many combining marks in a row, as in Unicode's
 * Stream-Safe Text Format (UAX #15): utf8proc sorts a run of marks by
 * bubble sort, so a file of alternating marks would take hours to
 * normalise.  Vietnamese needs two at most.
 */
#define TEXT_MAX_MARKS	30

/*
 * Length of the UTF-8 sequence at s[0], or 0 if it is not a valid one
 * (stray continuation byte, overlong form, surrogate, above U+10FFFF,
 * or cut short by the end of the buffer).
 */
static size_t
seqlen(const unsigned char *s, size_t len)
{
	unsigned char	 c = s[0];
	unsigned char	 lo = 0x80, hi = 0xBF;
	size_t		 n, i;

	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0;
	if (c < 0xE0)
		n = 2;
	else if (c < 0xF0) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;	/* overlong */
		else if (c == 0xED)
			hi = 0x9F;	/* surrogates */
	} else if (c < 0xF5) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;	/* overlong */
		else if (c == 0xF4)
			hi = 0x8F;	/* above U+10FFFF */
	} else
		return 0;
	if (len < n)
		return 0;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return n;
}

int
text_utf8_valid(const char *s, size_t len, size_t *bad)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, n;

	for (i = 0; i < len; i += n)
		if ((n = seqlen(u + i, len - i)) == 0) {
			if (bad != NULL)
				*bad = i;
			return 0;
		}
	return 1;
}

/*
 * Invalid input is not expected here; should it come anyway, one byte
 * is consumed and U+FFFD returned, so that callers always advance.
 */
size_t
text_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n, i;
	uint32_t		 c;

	if (len == 0) {
		*cp = 0;
		return 0;
	}
	switch ((n = seqlen(u, len))) {
	case 0:
		*cp = 0xFFFD;
		return 1;
	case 1:
		*cp = u[0];
		return 1;
	case 2:
		c = u[0] & 0x1F;
		break;
	case 3:
		c = u[0] & 0x0F;
		break;
	default:
		c = u[0] & 0x07;
		break;
	}
	for (i = 1; i < n; i++)
		c = (c << 6) | (u[i] & 0x3F);
	*cp = c;
	return n;
}

size_t
text_decode_valid(const char *s, size_t len, uint32_t *cp)
{
	if (len == 0 || seqlen((const unsigned char *)s, len) == 0)
		return 0;
	return text_decode(s, len, cp);
}

size_t
text_column(const char *line, size_t off)
{
	const unsigned char	*u = (const unsigned char *)line;
	size_t			 i, col = 1;

	/* Every byte but a continuation byte starts a character. */
	for (i = 0; i < off; i++)
		if ((u[i] & 0xC0) != 0x80)
			col++;
	return col;
}

/*
 * The result comes from utf8proc's malloc; the caller frees it with
 * free(3) like any other buffer.  Input that is not valid UTF-8 breaks
 * the contract; it is copied unchanged rather than crashing.
 */
char *
text_nfc(const char *s, size_t len, size_t *outlen)
{
	utf8proc_uint8_t	*dst;
	utf8proc_ssize_t	 n;

	if (len == 0) {
		if (outlen != NULL)
			*outlen = 0;
		return xstrdup("");
	}
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	    &dst, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n == UTF8PROC_ERROR_NOMEM)
		DIE(SYS_OUT_OF_MEMORY);
	if (n < 0) {
		if (outlen != NULL)
			*outlen = len;
		return xstrndup(s, len);
	}
	if (outlen != NULL)
		*outlen = (size_t)n;
	return (char *)dst;
}

/*
 * Windows-1258 bytes of Vietnamese letters: À Á Â Ă È É Ê Í Đ Ó Ô Ơ Ù
 * Ú Ư and their lower case, ₫, and the combining tone marks (grave
 * 0xCC, hook 0xD2, tilde 0xDE, acute 0xEC, dot below 0xF2) that
 * Windows uses for every other toned vowel.  A 1 marks bytes that
 * Windows-1252 readers would show as something else (Ă Đ Ơ Ư ₫ and the
 * tone marks), which tells Vietnamese from French or German text.
 */
static int
cp1258_letter(unsigned char c, int *distinct)
{
	switch (c) {
	case 0xC3: case 0xE3:	/* Ă ă */
	case 0xD0: case 0xF0:	/* Đ đ */
	case 0xD5: case 0xF5:	/* Ơ ơ */
	case 0xDD: case 0xFD:	/* Ư ư */
	case 0xFE:		/* ₫ */
	case 0xCC: case 0xEC:	/* combining grave, acute */
	case 0xD2: case 0xDE:	/* combining hook above, tilde */
	case 0xF2:		/* combining dot below */
		*distinct = 1;
		return 1;
	case 0xC0: case 0xC1: case 0xC2:	/* À Á Â */
	case 0xC8: case 0xC9: case 0xCA:	/* È É Ê */
	case 0xCD:				/* Í */
	case 0xD3: case 0xD4:			/* Ó Ô */
	case 0xD9: case 0xDA:			/* Ù Ú */
	case 0xE0: case 0xE1: case 0xE2:	/* à á â */
	case 0xE8: case 0xE9: case 0xEA:	/* è é ê */
	case 0xED:				/* í */
	case 0xF3: case 0xF4:			/* ó ô */
	case 0xF9: case 0xFA:			/* ù ú */
		*distinct = 0;
		return 1;
	default:
		return 0;
	}
}

/*
 * Not every high byte of a Windows-1258 file is a letter: typographic
 * quotes, dashes and the ellipsis that Word and Excel put in are
 * counted neither for nor against.  Everything else (in particular the
 * 0x80-0xBF continuation bytes that fill real UTF-8) counts against,
 * so a UTF-8 file with one stray byte never reads as Windows-1258.
 */
int
text_is_cp1258(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, letters = 0, other = 0, distinct = 0;
	int			 d;

	if (text_utf8_valid(s, len, NULL))
		return 0;
	for (i = 0; i < len; i++) {
		if (u[i] < 0x80)
			continue;
		switch (u[i]) {
		case 0x81: case 0x8A: case 0x8D: case 0x8E:
		case 0x8F: case 0x90: case 0x9A: case 0x9D:
		case 0x9E:
			return 0;	/* undefined in Windows-1258 */
		case 0x85:			/* … */
		case 0x91: case 0x92:		/* ‘ ’ */
		case 0x93: case 0x94:		/* “ ” */
		case 0x96: case 0x97:		/* – — */
		case 0xA0:			/* no-break space */
			continue;
		default:
			break;
		}
		if (cp1258_letter(u[i], &d)) {
			letters++;
			if (d)
				distinct++;
		} else
			other++;
	}
	return distinct > 0 && letters >= 4 * other;
}

static int
is_control(uint32_t cp)
{
	if (cp == '\t' || cp == '\n' || cp == '\r')
		return 0;
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* Format characters (Unicode Cf): soft hyphen, zero-width joiners,
 * direction marks.  libharu would draw them as visible glyphs. */
static int
is_format(uint32_t cp)
{
	return utf8proc_category((utf8proc_int32_t)cp) ==
	    UTF8PROC_CATEGORY_CF;
}

static int
is_csv(const char *name)
{
	size_t	 len;

	if (name == NULL || (len = strlen(name)) < 4)
		return 0;
	return strcasecmp(name + len - 4, ".csv") == 0;
}

/*
 * What to tell the clerk after "invalid UTF-8 byte 0xNN", when the
 * bytes show what the file is; "" when they don't.
 */
/* The message for an invalid byte: what the file looks like, and how
 * to save it again as UTF-8 (a CSV from Excel, or any other file). */
static enum msgt
invalid_byte(const char *buf, size_t len, const char *name)
{
	const unsigned char	*u = (const unsigned char *)buf;
	int			 csv = is_csv(name);

	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
	    (u[0] == 0xFE && u[1] == 0xFF)))
		return csv ? MSGT_TEXT_INVALID_BYTE_UTF16_CSV :
		    MSGT_TEXT_INVALID_BYTE_UTF16;
	if (text_is_cp1258(buf, len))
		return csv ? MSGT_TEXT_INVALID_BYTE_CP1258_CSV :
		    MSGT_TEXT_INVALID_BYTE_CP1258;
	return MSGT_TEXT_INVALID_BYTE;
}

/*
 * One pass in file order: control characters and overlong runs of
 * combining marks are reported as they come, and the first invalid
 * byte ends the pass, since nothing after it can be trusted to mean
 * what it seems.  Positions count from the file as the clerk's editor
 * shows it: the BOM takes no column.
 */
char *
text_load(const char *buf, size_t len, const char *name, size_t *outlen)
{
	const unsigned char	*u;
	size_t			 i, n, line = 1, ls = 0, nerr = 0, nctl = 0;
	size_t			 marks = 0, lastline = 0, lastcol = 0;
	uint32_t		 cp, lastcp = 0;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	u = (const unsigned char *)buf;
	for (i = 0; i < len; i += n) {
		if ((n = seqlen(u + i, len - i)) == 0) {
			/* Each of these texts takes the byte. */
			msg_id(invalid_byte(buf, len, name), name, line,
			    text_column(buf + ls, i - ls), (unsigned)u[i]);
			nerr++;
			break;
		}
		text_decode(buf + i, n, &cp);
		if (cp >= 0x300 &&
		    utf8proc_get_property((utf8proc_int32_t)cp)->
		    combining_class != 0) {
			if (++marks == TEXT_MAX_MARKS + 1) {
				MSGT(TEXT_MORE_COMBINING_MARKS_ROW, name, line,
				    text_column(buf + ls, i - ls),
				    TEXT_MAX_MARKS);
				nerr++;
			}
		} else
			marks = 0;
		if (cp == '\n') {
			line++;
			ls = i + 1;
		} else if (is_control(cp) || is_format(cp)) {
			if (++nctl < TEXT_MAX_REPORT)
				if (is_control(cp))
					MSGT(TEXT_CONTROL_CHARACTER_U, name,
					    line, text_column(buf + ls, i - ls),
					    (unsigned)cp);
				else
					MSGT(TEXT_INVISIBLE_CHARACTER, name,
					    line, text_column(buf + ls, i - ls),
					    (unsigned)cp);
			else if (nctl == TEXT_MAX_REPORT) {
				lastline = line;
				lastcol = text_column(buf + ls, i - ls);
				lastcp = cp;
			}
			nerr++;
		}
	}
	if (nctl == TEXT_MAX_REPORT)
		MSGT(TEXT_CONTROL_CHARACTER_U, name, lastline, lastcol,
		    (unsigned)lastcp);
	else if (nctl > TEXT_MAX_REPORT)
		MSGT(TEXT_CONTROL_CHARACTER_U_MORE, name, lastline, lastcol,
		    (unsigned)lastcp, nctl - TEXT_MAX_REPORT);
	if (nerr > 0)
		return NULL;
	return text_nfc(buf, len, outlen);
}

/*
 * read(2) into a buffer that doubles as needed, never beyond one byte
 * past the limit: enough to know that the file is too large without
 * reading all of it.
 */
char *
text_read_file(const char *path, size_t *len)
{
	struct stat	 st;
	char		*buf;
	size_t		 sz = 0, cap = 8192;
	ssize_t		 n;
	int		 fd, serrno;

	/* O_NONBLOCK: a FIFO must not block the open (issue 4). */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return NULL;
	}
	{
		if (st.st_size > (off_t)TEXT_MAX_FILE) {
			close(fd);
			errno = EFBIG;
			return NULL;
		}
		if ((size_t)st.st_size + 1 > cap)
			cap = (size_t)st.st_size + 1;
	}
	buf = xmalloc(cap + 1);
	for (;;) {
		if (sz == cap) {
			cap = cap > TEXT_MAX_FILE / 2 ?
			    TEXT_MAX_FILE + 1 : cap * 2;
			buf = xrealloc(buf, cap + 1);
		}
		if ((n = read(fd, buf + sz, cap - sz)) == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (n == 0)
			break;
		sz += (size_t)n;
		if (sz > TEXT_MAX_FILE) {
			errno = EFBIG;
			goto fail;
		}
	}
	close(fd);
	buf[sz] = '\0';
	*len = sz;
	return buf;
fail:
	serrno = errno;
	close(fd);
	free(buf);
	errno = serrno;
	return NULL;
}

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

/* White space for text_fold: Zs (space, U+00A0, U+2000-U+200A, U+3000),
 * line and paragraph separators, and the C0/C1 breaks. */
static int
is_space(uint32_t cp)
{
	utf8proc_category_t	 c;

	if (cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85)
		return 1;
	if (cp < 0x80)
		return 0;
	c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
	    c == UTF8PROC_CATEGORY_ZP;
}

/*
 * utf8proc folds case during decomposition and composes again after,
 * so "HỘI" and "Hội" (NFC or not) give the same bytes.
 */
char *
text_fold(const char *s)
{
	utf8proc_uint8_t *d = NULL;
	utf8proc_ssize_t  n;
	char		 *out;
	size_t		  i, o = 0, k;
	uint32_t	  cp;
	int		  sp = 0;

	n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &d,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	    UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
	if (n == UTF8PROC_ERROR_NOMEM)
		DIE(SYS_OUT_OF_MEMORY);
	if (n < 0)
		return xstrdup(s);	/* not UTF-8: breaks the contract */
	out = xmalloc((size_t)n + 1);
	for (i = 0; i < (size_t)n; i += k) {
		if ((k = text_decode((char *)d + i, (size_t)n - i, &cp)) == 0)
			break;
		if (is_space(cp)) {
			sp = o > 0;
			continue;
		}
		if (sp) {
			out[o++] = ' ';
			sp = 0;
		}
		memcpy(out + o, d + i, k);
		o += k;
	}
	out[o] = '\0';
	free(d);
	return out;
}

char *
text_read_input(const char *path, size_t *len, enum msgt missing)
{
	char	*buf;

	if ((buf = text_read_file(path, len)) != NULL)
		return buf;
	switch (errno) {
	case ENOENT:
		if (missing != MSGT__MAX)
			msg_id(missing, path, 0, 0);	/* no arguments */
		errno = ENOENT;
		return NULL;
	case EFBIG:
		MSGT(TEXT_FILE_LARGER_BYTES, path, 0, 0,
		    TEXT_MAX_FILE);
		break;
	case EISDIR:
	case EINVAL:
		MSGT(TEXT_NOT_REGULAR_FILE, path, 0, 0);
		break;
	default:
		DIE(SYS_FILE, path, strerror(errno));
	}
	errno = EINVAL;
	return NULL;
}

size_t
text_label_len(const char *s, const char *label)
{
	size_t		 i = 0, j = 0, k, sl = strlen(s), ll = strlen(label);
	utf8proc_category_t c;
	uint32_t	 a, b;

	while (j < ll) {
		if (label[j] == ' ') {
			/* One space of the label: a run of white space. */
			size_t	 i0 = i;

			while (i < sl && (k = text_decode(s + i, sl - i,
			    &a)) > 0 && is_space(a))
				i += k;
			if (i == i0)
				return 0;
			j++;
			continue;
		}
		if ((k = text_decode(s + i, sl - i, &a)) == 0)
			return 0;
		j += text_decode(label + j, ll - j, &b);
		if (utf8proc_tolower((utf8proc_int32_t)a) !=
		    utf8proc_tolower((utf8proc_int32_t)b))
			return 0;
		i += k;
	}
	/* The word must end with the label. */
	if (i < sl && text_decode(s + i, sl - i, &a) > 0) {
		c = utf8proc_category((utf8proc_int32_t)a);
		if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ND)
			return 0;	/* a letter, mark or digit */
	}
	return i;
}

char *
text_one_line(const char *s)
{
	char	*out = xmalloc(strlen(s) + 1);
	size_t	 o = 0, e;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	for (; *s != '\0'; s++) {
		if (*s != '\n' && *s != '\r') {
			out[o++] = *s;
			continue;
		}
		while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '\t'))
			o--;
		while (s[1] == ' ' || s[1] == '\t' || s[1] == '\n' ||
		    s[1] == '\r')
			s++;
		out[o++] = ' ';
	}
	for (e = o; e > 0 && (out[e - 1] == ' ' || out[e - 1] == '\t'); e--)
		;
	out[e] = '\0';
	return out;
}
