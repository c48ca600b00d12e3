/* YAML → struct ynode: the only file that includes <yaml.h>. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "base/msg.h"
#include "base/xalloc.h"
#include "load/ytree.h"

struct yparse {
	yaml_parser_t	 p;
	const char	*buf;		/* the YAML text */
	size_t		 len;
	const char	*file;
	size_t		 line0;
	int		 flags;		/* YTREE_CLERK */
	int		 failed;
};

static struct ynode *
node_new(enum ynode_type t, const yaml_mark_t *m, size_t line0)
{
	struct ynode	*n;

	n = xcalloc(1, sizeof(*n));
	n->type = t;
	n->line = m->line + 1 + line0;
	n->col = m->column + 1;
	return n;
}

/*
 * A quote opened after "key: " and not closed on its line, at or before
 * line (0-based); its line and column in *ql, *qc.
 */
static int
open_quote(const struct yparse *yp, size_t line, size_t *ql, size_t *qc)
{
	const char	*p = yp->buf, *e, *q;
	size_t		 l = 0, n;

	for (; l <= line && p < yp->buf + yp->len; l++, p = e + 1) {
		if ((e = memchr(p, '\n', yp->buf + yp->len - p)) == NULL)
			e = yp->buf + yp->len;
		q = memchr(p, ':', e - p);
		if (q == NULL || q + 2 >= e || q[1] != ' ')
			continue;
		q += 2;
		while (q < e && *q == ' ')
			q++;
		if (q >= e || (*q != '"' && *q != '\''))
			continue;
		n = 0;
		for (const char *c = q; c < e; c++)
			n += *c == *q;
		if (n % 2 == 1) {
			*ql = l;
			*qc = q - p;
			return 1;
		}
	}
	return 0;
}

/* Where a libyaml mark is in the text (line and column count
 * characters, from 0); the end of the text when past it. */
static const char *
mark_ptr(const struct yparse *yp, size_t line, size_t col)
{
	const char	*p = yp->buf, *end = yp->buf + yp->len;

	while (line > 0 && p < end)
		if (*p++ == '\n')
			line--;
	while (col > 0 && p < end) {
		p++;
		while (p < end && (*p & 0xC0) == 0x80)
			p++;
		col--;
	}
	return p;
}

/* The byte at a libyaml mark, or -1 past the end. */
static int
mark_byte(const struct yparse *yp, size_t line, size_t col)
{
	const char	*p = mark_ptr(yp, line, col);

	return p < yp->buf + yp->len ? (unsigned char)*p : -1;
}

/*
 * A plain (unquoted) value followed on its line by " #": YAML reads
 * what follows as a comment and drops it ("V/v chiến dịch #ChuyểnĐổiSố
 * năm 2024" is "V/v chiến dịch").  A clerk means text: warn at the "#",
 * naming the key (key: the key the value belongs to).  A "#" followed
 * by a space is taken for a comment written on purpose.
 */
static void
comment_after(struct yparse *yp, const yaml_event_t *ev, const char *key)
{
	const char	*p, *e, *end = yp->buf + yp->len;
	size_t		 skip = 0;

	if (!(yp->flags & YTREE_CLERK) ||
	    ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
	    ev->data.scalar.length == 0)
		return;
	p = mark_ptr(yp, ev->end_mark.line, ev->end_mark.column);
	while (p < end && (*p == ' ' || *p == '\t')) {
		p++;
		skip++;
	}
	/* "#ChuyểnĐổiSố", "#2": text; "# ghi chú" may be a comment
	 * written as one. */
	if (p + 1 >= end || *p != '#' || skip == 0 || p[1] == ' ' ||
	    p[1] == '\t' || p[1] == '\n' || p[1] == '\r')
		return;
	for (e = p; e < end && *e != '\n' && *e != '\r'; e++)
		;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	MSGT(YTREE_COMMENT_CUTS_VALUE, yp->file,
	    ev->end_mark.line + 1 + yp->line0,
	    ev->end_mark.column + skip + 1, key, (int)(e - p), p);
}

/* libyaml's problem, said the way a clerk can act on. */
static int
next_event(struct yparse *yp, yaml_event_t *ev)
{
	const char	*pr;
	size_t		 line, col, ql, qc;
	int		 c;

	if (yaml_parser_parse(&yp->p, ev))
		return 1;
	yp->failed = 1;
	pr = yp->p.problem != NULL ? yp->p.problem : "syntax error";
	line = yp->p.problem_mark.line;
	col = yp->p.problem_mark.column;
	c = mark_byte(yp, line, col);
	if (open_quote(yp, line, &ql, &qc)) {
		MSGT(YTREE_INVALID_YAML_QUOTED_VALUE, yp->file,
		    ql + 1 + yp->line0, qc + 1);
		return 0;
	}
	if (strstr(pr, "mapping values are not allowed") != NULL)
		MSGT(YTREE_INVALID_YAML_VALUE_CONTAINS, yp->file,
		    line + 1 + yp->line0, col + 1);
	else if (strstr(pr, "cannot start any token") != NULL && c == '\t')
		MSGT(YTREE_INVALID_YAML_TAB_INDENT, yp->file,
		    line + 1 + yp->line0, col + 1);
	else if (strstr(pr, "cannot start any token") != NULL && c > ' ' &&
	    c < 0x7F)
		MSGT(YTREE_INVALID_YAML_VALUE_CANNOT, yp->file,
		    line + 1 + yp->line0, col + 1, c);
	else if (strstr(pr, "did not find expected key") != NULL ||
	    strstr(pr, "did not find expected '-'") != NULL)
		MSGT(YTREE_INVALID_YAML_LINE_NOT, yp->file,
		    line + 1 + yp->line0, col + 1);
	else if (yp->p.context != NULL)
		MSGT(YTREE_INVALID_YAML_CONTEXT, yp->file, line + 1 + yp->line0,
		    col + 1, pr, yp->p.context);
	else
		MSGT(YTREE_INVALID_YAML, yp->file, line + 1 + yp->line0,
		    col + 1, pr);
	return 0;
}

