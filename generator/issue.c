/* congvan issue: the number, the date and the seal on signed drafts
 * (issue 15; Decree 30 Điều 14, 15.3, 32.2.c–d; SIGNING.md). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive/outdir.h"
#include "base/date.h"
#include "base/msg.h"
#include "base/sha.h"
#include "base/xalloc.h"
#include "batch.h"
#include "issue.h"
#include "layout/layout.h"
#include "load/dispatch.h"
#include "load/rows.h"
#include "merge/letter.h"
#include "pdf/pdf.h"
#include "run.h"
#include "sign/fill.h"
#include "sign/keys.h"
#include "sign/pdfrev.h"
#include "sign/pdfupd.h"
#include "sign/sign.h"
#include "sign/stencil.h"

/* One letter on its way. */
struct iletter {
	char		*path;		/* OUT/letters/NAME */
	unsigned char	*cur;		/* the signed letter in place */
	size_t		 len;
	struct layout	*draft;		/* its draft's layout, when it is a
					   draft: blanks to fill */
};

/* Render row i with is into *buf (a PDF), keeping its layout in *lo
 * when lo is not NULL.  0, or an exit status after a message. */
static int
render_one(struct run *R, struct pdf *pdf, size_t i, const struct issue *is,
    unsigned char **buf, size_t *len, struct layout **lo)
{
	struct letter	*l;
	struct layout	*y;
	struct layout_fault f;
	struct pdf_info	 pi;
	int		 rc = 0;

	l = letter_new(R->d, R->rows, i, R->t, is);
	if ((y = layout_letter(l, R->t, &R->metrics, R->memo, &f)) == NULL) {
		/* check_run laid it out already: it fits. */
		letter_free(l);
		DIE(BATCH_SYS_NOT_RENDERED, R->names[i]);
	}
	render_info(R, is, &pi, l->kinh_gui[0]);
	if (pdf_write(pdf, y, &pi, buf, len) != 0)
		rc = EXIT_SYSTEM;
	letter_free(l);
	if (lo != NULL && rc == 0)
		*lo = y;
	else
		layout_free(y);
	return rc;
}

/* Is the first revision of cur (SIGNING.md §3: up to the end of its
 * first %%EOF line) exactly buf? */
static int
first_revision_is(const struct pdfrev *r, const unsigned char *buf,
    size_t len)
{
	return r->nrev > 0 && r->rev_end[0] == len &&
	    memcmp(r->buf, buf, len) == 0;
}

/*
 * Check letter i (OUT/letters/NAME): the draft or the issued render of
 * these inputs as its first revision, and a person's signature.
 * Returns 0 or EXIT_INPUT after a message, or EXIT_SYSTEM.
 */
static int
check_one(struct run *R, struct pdf *pdf, size_t i, struct iletter *L)
{
	const struct opts *o = R->o;
	struct issue	 dr;
	struct pdfrev	 r;
	unsigned char	*buf;
	size_t		 len;
	int		 rc, nam, is_draft;

	L->path = xasprintf("%s/letters/%s", o->out, R->names[i]);
	if ((L->cur = file_get(L->path, &L->len)) == NULL) {
		if (errno != ENOENT)
			DIE(SYS_FILE, L->path, strerror(errno));
		MSGT(ISSUE_NO_LETTER, L->path, 0, 0, o->out);
		return EXIT_INPUT;
	}
	if (pdfrev_open(&r, L->cur, L->len, L->path) != 0) {
		pdfrev_free(&r);
		return EXIT_INPUT;
	}
	dr = o->issue;
	dr.draft = 1;
	if ((rc = render_one(R, pdf, i, &dr, &buf, &len, &L->draft)) != 0)
		goto out;
	is_draft = first_revision_is(&r, buf, len);
	free(buf);
	if (!is_draft) {
		layout_free(L->draft);
		L->draft = NULL;
		if ((rc = render_one(R, pdf, i, &o->issue, &buf, &len,
		    NULL)) != 0)
			goto out;
		if (!first_revision_is(&r, buf, len)) {
			MSGT(ISSUE_NOT_THESE_INPUTS, L->path, 0, 0, R->dpath,
			    R->apath);
			rc = EXIT_INPUT;
		}
		free(buf);
		if (rc != 0)
			goto out;
	} else {
		/* The draft printed its year: the date must be of it. */
		nam = R->d->nam != 0 ? R->d->nam : R->d->ngay.y;
		if (nam != o->issue.ngay.y) {
			MSGT(ISSUE_YEAR, L->path, 0, 0, nam,
			    o->issue.ngay.y, nam, R->dpath);
			rc = EXIT_INPUT;
			goto out;
		}
	}
	for (size_t k = 0; k < r.nsig; k++)
		if (strcmp(r.sig[k].field, SIGN_FIELD_ORG) == 0) {
			MSGT(ISSUE_SEALED, L->path, 0, 0, SIGN_FIELD_ORG);
			rc = EXIT_INPUT;
			goto out;
		}
	if (sign_check_person(L->cur, L->len, L->path) != 0) {
		rc = EXIT_INPUT;
		goto out;
	}
	/* What the person signed is the whole letter: nothing appended
	 * after the last signature (SIGNING.md §2.7 t4). */
	{
		size_t	 k, end = 0;

		for (k = 0; k < r.nsig; k++)
			if (r.sig[k].br[2] >= 0 && (size_t)(r.sig[k].br[2] +
			    r.sig[k].br[3]) > end)
				end = (size_t)(r.sig[k].br[2] + r.sig[k].br[3]);
		if (end != L->len) {
			MSGT(ISSUE_APPENDED, L->path, 0, 0, L->len - end);
			rc = EXIT_INPUT;
		}
	}
out:
	pdfrev_free(&r);
	return rc;
}

