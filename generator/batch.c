/* The driver: batch_run loads and judges the inputs (inputs.c), then a
 * build renders (render.c) and puts the output folder in order, phase by
 * phase (README "Reruns and kills"). */
#define _DEFAULT_SOURCE	/* MAP_ANONYMOUS */
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/archive.h"
#include "archive/outdir.h"
#include "archive/regbook.h"
#include "archive/regpdf.h"
#include "archive/stage.h"
#include "base/msg.h"
#include "base/sha.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "check/check.h"
#include "batch.h"
#include "issue.h"
#include "layout/layout.h"
#include "load/dispatch.h"
#include "load/doc.h"
#include "load/focal.h"
#include "load/rows.h"
#include "load/tmpl.h"
#include "merge/letter.h"
#include "merge/merge.h"
#include "pdf/font.h"
#include "pdf/pdf.h"
#include "run.h"

const char	*staging_dir;	/* removed on a system error exit */
static struct txn *txn_active;	/* undone on a system error exit */
static int	 reserve_fd[2] = { -1, -1 };	/* kept for cleanup */
static void	*reserve_mem;		/* likewise, out of memory */
#define RESERVE_MEM	(256 * 1024)

/* Out of file descriptors (ulimit -n), the staging folder could not be
 * opened to be removed: two are kept for it, and freed first. */
static void
reserve_free(void)
{
	if (reserve_fd[0] != -1)
		close(reserve_fd[0]);
	if (reserve_fd[1] != -1)
		close(reserve_fd[1]);
	reserve_fd[0] = reserve_fd[1] = -1;
	free(reserve_mem);
	reserve_mem = NULL;
}

static void
cleanup(void)
{
	reserve_free();
	if (txn_active != NULL)
		txn_abort(txn_active);
	if (staging_dir != NULL)
		dir_remove(staging_dir);
}

/* The archive folder of an issued build: archive/YYYY/SO-KYHIEU. */
static char *
archive_rel(const struct run *R)
{
	struct date	 dt = letter_ngay(R->d, &R->o->issue);

	if (R->d->series != NULL)
		return xasprintf("archive/%s/%04d/%02ld-%s", R->d->series, dt.y,
		    letter_so(R->d, &R->o->issue), R->d->f[FM_KY_HIEU].text);
	return xasprintf("archive/%04d/%02ld-%s", dt.y,
	    letter_so(R->d, &R->o->issue), R->d->f[FM_KY_HIEU].text);
}

/*
 * A build from its start to its end (build, in phases): what it renders,
 * what the folder held, what it makes.
 */
struct bld {
	struct run	*R;
	const struct opts *o;
	size_t		 from, to;	/* the rows it renders */
	int		 issued;	/* a number and a date, not a shard */
	char		*stage;		/* OUT/.congvan-staging[-K-of-N] */
	struct osums	 old;		/* SHA256SUMS as it was */
	struct osums	 keys;		/* .congvan-keys as it was */
	struct osums	 nw;		/* the files this build makes */
	struct osums	 rec;		/* .congvan-files: what congvan wrote */
	struct osums	 held;		/* the archive folder's SHA256SUMS */
	struct osums	 ext;		/* its letters the new ones extend */
	struct regbook	*reg;		/* register.csv, when issued */
	char		*arel, *adir;	/* the archive folder, when issued */
	struct txn	 txn;		/* what it puts in place */
	size_t		 mark;		/* txn steps before the letters */
	size_t		 written, same, gone;
};

/* The output folder, its lock, the checks of what it holds, and a
 * fresh staging folder.  Returns an exit status. */
