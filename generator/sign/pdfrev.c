/* Reading a PDF's revisions: xref sections, objects, pages, signatures. */
#define _GNU_SOURCE	/* memmem */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/msg.h"
#include "base/xalloc.h"
#include "sign/pdfrev.h"

/* The lexer: a position in r->buf; every read is bounded by len. */
struct lex {
	const unsigned char *b;
	size_t		 len, p;
	int		 bad;		/* a syntax error was met */
};

static int
isws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\0';
}

static int
isdelim(int c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' ||
	    c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
}

static void
skip(struct lex *l)
{
	while (l->p < l->len) {
		if (isws(l->b[l->p]))
			l->p++;
		else if (l->b[l->p] == '%') {
			while (l->p < l->len && l->b[l->p] != '\n' &&
			    l->b[l->p] != '\r')
				l->p++;
		} else
			break;
	}
}

/* The keyword kw at the position (followed by a delimiter or space)? */
static int
keyword(struct lex *l, const char *kw)
{
	size_t	 n = strlen(kw);

	skip(l);
	if (l->len - l->p < n || memcmp(l->b + l->p, kw, n) != 0)
		return 0;
	if (l->p + n < l->len && !isws(l->b[l->p + n]) &&
	    !isdelim(l->b[l->p + n]))
		return 0;
	l->p += n;
	return 1;
}

