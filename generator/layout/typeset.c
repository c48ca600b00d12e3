/* Typesetting primitives: boxes on pages, text widths, lines wrapped
 * and balanced (the agency name), centred lines. */
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


double
lay_tw(const struct lay *L, enum face f, double size, const char *s, size_t len)
{
	const char	*c = memchr(s, 0xc2, len);
	char		*t;
	size_t		 i, o;
	double		 w;

	/* A no-break space (U+00A0) measures as the space it is drawn as
	 * (pdf/content.c): the same width however a font sets its own. */
	if (c == NULL || (size_t)(c - s) + 1 >= len || (unsigned char)c[1] != 0xa0)
		return (double)L->m->width(L->m->arg, f, s, len) * size /
		    1000.0;
	t = xmalloc(len);
	for (i = o = 0; i < len; i++, o++) {
		if (i + 1 < len && (unsigned char)s[i] == 0xc2 &&
		    (unsigned char)s[i + 1] == 0xa0) {
			t[o] = ' ';
			i++;
		} else
			t[o] = s[i];
	}
	w = (double)L->m->width(L->m->arg, f, t, o) * size / 1000.0;
	free(t);
	return w;
}

double
lay_pitch(const struct lay *L, double size)
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
void
lay_put_text(struct page *pg, double x, double y, enum face f, double size,
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

void
lay_put_line(struct page *pg, double x1, double y1, double x2, double y2,
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

/* A mark (layout.h MARK_*): a rectangle from x, y to x2, y2, pt below
 * the top of whatever holds pg; a blank's face and size. */
void
lay_put_mark(struct page *pg, const char *name, double x, double y,
    double x2, double y2, enum face f, double size)
{
	struct box	*b;

	b = box_add(pg);
	b->type = BOX_MARK;
	b->text = xstrdup(name);
	b->x = x;
	b->y = y;
	b->x2 = x2;
	b->y2 = y2;
	b->face = f;
	b->size = size;
}

/* A new page of the output; NULL once the limit is reached. */
struct page *
lay_page_new(struct lay *L)
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
void
lay_boxes_move(struct page *dst, const struct page *src, double dx, double dy)
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

void
lay_page_clear(struct page *pg)
{
	size_t	 i;

	for (i = 0; i < pg->nbox; i++)
		free(pg->box[i].text);
	free(pg->box);
	memset(pg, 0, sizeof(*pg));
}

/* Length of the longest prefix of s[0..len) that fits in w (at least
 * one code point, and never ending before a combining mark). */
size_t
lay_fit_prefix(const struct lay *L, enum face f, double size, const char *s,
    size_t len, double w)
{
	size_t		 n = 0, k;

	while (n < len) {
		k = lay_char_next(s, len, n);
		if (n > 0 && lay_tw(L, f, size, s, k) > w)
			break;
		n = k;
	}
	return n;
}

/* A base letter with the marks that follow it (NFC leaves some, e.g.
 * after a letter with no precomposed form). */
size_t
lay_char_next(const char *s, size_t len, size_t a)
{
	uint32_t	 cp;
	size_t		 k;

	a += text_decode(s + a, len - a, &cp);
	while (a < len && (k = text_decode(s + a, len - a, &cp)) > 0 &&
	    lay_is_mark(cp))
		a += k;
	return a;
}

/* U+0300–U+036F, the combining marks Vietnamese text can carry. */
int
lay_is_mark(uint32_t cp)
{
	return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1dc0 &&
	    cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff);
}

static int
brk_char(char c)
{
	return c == '/' || c == '?' || c == '&' || c == '=' || c == '.' ||
	    c == '-' || c == '_' || c == ':';
}

/* A run of separators that numbers, dates and times use: . / - : */
static int
brk_number(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] != '.' && s[i] != '/' && s[i] != '-' && s[i] != ':')
			return 0;
	return 1;
}

static int
brk_digit(char c)
{
	return c >= '0' && c <= '9';
}

