/* Lay out a letter: line breaking, justification and pagination into boxes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/msg.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "layout/layout.h"
#include "load/dispatch.h"
#include "load/doc.h"
#include "load/focal.h"
#include "load/rows.h"
#include "load/tmpl.h"
#include "merge/letter.h"

/*
 * Baseline below the top of a line, as a fraction of the size: the
 * hhea ascender of Times New Roman and its metric twins (1825/2048).
 */
#define ASCENT		0.891

enum align {
	ALIGN_LEFT,
	ALIGN_CENTER,
	ALIGN_JUSTIFY
};

/* One line, or one block kept whole, in the flow of the body. */
struct item {
	double		 gap;		/* space above; dropped at a page top */
	double		 height;	/* its top to the next item's top, pt */
	struct page	 boxes;		/* y: pt below the item's top (down) */
	int		 flags;
#define IT_FIRST	0x01		/* first line of a paragraph */
#define IT_LAST		0x02		/* last line of a paragraph */
#define IT_KEEPNEXT	0x04		/* never last on a page (heading) */
#define IT_KEEPPREV	0x08		/* never first on a page (signature) */
};

struct flow {
	struct item	*item;
	size_t		 nitem, maxitem;
};

struct lay {
	const struct tmpl *t;
	const struct metrics *m;
	struct layout	*out;
	double		 x0;		/* left edge of the type area, pt */
	double		 w;		/* width of the type area, pt */
	double		 ybot;		/* bottom of the type area, pt from top */
	int		 toolong;	/* hit LAYOUT_MAX_PAGES */
	struct balcache	*bal;		/* the memo's, or NULL */
};

/* A span of a string: one wrapped line. */
struct span {
	size_t		 off, len;
	double		 w;		/* natural width, pt */
};

/* A run of text in one face inside a word. */
struct frag {
	enum face	 face;
	size_t		 off, len;	/* into the paragraph's text */
	double		 w;		/* pt */
};

struct word {
	size_t		 f0, nf;	/* its frags */
	double		 w;		/* pt, without the trailing space */
	double		 sp;		/* width of a space after it, pt */
	int		 brk;		/* hard line break after it */
};

struct para {
	char		*text;
	size_t		 len, max;
	struct frag	*frag;
	size_t		 nfrag, maxfrag;
	struct word	*word;
	size_t		 nword, maxword;
	double		 size;
	int		 inword;	/* last char appended was in a word */
};

static double
tw(const struct lay *L, enum face f, double size, const char *s, size_t len)
{
	return (double)L->m->width(L->m->arg, f, s, len) * size / 1000.0;
}

static double
pitch(const struct lay *L, double size)
{
	return size * L->t->leading;
}

static struct box *
box_add(struct page *pg)
{
	if (pg->nbox == pg->maxbox) {
		pg->maxbox = pg->maxbox ? pg->maxbox * 2 : 32;
		pg->box = xreallocarray(pg->box, pg->maxbox,
		    sizeof(*pg->box));
	}
	memset(&pg->box[pg->nbox], 0, sizeof(*pg->box));
	return &pg->box[pg->nbox++];
}

/* Text at x with its baseline y pt below the top of whatever holds pg. */
static void
put_text(struct page *pg, double x, double y, enum face f, double size,
    const char *s, size_t len, double w)
{
	struct box	*b;

	b = box_add(pg);
	b->type = BOX_TEXT;
	b->x = x;
	b->y = y;
	b->face = f;
	b->size = size;
	b->text = xstrndup(s, len);
	b->w = w;
}

static void
put_line(struct page *pg, double x1, double y1, double x2, double y2,
    double lw)
{
	struct box	*b;

	b = box_add(pg);
	b->type = BOX_LINE;
	b->x = x1;
	b->y = y1;
	b->x2 = x2;
	b->y2 = y2;
	b->w = lw;
}

/* A new page of the output; NULL once the limit is reached. */
static struct page *
page_new(struct lay *L)
{
	struct layout	*o = L->out;

	if (o->npage >= LAYOUT_MAX_PAGES) {
		L->toolong = 1;
		return NULL;
	}
	o->page = xreallocarray(o->page, o->npage + 1, sizeof(*o->page));
	memset(&o->page[o->npage], 0, sizeof(*o->page));
	return &o->page[o->npage++];
}

/* Copy boxes of src into dst, moved by dx and dy (y down from top). */
static void
boxes_move(struct page *dst, const struct page *src, double dx, double dy)
{
	const struct box *s;
	struct box	*b;
	size_t		 i;

	for (i = 0; i < src->nbox; i++) {
		s = &src->box[i];
		b = box_add(dst);
		*b = *s;
		b->text = s->text != NULL ? xstrdup(s->text) : NULL;
		b->x += dx;
		b->y += dy;
		b->x2 += dx;
		b->y2 += dy;
	}
}

static void
page_clear(struct page *pg)
{
	size_t	 i;

	for (i = 0; i < pg->nbox; i++)
		free(pg->box[i].text);
	free(pg->box);
	memset(pg, 0, sizeof(*pg));
}

/* Length of the longest prefix of s[0..len) that fits in w (at least
 * one code point). */
static size_t
fit_prefix(const struct lay *L, enum face f, double size, const char *s,
    size_t len, double w)
{
	size_t		 n = 0, k;
	uint32_t	 cp;

	while (n < len) {
		k = text_decode(s + n, len - n, &cp);
		if (k == 0)
			break;
		if (n > 0 && tw(L, f, size, s, n + k) > w)
			break;
		n += k;
	}
	return n;
}

/*
 * Greedy wrap of s in one face: first line w1 wide, the others w2.
 * Breaks at spaces; '\n' forces a break; a word wider than a line is cut
 * between characters.  Returns the number of spans in *out (caller
 * frees).
 */
static size_t
wrap(const struct lay *L, const char *s, enum face f, double size,
    double w1, double w2, struct span **out)
{
	struct span	*sp = NULL;
	size_t		 n = 0, max = 0, i = 0, ls, end, ws, we;
	double		 avail, lw, nw;

	for (;;) {
		if (n == max) {
			max = max ? max * 2 : 8;
			sp = xreallocarray(sp, max, sizeof(*sp));
		}
		avail = n == 0 ? w1 : w2;
		while (s[i] == ' ')
			i++;
		ls = end = i;
		lw = 0;
		for (;;) {
			for (ws = i; s[ws] == ' '; ws++)
				;
			if (s[ws] == '\0' || s[ws] == '\n')
				break;
			for (we = ws; s[we] != '\0' && s[we] != ' ' &&
			    s[we] != '\n'; we++)
				;
			nw = tw(L, f, size, s + ls, we - ls);
			if (nw <= avail + 1e-6) {
				end = i = we;
				lw = nw;
				continue;
			}
			if (end == ls) {
				/* A word wider than the line: cut it. */
				end = i = ws + fit_prefix(L, f, size, s + ws,
				    we - ws, avail);
				lw = tw(L, f, size, s + ls, end - ls);
			}
			break;
		}
		sp[n].off = ls;
		sp[n].len = end - ls;
		sp[n].w = lw;
		n++;
		while (s[i] == ' ')
			i++;
		if (s[i] == '\n') {
			i++;
			continue;
		}
		if (s[i] == '\0')
			break;
	}
	*out = sp;
	return n;
}

/* State of the search for balanced breaks. */
struct bal {
	size_t		 nw, nl;	/* words, lines */
	const double	*pre;		/* pre[i]: width of words 0..i-1 */
	double		 sp;		/* width of a space */
	double		 w;		/* column width */
	const unsigned char *comma;	/* comma[i]: word i ends in , or ; */
	size_t		 st[5];		/* line k starts at word st[k] */
	size_t		 best[5];
	double		 cost;		/* of best */
};

