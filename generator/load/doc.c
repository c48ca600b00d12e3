/* Document model: construction, dump and iterative free. */
#include <stdio.h>
#include <stdlib.h>

#include "base/xalloc.h"
#include "load/doc.h"

static const char *const dnode_names[DNODE__MAX] = {
	"root",		/* DNODE_ROOT */
	"para",		/* DNODE_PARA */
	"heading",	/* DNODE_HEADING */
	"list",		/* DNODE_LIST */
	"item",		/* DNODE_ITEM */
	"text",		/* DNODE_TEXT */
	"field",	/* DNODE_FIELD */
	"emph",		/* DNODE_EMPH */
	"strong",	/* DNODE_STRONG */
	"break",	/* DNODE_BREAK */
	"space",	/* DNODE_SPACE */
};

struct doc *
doc_new(void)
{
	struct doc	*d;

	d = xcalloc(1, sizeof(*d));
	d->root = dnode_append(NULL, DNODE_ROOT, 0, NULL);
	return d;
}

struct dnode *
dnode_append(struct dnode *parent, enum dnode_type t, size_t line,
    const char *text)
{
	struct dnode	*n;

	n = xcalloc(1, sizeof(*n));
	n->type = t;
	n->line = line;
	if (text != NULL)
		n->text = xstrdup(text);
	if (parent != NULL) {
		n->parent = parent;
		if (parent->last != NULL)
			parent->last->next = n;
		else
			parent->first = n;
		parent->last = n;
	}
	return n;
}

void
doc_free(struct doc *d)
{
	struct dnode	*n, *next;

	if (d == NULL)
		return;
	/*
	 * Free without recursion (cmark's S_free_nodes): splice each
	 * node's children in front of its next sibling, then free it.
	 */
	for (n = d->root; n != NULL; n = next) {
		if (n->first != NULL) {
			n->last->next = n->next;
			n->next = n->first;
		}
		next = n->next;
		free(n->text);
		free(n);
	}
	free(d);
}

const struct dnode *
dnode_next(const struct dnode *n, int *depth)
{
	if (n->first != NULL) {
		if (depth != NULL)
			(*depth)++;
		return n->first;
	}
	while (n != NULL && n->next == NULL) {
		n = n->parent;
		if (depth != NULL)
			(*depth)--;
	}
	return n != NULL ? n->next : NULL;
}

static void
dump_text(const char *s, FILE *f)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

void
doc_dump(const struct doc *d, FILE *f)
{
	const struct dnode *n;
	int		 depth = 0;

	for (n = d->root; n != NULL; n = dnode_next(n, &depth)) {
		fprintf(f, "%*s%s", depth * 2, "", dnode_names[n->type]);
		if (n->line > 0)
			fprintf(f, " %zu", n->line);
		if (n->type == DNODE_HEADING)
			fprintf(f, " level=%d", n->level);
		if (n->type == DNODE_LIST)
			fprintf(f, " %s depth=%d start=%d",
			    n->ordered ? "ordered" : "bullet",
			    n->level, n->start);
		if (n->text != NULL) {
			fputc(' ', f);
			dump_text(n->text, f);
		}
		fputc('\n', f);
	}
}
