/* UTF-8 text at the input boundary: validation, NFC, positions, encodings. */
#ifndef TEXT_H
#define TEXT_H

#include <stddef.h>

#include "base/msg.h"
#include <stdint.h>

/* Hard limit on an input file (bytes); larger is an error. */
#define TEXT_MAX_FILE	(16u * 1024 * 1024)

/*
 * Read a whole file.  Returns a NUL-terminated buffer the caller frees,
 * and its length in *len.  On failure returns NULL with errno set
 * (ENOENT: missing, exit 1 for the caller; EISDIR or EINVAL: a folder
 * or not a regular file (a FIFO, a device), exit 1; EFBIG: larger than
 * TEXT_MAX_FILE; anything else: exit 3).
 */
char	*text_read_file(const char *path, size_t *len);

/*
 * text_read_file for an input: a missing file is reported with the
 * catalogue's message missing (not at all when it is MSGT__MAX; errno
 * is then ENOENT), a folder or
 * FIFO as "not a regular file", one too large as such (errno EINVAL);
 * any other failure is a system error (exit 3).
 */
char	*text_read_input(const char *path, size_t *len, enum msgt missing);

/*
 * Check and normalise one input file (SPEC.md "Rules", Inputs):
 * strips a leading UTF-8 BOM, refuses invalid UTF-8 at its first bad
 * byte (FILE:LINE:COL, and says when the bytes read as Windows-1258),
 * refuses NUL and other control characters except TAB, LF and CR
 * (each with its line and column, every one reported), and returns the
 * NFC form, NUL-terminated, which the caller frees; *outlen gets its
 * length.  Returns NULL after reporting through msg().
 *
 * Messages (name is the file name as given):
 *   name:L:C: error: invalid UTF-8 byte 0xNN[: HINT]
 *     HINT, when the bytes show it: "this file looks like Windows-1258
 *     (Excel's plain "CSV"); save it again as "CSV UTF-8 (Comma
 *     delimited)"" (or "... UTF-16 (Excel's "Unicode Text") ..."); for
 *     a name not ending in ".csv", "save it again with the encoding
 *     UTF-8".  Nothing after the first bad byte is reported.
 *   name:L:C: error: control character U+XXXX
 *     (the 20th and last one reported adds ", and N more after it")
 *   name:L:C: error: more than 30 combining marks in a row
 *     (UAX #15 stream-safe limit; utf8proc's reordering of a longer
 *     run is quadratic)
 * The output never contains NUL, so it is also a C string.
 */
char	*text_load(const char *buf, size_t len, const char *name,
	    size_t *outlen);

/* 1 if [s, s+len) is valid UTF-8 (no overlongs, surrogates, > U+10FFFF);
 * else 0 and *bad (if not NULL) gets the offset of the first bad byte:
 * the lead byte of a broken or truncated sequence. */
int	 text_utf8_valid(const char *s, size_t len, size_t *bad);

/* NFC of valid UTF-8 (utf8proc); caller frees with free(3); *outlen
 * may be NULL.  Invalid input breaks the contract: it is returned
 * unchanged.  Out of memory exits (status 3). */
char	*text_nfc(const char *s, size_t len, size_t *outlen);

/* Decode one code point at s (valid UTF-8 assumed); returns its byte
 * length (1..4), 0 at len 0.  An invalid byte gives U+FFFD, length 1. */
size_t	 text_decode(const char *s, size_t len, uint32_t *cp);

/* Decode one code point at s strictly (no overlong form, surrogate or
 * value above U+10FFFF, nothing cut short); returns its byte length
 * (1..4), or 0 when the bytes at s are not one (or len is 0).  The
 * one UTF-8 decoder, with text_decode (RFC 3629). */
size_t	 text_decode_valid(const char *s, size_t len, uint32_t *cp);

/* 1-based column, in characters, of byte offset off in a line. */
size_t	 text_column(const char *line, size_t off);

/* Heuristic: 1 if bytes that are not UTF-8 read as Vietnamese in
 * Windows-1258 (what Excel saves as plain "CSV"): no byte undefined in
 * Windows-1258, at least one of Ă Đ Ơ Ư ₫ or a combining tone mark,
 * and at least 4 in 5 of the other high bytes Vietnamese letters
 * (typographic quotes, dashes and NBSP count neither way).  0 for
 * valid UTF-8. */
int	 text_is_cp1258(const char *s, size_t len);

/* Upper case of NFC UTF-8 s (utf8proc, simple case mapping), NFC;
 * caller frees.  For titles printed in UPPER (FORMAT.md §8). */
char	*text_upper(const char *s);

/* s with diacritics dropped (NFD, combining marks removed, đ → d,
 * Đ → D); other characters kept.  Caller frees.  For file names. */
char	*text_ascii(const char *s);

/*
 * The key under which names are compared (focal_points.csv against
 * the recipients): NFC, full case folding (Đ → đ, ẞ → ss), default
 * ignorable characters (soft hyphen, zero-width space) dropped, every
 * run of white space (U+00A0 and line breaks too) one space, none at
 * either end.  Caller frees.  Not for display.
 */
char	*text_fold(const char *s);

/* Bytes of the longest prefix of s of at most max bytes that ends on a
 * character boundary: for quoting input in messages ("%.*s"). */
size_t	 text_cut(const char *s, size_t max);

/*
 * Bytes of s that spell label at its start, compared code point by code
 * point after simple lower-casing (utf8proc; NFC input, as text_load
 * gives), a space of label matching any run of white space (line breaks
 * and U+00A0 too); 0 when s does not begin with label or when the
 * letter after the match continues the word ("V/vận" is not "V/v").
 * For labels a letter prints itself and clerks type by habit ("V/v",
 * "Kính gửi": FORMAT.md §3 ô 5b, §5 ô 9a).
 */
size_t	 text_label_len(const char *s, const char *label);

/*
 * s as one line: each line break (LF, CR, CRLF), with the spaces and
 * tabs around it, becomes one space, and none is left at either end.
 * For the places where a value is read in a sentence or on one line (a
 * YAML block scalar "|" or ">" typed for one: the subject, the
 * appendix's reference line, messages, the PDF's metadata).  Caller
 * frees.
 */
char	*text_one_line(const char *s);

#endif /* TEXT_H */