static void
bal_try(struct bal *b, size_t k)
{
	size_t	 s, i, n;
	double	 lw, mx = 0, first = 0, cost;

	if (k + 1 < b->nl) {
		for (s = b->st[k] + 1; s + (b->nl - k - 1) <= b->nw; s++) {
			b->st[k + 1] = s;
			bal_try(b, k + 1);
		}
		return;
	}
	b->st[b->nl] = b->nw;
	for (i = 0; i < b->nl; i++) {
		n = b->st[i + 1] - b->st[i];
		if (n == 1 && b->nw >= 2 * b->nl)
			return;		/* never one word alone */
		lw = b->pre[b->st[i + 1]] - b->pre[b->st[i]] +
		    (double)(n - 1) * b->sp;
		if (lw > b->w + 1e-6)
			return;
		if (lw > mx)
			mx = lw;
		if (i == 0)
			first = lw;
	}
	/* The narrowest widest line; on a tie, the longer upper line.  In
	 * two lines, a break after a comma counts as a quarter of the
	 * column narrower: "TRƯỞNG PHÒNG BƯU CHÍNH, / VIỄN THÔNG". */
	cost = mx * 1000 - first / 1000;
	if (b->nl == 2 && b->comma[b->st[1] - 1])
		cost -= b->w * 1000 / 4;
	if (cost < b->cost) {
		b->cost = cost;
		memcpy(b->best, b->st, sizeof(b->st));
	}
}

/*
 * bal_try's answers for the last inputs it was given (word widths,
 * space, column, commas, lines): the agency name and the subject are
 * balanced the same way in every letter of a run, and the search is
 * exhaustive.  Keyed by the numbers bal_try reads, nothing else, so a
 * hit is exactly what the search would find.
 */
#define BAL_CACHE	8

struct balc {
	size_t		 nw, nl;
	double		 pre[65], sp, w;
	unsigned char	 comma[64];
	size_t		 best[5];
	double		 cost;
	unsigned long	 use;		/* 0: a free slot */
};

/* The cache, in the run's layout_memo (no memo: no cache). */
struct balcache {
	struct balc	 c[BAL_CACHE];
	unsigned long	 clock;
};

static int
bal_same(const struct balc *c, const struct bal *b)
{
	return c->use != 0 && c->nw == b->nw && c->nl == b->nl &&
	    c->sp == b->sp && c->w == b->w &&
	    memcmp(c->pre, b->pre, (b->nw + 1) * sizeof(double)) == 0 &&
	    memcmp(c->comma, b->comma, b->nw) == 0;
}

/* b->best and b->cost, from the cache bc (may be NULL) or, on a miss,
 * the search. */
static void
bal_cached(struct bal *b, struct balcache *bc)
{
	struct balc	*c, *old;
	size_t		 i;

	if (bc == NULL) {
		bal_try(b, 0);
		return;
	}
	old = &bc->c[0];
	for (i = 0; i < BAL_CACHE; i++) {
		c = &bc->c[i];
		if (bal_same(c, b)) {
			c->use = ++bc->clock;
			memcpy(b->best, c->best, sizeof(b->best));
			b->cost = c->cost;
			return;
		}
		if (c->use < old->use)
			old = c;
	}
	bal_try(b, 0);
	old->nw = b->nw;
	old->nl = b->nl;
	memcpy(old->pre, b->pre, (b->nw + 1) * sizeof(double));
	memcpy(old->comma, b->comma, b->nw);
	old->sp = b->sp;
	old->w = b->w;
	memcpy(old->best, b->best, sizeof(old->best));
	old->cost = b->cost;
	old->use = ++bc->clock;
}

/*
 * The agency name in balanced lines (issue 2: "BỘ THÔNG TIN VÀ /
 * TRUYỀN THÔNG", never "… TRUYỀN / THÔNG"): the fewest lines that fit,
 * then the breaks that make the widest line narrowest, with no line of
 * a single word when every line can have two.  Falls back to the
 * greedy wrap past 4 lines or 64 words.
 */
static size_t
wrap_balanced(const struct lay *L, const char *s, enum face f, double size,
    double w, struct span **out)
{
	struct span	*sp;
	struct bal	 b;
	size_t		 nl, nw = 0, i, j, ws[64], we[64];
	double		 pre[65];
	unsigned char	 comma[64];

	nl = wrap(L, s, f, size, w, w, &sp);
	if (nl < 2 || nl > 4 || strchr(s, '\n') != NULL)
		return *out = sp, nl;
	for (i = 0; s[i] != '\0' && nw < 64; ) {
		while (s[i] == ' ')
			i++;
		if (s[i] == '\0')
			break;
		ws[nw] = i;
		while (s[i] != '\0' && s[i] != ' ')
			i++;
		we[nw++] = i;
	}
	while (s[i] == ' ')
		i++;
	if (s[i] != '\0' || nw < nl)
		return *out = sp, nl;
	pre[0] = 0;
	for (j = 0; j < nw; j++) {
		pre[j + 1] = pre[j] + tw(L, f, size, s + ws[j], we[j] - ws[j]);
		comma[j] = s[we[j] - 1] == ',' || s[we[j] - 1] == ';';
	}
	memset(&b, 0, sizeof(b));
	b.nw = nw;
	b.nl = nl;
	b.pre = pre;
	b.sp = tw(L, f, size, " ", 1);
	b.w = w;
	b.comma = comma;
	b.cost = HUGE_VAL;
	bal_cached(&b, L->bal);
	if (b.cost == HUGE_VAL)
		return *out = sp, nl;
	for (j = 0; j < nl; j++) {
		sp[j].off = ws[b.best[j]];
		sp[j].len = we[b.best[j + 1] - 1] - ws[b.best[j]];
		sp[j].w = tw(L, f, size, s + sp[j].off, sp[j].len);
	}
	*out = sp;
	return nl;
}

/*
 * Centred lines of s, balanced, in a column [cx - w/2, cx + w/2], the
 * first baseline y (pt from the top).  Returns the baseline of the last
 * line; *maxw (when not NULL) grows to the widest line.
 */
static double
put_centred(const struct lay *L, struct page *pg, const char *s,
    const struct style *st, double cx, double w, double y, double *maxw)
{
	struct span	*sp;
	size_t		 n, i;

	n = wrap_balanced(L, s, st->face, st->size, w, &sp);
	for (i = 0; i < n; i++) {
		if (i > 0)
			y += pitch(L, st->size);
		put_text(pg, cx - sp[i].w / 2, y, st->face, st->size,
		    s + sp[i].off, sp[i].len, sp[i].w);
		if (maxw != NULL && sp[i].w > *maxw)
			*maxw = sp[i].w;
	}
	free(sp);
	return y;
}

/* --- Paragraphs ---------------------------------------------------- */

static void
para_char(struct para *p, enum face f, const char *s, size_t len)
{
	struct frag	*fr;
	struct word	*w;

	if (p->len + len + 1 > p->max) {
		p->max = (p->len + len + 1) * 2;
		p->text = xrealloc(p->text, p->max);
	}
	if (!p->inword) {
		if (p->nword == p->maxword) {
			p->maxword = p->maxword ? p->maxword * 2 : 32;
			p->word = xreallocarray(p->word, p->maxword,
			    sizeof(*p->word));
		}
		w = &p->word[p->nword++];
		memset(w, 0, sizeof(*w));
		w->f0 = p->nfrag;
		p->inword = 1;
	}
	w = &p->word[p->nword - 1];
	fr = w->nf > 0 ? &p->frag[p->nfrag - 1] : NULL;
	if (fr == NULL || fr->face != f) {
		if (p->nfrag == p->maxfrag) {
			p->maxfrag = p->maxfrag ? p->maxfrag * 2 : 32;
			p->frag = xreallocarray(p->frag, p->maxfrag,
			    sizeof(*p->frag));
		}
		fr = &p->frag[p->nfrag++];
		fr->face = f;
		fr->off = p->len;
		fr->len = 0;
		w->nf++;
	}
	memcpy(p->text + p->len, s, len);
	p->len += len;
	fr->len += len;
}

static void
para_text(struct para *p, enum face f, const char *s)
{
	size_t		 k, len = strlen(s);
	uint32_t	 cp;

	while (len > 0) {
		k = text_decode(s, len, &cp);
		if (k == 0)
			break;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r')
			p->inword = 0;
		else
			para_char(p, f, s, k);
		s += k;
		len -= k;
	}
}

static void
para_break(struct para *p)
{
	if (p->nword > 0)
		p->word[p->nword - 1].brk = 1;
	p->inword = 0;
}

/* Inline content of a block, with style bits (depth bounded by mdin). */
static void
para_inlines(struct para *p, const struct dnode *n, int style)
{
	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case DNODE_TEXT:
		case DNODE_FIELD:
			para_text(p, (enum face)style, n->text);
			break;
		case DNODE_SPACE:
			p->inword = 0;
			break;
		case DNODE_BREAK:
			para_break(p);
			break;
		case DNODE_EMPH:
			para_inlines(p, n->first, style | STYLE_ITALIC);
			break;
		case DNODE_STRONG:
			para_inlines(p, n->first, style | STYLE_BOLD);
			break;
		default:
			break;
		}
	}
}

