/* Diagnostics in the FILE:LINE:COL: level: text form of SPEC.md. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "msg.h"

static size_t	 counts[MSG__MAX];
static int	 quiet;
static int	 silent;

static const char *const level_names[MSG__MAX] = {
	"warning",	/* MSG_WARNING */
	"error",	/* MSG_ERROR */
};

void
msg(enum msg_level lvl, const char *file, size_t line, size_t col,
    const char *fmt, ...)
{
	va_list	 ap;

	counts[lvl]++;
	if (silent)
		return;
	fputs(file != NULL ? file : "congvan", stderr);
	if (line > 0) {
		fprintf(stderr, ":%zu", line);
		if (col > 0)
			fprintf(stderr, ":%zu", col);
	}
	fprintf(stderr, ": %s: ", level_names[lvl]);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

size_t
msg_count(enum msg_level lvl)
{
	return counts[lvl];
}

void
msg_note(const char *fmt, ...)
{
	va_list	 ap;

	if (quiet || silent)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
msg_set_quiet(int q)
{
	quiet = q;
}

void
msg_set_silent(int s)
{
	silent = s;
}

void
msg_reset(void)
{
	counts[MSG_WARNING] = counts[MSG_ERROR] = 0;
}

void
msg_die(const char *fmt, ...)
{
	va_list	 ap;

	fputs("congvan: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_SYSTEM);
}