/* Report id (no arguments) at mark m: something YAML has and we refuse. */
static void
refuse(struct yparse *yp, const yaml_mark_t *m, enum msgt id)
{
	msg_id(id, yp->file, m->line + 1 + yp->line0, m->column + 1);
	yp->failed = 1;
}

/*
 * A mapping in flow style whose first key is not text: "kinh_gui:
 * {{Tên cơ quan}}" typed without quotes, which YAML reads as a mapping
 * of a mapping.  Said with the key and the line to write instead, at
 * the value's first "{" (m).  entry: the value is an entry of the list
 * key, 1 on a line of its own ("- {{…}}"), 2 inside "[…]".
 */
static void
unquoted_braces(struct yparse *yp, const yaml_mark_t *m, const char *key,
    int entry)
{
	const char	*p, *e, *end = yp->buf + yp->len;
	char		*q;
	size_t		 n = 0;

	p = mark_ptr(yp, m->line, m->column);
	if ((e = memchr(p, '\n', end - p)) == NULL)
		e = end;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	/* The value as it would be written in double quotes. */
	q = xmalloc(2 * (e - p) + 1);
	for (; p < e; p++) {
		if (*p == '"' || *p == '\\')
			q[n++] = '\\';
		q[n++] = *p;
	}
	q[n] = '\0';
	if (entry == 2)
		MSGT(YTREE_BRACES_FLOW_ENTRY_NEED_QUOTES, yp->file,
		    m->line + 1 + yp->line0, m->column + 1, key);
	else if (entry)
		MSGT(YTREE_BRACES_ENTRY_NEED_QUOTES, yp->file,
		    m->line + 1 + yp->line0, m->column + 1, key, q);
	else
		MSGT(YTREE_BRACES_NEED_QUOTES, yp->file,
		    m->line + 1 + yp->line0, m->column + 1, key, key, q);
	free(q);
	yp->failed = 1;
}

/*
 * Build the node that starts with event ev (already read; ownership
 * stays with the caller): the value of key (NULL for the root), or an
 * entry of the list key when entry is 1 (a block list, "- …") or 2 (a
 * flow list, "[…]").  Returns NULL on error.
 */