static void
para_measure(const struct lay *L, struct para *p)
{
	size_t		 i, j;
	struct word	*w;
	struct frag	*f;

	for (i = 0; i < p->nword; i++) {
		w = &p->word[i];
		w->w = 0;
		for (j = 0; j < w->nf; j++) {
			f = &p->frag[w->f0 + j];
			f->w = tw(L, f->face, p->size, p->text + f->off,
			    f->len);
			w->w += f->w;
		}
		f = &p->frag[w->f0 + w->nf - 1];
		w->sp = tw(L, f->face, p->size, " ", 1);
	}
}

static void
para_free(struct para *p)
{
	free(p->text);
	free(p->frag);
	free(p->word);
}

/*
 * Cut word i of p so that its first part fits in avail: the rest
 * becomes a new word i + 1.  Only for a word wider than a whole line.
 */
static void
para_cut(const struct lay *L, struct para *p, size_t i, double avail)
{
	struct word	*w = &p->word[i], nw;
	struct frag	*f, nf;
	size_t		 j, k;
	double		 used = 0;

	for (j = 0; j < w->nf; j++) {
		f = &p->frag[w->f0 + j];
		if (used + f->w > avail && (j > 0 || f->len > 0))
			break;
		used += f->w;
	}
	if (j == w->nf)
		return;
	f = &p->frag[w->f0 + j];
	k = fit_prefix(L, f->face, p->size, p->text + f->off, f->len,
	    avail - used);
	if (j > 0 && used + tw(L, f->face, p->size, p->text + f->off, k) >
	    avail)
		k = 0;
	if (k == f->len) {
		j++;
		k = 0;
	}
	/* Split frag f at k (when k > 0), then the word after it. */
	if (k > 0) {
		if (p->nfrag == p->maxfrag) {
			p->maxfrag *= 2;
			p->frag = xreallocarray(p->frag, p->maxfrag,
			    sizeof(*p->frag));
		}
		f = &p->frag[p->word[i].f0 + j];
		memmove(f + 1, f, (p->frag + p->nfrag - f) * sizeof(*f));
		p->nfrag++;
		nf = *f;
		f->len = k;
		f[1].off = nf.off + k;
		f[1].len = nf.len - k;
		for (k = i + 1; k < p->nword; k++)
			p->word[k].f0++;
		p->word[i].nf++;
		j++;
	}
	if (p->nword == p->maxword) {
		p->maxword *= 2;
		p->word = xreallocarray(p->word, p->maxword, sizeof(*p->word));
	}
	w = &p->word[i];
	memmove(w + 1, w, (p->nword - i) * sizeof(*w));
	p->nword++;
	nw = *w;
	w->nf = j;
	w->brk = 0;
	w[1].f0 = nw.f0 + j;
	w[1].nf = nw.nf - j;
	para_measure(L, p);
}

static struct item *
item_add(struct flow *fl, double gap, double height, int flags)
{
	struct item	*it;

	if (fl->nitem == fl->maxitem) {
		fl->maxitem = fl->maxitem ? fl->maxitem * 2 : 64;
		fl->item = xreallocarray(fl->item, fl->maxitem,
		    sizeof(*fl->item));
	}
	it = &fl->item[fl->nitem++];
	memset(it, 0, sizeof(*it));
	it->gap = gap;
	it->height = height;
	it->flags = flags;
	return it;
}

/* Spaces may shrink to this share of their width in a justified line. */
#define SHRINK	0.8

/*
 * Where the lines of a justified paragraph start (start[k] is the first
 * word of line k; returns the number of lines): the breaks that
 * minimise the sum over lines of (1 + badness)^2, as Knuth and Plass's
 * total-fit method ("Breaking paragraphs into lines", 1981) without
 * hyphenation; badness is 100 r^3 for a space stretched or shrunk by
 * the ratio r.  A hard break ends a line.  Line 0 is a1 pt wide, the
 * others a2.  Words are never wider than their line (para_cut).
 */
static size_t
breaks_optimal(const struct para *p, double a1, double a2, size_t *start)
{
	const struct word *w = p->word;
	double		*best, nat, sps, avail, r, bad, d;
	size_t		*prev, n = p->nword, i, j, k, nl;
	int		 last;

	best = xcalloc(n + 1, sizeof(*best));
	prev = xcalloc(n + 1, sizeof(*prev));
	for (j = 1; j <= n; j++) {
		best[j] = HUGE_VAL;
		last = j == n || w[j - 1].brk;
		nat = sps = 0;
		for (i = j; i-- > 0; ) {
			if (i + 1 < j) {
				if (w[i].brk)
					break;	/* a hard break inside */
				nat += w[i].sp;
				sps += w[i].sp;
			}
			nat += w[i].w;
			avail = i == 0 ? a1 : a2;
			if (nat - (1 - SHRINK) * sps > avail + 1e-6) {
				if (i + 1 < j) {
					if (nat - (1 - SHRINK) * sps >
					    (a1 > a2 ? a1 : a2))
						break;
					continue;
				}
				/* One word too wide: para_cut prevents it. */
			}
			if (best[i] == HUGE_VAL)
				continue;
			if (last && nat <= avail + 1e-6)
				bad = 0;
			else if (i + 1 == j)
				bad = last ? 0 : 1000;	/* one word, ragged */
			else {
				r = (avail - nat) / sps;
				if (r < 0)
					r = -r / (1 - SHRINK);
				bad = 100 * r * r * r;
				if (bad > 10000)
					bad = 10000;
			}
			d = best[i] + (1 + bad) * (1 + bad);
			if (d < best[j]) {
				best[j] = d;
				prev[j] = i;
			}
		}
	}
	/* Walk back from the end; the starts come out reversed. */
	for (nl = 0, j = n; j > 0; j = prev[j])
		start[nl++] = prev[j];
	for (k = 0; k < nl / 2; k++) {
		i = start[k];
		start[k] = start[nl - 1 - k];
		start[nl - 1 - k] = i;
	}
	start[nl] = n;
	free(best);
	free(prev);
	return nl;
}

/* First fit, for lines that are not justified: start[] as above. */
static size_t
breaks_greedy(const struct para *p, double a1, double a2, size_t *start)
{
	const struct word *w = p->word;
	size_t		 nl = 0, first, last;
	double		 nat;

	for (first = 0; first < p->nword; first = last) {
		start[nl++] = first;
		nat = w[first].w;
		for (last = first + 1; last < p->nword; last++) {
			if (w[last - 1].brk || nat + w[last - 1].sp +
			    w[last].w > (nl == 1 ? a1 : a2) + 1e-6)
				break;
			nat += w[last - 1].sp + w[last].w;
		}
	}
	start[nl] = p->nword;
	return nl;
}

/*
 * Break a paragraph into lines of the flow: first line indented by
 * ind1, the others by ind2 (pt from the left of the type area).
 * Justified lines place each word at its own x (LIBS.md §0, §5: Tw has
 * no effect with 2-byte fonts) and draw it with its trailing space.
 */
