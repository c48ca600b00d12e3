/* Decree 30 Mẫu 1.5, the công văn: the header (ô 1–5), Kính gửi, the
 * body, Nơi nhận beside the signature; pagination with widow, orphan and
 * keep-with-next control; page numbers. */
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


/* --- The letter ------------------------------------------------------ */
/* Header (ô 1–5b): returns the y (pt from top) below it. */
/*
 * The agency block of ô 1 (FORMAT.md §2), in the left header column
 * centred on lcx, lw wide, from the top margin: the parent agency (may
 * be NULL) and the agency, in capitals, balanced, then the short rule
 * under the agency's widest line.  The letter and the directory both
 * draw it here; both names break between the units of an
 * administrative name (lay_put_name).  Returns the rule's y (pt from
 * the top).
 */
double
lay_agency_block(struct lay *L, struct page *pg, const char *chu_quan,
    const char *co_quan, double lcx, double lw)
{
	const struct tmpl *t = L->t;
	double		 y, ruly, w, maxw = 0;
	char		*up;

	if (chu_quan != NULL) {
		y = t->top + t->chu_quan.size * ASCENT;
		up = text_upper(chu_quan);
		y = lay_put_name(L, pg, up, &t->chu_quan, lcx, lw, y, NULL);
		free(up);
		y += lay_pitch(L, t->co_quan.size);
	} else
		y = t->top + t->co_quan.size * ASCENT;
	up = text_upper(co_quan);
	y = lay_put_name(L, pg, up, &t->co_quan, lcx, lw, y, &maxw);
	free(up);
	ruly = y + t->rule_gap + t->co_quan.size * 0.216;
	w = maxw * t->co_quan_rule;
	lay_put_line(pg, lcx - w / 2, ruly, lcx + w / 2, ruly, t->rule_width);
	return ruly;
}

