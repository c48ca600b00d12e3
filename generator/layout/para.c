/* Paragraphs: the body's inline text into words, lines broken by the
 * total-fit method (Knuth and Plass) or greedily, lists and their markers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/msg.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "layout/lay.h"
#include "layout/layout.h"
#include "load/dispatch.h"
#include "load/doc.h"
#include "load/focal.h"
#include "load/rows.h"
#include "load/tmpl.h"
#include "merge/letter.h"


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

void
lay_para_text(struct para *p, enum face f, const char *s)
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
			lay_para_text(p, (enum face)style, n->text);
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

/* Widths of every frag and word of p, and of the space after each. */
static void
para_measure(const struct lay *L, struct para *p)
{
	size_t		 i, j;
	struct word	*w;
	struct frag	*f;
	double		 sp[FACE__MAX];

	for (i = 0; i < FACE__MAX; i++)
		sp[i] = -1;
	for (i = 0; i < p->nword; i++) {
		w = &p->word[i];
		w->w = 0;
		for (j = 0; j < w->nf; j++) {
			f = &p->frag[w->f0 + j];
			f->w = lay_tw(L, f->face, p->size, p->text + f->off,
			    f->len);
			w->w += f->w;
		}
		f = &p->frag[w->f0 + w->nf - 1];
		if (sp[f->face] < 0)
			sp[f->face] = lay_tw(L, f->face, p->size, " ", 1);
		w->sp = sp[f->face];
	}
}

void
lay_para_free(struct para *p)
{
	free(p->text);
	free(p->frag);
	free(p->word);
}

/*
 * Cut points a paragraph may spend on tokens wider than a line (below):
 * beyond it such a token is cut into lines greedily, so that a hostile
 * paragraph of one huge token costs memory in proportion to its lines,
 * not its characters.
 */
#define CHAR_CUTS	20000

/* Bytes of word i's text (its frags are contiguous in p->text). */
static size_t
word_len(const struct para *p, size_t i)
{
	const struct word *w = &p->word[i];
	const struct frag *f = &p->frag[w->f0 + w->nf - 1];

	return f->off + f->len - p->frag[w->f0].off;
}

/* Frag f's bytes within [a, b) of a word whose text starts at byte
 * base: [*fa, *fb), offsets in the word.  0 when they do not meet. */
static int
frag_clip(const struct frag *f, size_t base, size_t a, size_t b,
    size_t *fa, size_t *fb)
{
	*fa = f->off - base;
	*fb = *fa + f->len;
	if (*fb <= a || *fa >= b)
		return 0;
	if (*fa < a)
		*fa = a;
	if (*fb > b)
		*fb = b;
	return 1;
}

/* Width of bytes [a, b) of word w's text, pt (widths add up per code
 * point: font.c). */
static double
span_w(const struct lay *L, const struct para *p, const struct word *w,
    size_t a, size_t b)
{
	const struct frag *f;
	size_t		 j, base = p->frag[w->f0].off, fa, fb;
	double		 t = 0;

	for (j = 0; j < w->nf; j++) {
		f = &p->frag[w->f0 + j];
		if (frag_clip(f, base, a, b, &fa, &fb))
			t += lay_tw(L, f->face, p->size, p->text + base + fa,
			    fb - fa);
	}
	return t;
}

struct cuts {
	size_t		*v;
	size_t		 n, max;
};

static void
cut_add(struct cuts *c, size_t off)
{
	if (c->n == c->max) {
		c->max = c->max ? c->max * 2 : 16;
		c->v = xreallocarray(c->v, c->max, sizeof(*c->v));
	}
	c->v[c->n++] = off;
}

/*
 * The cut points of piece [a, b) of word w, wider than a line: every
 * character boundary while the paragraph's budget lasts (the breaker
 * then fills the line where the token starts), else lines of at most
 * amax pt, greedily.
 */
static void
cuts_wide(const struct lay *L, const struct para *p, const struct word *w,
    size_t a, size_t b, double amax, size_t *budget, struct cuts *c)
{
	const char	*s = p->text + p->frag[w->f0].off;
	size_t		 q, prev = a, last = a;
	double		 wl = 0, wq = 0;	/* from the last cut to last, q */

	for (q = lay_char_next(s, b, a); ; q = lay_char_next(s, b, q)) {
		wq += span_w(L, p, w, prev, q);
		prev = q;
		if (wq > amax + 1e-6 && wl > 0) {
			cut_add(c, last);
			wq -= wl;
			wl = 0;
		}
		if (q >= b)
			break;
		if (*budget > 0) {
			(*budget)--;
			cut_add(c, q);
			wq = 0;
		}
		last = q;
		wl = wq;
	}
}