static int
bld_open(struct bld *b)
{
	const struct opts *o = b->o;
	char		*p;

	if (stage_out_check(o->out) != 0)
		return EXIT_SYSTEM;
	dir_make(o->out);
	dir_lock(o->out, o->shard_n > 0);
	/* --number auto counts here, under the lock: read before it, two
	 * clerks issuing at once both took the next free number (issue
	 * 14).  The check laid the letters out with the number read then;
	 * they print the one chosen now. */
	if (o->auto_number && b->issued &&
	    run_number_auto(b->R, b->R->d, &b->reg) != 0)
		return EXIT_INPUT;
	if (stage_preflight(o->out, b->R->names, b->R->rows->nrow) != 0)
		return EXIT_SYSTEM;
	/* Two descriptors kept for the exit handler, before anything is
	 * made: short of them, nothing is. */
	if ((reserve_fd[0] = open("/dev/null", O_RDONLY)) == -1 ||
	    (reserve_fd[1] = open("/dev/null", O_RDONLY)) == -1)
		DIE(SYS_FILE, "/dev/null", strerror(errno));
	/* And memory for opendir(3) there (a page it touches, so that it
	 * is really held). */
	reserve_mem = xmalloc(RESERVE_MEM);
	memset(reserve_mem, 0, RESERVE_MEM);
	/* Shards stage apart, so they can run side by side. */
	b->stage = o->shard_n > 0 ?
	    xasprintf("%s/.congvan-staging-%d-of-%d", o->out, o->shard_k,
	    o->shard_n) : xasprintf("%s/.congvan-staging", o->out);
	dir_remove(b->stage);	/* what a killed run left */
	dir_make(b->stage);
	staging_dir = b->stage;
	atexit(cleanup);
	p = xasprintf("%s/letters", b->stage);
	dir_make(p);
	free(p);
	return EXIT_OK;
}