double
lay_header(struct lay *L, struct page *pg, const struct letter *l)
{
	const struct tmpl *t = L->t;
	double		 lw = t->hdr_left_w, rw = L->w - t->hdr_left_w;
	double		 lcx = L->x0 + lw / 2, rcx = L->x0 + lw + rw / 2;
	double		 y, yl, yr, tnw;

	/* Left column: parent agency, agency (balanced), short rule. */
	yl = lay_agency_block(L, pg, l->co_quan_chu_quan, l->co_quan, lcx, lw);

	/* Right column: Quốc hiệu, Tiêu ngữ and its rule. */
	y = t->top + t->quoc_hieu.size * ASCENT;
	y = lay_put_centred(L, pg, t->quoc_hieu_text, &t->quoc_hieu, rcx, rw, y, NULL);
	y += lay_pitch(L, t->tieu_ngu.size);
	tnw = 0;
	y = lay_put_centred(L, pg, t->tieu_ngu_text, &t->tieu_ngu, rcx, rw, y,
	    &tnw);
	yr = y + t->rule_gap + t->tieu_ngu.size * 0.216;
	lay_put_line(pg, rcx - tnw / 2, yr, rcx + tnw / 2, yr, t->rule_width);

	/* Số and the place and date on one row (ô 3, ô 4). */
	y = (yl > yr ? yl : yr) + t->so_gap;
	yl = lay_put_slotted(L, pg, l->so, &t->so, lcx, lw, y, NULL,
	    &l->so_slot, l->slot_len);
	yr = lay_put_slotted(L, pg, l->noi_ngay, &t->dia_danh, rcx, rw, y,
	    NULL, &l->noi_ngay_slot, l->slot_len);
	/* V/v under Số (ô 5b), 6 pt apart. */
	yl += t->so.size * 0.216 + t->trich_yeu_gap +
	    t->trich_yeu.size * ASCENT;
	yl = lay_put_centred(L, pg, l->trich_yeu, &t->trich_yeu, lcx, lw, yl,
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
	lay_para_text(&p, st->face, txt);
	free(txt);
	dash = lay_tw(L, st->face, st->size, "- ", 2);
	{
		struct lay	 sub = *L;

		sub.x0 = L->x0 + x;
		sub.w = w;
		lay_para_lines(&sub, fl, &p, 0, dash, ALIGN_LEFT, gap, flags);
	}
	lay_para_free(&p);
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

	lw = lay_tw(L, st->face, st->size, t->kinh_gui_label,
	    strlen(t->kinh_gui_label));
	if (l->nkinh_gui == 1) {
		/* One recipient: on the label's line, wrapped after it. */
		memset(&p, 0, sizeof(p));
		p.size = st->size;
		lay_para_text(&p, st->face, t->kinh_gui_label);
		p.inword = 0;
		lay_para_text(&p, st->face, l->kinh_gui[0]);
		{
			struct lay	 sub = *L;
			double		 sp = lay_tw(L, st->face, st->size, " ", 1);

			sub.x0 = L->x0 + t->kinh_gui_x;
			sub.w = L->w - t->kinh_gui_x;
			lay_para_lines(&sub, fl, &p, 0, lw + sp, ALIGN_LEFT,
			    t->kinh_gui_gap, IT_KEEPNEXT);
		}
		lay_para_free(&p);
		return;
	}
	/* Several: "- …;" lines with the dash under the colon. */
	n = strlen(t->kinh_gui_label);
	colon = n > 0 && t->kinh_gui_label[n - 1] == ':' ?
	    lay_tw(L, st->face, st->size, t->kinh_gui_label, n - 1) : lw;
	memset(&p, 0, sizeof(p));
	p.size = st->size;
	lay_para_text(&p, st->face, t->kinh_gui_label);
	{
		struct lay	 sub = *L;

		sub.x0 = L->x0 + t->kinh_gui_x;
		sub.w = L->w - t->kinh_gui_x;
		lay_para_lines(&sub, fl, &p, 0, 0, ALIGN_LEFT, t->kinh_gui_gap,
		    IT_KEEPNEXT);
	}
	lay_para_free(&p);
	for (i = 0; i < l->nkinh_gui; i++)
		dash_entry(L, fl, l->kinh_gui[i],
		    i + 1 < l->nkinh_gui ? ";" : ".", st,
		    t->kinh_gui_x + colon, L->w - t->kinh_gui_x - colon, 0,
		    IT_KEEPNEXT);
}

/*
 * Nơi nhận (ô 9b) beside the signature (ô 7a–7c), FORMAT.md §5, §6, §9.
 * One item holds the "Nơi nhận:" heading, the signature block and the
 * entries beside it (an entry whole), kept with the last
 * chu_ky.keep_lines lines of the body: a signature never stands alone on
 * a page, so that no page can be put in above it.  The entries below the
 * signature's foot are lines of the flow of their own and may go on to
 * the next page, as a long list does in practice.  nbody: the index of
 * the body's first item in fl.
 */
static void
bottom(struct lay *L, struct flow *fl, const struct letter *l, size_t nbody)
{
	const struct tmpl *t = L->t;
	struct flow	 left;
	struct item	*it, *nit;
	double		 y, yl, rw, rcx, base, top, cy, sx;
	size_t		 i, k, keep, i0;

	/* The body's last lines stay with the signature. */
	keep = (size_t)t->keep_lines;
	for (k = fl->nitem; k > nbody && keep > 1; k--, keep--)
		fl->item[k - 1].flags |= IT_KEEPPREV;
	i0 = fl->nitem;
	it = lay_item_add(fl, t->bottom_gap, 0, IT_KEEPPREV | IT_FIRST |
	    IT_LAST);
	/* Both first baselines level. */
	base = (t->sign.size > t->nn_head.size ? t->sign.size :
	    t->nn_head.size) * ASCENT;

	/* Left: the heading; right: quyền hạn, chức vụ, room to sign, the
	 * name, centred. */
	lay_put_text(&it->boxes, L->x0, base, t->nn_head.face, t->nn_head.size,
	    t->nn_label, strlen(t->nn_label), lay_tw(L, t->nn_head.face,
	    t->nn_head.size, t->nn_label, strlen(t->nn_label)));
	rw = L->w - t->nn_w;
	rcx = L->x0 + t->nn_w + rw / 2;
	y = base;
	if (l->quyen_han != NULL) {
		char	*up = text_upper(l->quyen_han);

		y = lay_put_name(L, &it->boxes, up, &t->sign, rcx, rw, y,
		    NULL) + lay_pitch(L, t->sign.size);
		free(up);
	}
	{
		char	*up = text_upper(l->chuc_vu);

		y = lay_put_name(L, &it->boxes, up, &t->sign, rcx, rw, y,
		    NULL);
		free(up);
	}
	top = y + t->sign.size * DESCENT;
	y += t->sign_space + lay_pitch(L, t->sign.size);
	/* ô 7c, the signature image's box, centred between the title and
	 * the name (PL I II.7.d); ô 8, the seal, its right edge at the
	 * template's part (1/3) of that box from its left (II.8.a), both
	 * centred on the same height.  Marks, for `congvan sign`. */
	cy = (top + y - t->sign.size * ASCENT) / 2;
	lay_put_mark(&it->boxes, MARK_CHU_KY, rcx - t->ck_w / 2,
	    cy + t->ck_h / 2, rcx + t->ck_w / 2, cy - t->ck_h / 2, 0, 0);
	sx = rcx - t->ck_w / 2 + t->dau_overlap * t->ck_w;
	lay_put_mark(&it->boxes, MARK_DAU, sx - t->dau_d, cy + t->dau_d / 2,
	    sx, cy - t->dau_d / 2, 0, 0);
	y = lay_put_centred(L, &it->boxes, l->nguoi_ky, &t->sign, rcx, rw, y,
	    NULL);
	y += t->sign.size * (t->leading - ASCENT);

	/* Left: the entries beside the signature in the same item, the
	 * rest as lines of their own. */
	memset(&left, 0, sizeof(left));
	for (i = 0; i < l->noi_nhan->n; i++)
		dash_entry(L, &left, l->noi_nhan->v[i].text,
		    i + 1 < l->noi_nhan->n ? ";" : ".", &t->nn_entry, 0,
		    t->nn_w, 0, 0);
	yl = base + t->nn_head.size * (t->leading - ASCENT);
	for (i = 0; i < left.nitem; i++) {
		/* Into the signature's item while beside it (an entry's
		 * later lines too); fl->item[i0], not it: fl may grow. */
		if (fl->nitem - 1 == i0 && (yl < y - 1e-6 ||
		    !(left.item[i].flags & IT_FIRST))) {
			lay_boxes_move(&fl->item[i0].boxes,
			    &left.item[i].boxes, 0, yl);
			yl += left.item[i].height;
			lay_page_clear(&left.item[i].boxes);
			continue;
		}
		nit = lay_item_add(fl, 0, left.item[i].height,
		    left.item[i].flags);
		nit->boxes = left.item[i].boxes;
	}
	free(left.item);
	fl->item[i0].height = y > yl ? y : yl;
}

/*
 * May a page break come before item b (b > first on the page)?  Strict:
 * every rule; else only the signature's (IT_KEEPPREV), the one given
 * up last, when the strict rules leave no break on the page.
 */
static int
bad_break(const struct flow *fl, size_t b, int strict)
{
	const struct item *prev = &fl->item[b - 1], *it = &fl->item[b];

	if (it->flags & IT_KEEPPREV)
		return 1;
	if (!strict)
		return 0;
	if (prev->flags & IT_KEEPNEXT)
		return 1;
	/* Orphan: a paragraph's first line alone at the page bottom. */
	if ((prev->flags & IT_FIRST) && !(prev->flags & IT_LAST))
		return 1;
	/* Widow: its last line alone at the top of the next page. */
	if ((it->flags & IT_LAST) && !(it->flags & IT_FIRST))
		return 1;
	return 0;
}

void
lay_page_number(struct lay *L, struct page *pg, int n)
{
	const struct style *st = &L->t->page_no;
	char		 buf[16];
	double		 w;

	snprintf(buf, sizeof(buf), "%d", n);
	w = lay_tw(L, st->face, st->size, buf, strlen(buf));
	/* Centred in the top margin (FORMAT.md §1). */
	lay_put_text(pg, L->x0 + L->w / 2 - w / 2,
	    L->t->top / 2 + st->size * (ASCENT - 0.5 * 1.107), st->face,
	    st->size, buf, strlen(buf), w);
	pg->box[pg->nbox - 1].margin = 1;
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
		    (i == first && y <= L->t->top + 1e-6)) {
			where[i] = pgi;
			at[i] = y + g;
			y += g + fl->item[i].height;
			i++;
			continue;
		}
		b = i;		/* nothing on this page yet: the next */
		if (i > first) {
			for (; b > first + 1 && bad_break(fl, b, 1); b--)
				;
			if (bad_break(fl, b, 1))
				for (b = i; b > first + 1 &&
				    bad_break(fl, b, 0); b--)
					;
			if (bad_break(fl, b, 0))
				b = i;
		}
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
				if ((pg = lay_page_new(L)) == NULL)
					break;
				if (L->out->npage - 1 > pg0)
					lay_page_number(L, pg, ++num);
			}
			if (L->toolong)
				break;
			pg = &L->out->page[where[i]];
			j = pg->nbox;
			lay_boxes_move(pg, &fl->item[i].boxes, 0, at[i]);
			(void)j;
		}
	}
	for (i = 0; i < fl->nitem; i++)
		lay_page_clear(&fl->item[i].boxes);
	free(fl->item);
	free(where);
	free(at);
}

