/* UTF-8 text at the input boundary: validation, NFC, positions, encodings. */
#ifndef TEXT_H
#define TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Hard limit on an input file (bytes); larger is an error. */
#define TEXT_MAX_FILE	(16u * 1024 * 1024)

/*
 * Read a whole file.  Returns a NUL-terminated buffer the caller frees,
 * and its length in *len.  On failure returns NULL with errno set
 * (ENOENT: missing, exit 1 for the caller; anything else: exit 3;
 * EFBIG: larger than TEXT_MAX_FILE).
 */
char	*text_read_file(const char *path, size_t *len);

/*
 * Check and normalise one input file (SPEC.md "Rules", Inputs):
 * strips a leading UTF-8 BOM, refuses invalid UTF-8 at its first bad
 * byte (FILE:LINE:COL, and says when the bytes read as Windows-1258),
 * refuses NUL and other control characters except TAB, LF and CR
 * (each with its line and column, every one reported), and returns the
 * NFC form, NUL-terminated, which the caller frees; *outlen gets its
 * length.  Returns NULL after reporting through msg().
 */
char	*text_load(const char *buf, size_t len, const char *name,
	    size_t *outlen);

/* 1 if [s, s+len) is valid UTF-8 (no overlongs, surrogates, > U+10FFFF);
 * else 0 and *bad gets the offset of the first bad byte. */
int	 text_utf8_valid(const char *s, size_t len, size_t *bad);

/* NFC of valid UTF-8 (utf8proc); caller frees; *outlen may be NULL. */
char	*text_nfc(const char *s, size_t len, size_t *outlen);

/* Decode one code point at s (valid UTF-8 assumed); returns its byte
 * length (1..4), 0 at len 0. */
size_t	 text_decode(const char *s, size_t len, uint32_t *cp);

/* 1-based column, in characters, of byte offset off in a line. */
size_t	 text_column(const char *line, size_t off);

/* Heuristic: 1 if bytes that are not UTF-8 read as Vietnamese in
 * Windows-1258 (what Excel saves as plain "CSV"). */
int	 text_is_cp1258(const char *s, size_t len);

/* Upper case of NFC UTF-8 s (utf8proc, simple case mapping), NFC;
 * caller frees.  For titles printed in UPPER (FORMAT.md §8). */
char	*text_upper(const char *s);

/* s with diacritics dropped (NFD, combining marks removed, đ → d,
 * Đ → D); other characters kept.  Caller frees.  For file names. */
char	*text_ascii(const char *s);

#endif /* TEXT_H */