/* Letters in place whose key is unchanged are not rendered again. */
static void
bld_skip(struct bld *b)
{
	struct run	*R = b->R;
	const struct ofile *ok, *os;
	unsigned char	*cur;
	char		*p, hex[SHA_HEX];
	size_t		 i, len;

	if (R->key == NULL)
		run_keys(R);
	R->nhex = R->rows->nrow > 0 ? R->rows->nrow : 1;
	R->hex = mmap(NULL, R->nhex * sizeof(*R->hex), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (R->hex == MAP_FAILED)
		DIE(BATCH_SYS_MMAP, strerror(errno));
	R->skip = xcalloc(R->rows->nrow, 1);
	p = xasprintf("%s/SHA256SUMS", b->o->out);
	osums_read(p, &b->old);
	free(p);
	p = xasprintf("%s/.congvan-keys", b->o->out);
	osums_read(p, &b->keys);
	free(p);
	for (i = b->from; i < b->to; i++) {
		p = xasprintf("letters/%s", R->names[i]);
		ok = osums_get(&b->keys, p);
		os = osums_get(&b->old, p);
		free(p);
		if (ok == NULL || os == NULL || strcmp(ok->hex, R->key[i]) != 0)
			continue;
		p = xasprintf("%s/letters/%s", b->o->out, R->names[i]);
		if ((cur = file_get(p, &len)) != NULL) {
			sha256_hex(cur, len, hex);
			R->skip[i] = strcmp(hex, os->hex) == 0;
			free(cur);
		}
		free(p);
	}
}

/* Render into the staging folder, then what this build makes (b->nw)
 * with its checksums.  Returns an exit status. */
static int
bld_render(struct bld *b)
{
	struct run	*R = b->R;
	unsigned char	*buf;
	char		*p, hex[SHA_HEX];
	size_t		 i, len;
	int		 rc;

	p = xasprintf("%s/letters", b->stage);
	rc = b->o->esign ? issue_render(R, b->from, b->to, p) :
	    render_jobs(R, b->from, b->to, p);
	if (rc == 0 && b->issued && !b->o->esign) {
		char	*rel = archive_rel(R), *adir;

		adir = xasprintf("%s/%s", b->o->out, rel);
		(void)issue_adopt(R, b->from, b->to, adir, p);
		free(adir);
		free(rel);
	}
	free(p);
	if (rc == 0 && b->o->shard_n == 0 && R->dir != NULL)
		rc = render_directory(R, b->stage);
	if (rc != 0)
		return rc;
	/* One flush for all the staged files, before any is put in place:
	 * a power cut never leaves an installed letter without its bytes.
	 * (A whole build flushes once, in bld_prepare.) */
	if (b->o->shard_n > 0)
		dir_sync(b->stage);

	for (i = b->from; i < b->to; i++) {
		p = xasprintf("letters/%s", R->names[i]);
		if (R->skip[i])
			osums_add(&b->nw, p, osums_get(&b->old, p)->hex);
		else if (R->hex[i][0] == '\0')
			DIE(BATCH_SYS_NOT_RENDERED, R->names[i]);
		else
			osums_add(&b->nw, p, R->hex[i]);
		free(p);
	}
	for (i = 0; R->dir != NULL && b->o->shard_n == 0 &&
	    stage_dir_files[i] != NULL; i++) {
		p = xasprintf("%s/%s", b->stage, stage_dir_files[i]);
		if ((buf = file_get(p, &len)) == NULL)
			DIE(SYS_FILE, p, strerror(errno));
		sha256_hex(buf, len, hex);
		free(buf);
		free(p);
		osums_add(&b->nw, stage_dir_files[i], hex);
	}
	return EXIT_OK;
}

/*
 * Install entry i of b->nw (the rows from..to in order, then the
 * directory files); returns 1 when it wrote.  A letter not rendered
 * again (R->skip) was checked in place already.
 */
static int
bld_install_one(struct bld *b, size_t i)
{
	const struct ofile *was;
	char		*p, *q;
	int		 rc;

	if (i < b->to - b->from && b->R->skip[b->from + i])
		return 0;
	was = osums_get(&b->old, b->nw.f[i].rel);
	p = xasprintf("%s/%s", b->stage, b->nw.f[i].rel);
	q = xasprintf("%s/%s", b->o->out, b->nw.f[i].rel);
	rc = stage_install(p, q, b->nw.f[i].hex, was != NULL ? was->hex :
	    NULL);
	free(p);
	free(q);
	return rc;
}

/*
 * The dispatch that this one replaces or corrects (thay_the,
 * dinh_chinh; Decree 30 Điều 18.3): not this one, and not a number the
 * register gives another dispatch; one the register never held is
 * named as written, with a warning.  0, or -1 after a message at the
 * key.
 */
static int
bld_ref(struct bld *b, long so, const struct date *dt)
{
	const struct dispatch *d = b->R->d;
	const struct dref *r = &d->ref;
	const struct reg_row *row;
	const char	*key = r->kind == DREF_THAY_THE ? "thay_the" :
	    "dinh_chinh";

	if (r->kind == 0)
		return 0;
	if (r->so == so && r->dt.y == dt->y &&
	    strcmp(r->ky_hieu, d->f[FM_KY_HIEU].text) == 0) {
		MSGT(BATCH_REF_ITSELF, d->file, r->line, r->col, key);
		return -1;
	}
	if (reg_lookup(b->reg, r->so, r->ky_hieu, &r->dt) != NULL)
		return 0;
	if ((row = reg_number(b->reg, r->so, r->dt.y)) != NULL) {
		/* Its number is another dispatch's: a mistyped reference. */
		MSGT(BATCH_REF_OTHER_ROW, d->file, r->line, r->col, key,
		    r->so, r->ky_hieu, r->dt.d, r->dt.m, r->dt.y, r->so,
		    r->dt.y, b->reg->path, row->line, row->cell[REG_SO_KY_HIEU],
		    row->cell[REG_NGAY]);
		return -1;
	}
	/* A number the register never held: a dispatch sent before the
	 * office kept its register with congvan. */
	MSGT(BATCH_REF_NOT_IN_REGISTER, d->file, r->line, r->col, key, r->so,
	    r->ky_hieu, r->dt.d, r->dt.m, r->dt.y, b->reg->path);
	return 0;
}

/* The checks that may still refuse the run (the register, the archive
 * folder): nothing is changed yet.  Returns an exit status. */
static int
bld_refusals(struct bld *b)
{
	struct run	*R = b->R;
	const struct opts *o = b->o;
	const char	*ky = R->d->f[FM_KY_HIEU].text;
	const char	*ty = R->d->f[FM_TRICH_YEU].text;
	struct date	 dt;
	struct stat	 st;
	char		*p, *other;
	size_t		 i, altered;
	long		 so;
	int		 ours, reserved, complete;

	p = xasprintf("%s/.congvan-files", o->out);
	osums_read(p, &b->rec);
	free(p);
	for (i = 0; i < b->old.n; i++)
		if (osums_get(&b->rec, b->old.f[i].rel) == NULL)
			osums_add(&b->rec, b->old.f[i].rel, b->old.f[i].hex);
	if (!b->issued)
		return EXIT_OK;
	dt = letter_ngay(R->d, &o->issue);
	so = letter_so(R->d, &o->issue);
	/* --number auto read and checked the register under the lock
	 * (bld_open); a number given is checked here. */
	i = 0;
	if (b->reg == NULL) {
		p = run_register_path(R);
		b->reg = reg_load(p);
		free(p);
		if (b->reg == NULL)
			return EXIT_INPUT;
		p = run_archive_root(R);
		i = archive_check_dates(p, b->reg);
		free(p);
	}
	b->arel = archive_rel(R);
	b->adir = xasprintf("%s/%s", o->out, b->arel);
	ours = archive_ours(b->adir, &dt, ky, ty);
	if (i > 0 || reg_check(b->reg, so, &dt, ky, ty, ours,
	    run_mended_so(R->d, &dt)) != 0)
		return EXIT_INPUT;
	if (bld_ref(b, so, &dt) != 0)
		return EXIT_INPUT;
	/* Another archive folder holds this number: a dispatch of
	 * another ky_hieu whose row is gone, or was never written. */
	p = run_archive_root(R);
	other = archive_holder(p, dt.y, so, strrchr(b->arel, '/') + 1);
	free(p);
	if (other != NULL) {
		p = xstrndup(b->arel, strrchr(b->arel, '/') - b->arel);
		MSGT(BATCH_NUMBER_HELD_BY_FOLDER, b->adir, 0, 0, so, dt.y,
		    p, other);
		free(p);
		free(other);
		return EXIT_INPUT;
	}
	p = run_archive_root(R);
	archive_orphans(p, dt.y, b->reg, b->adir);
	free(p);
	altered = archive_scan(b->adir, &b->held, !o->force, &complete);
	/* Letters (or a reservation) under this number and no register
	 * row: another dispatch's, unless a run of this one was killed
	 * between its archive folder and its row. */
	p = xasprintf("%s/" ARCHIVE_ID, b->adir);
	reserved = lstat(p, &st) == 0;
	free(p);
	if ((b->held.n > 0 || reserved) && !ours &&
	    reg_find(b->reg, so, &dt, ky, ty) == NULL && !o->force) {
		MSGT(BATCH_ALREADY_HOLDS_LETTERS_ISSUED, b->adir, 0, 0);
		return EXIT_INPUT;
	}
	archive_extended(b->adir, b->stage, &b->nw, &b->held, &b->ext);
	if ((altered > 0 || archive_diff(b->adir, &b->nw, &b->held, &b->ext,
	    complete, 0) > 0) && !o->force) {
		archive_diff(b->adir, &b->nw, &b->held, &b->ext, complete, 1);
		MSGT(BATCH_THESE_LETTERS_WERE_ISSUED, b->adir, 0, 0);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

struct uniq {
	char	*s;
	size_t	 at;
};

static int
uniq_by_text(const void *a, const void *b)
{
	const struct uniq *x = a, *y = b;
	int	 c = strcmp(x->s, y->s);

	return c != 0 ? c : (x->at > y->at) - (x->at < y->at);
}

static int
uniq_by_place(const void *a, const void *b)
{
	const struct uniq *x = a, *y = b;

	return (x->at > y->at) - (x->at < y->at);
}

/* v[0..n) with each string kept once, at its first place, in order; the
 * others freed.  O(n log n).  Returns the new count. */
static size_t
uniq_keep_order(char **v, size_t n)
{
	struct uniq	*u;
	size_t		 i, m = 0;

	if (n == 0)
		return 0;
	u = xcalloc(n, sizeof(*u));
	for (i = 0; i < n; i++) {
		u[i].s = v[i];
		u[i].at = i;
	}
	qsort(u, n, sizeof(*u), uniq_by_text);
	for (i = 0; i < n; i++) {
		if (m > 0 && strcmp(u[m - 1].s, u[i].s) == 0)
			free(u[i].s);
		else
			u[m++] = u[i];
	}
	qsort(u, m, sizeof(*u), uniq_by_place);
	for (i = 0; i < m; i++)
		v[i] = u[i].s;
	free(u);
	return m;
}

/* The register row of an issued build, and register.csv with it, as
 * bytes to put in place; caller frees. */
static char *
bld_register(struct bld *b, size_t nsup, size_t *len)
{
	struct run	*R = b->R;
	const struct opts *o = b->o;
	struct date	 dt = letter_ngay(R->d, &o->issue);
	struct reg_row	*row;
	char		**all, *note;
	size_t		 i, j, k, nall = 0;

	/* Every recipient of every letter (each kinh_gui entry), once, in
	 * order (issue 14: a letter to three agencies named one). */
	all = xcalloc(R->rows->nrow * R->d->kinh_gui.n + 1, sizeof(*all));
	for (i = 0; i < R->rows->nrow; i++)
		for (k = 0; k < R->d->kinh_gui.n; k++)
			all[nall++] = merge_text(R->d->kinh_gui.v[k].text,
			    R->d, R->rows, &R->rows->row[i]);
	nall = uniq_keep_order(all, nall);
	note = R->d->ref.kind == 0 ? NULL : xasprintf("%s Công văn số "
	    "%02ld/%s ngày %02d/%02d/%04d", R->d->ref.kind == DREF_THAY_THE ?
	    "thay thế" : "đính chính", R->d->ref.so, R->d->ref.ky_hieu,
	    R->d->ref.dt.d, R->d->ref.dt.m, R->d->ref.dt.y);
	row = reg_row_of(R->d, letter_so(R->d, &o->issue), &dt, all, nall,
	    R->rows->nrow, b->arel, nsup, note);
	free(note);
	for (j = 0; j < nall; j++)
		free(all[j]);
	free(all);
	reg_put(b->reg, row);
	free(row);
	return reg_csv(b->reg, len);
}

/*
 * Prepare everything this build puts in place, in the transaction
 * b->txn, in the order it will be done (README "Reruns and kills"):
 * the archive folder (its reservation first), the record of our files
 * grown, SHA256SUMS cut to what stays; then (after the letters) the
 * register, the full SHA256SUMS, the keys and the record as it will
 * be.  Nothing in place changes; a failure (exit 3) undoes it all.
 */
static void
bld_prepare(struct bld *b)
{
	const struct opts *o = b->o;
	struct osums	 mid, sorted;
	char		*p, *id, *csv;
	size_t		 i, len, nsup = 0;

	/* What a killed run left (README "Reruns and kills"), now that
	 * the run will not be refused: a refused run changes nothing. */
	dir_clean(o->out, b->stage);
	txn_active = &b->txn;
	p = xasprintf("%s/letters", o->out);
	txn_dir(&b->txn, p);
	/* Letters are renamed into letters/ and old ones removed there;
	 * the output folder's own files likewise. */
	txn_probe(p);
	txn_probe(o->out);
	free(p);
	if (b->issued) {
		struct date dt = letter_ngay(b->R->d, &o->issue);

		id = archive_id(letter_so(b->R->d, &o->issue), &dt,
		    b->R->d->f[FM_KY_HIEU].text, b->R->d->f[FM_TRICH_YEU].text);
		archive_prepare(&b->txn, o->out, b->stage, b->adir, id,
		    &b->nw, &b->held, &b->ext, &nsup);
		free(id);
	}
	for (i = 0; i < b->nw.n; i++)
		if (osums_get(&b->rec, b->nw.f[i].rel) == NULL)
			osums_add(&b->rec, b->nw.f[i].rel, b->nw.f[i].hex);
	osums_sort(&b->rec);
	p = xasprintf("%s/.congvan-files", o->out);
	osums_prepare(&b->txn, p, &b->rec);
	free(p);
	memset(&mid, 0, sizeof(mid));
	for (i = 0; i < b->old.n; i++) {
		const struct ofile *n = osums_get(&b->nw, b->old.f[i].rel);

		if (n != NULL && strcmp(n->hex, b->old.f[i].hex) == 0)
			osums_add(&mid, b->old.f[i].rel, b->old.f[i].hex);
	}
	stage_sums_prepare(&b->txn, o->out, &mid);
	osums_free(&mid);
	b->mark = b->txn.n;

	if (b->issued) {
		struct run	*R = b->R;
		struct date	 dt = letter_ngay(R->d, &o->issue);

		csv = bld_register(b, nsup, &len);
		p = run_register_path(R);
		txn_put(&b->txn, p, csv, len);
		free(p);
		free(csv);
		/* The printed book of this year (register-YYYY.pdf), from
		 * the register as it will be. */
		if (regpdf_write(o->out, b->reg, dt.y,
		    R->d->f[FM_CO_QUAN_CHU_QUAN].text, R->d->f[FM_CO_QUAN].text,
		    R->t, R->fonts, R->icc, &R->metrics, R->dpath, 0, NULL, NULL,
		    R->d->series, &b->txn) == -2)
			DIE(BATCH_SYS_REGISTER_BOOK);
	}
	stage_sums_prepare(&b->txn, o->out, &b->nw);
	/* The keys after the letters: a killed run leaves the old ones,
	 * and the letters they no longer match are rendered again. */
	osums_free(&b->keys);
	for (i = b->from; i < b->to; i++) {
		p = xasprintf("letters/%s", b->R->names[i]);
		osums_add(&b->keys, p, b->R->key[i]);
		free(p);
	}
	osums_sort(&b->keys);
	p = xasprintf("%s/.congvan-keys", o->out);
	osums_prepare(&b->txn, p, &b->keys);
	free(p);
	/* b->nw stays in row order: bld_install_one counts on it. */
	memset(&sorted, 0, sizeof(sorted));
	for (i = 0; i < b->nw.n; i++)
		osums_add(&sorted, b->nw.f[i].rel, b->nw.f[i].hex);
	osums_sort(&sorted);
	p = xasprintf("%s/.congvan-files", o->out);
	osums_prepare(&b->txn, p, &sorted);
	free(p);
	osums_free(&sorted);
	/* One flush for all that was written, before anything is put in
	 * place: a power cut never leaves a file in place without its
	 * bytes. */
	dir_sync(o->out);
}

/*
 * Put it all in place: renames and removals only, in an order that
 * keeps the folder consistent if killed at any point (README "Reruns
 * and kills").
 */
static void
bld_commit(struct bld *b)
{
	const struct opts *o = b->o;
	char		*p;
	size_t		 i;
	int		 letter;

	for (i = 0; i < b->mark; i++)
		txn_do(&b->txn, i);
	for (i = 0; i < b->nw.n; i++) {
		letter = strncmp(b->nw.f[i].rel, "letters/", 8) == 0;
		if (bld_install_one(b, i)) {
			if (letter)
				b->written++;
		} else if (letter)
			b->same++;
	}
	/* Files of an earlier build that this one does not make. */
	for (i = 0; i < b->rec.n; i++) {
		if (osums_get(&b->nw, b->rec.f[i].rel) != NULL ||
		    !stage_ours(b->rec.f[i].rel))
			continue;
		p = xasprintf("%s/%s", o->out, b->rec.f[i].rel);
		if (unlink(p) == 0) {
			if (!o->quiet)
				printf("removed %s\n", b->rec.f[i].rel);
			if (strncmp(b->rec.f[i].rel, "letters/", 8) == 0)
				b->gone++;
		}
		free(p);
	}
	for (i = b->mark; i < b->txn.n; i++)
		txn_do(&b->txn, i);
	txn_active = NULL;
}

/* The closing summary on stdout (SPEC.md "Command line"). */
static void
bld_summary(const struct bld *b)
{
	const struct opts *o = b->o;
	size_t		 n = b->to - b->from;

	if (o->quiet)
		return;
	printf("%zu letter%s: %zu written, %zu unchanged", n,
	    n == 1 ? "" : "s", b->written, b->same);
	if (b->gone > 0)
		printf(", %zu removed", b->gone);
	putchar('\n');
	if (b->issued)
		printf("issued as %02ld/%s, archived in %s/\n",
		    letter_so(b->R->d, &o->issue), b->R->d->f[FM_KY_HIEU].text,
		    b->arel);
}

/*
 * A build (README "Reruns and kills"): open the folder, find the
 * letters in place, render the rest into staging, then either put a
 * shard's letters in place, or check what may still refuse the run and
 * install, archive, register and close, in that order.
 */
static int
build(struct run *R)
{
	struct bld	 b;
	size_t		 i;
	int		 rc;

	memset(&b, 0, sizeof(b));
	b.R = R;
	b.o = R->o;
	run_slice(R, &b.from, &b.to);
	b.issued = b.o->shard_n == 0 && letter_so(R->d, &b.o->issue) != 0 &&
	    letter_ngay(R->d, &b.o->issue).y != 0;
	if ((rc = bld_open(&b)) != EXIT_OK)
		goto out;
	bld_skip(&b);
	if ((rc = bld_render(&b)) != EXIT_OK)
		goto out;
	if (b.o->shard_n > 0) {
		/* A shard: its letters only; nothing else is touched. */
		char	*p = xasprintf("%s/letters", b.o->out);

		dir_make(p);
		free(p);
		for (i = 0; i < b.nw.n; i++) {
			if (bld_install_one(&b, i))
				b.written++;
			else
				b.same++;
		}
	} else {
		if ((rc = bld_refusals(&b)) != EXIT_OK)
			goto out;
		bld_prepare(&b);
		bld_commit(&b);
	}
	bld_summary(&b);
out:
	reserve_free();
	if (b.stage != NULL)
		dir_remove(b.stage);
	staging_dir = NULL;
	reg_free(b.reg);
	osums_free(&b.old);
	osums_free(&b.rec);
	osums_free(&b.nw);
	osums_free(&b.held);
	osums_free(&b.ext);
	osums_free(&b.keys);
	txn_active = NULL;
	txn_free(&b.txn);
	free(b.arel);
	free(b.adir);
	free(b.stage);
	return rc;
}

int
batch_run(const struct opts *o)
{
	struct run	 R;
	int		 rc = EXIT_OK;

	memset(&R, 0, sizeof(R));
	R.o_ = *o;
	R.o = &R.o_;
	if (run_load(&R) != 0) {
		rc = EXIT_INPUT;	/* a usage error has exited (DIE) */
		goto out;
	}
	if (o->dump == DUMP_MODEL) {
		doc_dump(R.d->body, stdout);
		goto out;
	}
	if (o->dump == DUMP_LAYOUT) {
		size_t	 from, to;

		run_slice(&R, &from, &to);
		rc = render(&R, NULL, from, to, NULL, stdout);
		goto out;
	}
	if (o->check) {
		/* The closing summary, as build prints one (SPEC.md). */
		if (!o->quiet)
			printf("%zu letter%s: the inputs are valid%s\n",
			    R.rows->nrow, R.rows->nrow == 1 ? "" : "s",
			    msg_count(MSG_WARNING) > 0 ? " (see the warnings)" :
			    "");
		goto out;
	}
	rc = build(&R);
out:
	run_free(&R);
	return rc;
}