static void
para_lines(const struct lay *L, struct flow *fl, struct para *p,
    double ind1, double ind2, enum align al, double gap, int flags)
{
	struct item	*it;
	size_t		 i, first, last, j, k, nline, ln, *start;
	double		 avail, nat, extra, x, lead, a1, a2, amin;
	int		 justify;

	lead = pitch(L, p->size);
	para_measure(L, p);
	a1 = L->w - ind1;
	a2 = L->w - ind2;
	amin = a1 < a2 ? a1 : a2;
	/* A word wider than a line is cut between characters. */
	for (i = 0; i < p->nword; i++)
		if (p->word[i].w > (i == 0 ? a1 : amin) + 1e-6)
			para_cut(L, p, i, i == 0 ? a1 : amin);
	if (p->nword == 0)
		return;
	start = xcalloc(p->nword + 1, sizeof(*start));
	nline = al == ALIGN_JUSTIFY ? breaks_optimal(p, a1, a2, start) :
	    breaks_greedy(p, a1, a2, start);
	for (ln = 0; ln < nline; ln++) {
		first = start[ln];
		last = start[ln + 1];
		avail = ln == 0 ? a1 : a2;
		nat = p->word[first].w;
		for (i = first + 1; i < last; i++)
			nat += p->word[i - 1].sp + p->word[i].w;
		justify = al == ALIGN_JUSTIFY && last < p->nword &&
		    !p->word[last - 1].brk && last - first > 1;
		extra = justify ? (avail - nat) / (double)(last - first - 1) :
		    0;
		x = L->x0 + (ln == 0 ? ind1 : ind2);
		if (al == ALIGN_CENTER)
			x += (avail - nat) / 2;
		it = item_add(fl, ln == 0 ? gap : 0, lead,
		    flags | (ln == 0 ? IT_FIRST : 0) |
		    (last == p->nword ? IT_LAST : 0));
		for (i = first; i < last; i++) {
			const struct word *w = &p->word[i];

			for (j = 0; j < w->nf; j++) {
				const struct frag *f = &p->frag[w->f0 + j];
				int	 sp = j + 1 == w->nf && i + 1 < last;
				char	*s;

				/* The word with its trailing space glyph. */
				s = xmalloc(f->len + 2);
				memcpy(s, p->text + f->off, f->len);
				k = f->len;
				if (sp)
					s[k++] = ' ';
				put_text(&it->boxes, x, p->size * ASCENT,
				    f->face, p->size, s, k,
				    f->w + (sp ? w->sp : 0));
				free(s);
				x += f->w;
			}
			x += w->sp + extra;
		}
	}
	free(start);
}

/* Vietnamese letters for điểm: a) b) c) d) đ) e) … (FORMAT.md §13). */
static const char *const diem[] = {
	"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
	"n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"
};

static void
marker(char *buf, size_t sz, const struct dnode *list, int n,
    int odepth, int bdepth, const struct tmpl *t)
{
	if (!list->ordered)
		snprintf(buf, sz, "%s", bdepth <= 1 ? t->bullet : "+");
	else if (odepth == 1)
		snprintf(buf, sz, "%d.", n);
	else if (odepth == 2 && n >= 1)
		snprintf(buf, sz, "%s%s)", diem[(n - 1) % 23],
		    (n - 1) / 23 > 0 ? diem[((n - 1) / 23 - 1) % 23] : "");
	else
		snprintf(buf, sz, "%d)", n);
}

/* The blocks of the body into the flow (lists may nest DOC_MAX_DEPTH). */
static void
blocks(const struct lay *L, struct flow *fl, const struct dnode *n,
    const char *mark, int odepth, int bdepth)
{
	const struct tmpl *t = L->t;
	const struct dnode *k;
	struct para	 p;
	char		 mk[64];
	int		 num;

	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case DNODE_PARA:
		case DNODE_HEADING:
			memset(&p, 0, sizeof(p));
			p.size = t->body.size;
			if (mark != NULL) {
				para_text(&p, t->body.face, mark);
				p.inword = 0;
				mark = NULL;
			}
			if (n->type == DNODE_HEADING) {
				para_inlines(&p, n->first,
				    t->body.face | STYLE_BOLD);
				if (p.nword > 0)
					para_lines(L, fl, &p,
					    n->level == 1 ? 0 : t->indent,
					    n->level == 1 ? 0 : 0,
					    n->level == 1 ? ALIGN_CENTER :
					    ALIGN_LEFT, t->para_gap,
					    IT_KEEPNEXT);
			} else {
				para_inlines(&p, n->first, t->body.face);
				if (p.nword > 0)
					para_lines(L, fl, &p, t->indent, 0,
					    ALIGN_JUSTIFY, t->para_gap, 0);
			}
			para_free(&p);
			break;
		case DNODE_LIST:
			num = n->start;
			for (k = n->first; k != NULL; k = k->next, num++) {
				marker(mk, sizeof(mk), n, num,
				    odepth + n->ordered,
				    bdepth + !n->ordered, t);
				blocks(L, fl, k->first, mk,
				    odepth + n->ordered,
				    bdepth + !n->ordered);
			}
			break;
		default:
			break;
		}
	}
}

/* --- The letter ------------------------------------------------------ */

/* Header (ô 1–5b): returns the y (pt from top) below it. */
/*
 * The agency block of ô 1 (FORMAT.md §2), in the left header column
 * centred on lcx, lw wide, from the top margin: the parent agency (may
 * be NULL) and the agency, in capitals, balanced, then the short rule
 * under the agency's widest line.  The letter and the directory both
 * draw it here.  Returns the rule's y (pt from the top).
 */
static double
agency_block(struct lay *L, struct page *pg, const char *chu_quan,
    const char *co_quan, double lcx, double lw)
{
	const struct tmpl *t = L->t;
	double		 y, ruly, w, maxw = 0;
	char		*up;

	if (chu_quan != NULL) {
		y = t->top + t->chu_quan.size * ASCENT;
		up = text_upper(chu_quan);
		y = put_centred(L, pg, up, &t->chu_quan, lcx, lw, y, NULL);
		free(up);
		y += pitch(L, t->co_quan.size);
	} else
		y = t->top + t->co_quan.size * ASCENT;
	up = text_upper(co_quan);
	y = put_centred(L, pg, up, &t->co_quan, lcx, lw, y, &maxw);
	free(up);
	ruly = y + t->rule_gap + t->co_quan.size * 0.216;
	w = maxw * t->co_quan_rule;
	put_line(pg, lcx - w / 2, ruly, lcx + w / 2, ruly, t->rule_width);
	return ruly;
}

static double
header(struct lay *L, struct page *pg, const struct letter *l)
{
	const struct tmpl *t = L->t;
	double		 lw = t->hdr_left_w, rw = L->w - t->hdr_left_w;
	double		 lcx = L->x0 + lw / 2, rcx = L->x0 + lw + rw / 2;
	double		 y, yl, yr, tnw;

	/* Left column: parent agency, agency (balanced), short rule. */
	yl = agency_block(L, pg, l->co_quan_chu_quan, l->co_quan, lcx, lw);

	/* Right column: Quốc hiệu, Tiêu ngữ and its rule. */
	y = t->top + t->quoc_hieu.size * ASCENT;
	y = put_centred(L, pg, t->quoc_hieu_text, &t->quoc_hieu, rcx, rw, y, NULL);
	y += pitch(L, t->tieu_ngu.size);
	tnw = 0;
	y = put_centred(L, pg, t->tieu_ngu_text, &t->tieu_ngu, rcx, rw, y,
	    &tnw);
	yr = y + t->rule_gap + t->tieu_ngu.size * 0.216;
	put_line(pg, rcx - tnw / 2, yr, rcx + tnw / 2, yr, t->rule_width);

	/* Số and the place and date on one row (ô 3, ô 4). */
	y = (yl > yr ? yl : yr) + t->so_gap;
	yl = put_centred(L, pg, l->so, &t->so, lcx, lw, y, NULL);
	yr = put_centred(L, pg, l->noi_ngay, &t->dia_danh, rcx, rw, y,
	    NULL);
	/* V/v under Số (ô 5b), 6 pt apart. */
	yl += t->so.size * 0.216 + t->trich_yeu_gap +
	    t->trich_yeu.size * ASCENT;
	yl = put_centred(L, pg, l->trich_yeu, &t->trich_yeu, lcx, lw, yl,
	    NULL);
	yl += t->trich_yeu.size * (t->leading - ASCENT);
	yr += t->dia_danh.size * (t->leading - ASCENT);
	return yl > yr ? yl : yr;
}

/* Strip a trailing ';' or '.' the writer may have typed. */
static size_t
bare_len(const char *s)
{
	size_t	 n = strlen(s);

	while (n > 0 && (s[n - 1] == ';' || s[n - 1] == '.' ||
	    s[n - 1] == ' ' || s[n - 1] == ','))
		n--;
	return n;
}

/* "- text;" with a hanging indent, as lines of the flow. */
static void
dash_entry(const struct lay *L, struct flow *fl, const char *s,
    const char *end, const struct style *st, double x, double w,
    double gap, int flags)
{
	struct para	 p;
	char		*txt;
	double		 dash;

	memset(&p, 0, sizeof(p));
	p.size = st->size;
	/* "- Như trên;" typed with its dash gets no second one. */
	if (s[0] == '-' && s[1] == ' ')
		for (s++; *s == ' '; s++)
			;
	txt = xasprintf("- %.*s%s", (int)bare_len(s), s, end);
	para_text(&p, st->face, txt);
	free(txt);
	dash = tw(L, st->face, st->size, "- ", 2);
	{
		struct lay	 sub = *L;

		sub.x0 = L->x0 + x;
		sub.w = w;
		para_lines(&sub, fl, &p, 0, dash, ALIGN_LEFT, gap, flags);
	}
	para_free(&p);
}

