/* The driver's rendering: each row's letter laid out and written into
 * the staging folder, by -j worker processes; the directory. */
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/contacts.h"
#include "archive/outdir.h"
#include "archive/regbook.h"
#include "base/msg.h"
#include "base/sha.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "check/check.h"
#include "batch.h"
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

/* The PDF's Info of a letter of build is (run.h). */
void
render_info(const struct run *R, const struct issue *is,
    struct pdf_info *pi, const char *subject)
{
	struct date	 dt = letter_ngay(R->d, is);

	memset(pi, 0, sizeof(*pi));
	/* One line each: a forced break ("co_quan: [A, B]", a "|" block)
	 * is a space in the PDF's Info. */
	pi->title = R->d->oneline[FM_TRICH_YEU];
	pi->author = R->d->oneline[FM_CO_QUAN];
	pi->subject = subject;
	pi->year = dt.y;
	pi->month = dt.m;
	pi->day = dt.d;
}

/* Render rows [from, to) into dir (or dump their layouts). */
int
render(struct run *R, struct pdf *pdf, size_t from, size_t to,
    const char *dir, FILE *dump)
{
	const struct metrics *m = &R->metrics;
	struct letter	*l;
	struct layout	*lo;
	struct layout_fault f;
	struct pdf_info	 pi;
	unsigned char	*buf;
	size_t		 i, len;
	char		*path;
	int		 rc = 0;

	for (i = from; i < to && rc == 0; i++) {
		if (R->skip != NULL && R->skip[i])
			continue;
		l = letter_new(R->d, R->rows, i, R->t, &R->o->issue);
		lo = layout_letter(l, R->t, m, R->memo, &f);
		if (lo == NULL) {
			if (f.why == LAYOUT_OUTSIDE)
				MSGT(BATCH_LETTER_OUTSIDE, R->dpath, 0, 0,
				    R->apath, R->rows->row[i].line, f.text,
				    f.page);
			else
				MSGT(BATCH_LETTER_WOULD_HAVE_MORE, R->dpath, 0,
				    0, R->apath, R->rows->row[i].line,
				    LAYOUT_MAX_PAGES);
			rc = EXIT_INPUT;
		} else if (dump != NULL) {
			fprintf(dump, "letter %s\n", R->names[i]);
			layout_dump(lo, dump);
		} else {
			render_info(R, &R->o->issue, &pi, l->kinh_gui[0]);
			if (pdf_write(pdf, lo, &pi, &buf, &len) != 0)
				rc = EXIT_SYSTEM;
			else {
				path = xasprintf("%s/%s", dir, R->names[i]);
				file_stage(path, buf, len);
				sha256_hex(buf, len, R->hex[i]);
				free(path);
				free(buf);
			}
		}
		layout_free(lo);
		letter_free(l);
	}
	return rc;
}

/* Render with jobs worker processes, each a contiguous slice. */
int
render_jobs(struct run *R, size_t from, size_t to, const char *dir)
{
	struct pdf	*pdf;
	pid_t		*pid;
	size_t		 n = to - from, k, a, b;
	int		 jobs = R->o->jobs, st, rc = 0, i;

	if (jobs > (int)n)
		jobs = (int)n;
	if (jobs <= 1) {
		pdf = pdf_new(R->fonts, R->icc);
		rc = render(R, pdf, from, to, dir, NULL);
		pdf_free(pdf);
		return rc;
	}
	msg_flush();	/* or each child would print them again */
	fflush(NULL);
	pid = xcalloc(jobs, sizeof(pid_t));
	for (i = 0; i < jobs; i++) {
		k = (size_t)i;
		a = from + n * k / jobs;
		b = from + n * (k + 1) / jobs;
		if ((pid[i] = fork()) == -1)
			DIE(BATCH_SYS_FORK, strerror(errno));
		if (pid[i] == 0) {
			free(pid);	/* the parent's list */
			/* A worker dies with its parent, never outlives it. */
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() == 1)
				_exit(EXIT_SYSTEM);
			staging_dir = NULL;	/* the parent cleans up */
			pdf = pdf_new(R->fonts, R->icc);
			rc = render(R, pdf, a, b, dir, NULL);
			pdf_free(pdf);
			msg_flush();
			fflush(NULL);
			_exit(rc);
		}
	}
	for (i = 0; i < jobs; i++) {
		if (waitpid(pid[i], &st, 0) == -1)
			DIE(BATCH_SYS_WAITPID, strerror(errno));
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			if (rc == 0)
				rc = WIFEXITED(st) && WEXITSTATUS(st) ==
				    EXIT_INPUT ? EXIT_INPUT : EXIT_SYSTEM;
	}
	free(pid);
	return rc;
}

/* The directory (danh bạ) as PDF, CSV and vCard into dir. */
int
render_directory(struct run *R, const char *dir)
{
	const struct metrics *m = &R->metrics;
	struct layout	*lo;
	struct pdf	*pdf;
	struct pdf_info	 pi;
	unsigned char	*buf;
	char		*s, *path;
	size_t		 len;
	int		 rc = 0;

	s = directory_csv(R->dir, R->t->db_no_reply, &len);
	path = xasprintf("%s/directory.csv", dir);
	file_stage(path, s, len);
	free(path);
	free(s);
	s = directory_vcf(R->dir, &len);
	path = xasprintf("%s/directory.vcf", dir);
	file_stage(path, s, len);
	free(path);
	free(s);
	if ((lo = layout_directory(R->dir, R->d, R->t, m, NULL)) == NULL)
		DIE(BATCH_SYS_DIRECTORY_COULD_NOT_LAID);
	pdf = pdf_new(R->fonts, R->icc);
	render_info(R, &R->o->issue, &pi, R->d->db_tieu_de.text);
	pi.title = R->d->db_tieu_de.text != NULL ? R->d->db_tieu_de.text :
	    R->t->db_title_text;
	if (pdf_write(pdf, lo, &pi, &buf, &len) != 0)
		rc = EXIT_SYSTEM;
	else {
		path = xasprintf("%s/directory.pdf", dir);
		file_stage(path, buf, len);
		free(path);
		free(buf);
	}
	pdf_free(pdf);
	layout_free(lo);
	return rc;
}