static struct ynode *
build(struct yparse *yp, yaml_event_t *ev, int depth, const char *key,
    int entry)
{
	struct ynode	*n, *kid, **tail;
	yaml_event_t	 e;
	const char	*tag;

	if (depth > YTREE_MAX_DEPTH) {
		MSGT(YTREE_YAML_NESTED_DEEPER_LEVELS, yp->file,
		    ev->start_mark.line + 1 + yp->line0,
		    ev->start_mark.column + 1, YTREE_MAX_DEPTH);
		yp->failed = 1;
		return NULL;
	}
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		MSGT(YTREE_YAML_ALIASES_NOT_SUPPORTED, yp->file,
		    ev->start_mark.line + 1 + yp->line0,
		    ev->start_mark.column + 1);
		yp->failed = 1;
		return NULL;
	case YAML_SCALAR_EVENT:
		tag = (const char *)ev->data.scalar.tag;
		if (ev->data.scalar.anchor != NULL) {
			refuse(yp, &ev->start_mark, MSGT_YTREE_ANCHORS);
			return NULL;
		}
		if (tag != NULL && strcmp(tag, "!") != 0) {
			refuse(yp, &ev->start_mark, MSGT_YTREE_TAGS);
			return NULL;
		}
		n = node_new(YNODE_SCALAR, &ev->start_mark, yp->line0);
		n->value = xstrndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (key != NULL)
			comment_after(yp, ev, key);
		return n;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if ((ev->type == YAML_SEQUENCE_START_EVENT ?
		    ev->data.sequence_start.anchor :
		    ev->data.mapping_start.anchor) != NULL) {
			refuse(yp, &ev->start_mark, MSGT_YTREE_ANCHORS);
			return NULL;
		}
		if ((ev->type == YAML_SEQUENCE_START_EVENT ?
		    ev->data.sequence_start.tag :
		    ev->data.mapping_start.tag) != NULL) {
			refuse(yp, &ev->start_mark, MSGT_YTREE_TAGS);
			return NULL;
		}
		break;
	default:
		MSGT(YTREE_UNEXPECTED_YAML_EVENT, yp->file,
		    ev->start_mark.line + 1 + yp->line0,
		    ev->start_mark.column + 1);
		yp->failed = 1;
		return NULL;
	}

	n = node_new(ev->type == YAML_SEQUENCE_START_EVENT ?
	    YNODE_SEQ : YNODE_MAP, &ev->start_mark, yp->line0);
	tail = &n->child;
	for (;;) {
		char	*k = NULL;
		size_t	 kl = 0, kc = 0;

		if (!next_event(yp, &e))
			goto fail;
		if (e.type == YAML_SEQUENCE_END_EVENT ||
		    e.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&e);
			return n;
		}
		if (n->type == YNODE_MAP) {
			if (e.type != YAML_SCALAR_EVENT) {
				if (key != NULL && n->child == NULL &&
				    ev->data.mapping_start.style ==
				    YAML_FLOW_MAPPING_STYLE)
					unquoted_braces(yp, &ev->start_mark,
					    key, entry);
				else
					refuse(yp, &e.start_mark,
					    MSGT_YTREE_KEYS_NOT_TEXT);
				yaml_event_delete(&e);
				goto fail;
			}
			k = xstrndup((const char *)e.data.scalar.value,
			    e.data.scalar.length);
			kl = e.start_mark.line + 1 + yp->line0;
			kc = e.start_mark.column + 1;
			yaml_event_delete(&e);
			if (!next_event(yp, &e)) {
				free(k);
				goto fail;
			}
		}
		kid = n->type == YNODE_MAP ? build(yp, &e, depth + 1, k, 0) :
		    build(yp, &e, depth + 1, key,
		    ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE ?
		    2 : 1);
		/* "  - Như trên\n     - Bộ trưởng": YAML folds the second
		 * line into the first entry; a clerk meant two entries. */
		if (kid != NULL && n->type == YNODE_SEQ &&
		    kid->type == YNODE_SCALAR && kid->plain &&
		    e.end_mark.line > e.start_mark.line &&
		    strstr(kid->value, " - ") != NULL)
			MSGT(YTREE_LIST_ENTRY_RUNS_LINE, yp->file, kid->line,
			    kid->col, e.end_mark.line + 1 + yp->line0,
			    kid->value);
		yaml_event_delete(&e);
		if (kid == NULL) {
			free(k);
			goto fail;
		}
		kid->key = k;
		kid->key_line = kl;
		kid->key_col = kc;
		*tail = kid;
		tail = &kid->next;
	}
fail:
	ynode_free(n);
	return NULL;
}

struct ynode *
ytree_parse(const char *buf, size_t len, const char *file, size_t line0,
    int flags)
{
	struct yparse	 yp;
	yaml_event_t	 e;
	struct ynode	*root = NULL;
	int		 state = 0;	/* 0 stream, 1 doc, 2 after root */

	memset(&yp, 0, sizeof(yp));
	yp.buf = buf;
	yp.len = len;
	yp.file = file;
	yp.line0 = line0;
	yp.flags = flags;
	if (!yaml_parser_initialize(&yp.p))
		DIE(SYS_OUT_OF_MEMORY);
	yaml_parser_set_input_string(&yp.p, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&yp.p, YAML_UTF8_ENCODING);

	while (!yp.failed && next_event(&yp, &e)) {
		int	 done = 0;

		switch (e.type) {
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_START_EVENT:
			break;
		case YAML_DOCUMENT_END_EVENT:
			state = 2;
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			if (root != NULL || state == 2) {
				MSGT(YTREE_MORE_ONE_YAML_DOCUMENT, file,
				    e.start_mark.line + 1 + line0,
				    e.start_mark.column + 1);
				yp.failed = 1;
				break;
			}
			root = build(&yp, &e, 0, NULL, 0);
			if (root == NULL)
				yp.failed = 1;
			break;
		}
		yaml_event_delete(&e);
		if (done)
			break;
	}
	yaml_parser_delete(&yp.p);
	if (yp.failed) {
		ynode_free(root);
		return NULL;
	}
	if (root == NULL) {
		root = xcalloc(1, sizeof(*root));
		root->type = YNODE_MAP;
		root->line = line0 + 1;
	}
	return root;
}

const struct ynode *
ynode_get(const struct ynode *map, const char *key)
{
	const struct ynode *n;

	if (map == NULL || map->type != YNODE_MAP)
		return NULL;
	for (n = map->child; n != NULL; n = n->next)
		if (strcmp(n->key, key) == 0)
			return n;
	return NULL;
}

const char *
ynode_kind(const struct ynode *n)
{
	switch (n->type) {
	case YNODE_SEQ:
		return "a list";
	case YNODE_MAP:
		return "a mapping";
	default:
		return "text";
	}
}

void
ynode_free(struct ynode *n)
{
	struct ynode	*next;

	/* Iterative over siblings; depth is bounded by YTREE_MAX_DEPTH. */
	for (; n != NULL; n = next) {
		next = n->next;
		ynode_free(n->child);
		free(n->value);
		free(n->key);
		free(n);
	}
}
