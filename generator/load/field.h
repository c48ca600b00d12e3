/* The {{name}} placeholder lexer: where placeholders are, their names. */
#ifndef FIELD_H
#define FIELD_H

#include <stddef.h>

/* What field_scan found. */
enum field_scan {
	FIELD_NONE,		/* no "{{" or "}}" left */
	FIELD_OK,		/* a placeholder */
	FIELD_STRAY,		/* "}}" before any "{{" */
	FIELD_UNCLOSED,		/* "{{" with no "}}" before the next "{{" */
	FIELD_EMPTY		/* "{{}}" or "{{  }}" */
};

/*
 * Find the next placeholder {{name}} in s (SPEC.md "Inputs").  *at gets
 * the "{{" (or the stray "}}"), *end the byte after "}}", and the name,
 * trimmed of spaces and tabs, is (*name, *nlen).
 */
enum field_scan field_scan(const char *s, const char **at, const char **end,
	    const char **name, size_t *nlen);

/*
 * field_scan over one string from successive points s (each at or after
 * the last *end), remembering where the next "{{" and "}}" are: a whole
 * scan costs time linear in the string, however many stray "}}" it has.
 * Zero fs before the first call.
 */
struct fscan {
	const char	*ofrom, *o;	/* "{{" searched from ofrom: o */
	const char	*cfrom, *c;	/* "}}" searched from cfrom: c */
};
enum field_scan field_scan_r(const char *s, struct fscan *fs,
	    const char **at, const char **end, const char **name,
	    size_t *nlen);

/* A placeholder's name as it is looked up: (nm, nl) with each run of
 * spaces and tabs made one space ("{{Tên   cơ quan}}" is "Tên cơ quan",
 * as header names are read).  Caller frees. */
char	*field_name(const char *nm, size_t nl);

/* Report a malformed placeholder (FIELD_STRAY, _UNCLOSED, _EMPTY) found
 * at at, on a line of file. */
void	 field_error(enum field_scan, const char *at, const char *file,
	    size_t line);

#endif /* FIELD_H */
