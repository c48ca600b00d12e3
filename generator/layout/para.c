/* Paragraphs: the body's inline text into words, lines broken by the
 * total-fit method (Knuth and Plass) or greedily, lists and their markers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
			f->w = lay_tw(L, f->face, p->size, p->text + f->off,
			    f->len);
			w->w += f->w;
		}
		f = &p->frag[w->f0 + w->nf - 1];
		w->sp = lay_tw(L, f->face, p->size, " ", 1);
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
	k = lay_fit_prefix(L, f->face, p->size, p->text + f->off, f->len,
	    avail - used);
	if (j > 0 && used + lay_tw(L, f->face, p->size, p->text + f->off, k) >
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
void
lay_para_lines(const struct lay *L, struct flow *fl, struct para *p,
    double ind1, double ind2, enum align al, double gap, int flags)
{
	struct item	*it;
	size_t		 i, first, last, j, k, nline, ln, *start;
	double		 avail, nat, extra, x, lead, a1, a2, amin;
	int		 justify;

	lead = lay_pitch(L, p->size);
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
		it = lay_item_add(fl, ln == 0 ? gap : 0, lead,
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
				lay_put_text(&it->boxes, x, p->size * ASCENT,
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