/* Kính gửi (ô 9a, FORMAT.md §5) into the flow. */
static void
kinh_gui(struct lay *L, struct flow *fl, const struct letter *l)
{
	const struct tmpl *t = L->t;
	const struct style *st = &t->kinh_gui;
	struct para	 p;
	double		 lw, colon;
	size_t		 i, n;

	lw = tw(L, st->face, st->size, t->kinh_gui_label,
	    strlen(t->kinh_gui_label));
	if (l->nkinh_gui == 1) {
		/* One recipient: on the label's line, wrapped after it. */
		memset(&p, 0, sizeof(p));
		p.size = st->size;
		para_text(&p, st->face, t->kinh_gui_label);
		p.inword = 0;
		para_text(&p, st->face, l->kinh_gui[0]);
		{
			struct lay	 sub = *L;
			double		 sp = tw(L, st->face, st->size, " ", 1);

			sub.x0 = L->x0 + t->kinh_gui_x;
			sub.w = L->w - t->kinh_gui_x;
			para_lines(&sub, fl, &p, 0, lw + sp, ALIGN_LEFT,
			    t->kinh_gui_gap, IT_KEEPNEXT);
		}
		para_free(&p);
		return;
	}
	/* Several: "- …;" lines with the dash under the colon. */
	n = strlen(t->kinh_gui_label);
	colon = n > 0 && t->kinh_gui_label[n - 1] == ':' ?
	    tw(L, st->face, st->size, t->kinh_gui_label, n - 1) : lw;
	memset(&p, 0, sizeof(p));
	p.size = st->size;
	para_text(&p, st->face, t->kinh_gui_label);
	{
		struct lay	 sub = *L;

		sub.x0 = L->x0 + t->kinh_gui_x;
		sub.w = L->w - t->kinh_gui_x;
		para_lines(&sub, fl, &p, 0, 0, ALIGN_LEFT, t->kinh_gui_gap,
		    IT_KEEPNEXT);
	}
	para_free(&p);
	for (i = 0; i < l->nkinh_gui; i++)
		dash_entry(L, fl, l->kinh_gui[i],
		    i + 1 < l->nkinh_gui ? ";" : ".", st,
		    t->kinh_gui_x + colon, L->w - t->kinh_gui_x - colon, 0,
		    IT_KEEPNEXT);
}

/*
 * Nơi nhận (ô 9b) beside the signature (ô 7a–7c), as one item kept
 * whole and with the line before it (FORMAT.md §5, §6, §9).
 */
static void
bottom(struct lay *L, struct flow *fl, const struct letter *l)
{
	const struct tmpl *t = L->t;
	struct flow	 left;
	struct item	*it;
	double		 y, yl, rw, rcx, base;
	size_t		 i;

	memset(&left, 0, sizeof(left));
	it = item_add(fl, t->bottom_gap, 0, IT_KEEPPREV | IT_FIRST | IT_LAST);
	/* Both first baselines level. */
	base = (t->sign.size > t->nn_head.size ? t->sign.size :
	    t->nn_head.size) * ASCENT;

	/* Left: the heading and the entries. */
	put_text(&it->boxes, L->x0, base, t->nn_head.face, t->nn_head.size,
	    t->nn_label, strlen(t->nn_label), tw(L, t->nn_head.face,
	    t->nn_head.size, t->nn_label, strlen(t->nn_label)));
	for (i = 0; i < l->noi_nhan->n; i++)
		dash_entry(L, &left, l->noi_nhan->v[i].text,
		    i + 1 < l->noi_nhan->n ? ";" : ".", &t->nn_entry, 0,
		    t->nn_w, 0, 0);
	yl = base + t->nn_head.size * (t->leading - ASCENT);
	for (i = 0; i < left.nitem; i++) {
		boxes_move(&it->boxes, &left.item[i].boxes, 0, yl);
		yl += left.item[i].height;
		page_clear(&left.item[i].boxes);
	}
	free(left.item);

	/* Right: quyền hạn, chức vụ, room to sign, the name; centred. */
	rw = L->w - t->nn_w;
	rcx = L->x0 + t->nn_w + rw / 2;
	y = base;
	if (l->quyen_han != NULL) {
		char	*up = text_upper(l->quyen_han);

		y = put_centred(L, &it->boxes, up, &t->sign, rcx, rw, y,
		    NULL) + pitch(L, t->sign.size);
		free(up);
	}
	{
		char	*up = text_upper(l->chuc_vu);

		y = put_centred(L, &it->boxes, up, &t->sign, rcx, rw, y,
		    NULL);
		free(up);
	}
	y += t->sign_space + pitch(L, t->sign.size);
	y = put_centred(L, &it->boxes, l->nguoi_ky, &t->sign, rcx, rw, y,
	    NULL);
	y += t->sign.size * (t->leading - ASCENT);
	it->height = y > yl ? y : yl;
}

/* May a page break come before item b (b > first on the page)? */
static int
bad_break(const struct flow *fl, size_t b)
{
	const struct item *prev = &fl->item[b - 1], *it = &fl->item[b];

	if (prev->flags & IT_KEEPNEXT)
		return 1;
	if (it->flags & IT_KEEPPREV)
		return 1;
	/* Orphan: a paragraph's first line alone at the page bottom. */
	if ((prev->flags & IT_FIRST) && !(prev->flags & IT_LAST))
		return 1;
	/* Widow: its last line alone at the top of the next page. */
	if ((it->flags & IT_LAST) && !(it->flags & IT_FIRST))
		return 1;
	return 0;
}

static void
page_number(struct lay *L, struct page *pg, int n)
{
	const struct style *st = &L->t->page_no;
	char		 buf[16];
	double		 w;

	snprintf(buf, sizeof(buf), "%d", n);
	w = tw(L, st->face, st->size, buf, strlen(buf));
	/* Centred in the top margin (FORMAT.md §1). */
	put_text(pg, L->x0 + L->w / 2 - w / 2,
	    L->t->top / 2 + st->size * (ASCENT - 0.5 * 1.107), st->face,
	    st->size, buf, strlen(buf), w);
}

/* Place the flow from y0 on page pg0 onwards (first page unnumbered). */
static void
paginate(struct lay *L, struct flow *fl, double y0, size_t pg0, int num0)
{
	size_t		 i, b, first = 0, pgi = pg0, j;
	double		 y = y0, g;
	size_t		*where;
	double		*at;
	struct page	*pg;
	int		 num = num0;

	where = xcalloc(fl->nitem + 1, sizeof(*where));
	at = xcalloc(fl->nitem + 1, sizeof(*at));
	for (i = 0; i < fl->nitem; ) {
		g = i == first ? (pgi == pg0 ? fl->item[i].gap : 0) :
		    fl->item[i].gap;
		if (y + g + fl->item[i].height <= L->ybot + 1e-6 ||
		    i == first) {
			where[i] = pgi;
			at[i] = y + g;
			y += g + fl->item[i].height;
			i++;
			continue;
		}
		for (b = i; b > first + 1 && bad_break(fl, b); b--)
			;
		if (b <= first + 1 && bad_break(fl, b))
			b = i;
		pgi++;
		y = L->t->top;
		first = i = b;
		if (pgi - pg0 >= LAYOUT_MAX_PAGES) {
			L->toolong = 1;
			break;
		}
	}
	if (!L->toolong) {
		for (i = 0; i < fl->nitem; i++) {
			while (L->out->npage <= where[i]) {
				if ((pg = page_new(L)) == NULL)
					break;
				if (L->out->npage - 1 > pg0)
					page_number(L, pg, ++num);
			}
			if (L->toolong)
				break;
			pg = &L->out->page[where[i]];
			j = pg->nbox;
			boxes_move(pg, &fl->item[i].boxes, 0, at[i]);
			(void)j;
		}
	}
	for (i = 0; i < fl->nitem; i++)
		page_clear(&fl->item[i].boxes);
	free(fl->item);
	free(where);
	free(at);
}

