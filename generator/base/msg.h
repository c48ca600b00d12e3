/* Diagnostics: FILE:LINE[:COL]: error|warning: TEXT on stderr, counted. */
#ifndef MSG_H
#define MSG_H

#include <stddef.h>
#include <stdio.h>

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
	EXIT_SYSTEM = 3,	/* unreadable input, unwritable output, no memory */
	EXIT_BUSY = 4		/* another congvan kept the output folder
				   longer than the wait (README; an
				   extension of SPEC.md's statuses) */
};

/* Catalogue levels that end the run at once (DIE), not counted: */
#define MSG_SYSTEM	(MSG__MAX + 0)	/* a system error, exit 3 */
#define MSG_USAGE	(MSG__MAX + 1)	/* a command line not understood:
					   exit 2, pointing to --help */
#define MSG_VALUE	(MSG__MAX + 2)	/* an option's value, its message
					   naming the values it takes: exit 2 */
#define MSG_BUSY	(MSG__MAX + 3)	/* the output folder stayed locked:
					   exit 4 */

/* Every diagnostic, by its identifier in the catalogue (msgtab.h). */
enum msgt {
#define MSGDEF(id, level)	MSGT_##id,
#include "base/msgtab.h"
#undef MSGDEF
	MSGT__MAX
};

/*
 * Report diagnostic MSGT_id of the catalogue, its level and text taken
 * from there, with its arguments: MSGT(id, file, line, col, args...)
 * (line 0 omits LINE and COL, col 0 omits COL).  The arguments are
 * checked against the catalogue's text at compile time (the printf in
 * dead code); the extra 0 closes the argument list.
 */
void	 msg_id(enum msgt, const char *file, size_t line, size_t col, ...);
#define MSGT(id, ...)		MSGT_(id, __VA_ARGS__, 0)
#define MSGT_(id, file, line, col, ...) \
	((void)(0 && printf(MSGTXT_##id "%.0d", __VA_ARGS__)), \
	msg_id(MSGT_##id, (file), (line), (col), __VA_ARGS__))

/*
 * A diagnostic that ends the run (level MSG_SYSTEM, MSG_USAGE or
 * MSG_VALUE): DIE(id, args...) prints the diagnostics kept so far, then
 * "congvan: TEXT" (and "Try 'congvan --help'." for MSG_USAGE), and exits
 * 3 or 2.
 */
void	 msg_die_id(enum msgt, ...) __attribute__((noreturn));

/* "congvan: TEXT" on stderr now, nothing else (for an exit handler,
 * which must not call exit). */
void	 msg_say_id(enum msgt, ...);
#define DIE(...)		DIE_(__VA_ARGS__, 0)
#define DIE_(id, ...) \
	((void)(0 && printf(MSGTXT_##id "%.0d", __VA_ARGS__)), \
	msg_die_id(MSGT_##id, __VA_ARGS__))


/* Print the diagnostics kept so far, sorted by file (in order of first
 * appearance), line and column, then forget them.  Call before exit. */
void	 msg_flush(void);

/* Number of diagnostics of a level since start (or msg_reset). */
size_t	 msg_count(enum msg_level);


/* Times the catalogue entry id was reported since start (or msg_reset):
 * for the fuzzers' oracles ("never an internal error"). */
size_t	 msg_seen(enum msgt id);

/* Suppress all output (fuzzers); counts still kept. */
void	 msg_set_silent(int);
void	 msg_reset(void);

#endif /* MSG_H */