/* An unsigned integer of at most 15 digits at the position, or -1. */
static long long
uint_read(struct lex *l)
{
	long long	 v = 0;
	size_t		 d = 0;

	skip(l);
	while (l->p < l->len && l->b[l->p] >= '0' && l->b[l->p] <= '9') {
		if (++d > 15)
			return -1;
		v = v * 10 + (l->b[l->p++] - '0');
	}
	return d == 0 ? -1 : v;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Free what o holds (depth is bounded by the reader). */
static void
pobj_clear(struct pobj *o)
{
	for (size_t k = 0; k < o->nv; k++)
		pobj_clear(&o->v[k]);
	free(o->v);
	free(o->s);
}

void
pobj_free(struct pobj *o)
{
	if (o == NULL)
		return;
	pobj_clear(o);
	free(o);
}

static int	 obj_read(struct lex *, struct pobj *, int depth);

/* A literal string after its '(' into o. */
static int
str_read(struct lex *l, struct pobj *o)
{
	struct buf	 b = BUF_INIT;
	int		 nest = 1, c;

	while (l->p < l->len) {
		c = l->b[l->p++];
		if (c == '(')
			nest++;
		else if (c == ')' && --nest == 0)
			break;
		else if (c == '\\' && l->p < l->len) {
			c = l->b[l->p++];
			switch (c) {
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case '\r':
				if (l->p < l->len && l->b[l->p] == '\n')
					l->p++;
				continue;
			case '\n':
				continue;
			default:
				if (c >= '0' && c <= '7') {
					int	 v = c - '0', k;

					for (k = 0; k < 2 && l->p < l->len &&
					    l->b[l->p] >= '0' && l->b[l->p] <=
					    '7'; k++)
						v = v * 8 + (l->b[l->p++] - '0');
					c = v & 0xff;
				}
			}
		}
		buf_addc(&b, (char)c);
	}
	if (nest != 0) {
		buf_free(&b);
		return -1;
	}
	buf_grow(&b, 0);
	b.p[b.len] = '\0';	/* an empty buffer has no NUL yet */
	o->type = POBJ_STR;
	o->s = (char *)b.p;
	o->len = b.len;
	return 0;
}

/* A hex string after its '<' into o. */
static int
hex_read(struct lex *l, struct pobj *o)
{
	struct buf	 b = BUF_INIT;
	int		 hi = -1, v;

	while (l->p < l->len && l->b[l->p] != '>') {
		int	 c = l->b[l->p++];

		if (isws(c))
			continue;
		if ((v = hexval(c)) < 0) {
			buf_free(&b);
			return -1;
		}
		if (hi < 0)
			hi = v;
		else {
			buf_addc(&b, (char)(hi << 4 | v));
			hi = -1;
		}
	}
	if (l->p >= l->len) {
		buf_free(&b);
		return -1;
	}
	l->p++;
	if (hi >= 0)
		buf_addc(&b, (char)(hi << 4));
	buf_grow(&b, 0);
	b.p[b.len] = '\0';	/* an empty buffer has no NUL yet */
	o->type = POBJ_HEX;
	o->s = (char *)b.p;
	o->len = b.len;
	return 0;
}

/* A name after its '/' into o. */
static int
name_read(struct lex *l, struct pobj *o)
{
	struct buf	 b = BUF_INIT;

	while (l->p < l->len && !isws(l->b[l->p]) && !isdelim(l->b[l->p])) {
		int	 c = l->b[l->p++];

		if (c == '#' && l->len - l->p >= 2 && hexval(l->b[l->p]) >= 0 &&
		    hexval(l->b[l->p + 1]) >= 0) {
			c = hexval(l->b[l->p]) << 4 | hexval(l->b[l->p + 1]);
			l->p += 2;
		}
		buf_addc(&b, (char)c);
	}
	buf_grow(&b, 0);
	b.p[b.len] = '\0';	/* an empty buffer has no NUL yet */
	o->type = POBJ_NAME;
	o->s = (char *)b.p;
	o->len = b.len;
	return 0;
}

/* A number (and "N G R" after an integer) into o. */
static int
num_read(struct lex *l, struct pobj *o)
{
	size_t		 s = l->p, save;
	int		 dot = 0, digits = 0;
	long long	 g;

	if (l->b[l->p] == '+' || l->b[l->p] == '-')
		l->p++;
	while (l->p < l->len && ((l->b[l->p] >= '0' && l->b[l->p] <= '9') ||
	    (l->b[l->p] == '.' && !dot))) {
		if (l->b[l->p] == '.')
			dot = 1;
		else
			digits++;
		l->p++;
	}
	if (digits == 0 || digits > 30)
		return -1;
	o->s = xstrndup((const char *)l->b + s, l->p - s);
	o->len = l->p - s;
	o->r = strtod(o->s, NULL);
	if (dot) {
		o->type = POBJ_REAL;
		return 0;
	}
	o->type = POBJ_INT;
	if (digits > 15) {
		o->type = POBJ_REAL;
		return 0;
	}
	o->i = strtoll(o->s, NULL, 10);
	/* N G R: a reference */
	if (o->i < 0 || o->s[0] == '+')
		return 0;
	save = l->p;
	if ((g = uint_read(l)) >= 0 && g < 65536 && keyword(l, "R")) {
		o->type = POBJ_REF;
		o->gen = (int)g;
		free(o->s);
		o->s = NULL;
		o->len = 0;
		return 0;
	}
	l->p = save;
	return 0;
}

/* Items up to the closing bytes close into o (an array or a dict). */
static int
items_read(struct lex *l, struct pobj *o, const char *close, int depth)
{
	size_t	 max = 0, cl = strlen(close);

	for (;;) {
		skip(l);
		if (l->p >= l->len)
			return -1;
		if (l->len - l->p >= cl && memcmp(l->b + l->p, close, cl) == 0) {
			l->p += cl;
			break;
		}
		if (o->nv == max) {
			if (max >= 1000000)
				return -1;
			max = max ? 2 * max : 8;
			o->v = xreallocarray(o->v, max, sizeof(*o->v));
		}
		memset(&o->v[o->nv], 0, sizeof(o->v[o->nv]));
		o->nv++;
		if (obj_read(l, &o->v[o->nv - 1], depth + 1) != 0)
			return -1;
		if (o->type == POBJ_DICT && o->nv % 2 == 1 &&
		    o->v[o->nv - 1].type != POBJ_NAME)
			return -1;
	}
	if (o->type == POBJ_DICT && o->nv % 2 != 0)
		return -1;
	o->n = o->type == POBJ_DICT ? o->nv / 2 : o->nv;
	return 0;
}

/* One object at the position into o (zeroed by the caller). */
static int
obj_read(struct lex *l, struct pobj *o, int depth)
{
	int	 c, rc;

	skip(l);
	if (l->p >= l->len || depth > PDFREV_MAX_DEPTH)
		return -1;
	o->off = l->p;
	c = l->b[l->p];
	if (c == '/') {
		l->p++;
		rc = name_read(l, o);
	} else if (c == '(') {
		l->p++;
		rc = str_read(l, o);
	} else if (c == '<' && l->p + 1 < l->len && l->b[l->p + 1] == '<') {
		l->p += 2;
		o->type = POBJ_DICT;
		rc = items_read(l, o, ">>", depth);
	} else if (c == '<') {
		l->p++;
		rc = hex_read(l, o);
	} else if (c == '[') {
		l->p++;
		o->type = POBJ_ARRAY;
		rc = items_read(l, o, "]", depth);
	} else if ((c >= '0' && c <= '9') || c == '+' || c == '-' ||
	    c == '.')
		rc = num_read(l, o);
	else if (keyword(l, "true")) {
		o->type = POBJ_BOOL;
		o->i = 1;
		rc = 0;
	} else if (keyword(l, "false")) {
		o->type = POBJ_BOOL;
		rc = 0;
	} else if (keyword(l, "null")) {
		o->type = POBJ_NULL;
		rc = 0;
	} else
		rc = -1;
	o->end = l->p;
	return rc;
}

/* A tree of its own for the object at the lexer's position, or NULL. */
static struct pobj *
tree_read(struct lex *l)
{
	struct pobj	*o = xcalloc(1, sizeof(*o));

	if (obj_read(l, o, 0) != 0) {
		pobj_free(o);
		return NULL;
	}
	return o;
}

const struct pobj *
pobj_get(const struct pobj *d, const char *key)
{
	if (d == NULL || d->type != POBJ_DICT)
		return NULL;
	for (size_t k = 0; k < d->n; k++)
		if (d->v[2 * k].type == POBJ_NAME &&
		    strcmp(d->v[2 * k].s, key) == 0)
			return &d->v[2 * k + 1];
	return NULL;
}

int
pobj_num(const struct pobj *o, double *v)
{
	if (o == NULL || (o->type != POBJ_INT && o->type != POBJ_REAL))
		return -1;
	*v = o->type == POBJ_INT ? (double)o->i : o->r;
	return 0;
}

const struct pobj *
pdfrev_obj(struct pdfrev *r, long num)
{
	struct pent	*e;
	struct lex	 l;
	long long	 n, g;
	const struct pobj *len;

	if (num <= 0 || (size_t)num >= r->nx)
		return NULL;
	e = &r->x[num];
	if (e->state == 1)
		return e->o;
	if (e->state != 0 || !e->used)
		return NULL;
	e->state = 2;
	l.b = r->buf;
	l.len = r->len;
	l.p = e->off;
	l.bad = 0;
	if (e->off >= r->len || (n = uint_read(&l)) != num ||
	    (g = uint_read(&l)) < 0 || !keyword(&l, "obj") ||
	    (e->o = tree_read(&l)) == NULL)
		return NULL;
	if (keyword(&l, "stream")) {
		if (l.p < l.len && l.b[l.p] == '\r')
			l.p++;
		if (l.p < l.len && l.b[l.p] == '\n')
			l.p++;
		e->soff = l.p;
		len = pobj_get(e->o, "Length");
		if (len != NULL && len->type == POBJ_INT && len->i >= 0 &&
		    (unsigned long long)len->i <= l.len - l.p)
			e->slen = (size_t)len->i;
	}
	e->state = 1;
	return e->o;
}

const struct pobj *
pdfrev_resolve(struct pdfrev *r, const struct pobj *o)
{
	for (int k = 0; o != NULL && o->type == POBJ_REF; k++) {
		if (k == 8 || o->i > 0x7fffffff)
			return NULL;
		o = pdfrev_obj(r, (long)o->i);
	}
	return o;
}

const struct pobj *
pdfrev_get(struct pdfrev *r, const struct pobj *d, const char *key)
{
	return pdfrev_resolve(r, pobj_get(d, key));
}

/* Put utf-8 of code point c into b. */
static void
utf8_put(struct buf *b, unsigned long c)
{
	if (c < 0x80)
		buf_addc(b, (char)c);
	else if (c < 0x800) {
		buf_addc(b, (char)(0xc0 | c >> 6));
		buf_addc(b, (char)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		buf_addc(b, (char)(0xe0 | c >> 12));
		buf_addc(b, (char)(0x80 | (c >> 6 & 0x3f)));
		buf_addc(b, (char)(0x80 | (c & 0x3f)));
	} else {
		buf_addc(b, (char)(0xf0 | c >> 18));
		buf_addc(b, (char)(0x80 | (c >> 12 & 0x3f)));
		buf_addc(b, (char)(0x80 | (c >> 6 & 0x3f)));
		buf_addc(b, (char)(0x80 | (c & 0x3f)));
	}
}

char *
pobj_text(const struct pobj *o)
{
	struct buf		 b = BUF_INIT;
	const unsigned char	*s;
	size_t			 k;

	if (o == NULL || (o->type != POBJ_STR && o->type != POBJ_HEX))
		return NULL;
	s = (const unsigned char *)o->s;
	if (o->len >= 2 && s[0] == 0xfe && s[1] == 0xff) {
		for (k = 2; k + 1 < o->len; k += 2) {
			unsigned long	 c = (unsigned long)s[k] << 8 | s[k + 1];

			if (c >= 0xd800 && c < 0xdc00 && k + 3 < o->len) {
				unsigned long	 d = (unsigned long)s[k + 2] <<
				    8 | s[k + 3];

				if (d >= 0xdc00 && d < 0xe000) {
					c = 0x10000 + ((c - 0xd800) << 10) +
					    (d - 0xdc00);
					k += 2;
				} else
					c = 0xfffd;
			} else if (c >= 0xd800 && c < 0xe000)
				c = 0xfffd;
			/* control characters would reach the terminal */
			utf8_put(&b, c < 0x20 || c == 0x7f ? '?' : c);
		}
	} else
		for (k = 0; k < o->len; k++)
			utf8_put(&b, s[k] < 0x20 || s[k] == 0x7f ||
			    (s[k] >= 0x80 && s[k] < 0xa0) ? '?' : s[k]);
	buf_grow(&b, 0);
	b.p[b.len] = '\0';	/* an empty buffer has no NUL yet */
	return (char *)b.p;
}

/* The xref section at off, newest first: fill the unset slots of r->x;
 * the trailer in *tr.  -1 after a message. */
static int
xref_read(struct pdfrev *r, size_t off, struct pobj **tr)
{
	struct lex	 l = { r->buf, r->len, off, 0 };
	long long	 start, count, o, g;

	*tr = NULL;
	if (!keyword(&l, "xref")) {
		l.p = off;
		if (uint_read(&l) >= 0 && uint_read(&l) >= 0 &&
		    keyword(&l, "obj"))
			MSGT(PDFREV_XREF_STREAM, r->name, 0, 0, off);
		else
			MSGT(PDFREV_BAD_XREF, r->name, 0, 0, off);
		return -1;
	}
	while (!keyword(&l, "trailer")) {
		if ((start = uint_read(&l)) < 0 ||
		    (count = uint_read(&l)) < 0 ||
		    start + count > (long long)PDFREV_MAX_OBJS) {
			MSGT(PDFREV_BAD_XREF, r->name, 0, 0, off);
			return -1;
		}
		if ((size_t)(start + count) > r->nx) {
			size_t	 n = (size_t)(start + count);

			r->x = xreallocarray(r->x, n, sizeof(*r->x));
			memset(r->x + r->nx, 0, (n - r->nx) * sizeof(*r->x));
			r->nx = n;
		}
		for (long long k = 0; k < count; k++) {
			struct pent	*e = &r->x[start + k];
			int		 used;

			if ((o = uint_read(&l)) < 0 || (g = uint_read(&l)) < 0) {
				MSGT(PDFREV_BAD_XREF, r->name, 0, 0, off);
				return -1;
			}
			if (keyword(&l, "n"))
				used = 1;
			else if (keyword(&l, "f"))
				used = 0;
			else {
				MSGT(PDFREV_BAD_XREF, r->name, 0, 0, off);
				return -1;
			}
			/* newest first: an older section never overrides */
			if (e->state == 0) {
				e->state = 4;	/* seen; reset below */
				e->used = used && start + k > 0;
				e->off = (size_t)o;
			}
		}
	}
	if ((*tr = tree_read(&l)) == NULL || (*tr)->type != POBJ_DICT) {
		MSGT(PDFREV_BAD_XREF, r->name, 0, 0, off);
		return -1;
	}
	return 0;
}

/* The end of the revision whose xref section is at off: after the first
 * %%EOF line from there, or len. */
static size_t
rev_end(const struct pdfrev *r, size_t off)
{
	const unsigned char	*p;
	size_t			 e;

	p = memmem(r->buf + off, r->len - off, "%%EOF", 5);
	if (p == NULL)
		return r->len;
	e = (size_t)(p - r->buf) + 5;
	if (e < r->len && r->buf[e] == '\r')
		e++;
	if (e < r->len && r->buf[e] == '\n')
		e++;
	return e;
}

static int
size_cmp(const void *a, const void *b)
{
	size_t	 x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* The pages under node num, in order, into r->page; seen marks the
 * nodes met (a loop). */
static int
pages_walk(struct pdfrev *r, long num, unsigned char *seen, int depth)
{
	const struct pobj	*n, *kids, *type;

	if (num <= 0 || (size_t)num >= r->nx || seen[num] || depth > 32)
		return -1;
	seen[num] = 1;
	if ((n = pdfrev_obj(r, num)) == NULL || n->type != POBJ_DICT)
		return -1;
	type = pobj_get(n, "Type");
	if (type != NULL && type->type == POBJ_NAME &&
	    strcmp(type->s, "Page") == 0) {
		if (r->npage >= PDFREV_MAX_PAGES)
			return -1;
		r->page = xreallocarray(r->page, r->npage + 1,
		    sizeof(*r->page));
		r->page[r->npage++] = num;
		return 0;
	}
	if ((kids = pdfrev_get(r, n, "Kids")) == NULL ||
	    kids->type != POBJ_ARRAY)
		return -1;
	for (size_t k = 0; k < kids->n; k++)
		if (kids->v[k].type != POBJ_REF || kids->v[k].i > 0x7fffffff ||
		    pages_walk(r, (long)kids->v[k].i, seen, depth + 1) != 0)
			return -1;
	return 0;
}

/* Record the signature value v of the field called name. */
static void
sig_add(struct pdfrev *r, const struct pobj *vref, const char *name)
{
	const struct pobj	*v = pdfrev_resolve(r, vref), *br, *c, *m, *sf;
	struct pdfsig		*s;
	size_t			 k;

	if (v == NULL || v->type != POBJ_DICT || r->nsig >= PDFREV_MAX_SIGS)
		return;
	r->sig = xreallocarray(r->sig, r->nsig + 1, sizeof(*r->sig));
	s = &r->sig[r->nsig++];
	memset(s, 0, sizeof(*s));
	s->field = xstrdup(name);
	s->obj = vref->type == POBJ_REF ? (long)vref->i : 0;
	for (k = 0; k < 4; k++)
		s->br[k] = -1;
	br = pdfrev_get(r, v, "ByteRange");
	if (br != NULL && br->type == POBJ_ARRAY && br->n == 4) {
		for (k = 0; k < 4; k++)
			if (br->v[k].type != POBJ_INT || br->v[k].i < 0 ||
			    br->v[k].i > (long long)PDFREV_MAX_BYTES)
				break;
		if (k == 4)
			for (k = 0; k < 4; k++)
				s->br[k] = (long)br->v[k].i;
	}
	c = pobj_get(v, "Contents");
	if (c != NULL && (c->type == POBJ_HEX || c->type == POBJ_STR)) {
		s->contents = xmalloc(c->len + 1);
		memcpy(s->contents, c->s, c->len);
		s->clen = c->len;
		if (c->type == POBJ_HEX) {
			s->c_off = c->off;
			s->c_end = c->end;
		}
	}
	if ((m = pdfrev_get(r, v, "M")) != NULL &&
	    (m->type == POBJ_STR || m->type == POBJ_HEX))
		s->m = pobj_text(m);
	if ((sf = pdfrev_get(r, v, "SubFilter")) != NULL &&
	    sf->type == POBJ_NAME)
		s->subfilter = xstrdup(sf->s);
	s->rev = r->nrev;
	if (s->br[2] >= 0)
		for (k = 0; k < r->nrev; k++)
			if ((size_t)s->br[2] + (size_t)s->br[3] ==
			    r->rev_end[k]) {
				s->rev = k;
				break;
			}
}

/* The fields under fields (an array), names prefixed by prefix. */
static void
fields_walk(struct pdfrev *r, const struct pobj *fields, const char *prefix,
    int sig_inh, unsigned char *seen, int depth)
{
	if (fields == NULL || fields->type != POBJ_ARRAY || depth > 16)
		return;
	for (size_t k = 0; k < fields->n; k++) {
		const struct pobj	*f, *ft, *kids, *v;
		char			*name, *full;
		int			 is_sig = sig_inh;

		if (fields->v[k].type != POBJ_REF ||
		    fields->v[k].i <= 0 || (unsigned long long)fields->v[k].i
		    >= r->nx || seen[fields->v[k].i])
			continue;
		seen[fields->v[k].i] = 1;
		if ((f = pdfrev_obj(r, (long)fields->v[k].i)) == NULL ||
		    f->type != POBJ_DICT)
			continue;
		name = pobj_text(pdfrev_get(r, f, "T"));
		full = name == NULL ? xstrdup(prefix) : *prefix == '\0' ?
		    xstrdup(name) : xasprintf("%s.%s", prefix, name);
		free(name);
		if ((ft = pdfrev_get(r, f, "FT")) != NULL &&
		    ft->type == POBJ_NAME)
			is_sig = strcmp(ft->s, "Sig") == 0;
		if (is_sig && (v = pobj_get(f, "V")) != NULL)
			sig_add(r, v, full);
		if ((kids = pdfrev_get(r, f, "Kids")) != NULL)
			fields_walk(r, kids, full, is_sig, seen, depth + 1);
		free(full);
	}
}

int
pdfrev_open(struct pdfrev *r, const unsigned char *buf, size_t len,
    const char *name)
{
	const unsigned char	*p;
	struct lex		 l;
	long long		 sx;
	size_t			 off, k, from;
	struct pobj		*tr;
	const struct pobj	*prev, *root, *cat, *pages, *form;
	unsigned char		*seen = NULL;

	memset(r, 0, sizeof(*r));
	r->buf = buf;
	r->len = len;
	r->name = name;
	if (len > PDFREV_MAX_BYTES) {
		MSGT(TEXT_FILE_LARGER_BYTES, name, 0, 0, PDFREV_MAX_BYTES);
		return -1;
	}
	if (len < 8 || memcmp(buf, "%PDF-", 5) != 0) {
		MSGT(PDFREV_NOT_PDF, name, 0, 0);
		return -1;
	}
	/* the last startxref, in the last 4 KiB */
	from = len > 4096 ? len - 4096 : 0;
	p = NULL;
	for (const unsigned char *q = buf + from; (q = memmem(q, len -
	    (size_t)(q - buf), "startxref", 9)) != NULL; q++)
		p = q;
	l.b = buf;
	l.len = len;
	l.bad = 0;
	if (p == NULL || (l.p = (size_t)(p - buf) + 9, sx = uint_read(&l)) < 0
	    || (size_t)sx >= len) {
		MSGT(PDFREV_NO_STARTXREF, name, 0, 0);
		return -1;
	}
	off = r->startxref = (size_t)sx;
	for (;;) {
		for (k = 0; k < r->nrev; k++)
			if (r->rev_xref[k] == off)
				break;
		if (k < r->nrev || r->nrev >= PDFREV_MAX_REVS) {
			MSGT(PDFREV_XREF_LOOP, name, 0, 0, PDFREV_MAX_REVS);
			goto fail;
		}
		r->rev_xref = xreallocarray(r->rev_xref, r->nrev + 1,
		    sizeof(*r->rev_xref));
		r->rev_xref[r->nrev++] = off;
		if (xref_read(r, off, &tr) != 0) {
			pobj_free(tr);
			goto fail;
		}
		if (r->trailer == NULL)
			r->trailer = tr;
		prev = pobj_get(tr, "Prev");
		if (prev != NULL && (prev->type != POBJ_INT || prev->i < 0 ||
		    (unsigned long long)prev->i >= len)) {
			MSGT(PDFREV_BAD_XREF, name, 0, 0, off);
			if (tr != r->trailer)
				pobj_free(tr);
			goto fail;
		}
		off = prev == NULL ? 0 : (size_t)prev->i;
		if (tr != r->trailer)
			pobj_free(tr);
		if (prev == NULL)
			break;
	}
	for (k = 0; k < r->nx; k++)
		r->x[k].state = 0;
	r->rev_end = xreallocarray(NULL, r->nrev, sizeof(*r->rev_end));
	for (k = 0; k < r->nrev; k++)
		r->rev_end[k] = rev_end(r, r->rev_xref[k]);
	qsort(r->rev_end, r->nrev, sizeof(*r->rev_end), size_cmp);
	qsort(r->rev_xref, r->nrev, sizeof(*r->rev_xref), size_cmp);

	prev = pobj_get(r->trailer, "Size");
	r->size = prev != NULL && prev->type == POBJ_INT && prev->i > 0 &&
	    prev->i <= (long long)PDFREV_MAX_OBJS ? (long)prev->i : 0;
	if ((size_t)r->size < r->nx)
		r->size = (long)r->nx;
	root = pobj_get(r->trailer, "Root");
	if (root == NULL || root->type != POBJ_REF || root->i > 0x7fffffff ||
	    (cat = pdfrev_obj(r, (long)root->i)) == NULL ||
	    cat->type != POBJ_DICT) {
		MSGT(PDFREV_NO_ROOT, name, 0, 0);
		goto fail;
	}
	r->root = (long)root->i;
	seen = xcalloc(r->nx + 1, 1);
	pages = pobj_get(cat, "Pages");
	if (pages == NULL || pages->type != POBJ_REF ||
	    pages->i > 0x7fffffff ||
	    pages_walk(r, (long)pages->i, seen, 0) != 0 || r->npage == 0) {
		MSGT(PDFREV_BAD_PAGES, name, 0, 0);
		goto fail;
	}
	memset(seen, 0, r->nx + 1);
	if ((form = pdfrev_get(r, cat, "AcroForm")) != NULL)
		fields_walk(r, pdfrev_get(r, form, "Fields"), "", 0, seen, 0);
	free(seen);
	return 0;
fail:
	free(seen);
	pdfrev_free(r);
	return -1;
}

void
pdfrev_free(struct pdfrev *r)
{
	size_t	 k;

	for (k = 0; k < r->nx; k++)
		pobj_free(r->x[k].o);
	free(r->x);
	free(r->rev_end);
	free(r->rev_xref);
	pobj_free(r->trailer);
	free(r->page);
	for (k = 0; k < r->nsig; k++) {
		free(r->sig[k].field);
		free(r->sig[k].contents);
		free(r->sig[k].m);
		free(r->sig[k].subfilter);
	}
	free(r->sig);
	memset(r, 0, sizeof(*r));
}

long
pdfrev_page_font(struct pdfrev *r, size_t k, const char *name)
{
	const struct pobj	*pg, *res, *fonts, *f;

	if (k >= r->npage || (pg = pdfrev_obj(r, r->page[k])) == NULL)
		return 0;
	/* /Resources is inheritable (PDF 32000-1 §7.7.3.4) */
	res = pdfrev_get(r, pg, "Resources");
	for (int d = 0; res == NULL && d < 32; d++) {
		const struct pobj	*par = pdfrev_get(r, pg, "Parent");

		if (par == NULL)
			break;
		pg = par;
		res = pdfrev_get(r, pg, "Resources");
	}
	fonts = pdfrev_get(r, res, "Font");
	f = pobj_get(fonts, name);
	return f != NULL && f->type == POBJ_REF && f->i > 0 &&
	    f->i <= 0x7fffffff ? (long)f->i : 0;
}

int
pdfrev_box(struct pdfrev *r, const char *key, size_t *page, double rect[4],
    double ink[3])
{
	const struct pobj	*pg, *priv, *a, *in;
	char			*inkkey = xasprintf("%sInk", key);
	size_t			 k;
	int			 j;

	for (k = 0; k < r->npage; k++) {
		pg = pdfrev_obj(r, r->page[k]);
		priv = pdfrev_get(r, pdfrev_get(r, pdfrev_get(r, pg,
		    "PieceInfo"), "congvan"), "Private");
		a = pdfrev_get(r, priv, key);
		/* << /Rect [...] /Ink [...] >>, or [...] and /KEYInk [...] */
		if (a != NULL && a->type == POBJ_DICT) {
			in = pdfrev_get(r, a, "Ink");
			a = pdfrev_get(r, a, "Rect");
		} else
			in = pdfrev_get(r, priv, inkkey);
		if (a == NULL || a->type != POBJ_ARRAY || a->n != 4)
			continue;
		for (j = 0; j < 4; j++)
			if (pobj_num(&a->v[j], &rect[j]) != 0)
				break;
		if (j < 4 || rect[2] <= rect[0] || rect[3] <= rect[1])
			continue;
		ink[0] = ink[1] = ink[2] = 0;
		if (in != NULL && in->type == POBJ_ARRAY && in->n == 3)
			for (j = 0; j < 3; j++)
				if (pobj_num(&in->v[j], &ink[j]) != 0 ||
				    ink[j] < 0 || ink[j] > 1)
					ink[j] = 0;
		*page = k;
		free(inkkey);
		return 0;
	}
	free(inkkey);
	return -1;
}