/* --- Tables: the appendix and the directory --------------------------- */

/* A bordered table; a row may span all columns (a section heading). */
struct tbl {
	size_t		 ncol;
	const char	**head;		/* ncol header texts */
	size_t		 nrow;
	const char	**cell;		/* nrow * ncol texts */
	unsigned char	*span;		/* per row: cell[r * ncol] spans the
					   row: 1 a heading (sst), 2 a note
					   (nst); 0 it does not */
	const struct style *st;		/* cells */
	const struct style *hst;	/* header row */
	const struct style *sst;	/* spanning headings */
	const struct style *nst;	/* spanning notes */
	int		*centre;	/* per column: centred */
};

struct cell {
	struct span	*sp;
	size_t		 n;
};

static int
is_number(const char *s)
{
	size_t	 n = strlen(s);

	return n > 0 && n <= 6 && strspn(s, "0123456789.") == n;
}

/* Widest word and widest line of s, plus padding, into mn and mx. */
static void
text_extent(const struct lay *L, const char *s, const struct style *st,
    double pad, double *mn, double *mx)
{
	size_t	 i, ws = 0, ls = 0;
	double	 w;

	for (i = 0; ; i++) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\0') {
			w = tw(L, st->face, st->size, s + ws, i - ws) + pad;
			if (w > *mn)
				*mn = w;
			ws = i + 1;
		}
		if (s[i] == '\n' || s[i] == '\0') {
			w = tw(L, st->face, st->size, s + ls, i - ls) + pad;
			if (w > *mx)
				*mx = w;
			ls = i + 1;
		}
		if (s[i] == '\0')
			break;
	}
}

/*
 * Column widths fitted to the content, as HTML's automatic table layout
 * does: each column its widest line when all fit; else the widest word
 * plus a share of the room left in proportion to what it would need.
 */
static void
tbl_widths(const struct lay *L, const struct tbl *t, double *cw)
{
	double	*mn, *mx, smin = 0, smax = 0, pad = 2 * L->t->cell_pad;
	size_t	 c, r;

	mn = xcalloc(t->ncol, sizeof(double));
	mx = xcalloc(t->ncol, sizeof(double));
	for (c = 0; c < t->ncol; c++) {
		text_extent(L, t->head[c], t->hst, pad, &mn[c], &mx[c]);
		for (r = 0; r < t->nrow; r++)
			if (!t->span[r])
				text_extent(L, t->cell[r * t->ncol + c], t->st,
				    pad, &mn[c], &mx[c]);
		/* A very long word is cut rather than squeeze the rest. */
		if (mn[c] > L->w / t->ncol)
			mn[c] = L->w / t->ncol;
		if (mx[c] < mn[c])
			mx[c] = mn[c];
		smin += mn[c];
		smax += mx[c];
	}
	for (c = 0; c < t->ncol; c++) {
		if (smax <= L->w)
			cw[c] = mx[c] + (L->w - smax) * (mx[c] / smax);
		else if (smin <= L->w)
			cw[c] = mn[c] + (mx[c] - mn[c]) * (L->w - smin) /
			    (smax - smin);
		else
			cw[c] = L->w * mn[c] / smin;
	}
	free(mn);
	free(mx);
}

/* Wrap one row's cells (n of them, widths w[]); returns its lines. */
static size_t
row_cells(const struct lay *L, size_t n, const double *w,
    const char *const *text, const struct style *st, struct cell *cells)
{
	size_t	 c, lines = 0;
	double	 iw;

	for (c = 0; c < n; c++) {
		iw = w[c] - 2 * L->t->cell_pad;
		cells[c].n = wrap(L, text[c], st->face, st->size, iw, iw,
		    &cells[c].sp);
		if (cells[c].n > lines)
			lines = cells[c].n;
	}
	return lines;
}

/* Lines [from, to) of a row's cells, with borders, at y (pt down). */
static void
row_draw(const struct lay *L, struct page *pg, size_t n, const double *w,
    const struct cell *cells, const char *const *text, const int *centre,
    const struct style *st, size_t from, size_t to, double y, double h,
    int top)
{
	const struct tmpl *t = L->t;
	double		 x = L->x0, bl;
	size_t		 c, k;

	if (top)
		put_line(pg, L->x0, y, L->x0 + L->w, y, t->rule_width);
	for (c = 0; c < n; c++) {
		bl = y + t->cell_pad + st->size * ASCENT;
		for (k = from; k < to && k < cells[c].n; k++) {
			const struct span *s = &cells[c].sp[k];
			double	 tx = centre != NULL && centre[c] ?
			    x + w[c] / 2 - s->w / 2 : x + t->cell_pad;

			put_text(pg, tx, bl, st->face, st->size,
			    text[c] + s->off, s->len, s->w);
			bl += pitch(L, st->size);
		}
		put_line(pg, x, y, x, y + h, t->rule_width);
		x += w[c];
	}
	put_line(pg, L->x0 + L->w, y, L->x0 + L->w, y + h, t->rule_width);
	put_line(pg, L->x0, y + h, L->x0 + L->w, y + h, t->rule_width);
}

/*
 * Place a table from y (pt down) on page *pg, going on to new pages as
 * it must: the header row repeats at the top of each page, rows move
 * whole to the next page, and a row taller than a page is split
 * between lines.  New pages are numbered from *num + 1.
 */
static void
tbl_place(struct lay *L, const struct tbl *tb, struct page *pg, double y,
    int *num)
{
	const struct tmpl *t = L->t;
	double		*cw, full, lead, hh, room, h;
	struct cell	*hc, *rc;
	const char	**rtext;
	size_t		 c, r, nh, n, done, fit, nc;
	const double	*w;
	const struct style *st;
	int		*hcentre;

	cw = xcalloc(tb->ncol, sizeof(double));
	tbl_widths(L, tb, cw);
	full = L->w;
	hc = xcalloc(tb->ncol, sizeof(*hc));
	rc = xcalloc(tb->ncol, sizeof(*rc));
	rtext = xcalloc(tb->ncol, sizeof(char *));
	/* The header row is centred. */
	hcentre = xcalloc(tb->ncol, sizeof(int));
	for (c = 0; c < tb->ncol; c++)
		hcentre[c] = 1;
	nh = row_cells(L, tb->ncol, cw, tb->head, tb->hst, hc);
	hh = nh * pitch(L, tb->hst->size) + 2 * t->cell_pad;
	row_draw(L, pg, tb->ncol, cw, hc, tb->head, hcentre, tb->hst, 0, nh,
	    y, hh, 1);
	y += hh;
	for (r = 0; r < tb->nrow && !L->toolong; r++) {
		if (tb->span[r]) {
			nc = 1;
			w = &full;
			st = tb->span[r] == 1 ? tb->sst : tb->nst;
			rtext[0] = tb->cell[r * tb->ncol];
		} else {
			nc = tb->ncol;
			w = cw;
			st = tb->st;
			for (c = 0; c < nc; c++)
				rtext[c] = tb->cell[r * tb->ncol + c];
		}
		lead = pitch(L, st->size);
		n = row_cells(L, nc, w, rtext, st, rc);
		/* A heading row keeps with the first line of the next. */
		if (tb->span[r] == 1 && r + 1 < tb->nrow &&
		    y + n * lead + 2 * t->cell_pad + pitch(L, tb->st->size) +
		    2 * t->cell_pad > L->ybot && y > t->top + hh + 1e-6) {
			if ((pg = page_new(L)) == NULL) {
				/* Too many pages: this row's lines too. */
				for (c = 0; c < nc; c++)
					free(rc[c].sp);
				break;
			}
			page_number(L, pg, ++*num);
			y = t->top;
			row_draw(L, pg, tb->ncol, cw, hc, tb->head, hcentre,
			    tb->hst, 0, nh, y, hh, 1);
			y += hh;
		}
		for (done = 0; done < n; ) {
			room = L->ybot - y - 2 * t->cell_pad;
			fit = room > 0 ? (size_t)((room + 1e-6) / lead) : 0;
			if (fit < n - done && (fit == 0 || (done == 0 &&
			    L->ybot - t->top - hh - 2 * t->cell_pad >=
			    n * lead))) {
				/* Whole rows move to the next page. */
				if ((pg = page_new(L)) == NULL)
					break;
				page_number(L, pg, ++*num);
				y = t->top;
				row_draw(L, pg, tb->ncol, cw, hc, tb->head,
				    hcentre, tb->hst, 0, nh, y, hh, 1);
				y += hh;
				continue;
			}
			if (fit > n - done)
				fit = n - done;
			h = fit * lead + 2 * t->cell_pad;
			row_draw(L, pg, nc, w, rc, rtext, nc == 1 ? NULL :
			    tb->centre, st, done, done + fit, y, h, 0);
			y += h;
			done += fit;
		}
		for (c = 0; c < nc; c++)
			free(rc[c].sp);
	}
	for (c = 0; c < tb->ncol; c++)
		free(hc[c].sp);
	free(hc);
	free(rc);
	free(rtext);
	free(cw);
	free(hcentre);
}

