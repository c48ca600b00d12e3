/* Writing an incremental update: new and replaced objects, xref, trailer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/msg.h"
#include "base/xalloc.h"
#include "pdf/zip.h"
#include "sign/pdfrev.h"
#include "sign/pdfupd.h"

/* An object of the update: its text, or a tree replacing an old one. */
struct uobj {
	long		 num;
	struct buf	 text;		/* "N 0 obj … endobj\n", or empty */
	struct pobj	*tree;		/* a replaced dictionary or array,
					   written at finish; owned */
	size_t		 off;		/* in the result, after finish */
};

struct pdfupd {
	struct pdfrev	*r;		/* the file updated; not owned */
	long		 next;		/* the next new object number */
	struct uobj	*o;
	size_t		 n;
	int		 done;		/* finished */
};

static void
bprintf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
bprintf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	buf_grow(b, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf((char *)b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

struct pdfupd *
pdfupd_new(struct pdfrev *r)
{
	struct pdfupd	*u = xcalloc(1, sizeof(*u));

	u->r = r;
	u->next = r->size > 0 ? r->size : 1;
	return u;
}

void
pdfupd_free(struct pdfupd *u)
{
	if (u == NULL)
		return;
	for (size_t k = 0; k < u->n; k++) {
		buf_free(&u->o[k].text);
		pobj_free(u->o[k].tree);
	}
	free(u->o);
	free(u);
}

long
pdfupd_alloc(struct pdfupd *u)
{
	return u->next++;
}

/* The update's slot for num, made empty when it is new. */
static struct uobj *
slot(struct pdfupd *u, long num)
{
	for (size_t k = 0; k < u->n; k++)
		if (u->o[k].num == num)
			return &u->o[k];
	u->o = xreallocarray(u->o, u->n + 1, sizeof(*u->o));
	memset(&u->o[u->n], 0, sizeof(u->o[u->n]));
	u->o[u->n].num = num;
	return &u->o[u->n++];
}

void
pdfupd_put(struct pdfupd *u, long num, const char *dict, const void *data,
    size_t len, int deflate)
{
	struct uobj	*o = slot(u, num);
	struct buf	 z = BUF_INIT;
	struct zip	*zp;
	size_t		 dl = strlen(dict);

	pobj_free(o->tree);
	o->tree = NULL;
	o->text.len = 0;
	bprintf(&o->text, "%ld 0 obj\n", num);
	if (data == NULL) {
		buf_add(&o->text, dict, dl);
		buf_adds(&o->text, "\nendobj\n");
		return;
	}
	if (deflate) {
		zp = zip_new(ZIP_BEST);
		zip_deflate(zp, data, len, &z);
		zip_free(zp);
		data = z.p;
		len = z.len;
	}
	/* the dictionary without its closing >>, then /Length */
	while (dl > 0 && (dict[dl - 1] == ' ' || dict[dl - 1] == '\n'))
		dl--;
	if (dl >= 2 && memcmp(dict + dl - 2, ">>", 2) == 0)
		dl -= 2;
	buf_add(&o->text, dict, dl);
	bprintf(&o->text, "%s/Length %zu >>\nstream\n",
	    deflate ? "/Filter /FlateDecode " : "", len);
	buf_add(&o->text, data, len);
	buf_adds(&o->text, "\nendstream\nendobj\n");
	buf_free(&z);
}

/* A deep copy of o into c. */
static void
copy(struct pobj *c, const struct pobj *o)
{
	*c = *o;
	c->s = NULL;
	c->v = NULL;
	if (o->s != NULL) {
		c->s = xmalloc(o->len + 1);
		memcpy(c->s, o->s, o->len + 1);
	}
	if (o->nv > 0) {
		c->v = xreallocarray(NULL, o->nv, sizeof(*c->v));
		for (size_t k = 0; k < o->nv; k++)
			copy(&c->v[k], &o->v[k]);
	}
}

static struct pobj *
tree_copy(const struct pobj *o)
{
	struct pobj	*c = xmalloc(sizeof(*c));

	copy(c, o);
	return c;
}

/* Append item (moved: *item is not freed) to array or dict a. */
static void
append(struct pobj *a, const struct pobj *item)
{
	a->v = xreallocarray(a->v, a->nv + 1, sizeof(*a->v));
	a->v[a->nv++] = *item;
	a->n = a->type == POBJ_DICT ? a->nv / 2 : a->nv;
}

static struct pobj
mkref(long num)
{
	struct pobj	 o;

	memset(&o, 0, sizeof(o));
	o.type = POBJ_REF;
	o.i = num;
	return o;
}

/* Set key in dictionary d to v (moved). */
static void
set(struct pobj *d, const char *key, const struct pobj *v)
{
	struct pobj	 k;

	for (size_t j = 0; j < d->n; j++)
		if (strcmp(d->v[2 * j].s, key) == 0) {
			struct pobj	*old = xmalloc(sizeof(*old));

			*old = d->v[2 * j + 1];
			pobj_free(old);
			d->v[2 * j + 1] = *v;
			return;
		}
	memset(&k, 0, sizeof(k));
	k.type = POBJ_NAME;
	k.s = xstrdup(key);
	k.len = strlen(key);
	append(d, &k);
	append(d, v);
}

/* The tree of object num as this update will write it: a replacement
 * already made, else a copy of the file's (registered as replaced), or
 * NULL when the file has no such dictionary or array. */
static struct pobj *
replace(struct pdfupd *u, long num)
{
	const struct pobj	*o;
	struct uobj		*s;

	for (size_t k = 0; k < u->n; k++)
		if (u->o[k].num == num && u->o[k].tree != NULL)
			return u->o[k].tree;
	if ((o = pdfrev_obj(u->r, num)) == NULL ||
	    (o->type != POBJ_DICT && o->type != POBJ_ARRAY))
		return NULL;
	s = slot(u, num);
	s->text.len = 0;
	s->tree = tree_copy(o);
	return s->tree;
}

/* A dictionary or array value reached through v in the update's view:
 * the direct one inside its parent, or the replaced indirect one. */
static struct pobj *
deref(struct pdfupd *u, struct pobj *v, enum pobj_type type)
{
	struct pobj	*t;

	if (v == NULL)
		return NULL;
	if (v->type == POBJ_REF) {
		if (v->i <= 0 || v->i > 0x7fffffff ||
		    (t = replace(u, (long)v->i)) == NULL || t->type != type)
			return NULL;
		return t;
	}
	return v->type == type ? v : NULL;
}

static struct pobj *
getw(struct pobj *d, const char *key)
{
	return (struct pobj *)pobj_get(d, key);
}

int
pdfupd_annot_add(struct pdfupd *u, size_t k, long annot)
{
	struct pobj	*pg, *a, ref = mkref(annot), arr;

	if (k >= u->r->npage || (pg = replace(u, u->r->page[k])) == NULL ||
	    pg->type != POBJ_DICT) {
		MSGT(PDFUPD_PAGE_BROKEN, u->r->name, 0, 0, k + 1);
		return -1;
	}
	if ((a = getw(pg, "Annots")) != NULL &&
	    (a = deref(u, a, POBJ_ARRAY)) != NULL) {
		append(a, &ref);
		return 0;
	}
	memset(&arr, 0, sizeof(arr));
	arr.type = POBJ_ARRAY;
	append(&arr, &ref);
	set(pg, "Annots", &arr);
	return 0;
}

int
pdfupd_field_add(struct pdfupd *u, long field)
{
	struct pobj	*cat, *form, *f, ref = mkref(field), v;

	if ((cat = replace(u, u->r->root)) == NULL || cat->type != POBJ_DICT) {
		MSGT(PDFREV_NO_ROOT, u->r->name, 0, 0);
		return -1;
	}
	form = getw(cat, "AcroForm");
	if (form == NULL) {
		long	 num = pdfupd_alloc(u);

		pdfupd_put(u, num, "<< /Fields [ ] /SigFlags 3 >>", NULL, 0,
		    0);
		/* as a tree, so that later fields are added to it */
		form = xcalloc(1, sizeof(*form));
		form->type = POBJ_DICT;
		slot(u, num)->text.len = 0;
		slot(u, num)->tree = form;
		memset(&v, 0, sizeof(v));
		v.type = POBJ_ARRAY;
		set(form, "Fields", &v);
		memset(&v, 0, sizeof(v));
		v.type = POBJ_INT;
		v.i = 3;
		set(form, "SigFlags", &v);
		v = mkref(num);
		set(cat, "AcroForm", &v);
	} else if ((form = deref(u, form, POBJ_DICT)) == NULL) {
		MSGT(PDFUPD_FORM_BROKEN, u->r->name, 0, 0);
		return -1;
	}
	if ((f = getw(form, "Fields")) == NULL) {
		memset(&v, 0, sizeof(v));
		v.type = POBJ_ARRAY;
		set(form, "Fields", &v);
		f = getw(form, "Fields");
	}
	if ((f = deref(u, f, POBJ_ARRAY)) == NULL) {
		MSGT(PDFUPD_FORM_BROKEN, u->r->name, 0, 0);
		return -1;
	}
	append(f, &ref);
	memset(&v, 0, sizeof(v));
	v.type = POBJ_INT;
	v.i = 3;
	set(form, "SigFlags", &v);
	return 0;
}

/* o as PDF text into b (depth is bounded by the reader). */
static void
write_obj(struct buf *b, const struct pobj *o)
{
	static const char	 hx[] = "0123456789ABCDEF";
	size_t			 k;

	switch (o->type) {
	case POBJ_NULL:
		buf_adds(b, "null");
		break;
	case POBJ_BOOL:
		buf_adds(b, o->i ? "true" : "false");
		break;
	case POBJ_INT:
		bprintf(b, "%lld", o->i);
		break;
	case POBJ_REAL:
		buf_adds(b, o->s);
		break;
	case POBJ_NAME:
		buf_addc(b, '/');
		for (k = 0; k < o->len; k++) {
			unsigned char	 c = (unsigned char)o->s[k];

			if (c < 0x21 || c > 0x7e || c == '#' ||
			    strchr("()<>[]{}/%", c) != NULL) {
				buf_addc(b, '#');
				buf_addc(b, hx[c >> 4]);
				buf_addc(b, hx[c & 15]);
			} else
				buf_addc(b, (char)c);
		}
		break;
	case POBJ_STR:
	case POBJ_HEX:
		buf_addc(b, '<');
		for (k = 0; k < o->len; k++) {
			buf_addc(b, hx[(unsigned char)o->s[k] >> 4]);
			buf_addc(b, hx[(unsigned char)o->s[k] & 15]);
		}
		buf_addc(b, '>');
		break;
	case POBJ_ARRAY:
		buf_addc(b, '[');
		for (k = 0; k < o->nv; k++) {
			buf_addc(b, ' ');
			write_obj(b, &o->v[k]);
		}
		buf_adds(b, " ]");
		break;
	case POBJ_DICT:
		buf_adds(b, "<<");
		for (k = 0; k < o->nv; k++) {
			buf_addc(b, k % 2 == 0 ? '\n' : ' ');
			write_obj(b, &o->v[k]);
		}
		buf_adds(b, "\n>>");
		break;
	case POBJ_REF:
		bprintf(b, "%lld %d R", o->i, o->gen);
		break;
	default:
		break;
	}
}

static int
uobj_cmp(const void *a, const void *b)
{
	long	 x = ((const struct uobj *)a)->num;
	long	 y = ((const struct uobj *)b)->num;

	return x < y ? -1 : x > y;
}

unsigned char *
pdfupd_finish(struct pdfupd *u, size_t *len)
{
	struct buf		 b = BUF_INIT;
	const struct pobj	*v;
	size_t			 k, j, xref;

	buf_add(&b, u->r->buf, u->r->len);
	if (b.len > 0 && b.p[b.len - 1] != '\n' && b.p[b.len - 1] != '\r')
		buf_addc(&b, '\n');
	qsort(u->o, u->n, sizeof(*u->o), uobj_cmp);
	for (k = 0; k < u->n; k++) {
		u->o[k].off = b.len;
		if (u->o[k].tree != NULL) {
			bprintf(&b, "%ld 0 obj\n", u->o[k].num);
			write_obj(&b, u->o[k].tree);
			buf_adds(&b, "\nendobj\n");
		} else
			buf_add(&b, u->o[k].text.p, u->o[k].text.len);
	}
	xref = b.len;
	buf_adds(&b, "xref\n");
	for (k = 0; k < u->n; k = j) {
		for (j = k + 1; j < u->n && u->o[j].num == u->o[j - 1].num + 1;
		    j++)
			;
		bprintf(&b, "%ld %zu\n", u->o[k].num, j - k);
		for (size_t i = k; i < j; i++)
			bprintf(&b, "%010zu 00000 n\r\n", u->o[i].off);
	}
	bprintf(&b, "trailer\n<<\n/Size %ld\n/Root %ld 0 R\n",
	    u->next > u->r->size ? u->next : u->r->size, u->r->root);
	if ((v = pobj_get(u->r->trailer, "Info")) != NULL) {
		buf_adds(&b, "/Info ");
		write_obj(&b, v);
		buf_addc(&b, '\n');
	}
	if ((v = pobj_get(u->r->trailer, "ID")) != NULL) {
		buf_adds(&b, "/ID ");
		write_obj(&b, v);
		buf_addc(&b, '\n');
	}
	bprintf(&b, "/Prev %zu\n>>\nstartxref\n%zu\n%%%%EOF\n",
	    u->r->startxref, xref);
	u->done = 1;
	*len = b.len;
	return b.p;
}

size_t
pdfupd_offset(const struct pdfupd *u, long num)
{
	for (size_t k = 0; u->done && k < u->n; k++)
		if (u->o[k].num == num)
			return u->o[k].off;
	return 0;
}
