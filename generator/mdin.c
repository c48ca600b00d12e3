/* Markdown → struct doc: the only file that includes <cmark.h>. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "doc.h"
#include "mdin.h"
#include "msg.h"
#include "xalloc.h"

struct mdin {
	const char	*file;
	size_t		 line0;
	int		 errors;
	int		 depth;		/* list nesting */
	int		 spans;		/* emphasis nesting */
	int		 warned_html;	/* one warning per construct kind */
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

/*
 * Merge runs of adjacent TEXT siblings (cmark splits text at special
 * characters), then split {{name}} placeholders out into FIELD nodes.
 */
static void
fields(struct mdin *m, struct dnode *par)
{
	struct dnode	*n, *nx, *kid, *rest;
	char		*s, *open, *close, *name, *end, *tail;
	size_t		 len;

	for (n = par->first; n != NULL; n = n->next) {
		if (n->type != DNODE_TEXT) {
			if (n->first != NULL)
				fields(m, n);
			continue;
		}
		while ((nx = n->next) != NULL && nx->type == DNODE_TEXT) {
			len = strlen(n->text);
			n->text = xrealloc(n->text, len + strlen(nx->text) + 1);
			strcpy(n->text + len, nx->text);
			n->next = nx->next;
			if (par->last == nx)
				par->last = n;
			free(nx->text);
			free(nx);
		}
		s = n->text;
		if ((open = strstr(s, "{{")) == NULL) {
			if (strstr(s, "}}") != NULL) {
				msg(MSG_ERROR, m->file, n->line, 0,
				    "\"}}\" without \"{{\": a placeholder "
				    "is written {{name}}");
				m->errors++;
			}
			continue;
		}
		if ((close = strstr(open + 2, "}}")) == NULL) {
			msg(MSG_ERROR, m->file, n->line, 0,
			    "unclosed placeholder \"%.40s\": "
			    "a placeholder is written {{name}}", open);
			m->errors++;
			continue;
		}
		/* Trim the name. */
		name = open + 2;
		end = close;
		while (name < end && (*name == ' ' || *name == '\t'))
			name++;
		while (end > name && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (name == end || memchr(name, '{', end - name) != NULL) {
			msg(MSG_ERROR, m->file, n->line, 0,
			    "empty or malformed placeholder \"%.*s\"",
			    (int)(close + 2 - open), open);
			m->errors++;
			continue;
		}
		/* Split: n keeps the text before, then FIELD, then rest. */
		tail = xstrdup(close + 2);
		kid = xcalloc(1, sizeof(*kid));
		kid->type = DNODE_FIELD;
		kid->parent = par;
		kid->line = n->line;
		kid->text = xstrndup(name, end - name);
		rest = xcalloc(1, sizeof(*rest));
		rest->type = DNODE_TEXT;
		rest->parent = par;
		rest->line = n->line;
		rest->text = tail;
		*open = '\0';
		rest->next = n->next;
		kid->next = rest;
		n->next = kid;
		if (par->last == n)
			par->last = rest;
		n = kid;	/* loop continues with rest */
	}
}

static void
warn_once(struct mdin *m, size_t line, int bit, const char *what)
{
	msg(MSG_WARNING, m->file, line, 0, "%s", what);
	m->warned_html |= bit;
}

struct doc *
mdin_parse(const char *buf, size_t len, const char *file, size_t line0)
{
	struct mdin	 m;
	struct doc	*d;
	struct dnode	*cur, *n;
	cmark_node	*root, *cn;
	cmark_iter	*it;
	cmark_event_type ev;
	const char	*lit;
	size_t		 line;

	memset(&m, 0, sizeof(m));
	m.file = file;
	m.line0 = line0;
	if (len > MDIN_MAX_BODY) {
		msg(MSG_ERROR, file, line0 + 1, 0,
		    "body is %zu bytes, more than the limit of %u", len,
		    MDIN_MAX_BODY);
		return NULL;
	}
	root = cmark_parse_document(buf, len,
	    CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8);
	if (root == NULL)
		msg_die("out of memory");
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
		line = node_line(&m, cn, cur);
		n = NULL;
		switch (cmark_node_get_type(cn)) {
		case CMARK_NODE_DOCUMENT:
			break;
		case CMARK_NODE_PARAGRAPH:
			if (is_pipe_table(cn))
				msg(MSG_WARNING, file, line, 0, "Markdown "
				    "tables are not supported: printed as "
				    "plain text (put tables in the appendix)");
			n = dnode_append(cur, DNODE_PARA, line, NULL);
			break;
		case CMARK_NODE_HEADING:
			n = dnode_append(cur, DNODE_HEADING, line, NULL);
			n->level = cmark_node_get_heading_level(cn);
			break;
		case CMARK_NODE_LIST:
			if (m.depth >= DOC_MAX_DEPTH) {
				msg(MSG_ERROR, file, line, 0, "lists nested "
				    "deeper than %d levels", DOC_MAX_DEPTH);
				m.errors++;
				cmark_iter_reset(it, cn, CMARK_EVENT_EXIT);
				break;
			}
			n = dnode_append(cur, DNODE_LIST, line, NULL);
			n->ordered = cmark_node_get_list_type(cn) ==
			    CMARK_ORDERED_LIST;
			n->start = n->ordered ?
			    cmark_node_get_list_start(cn) : 0;
			n->level = ++m.depth;
			break;
		case CMARK_NODE_ITEM:
			n = dnode_append(cur, DNODE_ITEM, line, NULL);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			msg(MSG_WARNING, file, line, 0, "block quote printed "
			    "as ordinary paragraphs");
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			msg(MSG_WARNING, file, line, 0, "thematic break "
			    "(---, ***) is not printed in a letter");
			break;
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
			msg(MSG_WARNING, file, line, 0, "%s printed as plain "
			    "text", cmark_node_get_type(cn) ==
			    CMARK_NODE_CODE_BLOCK ? "code block" :
			    "raw HTML block");
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
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			dnode_append(cur, DNODE_TEXT, line,
			    cmark_node_get_literal(cn));
			break;
		case CMARK_NODE_HTML_INLINE:
			if (!(m.warned_html & 1))
				warn_once(&m, line, 1, "raw HTML printed as "
				    "plain text");
			dnode_append(cur, DNODE_TEXT, line,
			    cmark_node_get_literal(cn));
			break;
		case CMARK_NODE_SOFTBREAK:
			dnode_append(cur, DNODE_SPACE, line, NULL);
			break;
		case CMARK_NODE_LINEBREAK:
			dnode_append(cur, DNODE_BREAK, line, NULL);
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
			if (m.spans >= DOC_MAX_DEPTH)
				break;	/* style bits are idempotent */
			m.spans++;
			n = dnode_append(cur, cmark_node_get_type(cn) ==
			    CMARK_NODE_EMPH ? DNODE_EMPH : DNODE_STRONG,
			    line, NULL);
			break;
		case CMARK_NODE_LINK:
			if (!(m.warned_html & 2))
				warn_once(&m, line, 2, "link printed as its "
				    "text only");
			break;
		case CMARK_NODE_IMAGE:
			msg(MSG_WARNING, file, line, 0, "image left out: "
			    "a letter shows no images");
			cmark_iter_reset(it, cn, CMARK_EVENT_EXIT);
			break;
		default:
			msg(MSG_WARNING, file, line, 0, "unsupported "
			    "Markdown left out");
			break;
		}
		if (n != NULL) {
			/* A container: its EXIT event pops it. */
			cmark_node_set_user_data(cn, n);
			cur = n;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(root);
	fields(&m, d->root);
	if (m.errors > 0) {
		doc_free(d);
		return NULL;
	}
	return d;
}