/* The head of the first appendix page; returns the y below it. */
static double
appendix_head(struct lay *L, struct page *pg, const struct letter *l)
{
	const struct tmpl *t = L->t;
	double		 cx = L->x0 + L->w / 2, y, w = 0;

	y = t->top + t->pl_label.size * ASCENT;
	y = put_centred(L, pg, t->pl_label_text, &t->pl_label, cx, L->w, y,
	    NULL);
	if (l->pl_title != NULL) {
		y += pitch(L, t->pl_title.size);
		y = put_centred(L, pg, l->pl_title, &t->pl_title, cx, L->w, y,
		    NULL);
	}
	y += pitch(L, t->pl_ref.size);
	y = put_centred(L, pg, l->pl_ref, &t->pl_ref, cx, L->w, y, &w);
	y += t->rule_gap + t->pl_ref.size * 0.216;
	w *= t->co_quan_rule;
	put_line(pg, cx - w / 2, y, cx + w / 2, y, t->rule_width);
	return y + t->tbl_gap;
}

/* The appendix (phụ lục, FORMAT.md §8) on pages of its own. */
static void
appendix(struct lay *L, const struct letter *l)
{
	const struct rows *rs = l->table;
	struct tbl	 tb;
	struct page	*pg;
	size_t		 c, r;
	int		 num = 1;
	double		 y;

	if ((pg = page_new(L)) == NULL)
		return;
	y = appendix_head(L, pg, l);
	memset(&tb, 0, sizeof(tb));
	tb.ncol = l->ncols;
	tb.nrow = rs->nrow;
	tb.head = xcalloc(tb.ncol, sizeof(char *));
	tb.cell = xcalloc(tb.nrow * tb.ncol + 1, sizeof(char *));
	tb.span = xcalloc(tb.nrow + 1, 1);
	tb.centre = xcalloc(tb.ncol, sizeof(int));
	tb.st = tb.sst = tb.nst = &L->t->tbl;
	tb.hst = &L->t->tbl_head;
	for (c = 0; c < tb.ncol; c++) {
		tb.head[c] = rs->header[l->cols[c]];
		tb.centre[c] = 1;
		for (r = 0; r < tb.nrow; r++) {
			tb.cell[r * tb.ncol + c] = rs->row[r].cell[l->cols[c]];
			if (!is_number(rs->row[r].cell[l->cols[c]]))
				tb.centre[c] = 0;
		}
	}
	tbl_place(L, &tb, pg, y, &num);
	free(tb.head);
	free(tb.cell);
	free(tb.span);
	free(tb.centre);
}

/* Boxes are placed with y down from the top: flip them to PDF space. */
static void
flip(struct layout *lo)
{
	size_t	 i, j;

	for (i = 0; i < lo->npage; i++)
		for (j = 0; lo->page[i].id == 0 && j < lo->page[i].nbox; j++) {
			struct box *b = &lo->page[i].box[j];

			b->y = lo->height - b->y;
			if (b->type == BOX_LINE)
				b->y2 = lo->height - b->y2;
		}
}

/* --- The memo: appendix pages shared by the letters of a run --------- */

struct memo_pages {
	unsigned char	*key;		/* all the appendix depends on */
	size_t		 keylen;
	struct page	*page;		/* npage pages, flipped, ids set */
	size_t		 npage;
	unsigned int	 refs;		/* layouts borrowing + 1 if memoised */
};

struct layout_memo {
	struct memo_pages *pl;		/* the last appendix, or NULL */
	struct balcache	 bal;		/* balanced lines of this run */
};

/*
 * The last id given to a shared page.  Process-wide on purpose: the PDF
 * writer's page cache is keyed by id, and an id must never name two
 * different pages for a writer, whichever memos it meets.
 */
static unsigned long long page_ids;

struct layout_memo *
layout_memo_new(void)
{
	return xcalloc(1, sizeof(struct layout_memo));
}

static void
memo_pages_drop(struct memo_pages *mp)
{
	size_t	 i;

	if (mp == NULL || --mp->refs > 0)
		return;
	for (i = 0; i < mp->npage; i++) {
		mp->page[i].id = 0;
		page_clear(&mp->page[i]);
	}
	free(mp->page);
	free(mp->key);
	free(mp);
}

void
layout_memo_free(struct layout_memo *memo)
{
	if (memo == NULL)
		return;
	memo_pages_drop(memo->pl);
	free(memo);
}

static void
key_bytes(unsigned char **k, size_t *len, size_t *max, const void *p,
    size_t n)
{
	if (*len + n > *max) {
		*max = (*len + n) * 2;
		*k = xrealloc(*k, *max);
	}
	memcpy(*k + *len, p, n);
	*len += n;
}

static void
key_str(unsigned char **k, size_t *len, size_t *max, const char *s)
{
	size_t	 n = s != NULL ? strlen(s) + 1 : 0;

	key_bytes(k, len, max, &n, sizeof(n));
	if (n > 0)
		key_bytes(k, len, max, s, n);
}

/* Everything the appendix pages of l depend on, as bytes: the template
 * and measurements (the same for the memo's life, so by address), the
 * titles and every header and cell the table shows. */
static unsigned char *
appendix_key(const struct lay *L, const struct letter *l, size_t *len)
{
	const struct rows *rs = l->table;
	unsigned char	*k = NULL;
	size_t		 max = 0, c, r;

	*len = 0;
	key_bytes(&k, len, &max, &L->t, sizeof(L->t));
	key_bytes(&k, len, &max, &L->m->width, sizeof(L->m->width));
	key_bytes(&k, len, &max, &L->m->arg, sizeof(L->m->arg));
	key_str(&k, len, &max, l->pl_title);
	key_str(&k, len, &max, l->pl_ref);
	key_bytes(&k, len, &max, &l->ncols, sizeof(l->ncols));
	key_bytes(&k, len, &max, &rs->nrow, sizeof(rs->nrow));
	for (c = 0; c < l->ncols; c++)
		key_str(&k, len, &max, rs->header[l->cols[c]]);
	for (r = 0; r < rs->nrow; r++)
		for (c = 0; c < l->ncols; c++)
			key_str(&k, len, &max, rs->row[r].cell[l->cols[c]]);
	return k;
}

/*
 * The appendix of l: borrowed from the memo when it holds the same
 * table, else laid out and, when it fits, handed to the memo (its
 * pages flipped to PDF space here, once) and borrowed.
 */
static void
appendix_memo(struct lay *L, const struct letter *l, struct layout_memo *memo)
{
	struct layout	*o = L->out;
	struct memo_pages *mp;
	unsigned char	*key;
	size_t		 len, i, first;

	key = appendix_key(L, l, &len);
	mp = memo->pl;
	if (mp == NULL || mp->keylen != len || memcmp(mp->key, key, len) != 0) {
		first = o->npage;
		appendix(L, l);
		if (L->toolong) {
			free(key);
			return;
		}
		memo_pages_drop(memo->pl);
		mp = memo->pl = xcalloc(1, sizeof(*mp));
		mp->key = key;
		mp->keylen = len;
		mp->refs = 1;
		mp->npage = o->npage - first;
		mp->page = xcalloc(mp->npage, sizeof(*mp->page));
		memcpy(mp->page, o->page + first, mp->npage * sizeof(*mp->page));
		o->npage = first;
		for (i = 0; i < mp->npage; i++) {
			struct layout one = { o->width, o->height, &mp->page[i],
			    1, 0, NULL };

			flip(&one);
			mp->page[i].id = ++page_ids;
		}
	} else
		free(key);
	if (o->npage + mp->npage > LAYOUT_MAX_PAGES) {
		L->toolong = 1;
		return;
	}
	o->page = xreallocarray(o->page, o->npage + mp->npage,
	    sizeof(*o->page));
	memcpy(o->page + o->npage, mp->page, mp->npage * sizeof(*o->page));
	o->npage += mp->npage;
	o->shared = mp;
	mp->refs++;
}

