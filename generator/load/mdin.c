/* Markdown → struct doc: the only file that includes <cmark.h>. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "base/msg.h"
#include "base/xalloc.h"
#include "load/doc.h"
#include "load/field.h"
#include "load/mdin.h"

struct mdin {
	const char	*buf;		/* the body's text */
	size_t		 len;
	const char	*file;
	size_t		 line0;
	int		 errors;
	int		 depth;		/* list nesting */
	int		 spans;		/* emphasis nesting */
	int		 warned_html;	/* one warning per construct kind */
	size_t		 inl_line;	/* line of the inline being read */
	const struct dnode *broken;	/* block whose placeholder holds
					   emphasis: its "}}" is reported */
};

static size_t
node_line(const struct mdin *m, cmark_node *n, const struct dnode *cur)
{
	int	 l;

	l = cmark_node_get_start_line(n);
	if (l > 0)
		return m->line0 + (size_t)l;
	return cur != NULL ? cur->line : m->line0 + 1;
}

/* A paragraph that is a GFM pipe table: "| a | b |" then "|---|---|". */
static int
is_pipe_table(cmark_node *para)
{
	cmark_node	*t, *br;
	const char	*s;

	t = cmark_node_first_child(para);
	if (t == NULL || cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return 0;
	s = cmark_node_get_literal(t);
	if (s == NULL || strchr(s, '|') == NULL)
		return 0;
	for (br = cmark_node_next(t); br != NULL; br = cmark_node_next(br))
		if (cmark_node_get_type(br) == CMARK_NODE_SOFTBREAK)
			break;
	if (br == NULL || (t = cmark_node_next(br)) == NULL ||
	    cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return 0;
	s = cmark_node_get_literal(t);
	return s != NULL && strspn(s, "|-: \t") == strlen(s) &&
	    strstr(s, "--") != NULL;
}

/* Does a TEXT after n in the same block hold "}}"? */
static int
closes_later(const struct dnode *n)
{
	const struct dnode *k;

	for (; n != NULL; n = n->parent) {
		for (k = n->next; k != NULL; k = k->next) {
			if (k->type == DNODE_TEXT && strstr(k->text, "}}"))
				return 1;
			if (k->first != NULL && k->first->type == DNODE_TEXT &&
			    strstr(k->first->text, "}}"))
				return 1;
		}
		if (n->parent != NULL && (n->parent->type == DNODE_PARA ||
		    n->parent->type == DNODE_HEADING))
			break;
	}
	return 0;
}

/* Append s to n's text, then drop the node after n (s may be its text). */
static void
absorb(struct dnode *par, struct dnode *n, const char *s)
{
	struct dnode	*nx = n->next;
	size_t		 len = strlen(n->text);

	n->text = xrealloc(n->text, len + strlen(s) + 1);
	strcpy(n->text + len, s);
	n->next = nx->next;
	if (par->last == nx)
		par->last = n;
	free(nx->text);
	free(nx);
}

/* Whether s ends inside a placeholder: a "{{" with no "}}" after it. */
static int
open_field(const char *s)
{
	const char	*o = NULL, *p;

	for (p = s; (p = strstr(p, "{{")) != NULL; p += 2)
		o = p;
	return o != NULL && strstr(o, "}}") == NULL;
}

/* The paragraph or heading that holds an inline node. */
static const struct dnode *
block_of(const struct dnode *n)
{
	while (n->parent != NULL && n->type != DNODE_PARA &&
	    n->type != DNODE_HEADING)
		n = n->parent;
	return n;
}

/* A new node of type t after n in n's parent. */
static struct dnode *
insert_after(struct dnode *n, enum dnode_type t, char *text)
{
	struct dnode	*k;

	k = xcalloc(1, sizeof(*k));
	k->type = t;
	k->parent = n->parent;
	k->line = n->line;
	k->text = text;
	k->next = n->next;
	n->next = k;
	if (n->parent->last == n)
		n->parent->last = k;
	return k;
}

/*
 * Merge runs of adjacent TEXT siblings (cmark splits text at special
 * characters), split {{name}} placeholders out into FIELD nodes, and
 * drop TEXT nodes left empty.
 */
static void
fields(struct mdin *m, struct dnode *par)
{
	struct dnode	*n, *nx, **pp;
	const char	*at, *end, *nm, *p, *q;
	char		*s;
	size_t		 nl;
	enum field_scan	 k;
	struct fscan	 fs;

	for (n = par->first; n != NULL; n = n->next) {
		if (n->type != DNODE_TEXT) {
			if (n->first != NULL)
				fields(m, n);
			continue;
		}
		for (;;) {
			nx = n->next;
			if (nx != NULL && nx->type == DNODE_SPACE &&
			    nx->next != NULL && nx->next->type == DNODE_TEXT &&
			    open_field(n->text)) {
				/* A placeholder an editor wrapped, "{{Tên"
				 * at the end of a line and "cơ quan}}" on the
				 * next: the line break is a space, as in a
				 * header name. */
				absorb(par, n, " ");
				absorb(par, n, n->next->text);
			} else if (nx != NULL && nx->type == DNODE_TEXT &&
			    nx->line == n->line)
				absorb(par, n, nx->text);
			else
				break;
		}
		/* Split s into TEXT, FIELD, TEXT, ... with one copy of
		 * each piece: copying the rest at each placeholder would
		 * take time and memory quadratic in their number. */
		s = n->text;
		p = q = s;	/* text not yet placed; where to scan */
		memset(&fs, 0, sizeof(fs));
		while ((k = field_scan_r(q, &fs, &at, &end, &nm, &nl)) !=
		    FIELD_NONE) {
			if (k != FIELD_OK) {
				if (k == FIELD_UNCLOSED && closes_later(n)) {
					MSGT(MDIN_FIELD_EMPHASIS,
					    m->file, n->line, 0);
					m->broken = block_of(n);
				} else if (k == FIELD_STRAY &&
				    m->broken == block_of(n))
					break;	/* the same mistake */
				else
					field_error(k, at, m->file, n->line);
				m->errors++;
				if (k == FIELD_UNCLOSED)
					break;
				/* "{{}}" or "}}": kept as text, and the
				 * placeholders after it still checked. */
				q = end;
				continue;
			}
			/* n gets the text before; FIELD; a TEXT for the rest. */
			n->text = xstrndup(p, at - p);
			nx = insert_after(n, DNODE_FIELD, field_name(nm, nl));
			n = insert_after(nx, DNODE_TEXT, NULL);
			p = q = end;
		}
		if (p != s) {
			n->text = xstrdup(p);
			free(s);
		}
	}
	/* Drop empty TEXT nodes. */
	for (pp = &par->first, nx = NULL; *pp != NULL; ) {
		n = *pp;
		if (n->type == DNODE_TEXT && n->text[0] == '\0') {
			*pp = n->next;
			free(n->text);
			free(n);
			continue;
		}
		nx = n;
		pp = &n->next;
	}
	par->last = nx;
}

/* Warning id (no arguments) once per kind (bit) and file. */
static void
warn_once(struct mdin *m, size_t line, int bit, enum msgt id)
{
	msg_id(id, m->file, line, 0);
	m->warned_html |= bit;
}

/* An inline node of cmark entering: its node in our model, or NULL
 * (a leaf, or left out); cur is the node it goes in. */
static struct dnode *
enter_inline(struct mdin *m, cmark_iter *it, cmark_node *cn,
    struct dnode *cur, size_t line)
{
	struct dnode	*n = NULL;

	switch (cmark_node_get_type(cn)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		dnode_append(cur, DNODE_TEXT, line,
		    cmark_node_get_literal(cn));
		break;
	case CMARK_NODE_HTML_INLINE:
		if (!(m->warned_html & 1))
			warn_once(m, line, 1,
			    MSGT_MDIN_RAW_HTML_PLAIN);
		dnode_append(cur, DNODE_TEXT, line,
		    cmark_node_get_literal(cn));
		break;
	case CMARK_NODE_SOFTBREAK:
		dnode_append(cur, DNODE_SPACE, line, NULL);
		m->inl_line++;
		break;
	case CMARK_NODE_LINEBREAK:
		dnode_append(cur, DNODE_BREAK, line, NULL);
		m->inl_line++;
		break;
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
		if (m->spans >= DOC_MAX_DEPTH)
			break;	/* style bits are idempotent */
		m->spans++;
		n = dnode_append(cur, cmark_node_get_type(cn) ==
		    CMARK_NODE_EMPH ? DNODE_EMPH : DNODE_STRONG,
		    line, NULL);
		break;
	case CMARK_NODE_LINK:
		if (!(m->warned_html & 2))
			warn_once(m, line, 2,
			    MSGT_MDIN_LINK_TEXT_ONLY);
		break;
	case CMARK_NODE_IMAGE:
		MSGT(MDIN_IMAGE_LEFT_OUT_LETTER, m->file, line, 0);
		cmark_iter_reset(it, cn, CMARK_EVENT_EXIT);
		break;
	default:
		MSGT(MDIN_UNSUPPORTED_MARKDOWN_LEFT_OUT, m->file, line, 0);
		break;
	}
	return n;
}

/*
 * A heading that ends on a later line than it starts is a setext one
 * (CommonMark §4.3): a line of "---" or "===" typed under a paragraph,
 * as a rule or an underline, makes the paragraph a heading, centred and
 * bold.  Said at that line, with the two ways out that work: delete the
 * line (a letter prints no rules), or begin the text with "#" ("##")
 * for a heading; line is where the heading starts.
 */
static void
setext(const struct mdin *m, cmark_node *cn, size_t line)
{
	const char	*p = m->buf, *end = m->buf + m->len, *e, *q;
	size_t		 l, first, last;
	int		 c;

	if (cmark_node_get_start_line(cn) <= 0 ||
	    cmark_node_get_end_line(cn) <= cmark_node_get_start_line(cn))
		return;
	/* cmark 0.30 may end the heading a line late: find the underline,
	 * the first line after the text of "=" or "-" alone. */
	first = (size_t)cmark_node_get_start_line(cn);
	last = (size_t)cmark_node_get_end_line(cn);
	for (l = 1; p < end && l <= last; l++, p = e + 1) {
		if ((e = memchr(p, '\n', end - p)) == NULL)
			e = end;
		if (l <= first)
			continue;
		for (q = p; q < e && strchr(" \t>", *q) != NULL; q++)
			;
		if (q == e || (*q != '=' && *q != '-'))
			continue;
		for (c = *q; q < e && *q == c; q++)
			;
		while (q < e && strchr(" \t\r", *q) != NULL)
			q++;
		if (q == e) {
			MSGT(MDIN_SETEXT_HEADING, m->file, m->line0 + l, 0,
			    c, line, c == '=' ? "#" : "##");
			return;
		}
	}
}

/* A node of cmark entering (blocks here, inlines in enter_inline): its
 * container in our model, which its EXIT event pops, or NULL. */
static struct dnode *
enter(struct mdin *m, cmark_iter *it, cmark_node *cn, struct dnode *cur,
    size_t line)
{
	struct dnode	*n = NULL;
	const char	*lit;

	switch (cmark_node_get_type(cn)) {
	case CMARK_NODE_DOCUMENT:
		break;
	case CMARK_NODE_PARAGRAPH:
		if (is_pipe_table(cn))
			MSGT(MDIN_MARKDOWN_TABLES_NOT_SUPPORTED, m->file,
			    line, 0);
		n = dnode_append(cur, DNODE_PARA, line, NULL);
		break;
	case CMARK_NODE_HEADING:
		setext(m, cn, line);
		n = dnode_append(cur, DNODE_HEADING, line, NULL);
		n->level = cmark_node_get_heading_level(cn);
		break;
	case CMARK_NODE_LIST:
		if (m->depth >= DOC_MAX_DEPTH) {
			MSGT(MDIN_LISTS_NESTED_DEEPER_LEVELS, m->file,
			    line, 0, DOC_MAX_DEPTH);
			m->errors++;
			cmark_iter_reset(it, cn, CMARK_EVENT_EXIT);
			break;
		}
		n = dnode_append(cur, DNODE_LIST, line, NULL);
		n->ordered = cmark_node_get_list_type(cn) ==
		    CMARK_ORDERED_LIST;
		n->start = n->ordered ?
		    cmark_node_get_list_start(cn) : 0;
		n->level = ++m->depth;
		break;
	case CMARK_NODE_ITEM:
		n = dnode_append(cur, DNODE_ITEM, line, NULL);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		if (!(m->warned_html & 4))
			warn_once(m, line, 4,
			    MSGT_MDIN_BLOCK_QUOTE_PLAIN);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		MSGT(MDIN_THEMATIC_BREAK_NOT_PRINTED, m->file, line, 0);
		break;
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK:
		if (cmark_node_get_type(cn) == CMARK_NODE_CODE_BLOCK)
			MSGT(MDIN_CODE_BLOCK_PLAIN, m->file, line, 0);
		else
			MSGT(MDIN_HTML_BLOCK_PLAIN, m->file, line, 0);
		lit = cmark_node_get_literal(cn);
		n = dnode_append(cur, DNODE_PARA, line, NULL);
		if (lit != NULL) {
			char	*t, *p;

			t = xstrdup(lit);
			for (p = t; *p != '\0'; p++)
				if (*p == '\n')
					*p = ' ';
			dnode_append(n, DNODE_TEXT, line, t);
			free(t);
		}
		n = NULL;	/* a leaf: no EXIT event */
		break;
	default:
		return enter_inline(m, it, cn, cur, line);
	}
	return n;
}

struct doc *
mdin_parse(const char *buf, size_t len, const char *file, size_t line0,
    int *errors)
{
	struct mdin	 m;
	struct doc	*d;
	struct dnode	*cur, *n;
	cmark_node	*root, *cn;
	cmark_iter	*it;
	cmark_event_type ev;
	size_t		 line;

	memset(&m, 0, sizeof(m));
	m.buf = buf;
	m.len = len;
	m.file = file;
	m.line0 = line0;
	if (len > MDIN_MAX_BODY) {
		MSGT(MDIN_BODY_BYTES_MORE_LIMIT, file, line0 + 1, 0, len,
		    MDIN_MAX_BODY);
		(*errors)++;
		return doc_new();
	}
	root = cmark_parse_document(buf, len,
	    CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8);
	if (root == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	d = doc_new();
	cur = d->root;
	cur->line = line0 + 1;
	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cn = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_EXIT) {
			if (cmark_node_get_user_data(cn) != NULL) {
				if (cur->type == DNODE_LIST)
					m.depth--;
				if (cur->type == DNODE_EMPH ||
				    cur->type == DNODE_STRONG)
					m.spans--;
				cur = cur->parent;
			}
			continue;
		}
		/*
		 * Blocks carry their own start line.  Inline positions are
		 * unreliable in cmark 0.30.2 (none on breaks, wrong after a
		 * backslash break): count the breaks of the block instead.
		 */
		if (cmark_node_get_type(cn) >= CMARK_NODE_FIRST_INLINE)
			line = m.inl_line;
		else
			line = m.inl_line = node_line(&m, cn, cur);
		n = enter(&m, it, cn, cur, line);
		if (n != NULL) {
			/* A container: its EXIT event pops it. */
			cmark_node_set_user_data(cn, n);
			cur = n;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(root);
	fields(&m, d->root);
	*errors += m.errors;
	return d;
}
