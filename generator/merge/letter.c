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

struct letter *
letter_new(const struct dispatch *d, const struct rows *t, size_t r,
    const struct tmpl *tp, const struct issue *is)
{
	struct letter	*l;
	struct date	 dt;
	char		*sk, *nt;
	const char	*co;
	long		 so;
	int		 nam;
	size_t		 i;

	l = xcalloc(1, sizeof(*l));
	so = letter_so(d, is);
	dt = letter_ngay(d, is);
	nam = dt.y != 0 ? dt.y : d->nam != 0 ? d->nam : d->ngay.y;
	sk = so_ky_hieu(so, d->f[FM_KY_HIEU].text, tp->blank);
	nt = ngay_thang(dt, nam, tp->blank);

	l->co_quan_chu_quan = d->f[FM_CO_QUAN_CHU_QUAN].text;
	l->co_quan = d->f[FM_CO_QUAN].text;
	l->so = xasprintf("%s %s", tp->so_label, sk);
	l->noi_ngay = xasprintf("%s, %s", d->f[FM_DIA_DANH].text, nt);
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
	}
	free(sk);
	free(nt);
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