/*
 * Words into pieces, in one pass: each token is split at its break
 * opportunities (lay_brk_ok), and a piece wider than a whole line is
 * cut between characters, the last resort (issue 13): wider than a2 pt
 * (the lines after the first), or than a1 for the first word, which
 * can only stand on line 0.
 * The pieces of one token are joined: no space between them, a line
 * may end there.  Widths are measured.
 */
static void
para_pieces(const struct lay *L, struct para *p, double a1, double a2)
{
	struct word	*nw = NULL, *w, *o;
	struct frag	*nf = NULL, *f;
	struct cuts	 c = { NULL, 0, 0 }, c2 = { NULL, 0, 0 };
	size_t		 nnw = 0, mnw = 0, nnf = 0, mnf = 0, budget = CHAR_CUTS;
	size_t		 i, j, k, len, base, fa, fb, pa, pb;
	const char	*s;
	double		 amax;

	para_measure(L, p);
	for (i = 0; i < p->nword; i++) {
		o = &p->word[i];
		amax = i == 0 && a1 < a2 ? a1 : a2;
		base = p->frag[o->f0].off;
		len = word_len(p, i);
		s = p->text + base;
		c.n = c2.n = 0;
		cut_add(&c, 0);
		for (k = 1; k < len; k++)
			if (lay_brk_ok(s, len, k))
				cut_add(&c, k);
		cut_add(&c, len);
		cut_add(&c2, 0);
		for (k = 0; k + 1 < c.n; k++) {
			if ((c.n == 2 ? o->w : span_w(L, p, o, c.v[k],
			    c.v[k + 1])) > amax + 1e-6)
				cuts_wide(L, p, o, c.v[k], c.v[k + 1], amax,
				    &budget, &c2);
			cut_add(&c2, c.v[k + 1]);
		}
		/* One new word per piece, its frags cut to the piece. */
		for (k = 0; k + 1 < c2.n; k++) {
			pa = c2.v[k];
			pb = c2.v[k + 1];
			if (nnw == mnw) {
				mnw = mnw ? mnw * 2 : p->nword + 16;
				nw = xreallocarray(nw, mnw, sizeof(*nw));
			}
			w = &nw[nnw++];
			memset(w, 0, sizeof(*w));
			w->f0 = nnf;
			w->join = k + 2 < c2.n;
			w->brk = !w->join && o->brk;
			w->sp = o->sp;
			for (j = 0; j < o->nf; j++) {
				f = &p->frag[o->f0 + j];
				if (!frag_clip(f, base, pa, pb, &fa, &fb))
					continue;
				if (nnf == mnf) {
					mnf = mnf ? mnf * 2 : p->nfrag + 16;
					nf = xreallocarray(nf, mnf,
					    sizeof(*nf));
				}
				nf[nnf].face = f->face;
				nf[nnf].off = base + fa;
				nf[nnf].len = fb - fa;
				/* A frag whole in the piece keeps its width. */
				nf[nnf].w = fb - fa == f->len ? f->w :
				    lay_tw(L, f->face, p->size, p->text +
				    nf[nnf].off, nf[nnf].len);
				w->w += nf[nnf].w;
				nnf++;
				w->nf++;
			}
		}
	}
	free(c.v);
	free(c2.v);
	free(p->word);
	free(p->frag);
	p->word = nw;
	p->nword = p->maxword = nnw;
	p->frag = nf;
	p->nfrag = p->maxfrag = nnf;
}

struct item *
lay_item_add(struct flow *fl, double gap, double height, int flags)
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

/*
 * The cost of a line of pieces [i, j) in a line a pt wide: the badness
 * of its word gaps, 100 r^3 for gaps stretched to a share r of what
 * they may stretch (up to body.word_gap_max spaces) or shrink (down to
 * word_gap_min), after Knuth and Plass, "Breaking paragraphs into
 * lines" (1981).  A line with no gap stretches as if it had one.  The
 * last line of a paragraph, or one ending in a forced break, costs
 * nothing at its natural width or less.  Beyond word_gap_max a line
 * costs 10^4 r, so that it is chosen only when nothing else fits (it is
 * then set flush left).  HUGE_VAL: it does not fit.
 */
static double
line_bad(const struct lay *L, double nat, double sps, size_t g, double sp,
    int single, double a, int last)
{
	const double	 gmin = L->t->gap_min, gmax = L->t->gap_max;
	double		 r, k;

	if (nat > a + 1e-6) {
		if (nat - (1 - gmin) * sps > a + 1e-6)
			return single ? 0 : HUGE_VAL;
		r = (nat - a) / ((1 - gmin) * sps);
		return 100 * r * r * r;
	}
	if (last)
		return 0;
	k = g > 0 ? sps / (double)g : sp;
	r = (a - nat) / ((gmax - 1) * k * (double)(g > 0 ? g : 1));
	if (r <= 1)
		return 100 * r * r * r;
	return 1e4 * r;
}

