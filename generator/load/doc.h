/* The document model of a letter body: our own tree, independent of cmark. */
#ifndef DOC_H
#define DOC_H

#include <stddef.h>
#include <stdio.h>

#define DOC_MAX_DEPTH	8	/* list nesting limit (README "Limits") */

enum dnode_type {
	DNODE_ROOT,		/* the body */
	DNODE_PARA,		/* paragraph */
	DNODE_HEADING,		/* heading, level 1..6 */
	DNODE_LIST,		/* list of ITEMs: ordered or bullet */
	DNODE_ITEM,		/* list item: holds blocks */
	DNODE_TEXT,		/* literal text */
	DNODE_FIELD,		/* {{name}} placeholder; text is the name */
	DNODE_EMPH,		/* italic span */
	DNODE_STRONG,		/* bold span */
	DNODE_BREAK,		/* hard line break */
	DNODE_SPACE,		/* soft line break: a space */
	DNODE__MAX
};

struct dnode {
	enum dnode_type	 type;
	struct dnode	*parent;
	struct dnode	*first, *last;	/* children */
	struct dnode	*next;		/* next sibling */
	char		*text;		/* TEXT: literal; FIELD: name */
	size_t		 line;		/* source line in the input file */
	size_t		 col;		/* source column (characters), 0 unknown */
	int		 level;		/* HEADING: 1..6; LIST: depth, 1 outer */
	int		 ordered;	/* LIST: 1 ordered, 0 bullet */
	int		 start;		/* LIST: number of the first item */
};

struct doc {
	struct dnode	*root;		/* DNODE_ROOT */
};

/* New empty document; caller frees with doc_free. */
struct doc	*doc_new(void);

/* New node of type t at line, appended to parent (if not NULL).  Owned
 * by the tree.  text is copied when not NULL. */
struct dnode	*dnode_append(struct dnode *parent, enum dnode_type t,
		    size_t line, const char *text);

/* Frees the whole tree; NULL is fine. */
void		 doc_free(struct doc *);

/*
 * The tree walk, in document order (preorder): the node after n, or NULL
 * after the last.  *depth (may be NULL) goes up by one into a child and
 * down by one for each parent it climbs out of.
 */
const struct dnode *dnode_next(const struct dnode *n, int *depth);

/* Text dump of the model ("-T model"): one node a line, indented. */
void		 doc_dump(const struct doc *, FILE *);

#endif /* DOC_H */
