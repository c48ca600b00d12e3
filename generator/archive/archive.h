/* The archive of issued letters: archive/YYYY/SO-KYHIEU/. */
#ifndef ARCHIVE_H
#define ARCHIVE_H

#include <stddef.h>

struct osums;

/* The file in an archive folder that names its dispatch. */
#define ARCHIVE_ID	".congvan-dispatch"

struct date;
struct txn;

/*
 * The identity of an issued dispatch (SPEC.md "The register"): its
 * number, date, ky_hieu and trich_yeu, as the text kept in ARCHIVE_ID.
 * Caller frees.
 */
char	*archive_id(long so, const struct date *dt, const char *ky_hieu,
	    const char *trich_yeu);

/*
 * 1 if the archive folder adir was made for the dispatch of this date,
 * ky_hieu and trich_yeu (its ARCHIVE_ID; one written by an earlier
 * congvan, without the date, matches on the year).
 */
int	 archive_ours(const char *adir, const struct date *dt,
	    const char *ky_hieu, const char *trich_yeu);

/*
 * The numbers that the archive folders of year under root (OUT/archive)
 * hold: every folder named "NN-…" with its ARCHIVE_ID or a PDF in it
 * holds NN, whether the register has its row or not (a run killed
 * before its row, a row deleted by hand).  *max gets the highest (0:
 * none); *own the number of the folder made for this dispatch (0:
 * none).
 */
void	 archive_numbers(const char *root, const struct date *dt,
	    const char *ky_hieu, const char *trich_yeu, long *max, long *own);

/* The name ("NN-…") of an archive folder of year under root that holds
 * number so, other than the folder named except; NULL if none.  Caller
 * frees. */
char	*archive_holder(const char *root, int year, long so,
	    const char *except);

/*
 * Compare the letters of a build (nw: "letters/NAME" and their hashes)
 * with what the archive folder adir holds (held: "NAME").  Returns how
 * many would change (different, gone; added too when the folder is
 * complete, its SHA256SUMS listing letters: a folder without one was
 * left by a run killed before its end, which this build finishes),
 * naming each when report.
 */
size_t	 archive_diff(const char *adir, const struct osums *nw,
	    const struct osums *held, const struct osums *ext, int complete,
	    int report);

/*
 * The letters of nw (staged in stage/letters/) that extend what adir
 * holds: the archived file is the new one's first revisions, whole,
 * ending at a revision's end (its %%EOF line), so the new one only
 * appends incremental updates (PDF 32000-1 §7.5.6), signatures and the
 * number and date filled in at issue (issue 15; SIGNING.md §3).  What
 * was issued stays inside it, byte for byte: not a change (archive_diff
 * does not count it, archive_prepare replaces it without a superseded
 * copy).  Into ext ("letters/NAME", the new hash).
 */
void	 archive_extended(const char *adir, const char *stage,
	    const struct osums *nw, const struct osums *held,
	    struct osums *ext);

/*
 * What the archive folder adir holds, whatever state it is in (issue
 * 14: "a frozen archive"): each letter its SHA256SUMS lists (missing
 * file or not; CRLF lines accepted), with the hash of its bytes as they
 * are, and every other PDF there, hashed, as if it were listed.  A
 * listed letter whose bytes differ is altered since it was issued:
 * named when report.  held gets "NAME" and hash; the directory files
 * (stage_dir_files) are not letters and are left out.  Returns how many
 * letters were altered; *complete gets whether its SHA256SUMS listed
 * any letter.
 */
size_t	 archive_scan(const char *adir, struct osums *held, int report,
	    int *complete);

/*
 * Prepare, in the transaction t, the archive folder adir for a build's
 * letters (nw, as rendered into stage, or, for a letter not rendered
 * again, as out holds it) and directory files: the steps, in the
 * order they are to be done: the dispatch's id (the number's
 * reservation, before any letter), SHA256SUMS cut to the letters that
 * stay, each letter that changes or goes moved to
 * superseded/NN-slug.<12 hex>.pdf, the new letters and directory files,
 * the full SHA256SUMS; a letter ext names (archive_extended) is
 * replaced without a superseded copy.  *nsup gets how many superseded files the folder
 * will hold.  A failure is a system error (exit 3), rolled back by
 * txn_abort.
 */
void	 archive_prepare(struct txn *t, const char *out, const char *stage,
	    const char *adir, const char *id,
	    const struct osums *nw, const struct osums *held,
	    const struct osums *ext, size_t *nsup);

/*
 * Each register row's date against the date its archive folder (under
 * root: OUT/archive or a series') was issued with: a date a spreadsheet
 * re-typed month first ("4/8/2022" for 8 April) reads as another day,
 * and would re-date the dispatch.  An error at the row's line for each,
 * naming the date to write back.  Returns the number of errors.
 */
struct regbook;
int	 archive_check_dates(const char *root, const struct regbook *b);

/*
 * A warning for each archive folder of year under root that holds a
 * number the register reg has no row for (a row deleted by hand, a run
 * killed before its row), but except (the build's own folder): its
 * number stays taken, and building that dispatch again writes its row
 * back.  Returns how many.
 */
size_t	 archive_orphans(const char *root, int year, struct regbook *reg,
	    const char *except);

#endif /* ARCHIVE_H */