struct layout *
layout_letter(const struct letter *l, const struct tmpl *t,
    const struct metrics *m, struct layout_memo *memo,
    struct layout_fault *fault)
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
	memcpy(L.out->ck_ink, t->ck_ink, sizeof(t->ck_ink));
	memcpy(L.out->dau_ink, t->dau_ink, sizeof(t->dau_ink));
	L.x0 = t->left;
	L.w = t->page_w - t->left - t->right;
	L.ybot = t->page_h - t->bottom;
	L.bal = memo != NULL ? &memo->bal : NULL;

	pg = lay_page_new(&L);
	y = lay_header(&L, pg, l);
	if (y > L.ybot) {
		if (fault != NULL)
			fault->why = LAYOUT_HEADER;
		layout_free(L.out);
		return NULL;
	}
	kinh_gui(&L, &fl, l);
	if (fl.nitem > 0)
		fl.item[0].gap = t->kinh_gui_gap;
	{
		size_t	 nk = fl.nitem;

		lay_blocks(&L, &fl, l->body->root->first, NULL, 0, 0);
		if (fl.nitem > nk)
			fl.item[nk].gap = t->body_gap;
		bottom(&L, &fl, l, nk);
	}
	paginate(&L, &fl, y, 0, 1);
	L.out->nletter = L.out->npage;
	if (l->phu_luc && !L.toolong) {
		if (memo != NULL)
			lay_appendix_memo(&L, l, memo);
		else
			lay_appendix(&L, l);
	}
	return lay_finish(&L, fault);
}
