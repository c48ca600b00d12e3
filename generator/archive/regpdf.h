/* The printed register book: register-YYYY.pdf from register.csv. */
#ifndef REGPDF_H
#define REGPDF_H

#include <stddef.h>

struct fonts;
struct icc;
struct metrics;
struct regbook;
struct tmpl;

/*
 * Print the book of year of the register reg (Decree 30 Phụ lục IV and
 * Điều 16.2: a register kept in a system is printed with all the book's
 * fields and bound; FORMAT.md §10) into the output folder out, as
 * out/register-YYYY.pdf and, when year is the latest year of reg, as
 * out/register.pdf too (README "The register book"): the cover names
 * the agency chu_quan (NULL: none) and co_quan as dispatch.md writes
 * them; the rows of that year follow in the order of their numbers
 * (rows whose number cannot be read last, in the register's order),
 * cells as register.csv holds them; from/to date and number are the
 * rows' earliest and latest; the volume is 01 (one book a year).
 * Laid out with the template t and metrics m, drawn with fonts and
 * the output intent icc (both borrowed; pdf_new).  Each file is written to a temporary name and renamed
 * (file_update: left untouched when it holds those bytes already);
 * nothing depends on the clock: the same register gives the same
 * bytes.  *nrow and *npage (when not NULL) get the rows and pages
 * printed.  Returns 0 when printed; 1 when reg holds no row of year
 * (nothing written, nothing said); -1 when the book cannot be laid out
 * (more than LAYOUT_MAX_PAGES pages, a cover the agency's name
 * overruns; nothing written), said as a warning after an issued build
 * (its letters and register row stand) or, with strict (congvan
 * register), as an error; messages about the name point at dpath, the
 * dispatch.md it came from; -2 when the PDF writer
 * failed (reported as pdf_write does).  A failure to write exits 3 with
 * the file left as it was.  With series (so_dang_ky; NULL: the main
 * register) the files are register-SERIES-YYYY.pdf and
 * register-SERIES.pdf.  With txn (a build's transaction, outdir.h) the
 * files are prepared as its steps rather than written.
 */
struct txn;
int	 regpdf_write(const char *out, const struct regbook *reg, int year,
	    const char *chu_quan, const char *co_quan, const struct tmpl *t,
	    struct fonts *fonts, const struct icc *icc,
	    const struct metrics *m, const char *dpath,
	    int strict, size_t *nrow, size_t *npage, const char *series,
	    struct txn *txn);

/*
 * congvan register --year YYYY (README "The register book"): under the
 * output folder's lock, reads out/register.csv, the agency's name from
 * in/dispatch.md (co_quan_chu_quan, co_quan; the dispatch must be valid,
 * its errors are reported as a build's), the template and fonts of
 * tdir, and prints that year's book with regpdf_write; a summary on
 * stdout unless quiet.  Every problem is reported (FILE[:LINE]: error:
 * …): no register.csv, a register with no dispatch, or none of year
 * (naming the years it holds).  Returns an exit status: 0, or 1 (3 when
 * the PDF writer failed) with nothing written.
 */
int	 regpdf_run(const char *in, const char *out, const char *tdir,
	    int tdir_given, int year, int quiet);
/* (With so_dang_ky in in/dispatch.md, the book of that register:
 * register-SERIES.csv into register-SERIES-YYYY.pdf.) */

#endif /* REGPDF_H */
