/* The outgoing register (sổ đăng ký văn bản đi), Decree 30 Phụ lục IV. */
#ifndef REGBOOK_H
#define REGBOOK_H

#include <stddef.h>

#include "base/date.h"

#define REG_NCOL	10	/* the columns of Phụ lục IV (FORMAT.md §10) */

enum reg_col {
	REG_SO_KY_HIEU,		/* (1) "07/BTTTT-CATTT" */
	REG_NGAY,		/* (2) "05/04/2022" */
	REG_TRICH_YEU,		/* (3) "Công văn V/v …" */
	REG_NGUOI_KY,		/* (4) signer */
	REG_NOI_NHAN,		/* (5) recipients */
	REG_LUU,		/* (6) unit keeping the file copy */
	REG_SO_BAN,		/* (7) copies */
	REG_NGAY_CHUYEN,	/* (8) left to the clerk */
	REG_KY_NHAN,		/* (9) left to the clerk */
	REG_GHI_CHU		/* (10) archive folder, supersession note */
};

struct reg_row {
	size_t		 line;		/* in register.csv; 0 for a new row */
	char		*cell[REG_NCOL];	/* by enum reg_col */
	char		**extra;	/* the clerk's own columns past the
					   ten (regbook's nextra cells), or
					   NULL: all empty (a new row) */
	long		 so;		/* parsed from (1), 0 if not a number */
	int		 year;		/* date.y */
	struct date	 date;		/* parsed from (2), y 0 if not a date */
};

struct regbook {
	char		*path;		/* for messages */
	struct reg_row	*row;
	size_t		 nrow;
	char		**xname;	/* names of the columns the clerk
					   added, in their order */
	size_t		 nextra;	/* how many */
};

/*
 * Read the register at path; a missing file is an empty register.
 * Returns NULL after reporting a damaged file (exit 1).  Caller frees
 * with reg_free.
 */
struct regbook	*reg_load(const char *path);

/*
 * reg_load of the bytes buf[0..len) of the file named path (messages
 * name it).  Caller frees with reg_free.
 *
 * Reads the register as congvan writes it and as a spreadsheet or a
 * hand saves it again (SPEC.md "The register", README "Editing the
 * register"): with or without BOM, comma or semicolon (load/rows.c
 * decides), CRLF or LF; the ten Phụ lục IV columns found by name in
 * any order (compared after text_fold: case and spacing do not
 * matter); any other column is the clerk's, kept (extra, xname); a
 * number "7/UBND-VP" is 7; a date DD/MM/YYYY, D/M/YYYY, DD/MM/YY
 * (20YY), day first, '/', '-' or '.' between, or YYYY-MM-DD.  A row
 * of empty cells is skipped (with rows.c's warning).
 *
 * Errors (each at its line; all are listed, then NULL): a header
 * that names none of the ten columns or misses one; a row with no
 * number, one that cannot be read or is 0, a date that cannot be
 * read; a number on two rows of one year (at the later, naming the
 * earlier).  A register that cannot be read stops numbering: there
 * is no partial register.
 */
struct regbook	*reg_parse(const char *buf, size_t len, const char *path);

/* Row of the same dispatch (SPEC.md "The register": same year, symbol
 * and subject), or NULL. */
struct reg_row	*reg_find(struct regbook *, int year, const char *ky_hieu,
		    const char *trich_yeu);

/* --number auto: the same dispatch's number, or the year's highest plus
 * one (1 when there is none); gaps are never refilled. */
long		 reg_auto(struct regbook *, int year, const char *ky_hieu,
		    const char *trich_yeu);

/* 0 if number so of year is free for this dispatch; otherwise reports
 * "register.csv:LINE: error: …" naming the row that holds it and
 * returns -1. */
int		 reg_check(struct regbook *, long so, int year,
		    const char *ky_hieu, const char *trich_yeu);

/* Put row (its cells are taken over) in place of the same dispatch's
 * row, keeping the clerk's (8) and (9), or at the end. */
void		 reg_put(struct regbook *, struct reg_row *);

/*
 * The register as CSV, canonical whatever it was read from (SPEC.md
 * "The register"): UTF-8 with BOM, comma, CRLF, the ten column names
 * as its header in Phụ lục IV's order, then the clerk's own columns in
 * their order; numbers as NN/SYMBOL (at least two digits), dates as
 * DD/MM/YYYY; Ngày chuyển, Ký nhận and the clerk's columns as typed.
 * Caller frees; *len gets its length.
 */
char		*reg_csv(const struct regbook *, size_t *len);

/* Column (3) of a công văn: "Công văn V/v " + trich_yeu; caller frees. */
char		*reg_trich_yeu(const char *trich_yeu);

void		 reg_free(struct regbook *);

struct dispatch;

/*
 * The register row of an issued build of dispatch d: number so and
 * date; its recipients rcpt[0..nrow) (every kinh_gui entry of every
 * letter, each once), as many as keep the cell readable, then "và N cơ
 * quan khác"; its archive folder arel (relative to the output folder)
 * and how many superseded letters that keeps.
 * Caller frees (reg_put takes it over).
 */
struct reg_row	*reg_row_of(const struct dispatch *d, long so,
		    const struct date *dt, char *const *rcpt, size_t nrow,
		    const char *arel, size_t nsup);

#endif /* REGBOOK_H */