/* Does OUT/letters/NAME of row i carry the organisation's signature? */
static int
is_sealed(struct run *R, size_t i)
{
	struct pdfrev	 r;
	unsigned char	*buf;
	size_t		 len, k;
	char		*p;
	int		 yes = 0;

	p = xasprintf("%s/letters/%s", R->o->out, R->names[i]);
	buf = file_get(p, &len);
	/* A broken file is not sealed; check_one says why. */
	msg_set_silent(1);
	if (buf != NULL && pdfrev_open(&r, buf, len, p) == 0)
		for (k = 0; k < r.nsig; k++)
			if (strcmp(r.sig[k].field, SIGN_FIELD_ORG) == 0)
				yes = 1;
	if (buf != NULL)
		pdfrev_free(&r);
	msg_set_silent(0);
	free(buf);
	free(p);
	return yes;
}

/* The number and the date into L's blanks: an update of L->cur into
 * *out.  0, or -1 after a message. */
static int
fill_one(struct run *R, struct iletter *L, unsigned char **out,
    size_t *outlen)
{
	const struct opts *o = R->o;
	struct fill	*fl = NULL;
	struct pdfrev	 r;
	struct pdfupd	*u;
	char		*d, fname[16];
	long		 font, ap, an;
	int		 n, k, rc = -1;

	if ((n = fill_plan(L->draft, R->fonts, o->issue.so, o->issue.ngay,
	    &fl)) < 0)
		return -1;
	if (pdfrev_open(&r, L->cur, L->len, L->path) != 0) {
		pdfrev_free(&r);
		fill_free(fl, n);
		return -1;
	}
	u = pdfupd_new(&r);
	for (k = 0; k < n; k++) {
		snprintf(fname, sizeof(fname), "F%d", (int)fl[k].face + 1);
		if ((font = pdfrev_page_font(&r, fl[k].page, fname)) == 0) {
			MSGT(ISSUE_NO_FONT, L->path, 0, 0, fl[k].page + 1,
			    fname);
			goto out;
		}
		/* The appearance (§12.5.5): the digits with the page's
		 * own font; the annotation: a FreeText, printed and
		 * locked (/F 4 + 128), its text also as /Contents. */
		ap = pdfupd_alloc(u);
		d = xasprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 "
		    "%.3f %.3f] /Resources << /Font << /F0 %ld 0 R >> >> >>",
		    fl[k].rect[2] - fl[k].rect[0],
		    fl[k].rect[3] - fl[k].rect[1], font);
		pdfupd_put(u, ap, d, fl[k].ap.p, fl[k].ap.len, 1);
		free(d);
		an = pdfupd_alloc(u);
		d = xasprintf("<< /Type /Annot /Subtype /FreeText /Rect "
		    "[%.3f %.3f %.3f %.3f] /F 132 /NM (congvan-%s-%d) "
		    "/Contents (%s) /DA (/F0 %.1f Tf 0 g) /AP << /N %ld 0 R "
		    ">> >>", fl[k].rect[0], fl[k].rect[1], fl[k].rect[2],
		    fl[k].rect[3], fl[k].name, (int)fl[k].page + 1,
		    fl[k].text, fl[k].size, ap);
		pdfupd_put(u, an, d, NULL, 0, 0);
		free(d);
		if (pdfupd_annot_add(u, fl[k].page, an) != 0)
			goto out;
	}
	*out = pdfupd_finish(u, outlen);
	rc = 0;
out:
	pdfupd_free(u);
	pdfrev_free(&r);
	fill_free(fl, n);
	return rc;
}