struct layout *
layout_letter(const struct letter *l, const struct tmpl *t,
    const struct metrics *m, struct layout_memo *memo)
{
	struct lay	 L;
	struct flow	 fl;
	struct page	*pg;
	double		 y;

	memset(&L, 0, sizeof(L));
	memset(&fl, 0, sizeof(fl));
	L.t = t;
	L.m = m;
	L.out = xcalloc(1, sizeof(*L.out));
	L.out->width = t->page_w;
	L.out->height = t->page_h;
	L.x0 = t->left;
	L.w = t->page_w - t->left - t->right;
	L.ybot = t->page_h - t->bottom;
	L.bal = memo != NULL ? &memo->bal : NULL;

	pg = page_new(&L);
	y = header(&L, pg, l);
	kinh_gui(&L, &fl, l);
	if (fl.nitem > 0)
		fl.item[0].gap = t->kinh_gui_gap;
	{
		size_t	 nk = fl.nitem;

		blocks(&L, &fl, l->body->root->first, NULL, 0, 0);
		if (fl.nitem > nk)
			fl.item[nk].gap = t->body_gap;
	}
	bottom(&L, &fl, l);
	paginate(&L, &fl, y, 0, 1);
	L.out->nletter = L.out->npage;
	if (l->phu_luc && !L.toolong) {
		if (memo != NULL)
			appendix_memo(&L, l, memo);
		else
			appendix(&L, l);
	}
	if (L.toolong) {
		layout_free(L.out);
		return NULL;
	}
	flip(L.out);
	return L.out;
}

/* "ngày 30 tháng 4 năm 2022" (FORMAT.md §4). */
static char *
date_words(const char *iso)
{
	int	 y, m, d;

	if (sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3)
		return xstrdup(iso);
	return m <= 2 ? xasprintf("ngày %02d tháng %02d năm %d", d, m, y) :
	    xasprintf("ngày %02d tháng %d năm %d", d, m, y);
}

struct layout *
layout_directory(const struct directory *dy, const struct dispatch *d,
    const struct tmpl *t, const struct metrics *m)
{
	struct lay	 L;
	struct tbl	 tb;
	struct page	*pg;
	char		*cols, *p, *up, **own = NULL, *sum, *han = NULL;
	size_t		 nrow = 0, r = 0, i, j, nown = 0;
	double		 y, lcx;
	int		 num = 1, land;

	memset(&L, 0, sizeof(L));
	L.t = t;
	L.m = m;
	land = strcmp(t->db_orientation, "landscape") == 0;
	L.out = xcalloc(1, sizeof(*L.out));
	L.out->width = land ? t->page_h : t->page_w;
	L.out->height = land ? t->page_w : t->page_h;
	L.x0 = t->left;
	L.w = L.out->width - t->left - t->right;
	L.ybot = L.out->height - t->bottom;
	pg = page_new(&L);

	/* The agency, as in the letter's header (ô 1). */
	lcx = L.x0 + t->hdr_left_w / 2;
	y = agency_block(&L, pg, d->f[FM_CO_QUAN_CHU_QUAN].text,
	    d->f[FM_CO_QUAN].text, lcx, t->hdr_left_w);

	/* Title, then how many replied and by when. */
	y += t->kinh_gui_gap + t->db_title.size * ASCENT;
	up = text_upper(d->db_tieu_de.text != NULL ? d->db_tieu_de.text :
	    t->db_title_text);
	y = put_centred(&L, pg, up, &t->db_title, L.x0 + L.w / 2, L.w, y,
	    NULL);
	free(up);
	if (d->db_han.text != NULL)
		han = date_words(d->db_han.text);
	sum = han != NULL ? xasprintf("(%zu/%zu %s; %s %s)", dy->nreplied,
	    dy->nagency, t->db_replied, t->db_deadline, han) :
	    xasprintf("(%zu/%zu %s)", dy->nreplied, dy->nagency,
	    t->db_replied);
	y += pitch(&L, t->db_summary.size);
	y = put_centred(&L, pg, sum, &t->db_summary, L.x0 + L.w / 2, L.w, y,
	    NULL);
	y += t->db_summary.size * (t->leading - ASCENT) + t->tbl_gap;
	free(sum);
	free(han);

	/* The table: a heading row per agency, then its contacts. */
	memset(&tb, 0, sizeof(tb));
	cols = xstrdup(t->db_columns);
	for (p = cols, tb.ncol = 1; *p != '\0'; p++)
		tb.ncol += *p == '|';
	tb.head = xcalloc(tb.ncol, sizeof(char *));
	for (p = cols, i = 0; i < tb.ncol; i++) {
		tb.head[i] = p;
		p += strcspn(p, "|");
		if (*p == '|')
			*p++ = '\0';
	}
	for (i = 0; i < dy->nagency; i++)
		nrow += 1 + (dy->agency[i].ncontact > 0 ?
		    dy->agency[i].ncontact : 1);
	tb.nrow = nrow;
	tb.cell = xcalloc(nrow * tb.ncol + 1, sizeof(char *));
	tb.span = xcalloc(nrow + 1, 1);
	tb.centre = xcalloc(tb.ncol, sizeof(int));
	own = xcalloc(dy->nagency + 1, sizeof(char *));
	tb.st = &t->db_table;
	tb.hst = &t->db_table_head;
	tb.sst = &t->db_section;
	tb.nst = &t->db_note;
	for (i = 0; i < dy->nagency; i++) {
		const struct agency *a = &dy->agency[i];

		own[nown] = xasprintf("%zu. %s", i + 1, a->name);
		tb.span[r] = 1;
		tb.cell[r++ * tb.ncol] = own[nown++];
		if (a->ncontact == 0) {
			tb.span[r] = 2;
			tb.cell[r++ * tb.ncol] = t->db_no_reply;
			continue;
		}
		for (j = 0; j < a->ncontact; j++, r++) {
			const struct contact *c = &a->contact[j];
			const char *v[5] = { c->name, c->unit, c->title,
			    c->phone, c->email };
			size_t	 k;

			for (k = 0; k < tb.ncol; k++)
				tb.cell[r * tb.ncol + k] = k < 5 &&
				    v[k] != NULL ? v[k] : "";
		}
	}
	tbl_place(&L, &tb, pg, y, &num);
	for (i = 0; i < nown; i++)
		free(own[i]);
	free(own);
	free(tb.head);
	free(tb.cell);
	free(tb.span);
	free(tb.centre);
	free(cols);
	L.out->nletter = L.out->npage;
	if (L.toolong) {
		layout_free(L.out);
		return NULL;
	}
	flip(L.out);
	return L.out;
}

static const char *const face_names[FACE__MAX] = {
	"R",	/* FACE_REGULAR */
	"B",	/* FACE_BOLD */
	"I",	/* FACE_ITALIC */
	"BI",	/* FACE_BOLDITALIC */
};

void
layout_dump(const struct layout *lo, FILE *f)
{
	const struct box *b;
	size_t		 i, j;

	fprintf(f, "layout %.2f x %.2f, %zu pages, letter %zu\n", lo->width,
	    lo->height, lo->npage, lo->nletter);
	for (i = 0; i < lo->npage; i++) {
		fprintf(f, "page %zu\n", i + 1);
		for (j = 0; j < lo->page[i].nbox; j++) {
			b = &lo->page[i].box[j];
			if (b->type == BOX_LINE)
				fprintf(f, "  line %.2f %.2f %.2f %.2f w %.2f\n",
				    b->x, b->y, b->x2, b->y2, b->w);
			else
				fprintf(f, "  text %.2f %.2f %s %.1f w %.2f "
				    "\"%s\"\n", b->x, b->y, face_names[b->face],
				    b->size, b->w, b->text);
		}
	}
}

void
layout_free(struct layout *lo)
{
	size_t	 i;

	if (lo == NULL)
		return;
	for (i = 0; i < lo->npage; i++)
		if (lo->page[i].id == 0)
			page_clear(&lo->page[i]);
	free(lo->page);
	memo_pages_drop(lo->shared);
	free(lo);
}
