/* YAML → a small tree of scalars, sequences and mappings (libyaml behind it). */
#ifndef YTREE_H
#define YTREE_H

#include <stddef.h>

#define YTREE_MAX_DEPTH	16	/* nesting limit (README "Limits") */

enum ynode_type {
	YNODE_SCALAR,		/* value */
	YNODE_SEQ,		/* child list */
	YNODE_MAP,		/* child list, each with key */
	YNODE__MAX
};

struct ynode {
	enum ynode_type	 type;
	size_t		 line, col;	/* 1-based position of the value */
	char		*value;		/* SCALAR: text as written (NFC input) */
	int		 plain;		/* SCALAR: unquoted */
	char		*key;		/* member of a MAP: its key */
	size_t		 key_line, key_col;	/* member of a MAP: key position */
	struct ynode	*child;		/* SEQ/MAP: first member */
	struct ynode	*next;		/* next member of the parent */
};

/* ytree_parse flags. */
#define YTREE_CLERK	0x01	/* a clerk's text (front matter): warn of a
				   plain value cut by " #text" */

/*
 * Parse one YAML document from buf (NUL-terminated, len bytes).
 * Positions are shifted by line0 lines (so front matter counts lines
 * from the top of its file).  Returns the root (a MAP, SEQ or SCALAR;
 * an empty document gives an empty MAP), which the caller frees with
 * ynode_free, or NULL after reporting a syntax error with its line and
 * column through msg().  Aliases, anchors, tags and non-scalar keys
 * are refused ("key: {{name}}" as such, naming the key and the quotes
 * to add); nesting deeper than YTREE_MAX_DEPTH is refused.  With
 * YTREE_CLERK, a plain value followed by " #text" on its line, which
 * YAML drops as a comment, is a warning at the "#".
 */
struct ynode	*ytree_parse(const char *buf, size_t len, const char *file,
		    size_t line0, int flags);

/* Member of a MAP by key, or NULL. */
const struct ynode *ynode_get(const struct ynode *map, const char *key);

/* Name of a node's type, for messages ("a list", "a mapping", "text"). */
const char	*ynode_kind(const struct ynode *);

void		 ynode_free(struct ynode *);

#endif /* YTREE_H */
