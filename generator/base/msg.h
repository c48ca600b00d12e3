/* Diagnostics: FILE:LINE[:COL]: error|warning: TEXT on stderr, counted. */
#ifndef MSG_H
#define MSG_H

#include <stddef.h>

enum msg_level {
	MSG_WARNING,	/* reported, run goes on */
	MSG_ERROR,	/* input problem: exit 1, nothing written */
	MSG__MAX
};

/* Exit status, fixed by SPEC.md "Command line". */
enum exit_status {
	EXIT_OK = 0,		/* success (warnings allowed) */
	EXIT_INPUT = 1,		/* missing or invalid input, refused run */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_SYSTEM = 3		/* unreadable input, unwritable output, no memory */
};

/*
 * Record one diagnostic "FILE:LINE:COL: error: TEXT" (line 0 omits
 * LINE and COL, col 0 omits COL) for msg_flush.  file may be NULL (then
 * "congvan").  Warnings are printed even with -q; only notes are not.
 */
void	 msg(enum msg_level, const char *file, size_t line, size_t col,
	    const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));

/* Print the diagnostics kept so far, sorted by file (in order of first
 * appearance), line and column, then forget them.  Call before exit. */
void	 msg_flush(void);

/* Number of diagnostics of a level since start (or msg_reset). */
size_t	 msg_count(enum msg_level);

/* Informational line on stderr, unless quiet (-q). */
void	 msg_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 msg_set_quiet(int);

/* Suppress all output (fuzzers); counts still kept. */
void	 msg_set_silent(int);
void	 msg_reset(void);

/* A system error (exit 3): prints "congvan: TEXT" and exits. */
void	 msg_die(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif /* MSG_H */
