/* Diagnostics in the FILE:LINE:COL: level: text form of SPEC.md. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/msg.h"

/*
 * Diagnostics are kept until msg_flush, then printed by file (in the
 * order files first appear) and line, so a clerk reads each file's
 * problems top to bottom whatever order the checks ran in.
 */
struct diag {
	size_t		 file;		/* index in files[] */
	size_t		 line, col;
	size_t		 seq;		/* order of arrival */
	char		*text;		/* the whole line, without "\n" */
};

/* The sink: what was reported and not yet printed, in one place. */
static struct msgs {
	struct diag	*diags;
	size_t		 ndiag, maxdiag;
	char		**files;	/* file names, first appearance first */
	size_t		 nfile;
	size_t		 counts[MSG__MAX];
	size_t		 seen[MSGT__MAX];	/* per catalogue entry */
	int		 silent;	/* fuzzers: count, print nothing */
} M;

/* The catalogue: level and text of each diagnostic (msgtab.h). */
static const struct msgdef {
	int		 level;		/* enum msg_level or MSG_SYSTEM */
	const char	*text;		/* printf format, a whole sentence */
} msgdefs[MSGT__MAX] = {
#define MSGDEF(id, lv)	{ (lv), MSGTXT_##id },
#include "base/msgtab.h"
#undef MSGDEF
};

static const char *const level_names[MSG__MAX] = {
	"warning",	/* MSG_WARNING */
	"error",	/* MSG_ERROR */
};

static size_t
file_index(const char *f)
{
	size_t	 i;

	for (i = 0; i < M.nfile; i++)
		if (strcmp(M.files[i], f) == 0)
			return i;
	M.files = realloc(M.files, (M.nfile + 1) * sizeof(*M.files));
	if (M.files == NULL || (M.files[M.nfile] = strdup(f)) == NULL) {
		fputs("congvan: out of memory\n", stderr);
		exit(EXIT_SYSTEM);
	}
	return M.nfile++;
}

static void	 vmsg(enum msg_level, const char *, size_t, size_t,
		    const char *, va_list);

void
msg_id(enum msgt id, const char *file, size_t line, size_t col, ...)
{
	va_list	 ap;

	if (msgdefs[id].level >= MSG__MAX) {
		va_start(ap, col);
		vfprintf(stderr, msgdefs[id].text, ap);
		va_end(ap);
		abort();	/* a system error given as an input error */
	}
	M.seen[id]++;
	va_start(ap, col);
	vmsg((enum msg_level)msgdefs[id].level, file, line, col,
	    msgdefs[id].text, ap);
	va_end(ap);
}

static void
vmsg(enum msg_level lvl, const char *file, size_t line, size_t col,
    const char *fmt, va_list ap0)
{
	va_list	 ap;
	char	 head[64], *body, *all;
	int	 n;

	M.counts[lvl]++;
	if (M.silent)
		return;
	if (file == NULL)
		file = "congvan";
	if (line > 0 && col > 0)
		snprintf(head, sizeof(head), ":%zu:%zu", line, col);
	else if (line > 0)
		snprintf(head, sizeof(head), ":%zu", line);
	else
		head[0] = '\0';
	va_copy(ap, ap0);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (body = malloc((size_t)n + 1)) == NULL)
		goto oom;
	va_copy(ap, ap0);
	vsnprintf(body, (size_t)n + 1, fmt, ap);
	va_end(ap);
	n = snprintf(NULL, 0, "%s%s: %s: %s", file, head, level_names[lvl],
	    body);
	if (n < 0 || (all = malloc((size_t)n + 1)) == NULL)
		goto oom;
	snprintf(all, (size_t)n + 1, "%s%s: %s: %s", file, head,
	    level_names[lvl], body);
	free(body);
	if (M.ndiag == M.maxdiag) {
		M.maxdiag = M.maxdiag ? M.maxdiag * 2 : 32;
		M.diags = realloc(M.diags, M.maxdiag * sizeof(*M.diags));
		if (M.diags == NULL)
			goto oom;
	}
	M.diags[M.ndiag].file = file_index(file);
	M.diags[M.ndiag].line = line;
	M.diags[M.ndiag].col = col;
	M.diags[M.ndiag].seq = M.ndiag;
	M.diags[M.ndiag].text = all;
	M.ndiag++;
	return;
oom:
	fputs("congvan: out of memory\n", stderr);
	exit(EXIT_SYSTEM);
}

static int
diag_cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
msg_flush(void)
{
	size_t	 i;

	if (M.ndiag > 0)
		qsort(M.diags, M.ndiag, sizeof(*M.diags), diag_cmp);
	for (i = 0; i < M.ndiag; i++) {
		fprintf(stderr, "%s\n", M.diags[i].text);
		free(M.diags[i].text);
	}
	free(M.diags);
	M.diags = NULL;
	M.ndiag = M.maxdiag = 0;
	for (i = 0; i < M.nfile; i++)
		free(M.files[i]);
	free(M.files);
	M.files = NULL;
	M.nfile = 0;
	fflush(stderr);
}

size_t
msg_count(enum msg_level lvl)
{
	return M.counts[lvl];
}

void
msg_set_silent(int s)
{
	M.silent = s;
}

void
msg_reset(void)
{
	M.counts[MSG_WARNING] = M.counts[MSG_ERROR] = 0;
	memset(M.seen, 0, sizeof(M.seen));
}

size_t
msg_seen(enum msgt id)
{
	return M.seen[id];
}

void
msg_die_id(enum msgt id, ...)
{
	va_list	 ap;

	msg_flush();
	fputs("congvan: ", stderr);
	va_start(ap, id);
	vfprintf(stderr, msgdefs[id].text, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (msgdefs[id].level == MSG_USAGE)
		fputs("Try 'congvan --help'.\n", stderr);
	exit(msgdefs[id].level == MSG_SYSTEM ? EXIT_SYSTEM :
	    msgdefs[id].level == MSG_BUSY ? EXIT_BUSY : EXIT_USAGE);
}

void
msg_say_id(enum msgt id, ...)
{
	va_list	 ap;

	fputs("congvan: ", stderr);
	va_start(ap, id);
	vfprintf(stderr, msgdefs[id].text, ap);
	va_end(ap);
	fputc('\n', stderr);
}
