/* The driver's own state, shared by batch.c, inputs.c and render.c (no
 * other file includes it). */
#ifndef RUN_H
#define RUN_H

#include <stddef.h>

#include "archive/outdir.h"
#include "base/sha.h"
#include "check/check.h"
#include "layout/layout.h"

struct esign;
struct opts;
struct pdf;

struct run {
	const struct opts *o;
	struct tmpl	*t;
	struct dispatch	*d;
	struct rows	*rows;
	struct fonts	*fonts;
	struct icc	*icc;		/* PDF/A output intent's profile */
	char		*dpath, *apath, *tpath;
	char		**names;	/* per row: "NN-slug.pdf" */
	struct inputs	 in;		/* what check_run judged and made */
	char		**rcpt;		/* in.rcpt: per row, the recipient */
	char		*fpath;		/* focal_points.csv */
	struct directory *dir;		/* in.dir: focal points (danh_ba) */
	struct metrics	 metrics;	/* the fonts, measured */
	struct osums	 keys_before;	/* .congvan-keys as it was */
	unsigned char	*skip;		/* per row: its letter is in place */
	char		 (*key)[SHA_HEX]; /* per row: hash of what it shows */
	char		 (*hex)[SHA_HEX]; /* per row: SHA-256 of its PDF, as
					   rendered ("" if not); shared with
					   the -j workers (mmap) */
	size_t		 nhex;
	struct layout_memo *memo;	/* the appendix pages, laid out once */
	struct opts	 o_;		/* the options, --number auto resolved */
	struct esign	*es;		/* congvan issue: the seal's key */
};

/* The staging folder, removed by an exit handler after a system error;
 * NULL in -j workers (their parent cleans up). */
extern const char	*staging_dir;

/*
 * The load stage (the files into models, each parser's checks), then
 * check_run, which makes every other check of the run in one order.
 * Returns -1 when anything was reported as an error.
 */
int	 run_load(struct run *);

/*
 * --number auto (SPEC.md "The register"): the number this build of d
 * takes, from OUT/register.csv and the numbers its archive folders
 * hold (reg_auto), into R->o_.issue.so.  0, or -1 after a message (a
 * damaged register, a date re-typed month first, a dispatch it holds
 * twice).  With keep, the register read and checked is handed over
 * (the caller frees it with reg_free); else freed.
 */
struct dispatch;
struct regbook;
int	 run_number_auto(struct run *, const struct dispatch *,
	    struct regbook **keep);

/* The number of the dispatch d mends (thay_the, dinh_chinh) when it
 * is of dt's year and d's ky_hieu, a number d itself never takes; else
 * 0. */
long	 run_mended_so(const struct dispatch *, const struct date *dt);

/*
 * The register of the dispatch's number series (SPEC.md "The register",
 * Decree 30 Điều 15.2: a separate series, so_dang_ky): OUT/register.csv,
 * or OUT/register-SERIES.csv; and the root of its archive, OUT/archive
 * or OUT/archive/SERIES.  Caller frees.
 */
char	*run_register_path(const struct run *);
char	*run_archive_root(const struct run *);

/* Free all a run holds. */
void	 run_free(struct run *);

/* The rows of --shard K/N: the K-th of N contiguous slices. */
void	 run_slice(const struct run *, size_t *from, size_t *to);

/*
 * Each row's key: what its letter's bytes depend on, hashed (the
 * program, the template, the dispatch, the fonts, the number and date,
 * its row, the table it carries).  Equal keys, equal letters.
 */
void	 run_keys(struct run *);

/*
 * Render rows [from, to) into the folder dir with pdf (or, with dump,
 * print their layouts there).  Returns an exit status.
 */
int	 render(struct run *, struct pdf *, size_t from, size_t to,
	    const char *dir, FILE *dump);

/* render, by R->o->jobs worker processes each a contiguous slice. */
int	 render_jobs(struct run *, size_t from, size_t to, const char *dir);

/* The Info of a letter of a build with is (number, date), its subject
 * the recipient. */
struct issue;
struct pdf_info;
void	 render_info(const struct run *, const struct issue *is,
	    struct pdf_info *, const char *subject);

/* directory.pdf, .csv and .vcf into the folder dir. */
int	 render_directory(struct run *, const char *dir);

#endif /* RUN_H */