/* Does piece i end a line inside its token after a '-'? */
static int
piece_hyph(const struct para *p, size_t i)
{
	const struct word *w = &p->word[i];
	const struct frag *f = &p->frag[w->f0 + w->nf - 1];

	return w->join && f->len > 0 && p->text[f->off + f->len - 1] == '-';
}

/* Demerits of a line ending after piece i (0 between two words). */
static double
brk_cost(const struct para *p, size_t i)
{
	if (!p->word[i].join)
		return 0;
	return piece_hyph(p, i) ? HYPH_PENALTY * HYPH_PENALTY :
	    BRK_PENALTY * BRK_PENALTY;
}

/*
 * Where the lines of a paragraph start (start[k] is the first piece of
 * line k; returns the number of lines): the breaks that minimise the
 * sum over lines of (1 + badness)^2, plus BRK_PENALTY^2 for a line
 * ending inside a token (HYPH_PENALTY^2 after a '-'): Knuth and Plass's total-fit method without
 * hyphenation.  A hard break ends a line.  Line 0 is a1 pt wide, the
 * others a2.  Pieces are never wider than their line (para_pieces).
 */
static size_t
breaks_optimal(const struct lay *L, const struct para *p, double a1,
    double a2, size_t *start)
{
	const struct word *w = p->word;
	const double	 gmin = L->t->gap_min;
	double		*best, bad, d, amax = a1 > a2 ? a1 : a2, nat, sps;
	size_t		*prev, n = p->nword, i, j, k, nl, g;
	int		 last;

	best = xcalloc(n + 1, sizeof(*best));
	prev = xcalloc(n + 1, sizeof(*prev));
	for (j = 1; j <= n; j++) {
		best[j] = HUGE_VAL;
		last = j == n || w[j - 1].brk;
		nat = sps = 0;
		g = 0;
		for (i = j; i-- > 0; ) {
			if (i + 1 < j && w[i].brk)
				break;		/* a hard break inside */
			nat += w[i].w;
			if (i + 1 < j && !w[i].join) {
				nat += w[i].sp;
				sps += w[i].sp;
				g++;
			}
			if (i + 1 < j && nat - (1 - gmin) * sps > amax + 1e-6)
				break;
			if (best[i] == HUGE_VAL)
				continue;
			bad = line_bad(L, nat, sps, g, w[i].sp, i + 1 == j,
			    i == 0 ? a1 : a2, last);
			if (bad == HUGE_VAL)
				continue;
			d = best[i] + (1 + bad) * (1 + bad) +
			    brk_cost(p, j - 1);
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

/* Natural width of pieces [i, j) on one line. */
static double
line_nat(const struct para *p, size_t i, size_t j, size_t *gaps)
{
	double	 nat = 0;
	size_t	 g = 0, q;

	for (q = i; q < j; q++) {
		nat += p->word[q].w;
		if (q + 1 < j && !p->word[q].join) {
			nat += p->word[q].sp;
			g++;
		}
	}
	if (gaps != NULL)
		*gaps = g;
	return nat;
}

/*
 * First fit, for lines that are not justified: start[] as above.  A
 * token goes to the next line whole when it fits there, and is broken
 * inside only when it does not fit a line of its own.
 */
static size_t
breaks_greedy(const struct para *p, double a1, double a2, size_t *start)
{
	const struct word *w = p->word;
	size_t		 nl = 0, first, last, t, e;
	double		 a, nat;

	for (first = 0; first < p->nword; first = last) {
		start[nl++] = first;
		a = nl == 1 ? a1 : a2;
		nat = w[first].w;
		for (last = first + 1; last < p->nword; last++) {
			nat += (w[last - 1].join ? 0 : w[last - 1].sp) +
			    w[last].w;
			if (w[last - 1].brk || nat > a + 1e-6)
				break;
		}
		if (last < p->nword && !w[last - 1].brk && w[last - 1].join) {
			/* Inside a token: back to its start when the
			 * token fits a line of its own. */
			for (t = last; t > first && w[t - 1].join; t--)
				;
			for (e = last; e < p->nword && w[e - 1].join; e++)
				;
			if (t > first && line_nat(p, t, e, NULL) <= a2 + 1e-6)
				last = t;
			else if (piece_hyph(p, last - 1)) {
				/* Not after a '-' when another break of the
				 * token fills as much (HYPH_KEEP, as
				 * lay_wrap). */
				for (e = last - 1; e > t && e > first &&
				    piece_hyph(p, e - 1); e--)
					;
				if (e > t && e > first && line_nat(p, first, e,
				    NULL) >= HYPH_KEEP * line_nat(p, first,
				    last, NULL))
					last = e;
			}
		}
	}
	start[nl] = p->nword;
	return nl;
}

/*
 * Break a paragraph into lines of the flow: first line indented by
 * ind1, the others by ind2 (pt from the left of the type area).
 * Justified lines place each word at its own x (LIBS.md §0, §5: Tw has
 * no effect with 2-byte fonts): the pieces of one token, and the runs
 * of one face in a word, are one box each; a word is drawn with its
 * trailing space.  Gaps stay within the template's [word_gap_min, word_gap_max] spaces.
 */
void
lay_para_lines(const struct lay *L, struct flow *fl, struct para *p,
    double ind1, double ind2, enum align al, double gap, int flags)
{
	struct item	*it;
	struct buf	 run = BUF_INIT;
	size_t		 i, first, last, j, nline, ln, *start, g;
	double		 avail, nat, extra, x, lead, a1, a2, rw, rx, xmax;
	enum face	 rf = FACE_REGULAR;
	int		 sp;

	lead = lay_pitch(L, p->size);
	a1 = L->w - ind1;
	a2 = L->w - ind2;
	para_pieces(L, p, a1, a2);
	if (p->nword == 0)
		return;
	start = xcalloc(p->nword + 1, sizeof(*start));
	nline = al == ALIGN_JUSTIFY ? breaks_optimal(L, p, a1, a2, start) :
	    breaks_greedy(p, a1, a2, start);
	for (ln = 0; ln < nline; ln++) {
		first = start[ln];
		last = start[ln + 1];
		avail = ln == 0 ? a1 : a2;
		nat = line_nat(p, first, last, &g);
		extra = 0;
		if (g > 0 && al == ALIGN_JUSTIFY && (nat > avail ||
		    (last < p->nword && !p->word[last - 1].brk))) {
			extra = (avail - nat) / (double)g;
			xmax = (L->t->gap_max - 1) * p->word[first].sp;
			if (extra > xmax)
				extra = xmax;	/* flush left, at the bound */
		}
		x = L->x0 + (ln == 0 ? ind1 : ind2);
		if (al == ALIGN_CENTER)
			x += (avail - nat) / 2;
		it = lay_item_add(fl, ln == 0 ? gap : 0, lead,
		    flags | (ln == 0 ? IT_FIRST : 0) |
		    (last == p->nword ? IT_LAST : 0));
		rx = x;
		rw = 0;
		for (i = first; i < last; i++) {
			const struct word *w = &p->word[i];

			sp = i + 1 < last && !w->join;
			for (j = 0; j < w->nf; j++) {
				const struct frag *f = &p->frag[w->f0 + j];

				if (run.len > 0 && f->face != rf) {
					lay_put_text(&it->boxes, rx,
					    p->size * ASCENT, rf, p->size,
					    (const char *)run.p, run.len, rw);
					run.len = 0;
				}
				if (run.len == 0) {
					rx = x;
					rw = 0;
					rf = f->face;
				}
				buf_add(&run, p->text + f->off, f->len);
				rw += f->w;
				x += f->w;
			}
			if (i + 1 < last && w->join)
				continue;	/* the token goes on */
			if (sp) {
				buf_add(&run, " ", 1);
				rw += w->sp;
			}
			lay_put_text(&it->boxes, rx, p->size * ASCENT, rf,
			    p->size, (const char *)run.p, run.len, rw);
			run.len = 0;
			if (sp)
				x += w->sp + extra;
		}
	}
	buf_free(&run);
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
void
lay_blocks(const struct lay *L, struct flow *fl, const struct dnode *n,
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
				lay_para_text(&p, t->body.face, mark);
				p.inword = 0;
				mark = NULL;
			}
			if (n->type == DNODE_HEADING) {
				para_inlines(&p, n->first,
				    t->body.face | STYLE_BOLD);
				if (p.nword > 0)
					lay_para_lines(L, fl, &p,
					    n->level == 1 ? 0 : t->indent,
					    n->level == 1 ? 0 : 0,
					    n->level == 1 ? ALIGN_CENTER :
					    ALIGN_LEFT, t->para_gap,
					    IT_KEEPNEXT);
			} else {
				para_inlines(&p, n->first, t->body.face);
				if (p.nword > 0)
					lay_para_lines(L, fl, &p, t->indent, 0,
					    ALIGN_JUSTIFY, t->para_gap, 0);
			}
			lay_para_free(&p);
			break;
		case DNODE_LIST:
			num = n->start;
			for (k = n->first; k != NULL; k = k->next, num++) {
				marker(mk, sizeof(mk), n, num,
				    odepth + n->ordered,
				    bdepth + !n->ordered, t);
				lay_blocks(L, fl, k->first, mk,
				    odepth + n->ordered,
				    bdepth + !n->ordered);
			}
			break;
		default:
			break;
		}
	}
}