int
issue_render(struct run *R, size_t from, size_t to, const char *dir)
{
	const struct opts *o = R->o;
	struct iletter	*L;
	struct pdf	*pdf;
	struct signer_key k;
	struct stencil	 st;
	struct sign_req	 q;
	struct pdfrev	 r;
	unsigned char	*img, *filled, *sealed;
	size_t		 i, ilen, flen, slen;
	char		 m[32], *p;
	int		 rc = EXIT_OK, one, have_key = 0, have_img = 0;

	memset(&k, 0, sizeof(k));
	memset(&st, 0, sizeof(st));
	L = xcalloc(to - from, sizeof(*L));
	pdf = pdf_new(R->fonts, R->icc);
	/* A letter in place for this build's key is left alone only when
	 * it is sealed already (a rerun): signed since it was rendered
	 * with this number and date (the older order), it is still to
	 * issue. */
	for (i = from; i < to; i++)
		if (R->skip[i] && !is_sealed(R, i))
			R->skip[i] = 0;
	/* Every letter first, every problem said. */
	for (i = from; i < to; i++) {
		if (R->skip[i])
			continue;
		one = check_one(R, pdf, i, &L[i - from]);
		if (one == EXIT_SYSTEM) {
			rc = one;
			goto out;
		}
		if (one != 0)
			rc = EXIT_INPUT;
	}
	if (o->image != NULL) {
		if ((img = file_get(o->image, &ilen)) == NULL)
			MSGT(SIGN_IMAGE_UNREADABLE, o->image, 0, 0,
			    strerror(errno));
		else if (stencil_load(img, ilen, o->image, STENCIL_RED,
		    &st) == 0)
			have_img = 1;
		free(img);
		if (!have_img)
			rc = EXIT_INPUT;
	}
	if (rc != EXIT_OK || sign_time(m) != 0) {
		rc = EXIT_INPUT;
		goto out;
	}
	/* Every letter issued already (a rerun): no key needed. */
	for (i = from; i < to && R->skip[i]; i++)
		continue;
	if (i == to)
		goto out;
	if (keys_open(o->key, &k) != 0) {
		rc = EXIT_INPUT;
		goto out;
	}
	have_key = 1;
	for (i = from; i < to; i++) {
		struct iletter *l = &L[i - from];

		if (R->skip[i])
			continue;
		filled = NULL;
		if (l->draft != NULL && fill_one(R, l, &filled, &flen) != 0) {
			rc = EXIT_INPUT;
			goto out;
		}
		if (filled == NULL) {
			filled = l->cur;
			flen = l->len;
			l->cur = NULL;
		}
		/* The seal's square, as the renderer marked it. */
		memset(&q, 0, sizeof(q));
		one = pdfrev_open(&r, filled, flen, l->path);
		if (one == 0 && pdfrev_box(&r, SIGN_BOX_ORG, &q.page, q.rect,
		    q.ink) != 0) {
			MSGT(SIGN_NO_BOX, l->path, 0, 0);
			one = -1;
		}
		if (one != 0) {
			pdfrev_free(&r);
			free(filled);
			rc = EXIT_INPUT;
			goto out;
		}
		pdfrev_free(&r);
		q.key = &k;
		q.image = have_img ? &st : NULL;
		q.field = SIGN_FIELD_ORG;
		q.tsa = o->tsa;
		q.m = m;
		if (sign_letter(filled, flen, l->path, &q, &sealed,
		    &slen) != 0) {
			free(filled);
			rc = EXIT_INPUT;
			goto out;
		}
		free(filled);
		p = xasprintf("%s/%s", dir, R->names[i]);
		file_stage(p, sealed, slen);
		sha256_hex(sealed, slen, R->hex[i]);
		free(p);
		free(sealed);
	}
out:
	for (i = from; i < to; i++) {
		free(L[i - from].path);
		free(L[i - from].cur);
		layout_free(L[i - from].draft);
	}
	free(L);
	pdf_free(pdf);
	if (have_img)
		stencil_free(&st);
	if (have_key)
		keys_close(&k);
	return rc;
}

int
issue_adopt(struct run *R, size_t from, size_t to, const char *adir,
    const char *dir)
{
	struct issue	 dr;
	struct pdfrev	 r;
	struct pdf	*pdf = NULL;
	unsigned char	*a, *buf;
	size_t		 i, k, alen, len, n = 0;
	char		*p;
	int		 sealed, same;

	for (i = from; i < to; i++) {
		if (R->skip[i])
			continue;
		p = xasprintf("%s/%s", adir, R->names[i]);
		a = file_get(p, &alen);
		free(p);
		if (a == NULL)
			continue;
		sealed = 0;
		msg_set_silent(1);
		if (pdfrev_open(&r, a, alen, R->names[i]) == 0)
			for (k = 0; k < r.nsig; k++)
				if (strcmp(r.sig[k].field, SIGN_FIELD_ORG) == 0)
					sealed = 1;
		msg_set_silent(0);
		same = 0;
		if (sealed) {
			/* Numbered before signing: this very render. */
			p = xasprintf("%s/%s", dir, R->names[i]);
			if ((buf = file_get(p, &len)) != NULL)
				same = first_revision_is(&r, buf, len);
			free(buf);
			free(p);
		}
		if (sealed && !same) {
			/* Issued from a draft: that draft. */
			if (pdf == NULL)
				pdf = pdf_new(R->fonts, R->icc);
			dr = R->o->issue;
			dr.draft = 1;
			if (render_one(R, pdf, i, &dr, &buf, &len, NULL) != 0)
				DIE(BATCH_SYS_NOT_RENDERED, R->names[i]);
			same = first_revision_is(&r, buf, len);
			free(buf);
		}
		pdfrev_free(&r);
		if (same) {
			p = xasprintf("%s/%s", dir, R->names[i]);
			file_stage(p, a, alen);
			sha256_hex(a, alen, R->hex[i]);
			free(p);
			n++;
		}
		free(a);
	}
	pdf_free(pdf);
	return (int)n;
}
