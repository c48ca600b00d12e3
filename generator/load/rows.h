/* The appendix and focal-point tables: CSV → struct rows (libcsv behind it). */
#ifndef ROWS_H
#define ROWS_H

#include <stddef.h>

struct buf;

/* Limits (README "Limits"): more is an error at its line. */
#define ROWS_MAX_ROWS	100000	/* data rows per file, empty ones too */
#define ROWS_MAX_COLS	64	/* columns */
#define ROWS_MAX_CELL	4000	/* bytes per cell */

struct row {
	size_t		 line;		/* line where the record starts (1-based) */
	char		**cell;		/* ncol NFC strings, never NULL ("" if empty) */
};

struct rows {
	char		*file;		/* name used in messages */
	char		 delim;		/* ',' or ';' as sniffed from the header */
	size_t		 ncol;		/* header columns kept */
	char		**header;	/* ncol trimmed NFC names */
	size_t		*hline, *hcol;	/* where each name starts: line and
					   column (1-based, in characters),
					   for messages about a column */
	size_t		 nrow;		/* data rows kept */
	struct row	*row;		/* nrow rows */
};

/*
 * Parse a CSV buffer (SPEC.md "Rules", appendix.csv) named name in
 * messages.  Returns the table, which the caller frees with rows_free,
 * or NULL after every problem has been reported through msg().
 *
 * The buffer first goes through text_load (BOM, UTF-8, control
 * characters, NFC; see text.h).  The separator is ';' when the header
 * record has more semicolons than commas outside quotes, else ','.
 * Unquoted cells lose surrounding spaces and tabs (libcsv's default);
 * quoted cells keep them.  Header names are trimmed of spaces, tabs,
 * line breaks and U+00A0.  CRLF (or a lone CR) inside a quoted cell
 * becomes LF.  Lines holding only spaces and tabs are skipped
 * silently; a row of separators only is skipped with a warning.
 * Columns past the last one with a header name or any non-empty cell
 * (rows of the right length only) are dropped, as Excel leaves them.
 *
 * Messages, with the line where the record starts:
 *   name: error: empty file: no header row
 *   name:L: error: columns are separated by tabs; save the file as
 *     "CSV UTF-8 (Comma delimited)"
 *   name:L:C: error: quote inside an unquoted field; put the whole
 *     field in quotes and write the quote as ""
 *   name:L:C: error: text after the closing quote of a field[ that
 *     began on line N]; inside quotes, write a quote as ""
 *   name:L:C: error: unterminated quoted field   (at the opening quote)
 *   name:L: error: too many columns: N (the limit is 64)
 *   name:L: error: the header row has no column names
 *   name:L:C: error: column N has no header name
 *   name:L:C: error: the name of column N is too long: N bytes (...)
 *   name:L:C: error: duplicate column name "X" (also column N)
 *   name:L: warning: empty row skipped
 *   name:L: warning: N empty rows skipped (lines L-M)
 *   name:L: error: row has N fields, the header has M
 *   name:L: error: cell in column "X" is too long: N bytes (the limit
 *     is 4000)
 *   name:L: error: too many rows (the limit is 100000)
 *   name: error: no data rows
 * A parse error stops parsing; the records before it are still checked.
 */
struct rows	*rows_parse(const char *buf, size_t len, const char *name);

/* rows_parse with flags: ROWS_EMPTY_OK accepts a header with no data
 * rows (the outgoing register before its first row). */
#define ROWS_EMPTY_OK	0x01
struct rows	*rows_parse_flags(const char *buf, size_t len,
		    const char *name, int flags);

/* Index of the column whose header equals name (after NFC; exact,
 * case-sensitive), or -1. */
int		 rows_col(const struct rows *, const char *name);

/* Frees the table; NULL is allowed. */
void		 rows_free(struct rows *);

/*
 * Append one CSV field (RFC 4180) and its separator, "," or CRLF when
 * last, to a buffer.  The field is quoted when it holds a quote, a line
 * break, a comma or a semicolon (a reader set to the Vietnamese list
 * separator splits at ";"), or white space at an end; one that starts
 * with = + - @, a tab or CR gets a leading "'", so that a spreadsheet
 * never runs it as a formula (OWASP, CSV injection).
 */
void		 rows_put(struct buf *, const char *s, int last);

/* rows_put without the apostrophe: for what the clerk typed into a
 * file of ours (register.csv's Ngày chuyển, Ký nhận), kept as it is. */
void		 rows_put_verbatim(struct buf *, const char *s, int last);

#endif /* ROWS_H */