int
lay_brk_ok(const char *s, size_t len, size_t p)
{
	size_t	 q, i;

	if (p == 0 || p >= len || !brk_char(s[p - 1]) || brk_char(s[p]))
		return 0;
	for (q = p - 1; q > 0 && brk_char(s[q - 1]); q--)
		;
	if (q == 0)
		return 0;		/* the run starts the token */
	if (brk_digit(s[q - 1]) && brk_digit(s[p]) && brk_number(s + q, p - q))
		return 0;		/* 1.500.000, 02/03/2022, 10:30 */
	for (i = p; i < len; i++)	/* a letter or digit must follow */
		if (brk_digit(s[i]) || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= 'a' && s[i] <= 'z') || (unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

/*
 * Where a token s[0..len) wider than what is left of a line (w pt)
 * should end: its longest prefix that ends at a break opportunity
 * (lay_brk_ok) and fits, or 0 when none does; one ending in '-' only
 * when no other is at least HYPH_KEEP as wide (poppler drops a '-' that
 * ends a line).
 */
static size_t
brk_prefix(const struct lay *L, enum face f, double size, const char *s,
    size_t len, double w)
{
	size_t	 p, best = 0, other = 0;
	double	 bw = 0, ow = 0, pw;

	for (p = 1; p < len; p++) {
		if (!lay_brk_ok(s, len, p))
			continue;
		if ((pw = lay_tw(L, f, size, s, p)) > w + 1e-6)
			break;
		best = p;
		bw = pw;
		if (s[p - 1] != '-') {
			other = p;
			ow = pw;
		}
	}
	return other > 0 && ow >= bw * HYPH_KEEP ? other : best;
}

/*
 * Greedy wrap of s in one face: first line w1 wide, the others w2.
 * Breaks at spaces; '\n' forces a break.  A word that does not fit on
 * a line of its own breaks after its own punctuation (lay_brk_ok),
 * filling what is left of the line first, and is cut between
 * characters only where it has no break opportunity that fits.
 * Returns the number of spans in *out (caller frees).
 */
size_t
lay_wrap(const struct lay *L, const char *s, enum face f, double size,
    double w1, double w2, struct span **out)
{
	struct span	*sp = NULL;
	size_t		 n = 0, max = 0, i = 0, ls, end, ws, we, k;
	double		 avail, lw, nw, left;

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
			nw = lay_tw(L, f, size, s + ls, we - ls);
			if (nw <= avail + 1e-6) {
				end = i = we;
				lw = nw;
				continue;
			}
			if (end > ls && lay_tw(L, f, size, s + ws, we - ws) <=
			    w2 + 1e-6)
				break;	/* it fits on the next line */
			left = avail - (end > ls ? lay_tw(L, f, size, s + ls,
			    ws - ls) : 0);
			k = brk_prefix(L, f, size, s + ws, we - ws, left);
			if (k == 0 && end == ls)
				k = brk_prefix(L, f, size, s + ws, we - ws,
				    avail);
			if (k == 0 && end == ls)	/* the last resort */
				k = lay_fit_prefix(L, f, size, s + ws,
				    we - ws, avail);
			if (k > 0) {
				end = i = ws + k;
				lw = lay_tw(L, f, size, s + ls, end - ls);
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

static void
bal_try(struct bal *b, size_t k)
{
	size_t	 s, i, n;
	double	 lw, mx = 0, first = 0, cost, brk = 0;

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
		if (n == 1 && b->nw >= 2 * b->nl && !b->solo[b->st[i]])
			return;		/* never one word alone */
		lw = b->pre[b->st[i + 1]] - b->pre[b->st[i]] +
		    b->gpre[b->st[i + 1] - 1] - b->gpre[b->st[i]];
		if (lw > b->w + 1e-6)
			return;
		if (lw > mx)
			mx = lw;
		if (i == 0)
			first = lw;
		if (i > 0)
			brk += b->pen[b->gap[b->st[i] - 1]];
	}
	/* The narrowest widest line; on a tie, the longer upper line.  In
	 * two lines, a break after a comma counts as a quarter of the
	 * column narrower: "… PHÒNG BƯU CHÍNH, / VIỄN THÔNG" where no unit
	 * is listed.  Each break adds its cost (wrap_line): nothing at a
	 * unit boundary. */
	cost = (mx + brk) * 1000 - first / 1000;
	if (b->nl == 2 && b->comma[b->st[1] - 1])
		cost -= b->w * 1000 / 4;
	if (cost < b->cost) {
		b->cost = cost;
		memcpy(b->best, b->st, sizeof(b->st));
	}
}

static int
bal_same(const struct balc *c, const struct bal *b)
{
	return c->use != 0 && c->nw == b->nw && c->nl == b->nl &&
	    memcmp(c->gpre, b->gpre, b->nw * sizeof(double)) == 0 &&
	    c->w == b->w &&
	    memcmp(c->pen, b->pen, sizeof(c->pen)) == 0 &&
	    memcmp(c->pre, b->pre, (b->nw + 1) * sizeof(double)) == 0 &&
	    memcmp(c->comma, b->comma, b->nw) == 0 &&
	    memcmp(c->gap, b->gap, b->nw) == 0 &&
	    memcmp(c->solo, b->solo, b->nw) == 0;
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
	memcpy(old->gap, b->gap, b->nw);
	memcpy(old->solo, b->solo, b->nw);
	memcpy(old->pen, b->pen, sizeof(old->pen));
	memcpy(old->gpre, b->gpre, b->nw * sizeof(double));
	old->w = b->w;
	memcpy(old->best, b->best, sizeof(old->best));
	old->cost = b->cost;
	old->use = ++bc->clock;
}

/*
 * Words of entry e (capitals, one space apart) matched by the words
 * j, j+1, … of s (spans ws[], we[], nw of them): their number, or 0.
 * The name's last matched word may carry a trailing , ; : or . that
 * the entry does not ("… DU LỊCH," matches "… DU LỊCH").
 */
static size_t
unit_match(const char *s, const size_t *ws, const size_t *we, size_t nw,
    size_t j, const char *e)
{
	size_t	 k = 0, el, wl;
	const char *sp;

	for (;;) {
		sp = strchr(e, ' ');
		el = sp != NULL ? (size_t)(sp - e) : strlen(e);
		if (j + k >= nw)
			return 0;
		wl = we[j + k] - ws[j + k];
		if (sp == NULL && wl == el + 1 &&
		    strchr(",;:.", s[ws[j + k] + el]) != NULL)
			wl = el;
		if (wl != el || memcmp(s + ws[j + k], e, el) != 0)
			return 0;
		k++;
		if (sp == NULL)
			return k;
		e = sp + 1;
	}
}

/* The longest entry of l matched at word j of s: its words, or 0. */
static size_t
unit_longest(const struct tlist *l, const char *s, const size_t *ws,
    const size_t *we, size_t nw, size_t j)
{
	size_t	 i, m, best = 0;

	for (i = 0; i < l->n; i++)
		if ((m = unit_match(s, ws, we, nw, j, l->v[i])) > best)
			best = m;
	return best;
}

/* Is word j of s one of the template's joins ("VÀ", "-")? */
static int
is_join(const struct tmpl *t, const char *s, const size_t *ws,
    const size_t *we, size_t nw, size_t j)
{
	size_t	 i;

	for (i = 0; i < t->brk_joins.n; i++)
		if (we[j] - ws[j] == strlen(t->brk_joins.v[i]) &&
		    unit_match(s, ws, we, nw, j, t->brk_joins.v[i]) == 1)
			return 1;
	return 0;
}

/*
 * The gaps of a name in capitals (header_breaks in the template,
 * README "How the header's names break"): read from the left, the
 * longest listed unit or place at each word.  A unit's inside gaps are
 * GAP_INSIDE and the gaps at its edges GAP_UNIT; a place word opens a
 * place name that runs to the next listed word or the end, its inside
 * gaps GAP_INSIDE and the gap before it GAP_UNIT.  Every other gap is
 * GAP_OTHER.  An inside gap after one of the template's joins ("VÀ",
 * "-") or after a word ending in a comma is GAP_JOIN: "LAO ĐỘNG - /
 * THƯƠNG BINH", never "THƯƠNG / BINH" nor a line starting "- …", when
 * the unit must break.
 * solo[j] marks a unit of one word.
 */
static void
unit_gaps(const struct tmpl *t, const char *s, const size_t *ws,
    const size_t *we, size_t nw, unsigned char *gap, unsigned char *solo)
{
	size_t	 j, k, e, mu, mp;

	for (j = 0; j < nw; j++) {
		gap[j] = GAP_OTHER;
		solo[j] = 0;
	}
	for (j = 0; j < nw; ) {
		mp = unit_longest(&t->brk_places, s, ws, we, nw, j);
		mu = unit_longest(&t->brk_units, s, ws, we, nw, j);
		if (mp == 0 && mu == 0) {
			j++;
			continue;
		}
		if (mp >= mu) {
			/* The place name: up to the next listed word. */
			for (e = j + mp; e < nw; e++)
				if (unit_longest(&t->brk_places, s, ws, we, nw,
				    e) > 0 || unit_longest(&t->brk_units, s,
				    ws, we, nw, e) > 0)
					break;
		} else {
			e = j + mu;
			solo[j] = mu == 1;
		}
		if (j > 0)
			gap[j - 1] = GAP_UNIT;
		/* After a join or a comma, never before one: a line
		 * does not start with "- BÀU BÀNG" or "VÀ …". */
		for (k = j; k + 1 < e; k++)
			gap[k] = s[we[k] - 1] == ',' ||
			    is_join(t, s, ws, we, nw, k) ?
			    GAP_JOIN : GAP_INSIDE;
		if (e < nw && mp < mu)
			gap[e - 1] = GAP_UNIT;
		j = e;
	}
}

/*
 * The worst kind of break in the best lines b found: 0 none inside a
 * unit, 1 one after a join, 2 one elsewhere inside (no lines found:
 * 3).  Costs add up in bal_try: up to 3 breaks of
 * other_break (at most 10 columns each) stay below half a join's 100,
 * and 3 joins below half of 10000.
 */
static int
brk_class(const struct bal *b)
{
	if (b->cost == HUGE_VAL)
		return 3;
	if (b->cost > b->pen[GAP_INSIDE] * 1000 / 2)
		return 2;
	if (b->cost > b->pen[GAP_JOIN] * 1000 / 2)
		return 1;
	return 0;
}

/*
 * One line of text s (no '\n') in balanced lines (issue 2: "BỘ THÔNG
 * TIN VÀ / TRUYỀN THÔNG", never "… TRUYỀN / THÔNG"): the fewest lines
 * that fit, then the breaks that make the widest line narrowest, with
 * no line of a single word when every line can have two.  Falls back
 * to the greedy wrap past 4 lines or 64 words.
 *
 * With units set (a header's name, issue 13) each break also costs
 * what the template's header_breaks say, in pt added to the widest
 * line: nothing at a unit boundary ("ỦY BAN NHÂN DÂN / XÃ TÂN HIỆP"),
 * other_break x the column w between two words of no listed unit,
 * 100 columns inside a unit next to a join ("THÔNG TIN VÀ / TRUYỀN
 * THÔNG") and 10000 columns elsewhere inside a unit or a place name, so
 * that a break inside is taken only when no other breaks give lines
 * that fit (other_break is at most 10: three breaks cost at most 30
 * columns).  A unit boundary thus wins over any balance up to
 * other_break x w better; a one-word unit ("BỘ", "SỞ") may stand alone
 * on a line.  When the fewest lines can only be had with a break
 * inside a unit, one line more is taken (up to 4) while that needs a
 * lesser kind of break (brk_class).  A name with
 * no listed word pays the same for every break: balanced as without
 * units.
 */
static size_t
wrap_line(const struct lay *L, const char *s, enum face f, double size,
    double w, int units, struct span **out)
{
	struct span	*sp;
	struct bal	 b;
	size_t		 nl, nw = 0, i, j, ws[64], we[64];
	double		 pre[65], gpre[64];
	unsigned char	 comma[64], gap[64], solo[64];

	nl = lay_wrap(L, s, f, size, w, w, &sp);
	if (nl < 2 || nl > 4)
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
	pre[0] = gpre[0] = 0;
	for (j = 0; j < nw; j++) {
		pre[j + 1] = pre[j] + lay_tw(L, f, size, s + ws[j], we[j] - ws[j]);
		comma[j] = s[we[j] - 1] == ',' || s[we[j] - 1] == ';';
		if (j + 1 < nw)		/* the spaces after word j, measured */
			gpre[j + 1] = gpre[j] + lay_tw(L, f, size, s + we[j],
			    ws[j + 1] - we[j]);
	}
	memset(&b, 0, sizeof(b));
	if (units) {
		unit_gaps(L->t, s, ws, we, nw, gap, solo);
		b.pen[GAP_OTHER] = L->t->brk_other * w;
		b.pen[GAP_JOIN] = 100 * w;
		b.pen[GAP_INSIDE] = 10000 * w;
	} else {
		memset(gap, GAP_OTHER, sizeof(gap));
		memset(solo, 0, sizeof(solo));
	}
	b.nw = nw;
	b.nl = nl;
	b.pre = pre;
	b.gpre = gpre;
	b.w = w;
	b.comma = comma;
	b.gap = gap;
	b.solo = solo;
	b.cost = HUGE_VAL;
	bal_cached(&b, L->bal);
	/* The fewest lines need a break inside a unit (a join counts
	 * less than elsewhere): one line more, up to 4, while that needs
	 * a lesser kind of break ("SỞ THÔNG TIN VÀ / TRUYỀN THÔNG / TỈNH
	 * HÀ NAM", "TRƯỜNG / TRUNG HỌC PHỔ THÔNG / NGUYỄN DU"). */
	while (units && nl < 4 && nw > nl &&
	    brk_class(&b) > 0) {
		struct bal	 b2 = b;

		b2.nl = nl + 1;
		b2.cost = HUGE_VAL;
		bal_cached(&b2, L->bal);
		if (brk_class(&b2) >= brk_class(&b))
			break;
		b = b2;
		nl++;
		sp = xreallocarray(sp, nl, sizeof(*sp));
	}
	if (b.cost == HUGE_VAL)
		return *out = sp, nl;
	for (j = 0; j < nl; j++) {
		sp[j].off = ws[b.best[j]];
		sp[j].len = we[b.best[j + 1] - 1] - ws[b.best[j]];
		sp[j].w = lay_tw(L, f, size, s + sp[j].off, sp[j].len);
	}
	*out = sp;
	return nl;
}

/*
 * s in balanced lines, w wide: each line of s (a forced break, '\n')
 * by itself, wrapped by wrap_line when it is too wide.  Returns the
 * number of spans in *out, offsets into s (caller frees).
 */
static size_t
wrap_balanced(const struct lay *L, const char *s, enum face f, double size,
    double w, int units, struct span **out)
{
	struct span	*sp = NULL, *one;
	size_t		 n = 0, k, i, off = 0, len;
	char		*line;

	for (;;) {
		len = strcspn(s + off, "\n");
		line = xstrndup(s + off, len);
		k = wrap_line(L, line, f, size, w, units, &one);
		free(line);
		sp = xreallocarray(sp, n + k, sizeof(*sp));
		for (i = 0; i < k; i++) {
			sp[n + i] = one[i];
			sp[n + i].off += off;
		}
		free(one);
		n += k;
		if (s[off + len] == '\0')
			break;
		off += len + 1;
	}
	*out = sp;
	return n;
}

static const char *const slot_mark[SLOT__MAX] = {
	MARK_SO, MARK_NGAY, MARK_THANG
};

/* s[0..len) with each U+00A0 a space (a blank is drawn, not typed);
 * *olen its length.  Caller frees. */
static char *
spaced(const char *s, size_t len, size_t *olen)
{
	char	*t;
	size_t	 j, o;

	t = xmalloc(len + 1);
	for (j = o = 0; j < len; j++, o++) {
		if (j + 1 < len && (unsigned char)s[j] == 0xc2 &&
		    (unsigned char)s[j + 1] == 0xa0) {
			t[o] = ' ';
			j++;
		} else
			t[o] = s[j];
	}
	t[o] = '\0';
	*olen = o;
	return t;
}

/* The width of s[0..len) as drawn, pt. */
static double
tw_spaced(const struct lay *L, const struct style *st, const char *s,
    size_t len)
{
	char	*t;
	size_t	 n;
	double	 w;

	t = spaced(s, len, &n);
	w = lay_tw(L, st->face, st->size, t, n);
	free(t);
	return w;
}

/*
 * The lines of s put centred; the blanks sl names (may be NULL; slen
 * bytes each, no-break spaces) drawn as spaces and marked where they
 * fall (lay_put_mark), from their start on the baseline to their end
 * at the ascent.
 */
static double
put_centred(const struct lay *L, struct page *pg, const char *s,
    const struct style *st, double cx, double w, double y, double *maxw,
    int units, const struct slots *sl, size_t slen)
{
	struct span	*sp;
	size_t		 n, i, k, o, len;
	char		*line;
	double		 x, lw, x0;

	n = wrap_balanced(L, s, st->face, st->size, w, units, &sp);
	for (i = 0; i < n; i++) {
		if (i > 0)
			y += lay_pitch(L, st->size);
		if (sl != NULL) {
			line = spaced(s + sp[i].off, sp[i].len, &len);
			lw = lay_tw(L, st->face, st->size, line, len);
		} else {
			line = xstrndup(s + sp[i].off, sp[i].len);
			len = sp[i].len;
			lw = sp[i].w;
		}
		x = cx - lw / 2;
		for (k = 0; sl != NULL && k < SLOT__MAX; k++) {
			o = sl->off[k];
			if (o == SLOT_NONE || o < sp[i].off ||
			    o + slen > sp[i].off + sp[i].len)
				continue;
			x0 = x + tw_spaced(L, st, s + sp[i].off,
			    o - sp[i].off);
			lay_put_mark(pg, slot_mark[k], x0, y, x0 +
			    tw_spaced(L, st, s + o, slen), y -
			    ASCENT * st->size, st->face, st->size);
		}
		lay_put_text(pg, x, y, st->face, st->size, line, len, lw);
		free(line);
		if (maxw != NULL && lw > *maxw)
			*maxw = lw;
	}
	free(sp);
	return y;
}

/*
 * Centred lines of s, balanced, in a column [cx - w/2, cx + w/2], the
 * first baseline y (pt from the top); a '\n' in s forces a break.
 * Returns the baseline of the last line; *maxw (when not NULL) grows to
 * the widest line.
 */
double
lay_put_centred(const struct lay *L, struct page *pg, const char *s,
    const struct style *st, double cx, double w, double y, double *maxw)
{
	return put_centred(L, pg, s, st, cx, w, y, maxw, 0, NULL, 0);
}

/*
 * lay_put_centred for a line with a draft's blanks (the number and
 * the date: struct slots): each blank that the line has is marked
 * (MARK_SO, MARK_NGAY, MARK_THANG) where it is drawn, so that
 * `congvan issue` fills it in (issue 15).
 */
double
lay_put_slotted(const struct lay *L, struct page *pg, const char *s,
    const struct style *st, double cx, double w, double y, double *maxw,
    const struct slots *sl, size_t slen)
{
	return put_centred(L, pg, s, st, cx, w, y, maxw, 0, sl, slen);
}

/*
 * lay_put_centred for a header's name in capitals (the agency, the
 * parent agency, quyen_han, chuc_vu): its lines break between the
 * units of an administrative name, as the template's header_breaks
 * list them (wrap_line; issue 13), and at each '\n' the clerk forced.
 */
double
lay_put_name(const struct lay *L, struct page *pg, const char *s,
    const struct style *st, double cx, double w, double y, double *maxw)
{
	return put_centred(L, pg, s, st, cx, w, y, maxw, 1, NULL, 0);
}
