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

/*
 * The identity of a dispatch (SPEC.md "The register", README "Which
 * build is which dispatch"): its number, date, ky_hieu and subject.
 * The row of number so in dt's year when it is this very dispatch, or
 * NULL.
 */
struct reg_row	*reg_find(struct regbook *, long so, const struct date *dt,
		    const char *ky_hieu, const char *trich_yeu);

/* The row of number so, symbol ky_hieu and date dt (a dispatch that
 * thay_the or dinh_chinh names), or NULL. */
struct reg_row	*reg_lookup(struct regbook *, long so, const char *ky_hieu,
		    const struct date *dt);

/* The symbol of a row: "BTTTT-CATTT" of "07/BTTTT-CATTT" ("" if none). */
const char	*reg_row_ky_hieu(const struct reg_row *);

/* The row of number so in year, whichever dispatch it is, or NULL. */
struct reg_row	*reg_number(struct regbook *, long so, int year);

/*
 * --number auto (SPEC.md "Command line"): the number of the row with
 * this date, ky_hieu and subject (a rerun); else own, the number of an
 * archive folder reserved by a run of this dispatch that was killed
 * before its row (0: none); else the year's highest number, of the rows
 * and of the archive folders (held), plus one; gaps are never refilled.
 * Two rows with this date, ky_hieu and subject are an error naming both
 * lines (the clerk gives the number): returns -1 after the message.
 * not_so (0: none) is the number of the dispatch this one mends
 * (thay_the, dinh_chinh), which is never this one, whatever it shares.
 */
long		 reg_auto(struct regbook *, const struct date *dt,
		    const char *ky_hieu, const char *trich_yeu, long own,
		    long held, long not_so);

/*
 * 0 if number so of dt's year is free for this dispatch (no row, or
 * this very dispatch's row); otherwise reports "register.csv:LINE:
 * error: …" naming the row that holds it and returns -1.  A row with
 * this date, ky_hieu and subject under another number is a warning (a
 * new dispatch declared by its own number), but the one it mends
 * (not_so).  With ours (its archive folder names this dispatch) the row
 * of number so is this dispatch's whatever its cells say: a clerk
 * edited them, and the build writes them again.
 */
int		 reg_check(struct regbook *, long so, const struct date *dt,
		    const char *ky_hieu, const char *trich_yeu, int ours,
		    long not_so);

/* Put row (its cells are taken over) in place of the row of its
 * number and year (reg_check has made sure it is the same dispatch),
 * keeping the clerk's (8) and (9), or at the end. */
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
 * date; its recipients rcpt[0..nrcpt) (every kinh_gui entry of every
 * letter, each once), as many as keep the cell readable, then "và N cơ
 * quan khác"; its number of copies (7), nletter, the letters issued; its archive folder arel (relative to the output folder)
 * and how many superseded letters that keeps; note (or NULL), what it
 * replaces or corrects, ends the Ghi chú.
 * Caller frees (reg_put takes it over).
 */
struct reg_row	*reg_row_of(const struct dispatch *d, long so,
		    const struct date *dt, char *const *rcpt, size_t nrcpt,
		    size_t nletter, const char *arel, size_t nsup,
		    const char *note);

#endif /* REGBOOK_H */
