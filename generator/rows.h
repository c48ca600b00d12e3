/* The appendix and focal-point tables: CSV → struct rows (libcsv behind it). */
#ifndef ROWS_H
#define ROWS_H

#include <stddef.h>

/* Limits (README "Limits"): more is an error at its line. */
#define ROWS_MAX_ROWS	100000	/* data rows per file */
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
	size_t		 nrow;		/* data rows kept */
	struct row	*row;		/* nrow rows */
};

/*
 * Parse a CSV buffer (SPEC.md "Rules", appendix.csv) named name in
 * messages.  Returns the table, which the caller frees with rows_free,
 * or NULL after every problem has been reported through msg().
 */
struct rows	*rows_parse(const char *buf, size_t len, const char *name);

/* Index of the column whose header equals name (after NFC), or -1. */
int		 rows_col(const struct rows *, const char *name);

void		 rows_free(struct rows *);

#endif /* ROWS_H */
