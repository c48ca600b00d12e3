/* Build struct letter: numbers, dates and recipients per FORMAT.md §4–§5. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "load/dispatch.h"
#include "load/doc.h"
#include "load/rows.h"
#include "load/tmpl.h"
#include "merge/letter.h"
#include "merge/merge.h"

long
letter_so(const struct dispatch *d, const struct issue *is)
{
	if (is->draft)
		return 0;
	return is->so != 0 ? is->so : d->so;
}

struct date
letter_ngay(const struct dispatch *d, const struct issue *is)
{
	struct date	 none = { 0, 0, 0 };

	if (is->draft)
		return none;
	return is->ngay.y != 0 ? is->ngay : d->ngay;
}

/* "07/BTTTT-CATTT" or "      /BTTTT-CATTT": FORMAT.md §4. */
static char *
so_ky_hieu(long so, const char *ky_hieu, const char *blank)
{
	if (so == 0)
		return xasprintf("%s/%s", blank, ky_hieu);
	return xasprintf("%02ld/%s", so, ky_hieu);
}

/* "ngày 05 tháng 02 năm 2022", blanks in a draft: FORMAT.md §4. */
static char *
ngay_thang(struct date dt, int nam, const char *blank)
{
	if (dt.y == 0)
		return xasprintf("ngày%stháng%snăm %d", blank, blank, nam);
	return date_words(dt.y, dt.m, dt.d);
}

/* The template's blank with its spaces made U+00A0 (struct slots). */
static char *
nobreak(const char *blank)
{
	char	*s, *o;

	o = s = xmalloc(2 * strlen(blank) + 1);
	for (; *blank != '\0'; blank++)
		if (*blank == ' ') {
			*o++ = '\xc2';
			*o++ = '\xa0';
		} else
			*o++ = *blank;
	*o = '\0';
	return s;
}

/*
 * The slots of a string made of base bytes, then sk (the number and
 * symbol, when sk_at is not SLOT_NONE: its offset), then nt (the date
 * words at nt_at).
 */
static struct slots
slots_of(long so, size_t sk_at, struct date dt, size_t nt_at, size_t blen)
{
	struct slots	 sl;

	sl.off[SLOT_SO] = so == 0 && sk_at != SLOT_NONE ? sk_at : SLOT_NONE;
	if (dt.y == 0 && nt_at != SLOT_NONE) {
		sl.off[SLOT_NGAY] = nt_at + strlen("ngày");
		sl.off[SLOT_THANG] = nt_at + strlen("ngày") + blen +
		    strlen("tháng");
	} else
		sl.off[SLOT_NGAY] = sl.off[SLOT_THANG] = SLOT_NONE;
	return sl;
}

struct letter *
letter_new(const struct dispatch *d, const struct rows *t, size_t r,
    const struct tmpl *tp, const struct issue *is)
{
	struct letter	*l;
	struct date	 dt;
	char		*sk, *nt, *nb;
	const char	*co;
	long		 so;
	int		 nam;
	size_t		 i;

	l = xcalloc(1, sizeof(*l));
	so = letter_so(d, is);
	dt = letter_ngay(d, is);
	nam = dt.y != 0 ? dt.y : d->nam != 0 ? d->nam : d->ngay.y;
	nb = nobreak(tp->blank);
	l->slot_len = strlen(nb);
	sk = so_ky_hieu(so, d->f[FM_KY_HIEU].text, nb);
	nt = ngay_thang(dt, nam, nb);

	l->co_quan_chu_quan = d->f[FM_CO_QUAN_CHU_QUAN].text;
	l->co_quan = d->f[FM_CO_QUAN].text;
	l->so = xasprintf("%s %s", tp->so_label, sk);
	l->so_slot = slots_of(so, strlen(tp->so_label) + 1, dt, SLOT_NONE,
	    l->slot_len);
	l->noi_ngay = xasprintf("%s, %s", d->f[FM_DIA_DANH].text, nt);
	l->noi_ngay_slot = slots_of(so, SLOT_NONE, dt,
	    strlen(d->f[FM_DIA_DANH].text) + 2, l->slot_len);
	l->trich_yeu = xasprintf("%s %s", tp->trich_yeu_label,
	    d->f[FM_TRICH_YEU].text);
	l->nkinh_gui = d->kinh_gui.n;
	l->kinh_gui = xcalloc(l->nkinh_gui + 1, sizeof(char *));
	for (i = 0; i < l->nkinh_gui; i++)
		l->kinh_gui[i] = merge_text(d->kinh_gui.v[i].text, d, t,
		    &t->row[r]);
	l->body = merge_doc(d, t, &t->row[r]);
	l->noi_nhan = &d->noi_nhan;
	l->quyen_han = d->f[FM_QUYEN_HAN].text;
	l->chuc_vu = d->f[FM_CHUC_VU].text;
	l->nguoi_ky = d->f[FM_NGUOI_KY].text;

	if (d->has_phu_luc) {
		l->phu_luc = 1;
		if (d->pl_tieu_de.text != NULL)
			l->pl_title = text_upper(d->pl_tieu_de.text);
		/* The same fields as the header, so they cannot disagree. */
		/* Running text: a forced line break is a space there. */
		co = d->oneline[FM_CO_QUAN_CHU_THUONG] != NULL ?
		    d->oneline[FM_CO_QUAN_CHU_THUONG] :
		    d->oneline[FM_CO_QUAN];
		l->pl_ref = xasprintf("(%s %s %s của %s)", tp->pl_ref_text,
		    sk, nt, co);
		l->pl_ref_slot = slots_of(so, 1 + strlen(tp->pl_ref_text) + 1,
		    dt, 1 + strlen(tp->pl_ref_text) + 1 + strlen(sk) + 1,
		    l->slot_len);
		l->table = t;
		if (d->pl_cot.n > 0) {
			l->ncols = d->pl_cot.n;
			l->cols = xcalloc(l->ncols, sizeof(int));
			for (i = 0; i < l->ncols; i++)
				l->cols[i] = rows_col(t, d->pl_cot.v[i].text);
		} else {
			l->ncols = t->ncol;
			l->cols = xcalloc(l->ncols, sizeof(int));
			for (i = 0; i < l->ncols; i++)
				l->cols[i] = (int)i;
		}
	} else
		l->pl_ref_slot = slots_of(1, SLOT_NONE, dt, SLOT_NONE, 0);
	free(sk);
	free(nt);
	free(nb);
	return l;
}

void
letter_free(struct letter *l)
{
	size_t	 i;

	if (l == NULL)
		return;
	free(l->so);
	free(l->noi_ngay);
	free(l->trich_yeu);
	for (i = 0; i < l->nkinh_gui; i++)
		free(l->kinh_gui[i]);
	free(l->kinh_gui);
	doc_free(l->body);
	free(l->pl_title);
	free(l->pl_ref);
	free(l->cols);
	free(l);
}
