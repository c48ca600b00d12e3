/* A visible PAdES signature as an incremental update, and its check. */
#define _GNU_SOURCE	/* memmem, timegm */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/msg.h"
#include "base/xalloc.h"
#include "sign/cms.h"
#include "sign/stencil.h"
#include "sign/keys.h"
#include "sign/pdfrev.h"
#include "sign/pdfupd.h"
#include "sign/sign.h"

#define VN_OFFSET	(7 * 3600)	/* Asia/Ho_Chi_Minh, no summer time */

int
sign_time(char m[32])
{
	const char	*e = getenv("CONGVAN_SIGN_TIME");
	struct tm	 tm;
	time_t		 t;
	int		 y, mo, d, h, mi, s, n = 0;

	if (e != NULL) {
		if (sscanf(e, "%4d-%2d-%2dT%2d:%2d:%2d+07:00%n", &y, &mo, &d,
		    &h, &mi, &s, &n) != 6 || n != 25 || e[n] != '\0' ||
		    mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
		    mi > 59 || s > 59 || y < 1970 || y > 9999) {
			MSGT(SIGN_TIME_FORM, "CONGVAN_SIGN_TIME", 0, 0, e);
			return -1;
		}
	} else {
		t = time(NULL) + VN_OFFSET;
		gmtime_r(&t, &tm);
		y = tm.tm_year + 1900;
		mo = tm.tm_mon + 1;
		d = tm.tm_mday;
		h = tm.tm_hour;
		mi = tm.tm_min;
		s = tm.tm_sec;
	}
	snprintf(m, 32, "D:%04d%02d%02d%02d%02d%02d+07'00'", y % 10000,
	    mo % 100, d % 100, h % 100, mi % 100, s % 100);
	return 0;
}

/* PDF date "D:YYYYMMDDHHmmSS+07'00'" as ISO 8601, malloc'd; the text
 * as written when it has another form. */
static char *
iso_of(const char *m)
{
	int	 y, mo, d, h, mi, s, oh, om, n = 0;
	char	 sg;

	if (m == NULL)
		return xstrdup("(no time)");
	if (sscanf(m, "D:%4d%2d%2d%2d%2d%2d%c%2d'%2d%n", &y, &mo, &d, &h,
	    &mi, &s, &sg, &oh, &om, &n) == 9 && (sg == '+' || sg == '-'))
		return xasprintf("%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
		    y, mo, d, h, mi, s, sg, oh, om);
	if (sscanf(m, "D:%4d%2d%2d%2d%2d%2dZ%n", &y, &mo, &d, &h, &mi, &s,
	    &n) == 6 && n > 0)
		return xasprintf("%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h,
		    mi, s);
	return xstrdup(m);
}

int
sign_letter(const unsigned char *pdf, size_t len, const char *name,
    const struct sign_req *q, unsigned char **out, size_t *outlen)
{
	struct pdfrev	 r;
	struct pdfupd	*u = NULL;
	struct buf	 b = BUF_INIT, c = BUF_INIT;
	long		 img = 0, ap, sig, wid;
	double		 rw = q->rect[2] - q->rect[0];
	double		 rh = q->rect[3] - q->rect[1];
	unsigned char	*f = NULL, *der = NULL, *p, *e;
	size_t		 flen = 0, room, off, br[4], dlen, k;
	int		 rc = -1, n;
	static const char hx[] = "0123456789abcdef";

	*out = NULL;
	if (pdfrev_open(&r, pdf, len, name) != 0)
		return -1;
	for (k = 0; k < r.nsig; k++)
		if (strcmp(r.sig[k].field, q->field) == 0) {
			MSGT(SIGN_FIELD_TAKEN, name, 0, 0, q->field);
			goto out;
		}
	if (q->page >= r.npage) {
		MSGT(PDFUPD_PAGE_BROKEN, name, 0, 0, q->page + 1);
		goto out;
	}
	u = pdfupd_new(&r);
	/* the appearance: the stencil centred in the box, aspect kept */
	if (q->image != NULL) {
		const struct stencil	*s = q->image;
		double			 sc = rw / s->w < rh / s->h ?
		    rw / s->w : rh / s->h;
		double			 dw = s->w * sc, dh = s->h * sc;

		img = pdfupd_alloc(u);
		{
			char	*d = xasprintf("<< /Type /XObject /Subtype "
			    "/Image /Width %u /Height %u /ImageMask true "
			    "/BitsPerComponent 1 >>", s->w, s->h);

			pdfupd_put(u, img, d, s->bits, s->len, 1);
			free(d);
		}
		{
			char	*t = xasprintf("%.4f %.4f %.4f rg\nq %.2f 0 0 "
			    "%.2f %.2f %.2f cm /Im0 Do Q\n", q->ink[0],
			    q->ink[1], q->ink[2], dw, dh, (rw - dw) / 2,
			    (rh - dh) / 2);

			buf_adds(&c, t);
			free(t);
		}
	}
	ap = pdfupd_alloc(u);
	{
		char	*d = img != 0 ? xasprintf("<< /Type /XObject /Subtype "
		    "/Form /BBox [0 0 %.2f %.2f] /Resources << /XObject << "
		    "/Im0 %ld 0 R >> >> >>", rw, rh, img) : xasprintf("<< "
		    "/Type /XObject /Subtype /Form /BBox [0 0 %.2f %.2f] "
		    "/Resources << >> >>", rw, rh);

		pdfupd_put(u, ap, d, c.len ? c.p : (const unsigned char *)"",
		    c.len, 1);
		free(d);
	}
	/* the signature dictionary with its two placeholders */
	room = q->tsa != NULL ? SIGN_ROOM_BT : SIGN_ROOM_BB;
	sig = pdfupd_alloc(u);
	buf_adds(&b, "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter "
	    "/ETSI.CAdES.detached /M (");
	buf_adds(&b, q->m);
	buf_adds(&b, ")\n/ByteRange [0 0000000000 0000000000 0000000000]\n"
	    "/Contents <");
	buf_grow(&b, 2 * room);
	memset(b.p + b.len, '0', 2 * room);
	b.len += 2 * room;
	buf_adds(&b, "> >>");
	pdfupd_put(u, sig, (const char *)b.p, NULL, 0, 0);
	/* the field and its widget, merged */
	wid = pdfupd_alloc(u);
	{
		char	*d = xasprintf("<< /Type /Annot /Subtype /Widget /FT "
		    "/Sig /T (%s) /V %ld 0 R /F 132 /P %ld 0 R /Rect [%.2f "
		    "%.2f %.2f %.2f] /AP << /N %ld 0 R >> >>", q->field, sig,
		    r.page[q->page], q->rect[0], q->rect[1], q->rect[2],
		    q->rect[3], ap);

		pdfupd_put(u, wid, d, NULL, 0, 0);
		free(d);
	}
	if (pdfupd_annot_add(u, q->page, wid) != 0 ||
	    pdfupd_field_add(u, wid) != 0)
		goto out;
	f = pdfupd_finish(u, &flen);
	/* the placeholders in the signature dictionary just written */
	off = pdfupd_offset(u, sig);
	p = memmem(f + off, flen - off, "/ByteRange [", 12);
	e = memmem(f + off, flen - off, "/Contents <", 11);
	if (p == NULL || e == NULL)
		DIE(SYS_OUT_OF_MEMORY);	/* cannot be: written above */
	br[0] = 0;
	br[1] = (size_t)(e - f) + 10;		/* the '<' */
	br[2] = br[1] + 2 * room + 2;		/* after the '>' */
	br[3] = flen - br[2];
	p += 12;
	n = snprintf((char *)p, 35, "0 %zu %zu %zu", br[1], br[2], br[3]);
	memset(p + n, ' ', (size_t)(34 - n));	/* snprintf's NUL too */
	if (cms_sign(q->key, f, br, q->tsa, &der, &dlen) != 0)
		goto out;
	if (dlen > room) {
		MSGT(SIGN_TOO_LARGE, name, 0, 0, dlen, room);
		goto out;
	}
	for (k = 0; k < dlen; k++) {
		f[br[1] + 1 + 2 * k] = (unsigned char)hx[der[k] >> 4];
		f[br[1] + 2 + 2 * k] = (unsigned char)hx[der[k] & 15];
	}
	*out = f;
	*outlen = flen;
	f = NULL;
	rc = 0;
out:
	free(f);
	free(der);
	buf_free(&b);
	buf_free(&c);
	pdfupd_free(u);
	pdfrev_free(&r);
	return rc;
}

/* Whether signature s's byte range is as PAdES wants it: from byte 0
 * to its end, all but its own /Contents hex string (ISO 32000-1
 * §12.8.1), inside the file. */
static int
range_ok(const struct pdfrev *r, const struct pdfsig *s)
{
	return s->br[0] == 0 && s->c_off != 0 &&
	    (size_t)s->br[1] == s->c_off && (size_t)s->br[2] == s->c_end &&
	    (size_t)s->br[2] + (size_t)s->br[3] <= r->len;
}

int
sign_check_person(const unsigned char *pdf, size_t len, const char *name)
{
	struct pdfrev		 r;
	struct cms_result	 res;
	size_t			 k, br[4];
	int			 rc = -1;

	if (pdfrev_open(&r, pdf, len, name) != 0)
		return -1;
	for (k = 0; k < r.nsig; k++)
		if (strcmp(r.sig[k].field, SIGN_FIELD_PERSON) == 0)
			break;
	/* Signed by another tool after congvan rendered it: its field,
	 * whatever its name, if it is not the organisation's. */
	for (k = k < r.nsig ? k : 0; k < r.nsig; k++)
		if (strcmp(r.sig[k].field, SIGN_FIELD_ORG) != 0)
			break;
	if (k == r.nsig) {
		MSGT(SIGN_NO_PERSON, name, 0, 0, SIGN_FIELD_PERSON);
		goto out;
	}
	if (!range_ok(&r, &r.sig[k])) {
		MSGT(SIGN_PERSON_INVALID, name, 0, 0, r.sig[k].field);
		goto out;
	}
	for (int j = 0; j < 4; j++)
		br[j] = (size_t)r.sig[k].br[j];
	cms_check(r.sig[k].contents, r.sig[k].clen, pdf, br, NULL, &res);
	if (res.status != CMS_ST_OK)
		MSGT(SIGN_PERSON_INVALID, name, 0, 0, r.sig[k].field);
	else
		rc = 0;
	cms_result_free(&res);
out:
	pdfrev_free(&r);
	return rc;
}

/* The /Contents bytes without the zero padding a placeholder leaves. */
static size_t
der_len(const struct pdfsig *s)
{
	const unsigned char	*p = s->contents;
	size_t			 n, l, k;

	/* the DER's own length: a SEQUENCE 30 with a long or short form */
	if (s->clen < 2 || p[0] != 0x30)
		return s->clen;
	if (p[1] < 0x80)
		n = 2 + (size_t)p[1];
	else {
		l = p[1] & 0x7f;
		if (l == 0 || l > 4 || s->clen < 2 + l)
			return s->clen;
		for (n = 0, k = 0; k < l; k++)
			n = n << 8 | p[2 + k];
		n += 2 + l;
	}
	return n <= s->clen ? n : s->clen;
}

int
sign_verify(const unsigned char *pdf, size_t len, const char *name,
    X509_STORE *ca, FILE *out)
{
	struct pdfrev		 r;
	struct cms_result	 res;
	size_t			 k, br[4], last = 0;
	int			 bad = 0, j;
	char			*m;

	fprintf(out, "%s\n", name);
	if (pdfrev_open(&r, pdf, len, name) != 0) {
		fprintf(out, "  unreadable\n");
		return 1;
	}
	if (r.nsig == 0) {
		fprintf(out, "  not signed\n");
		MSGT(VERIFY_NOT_SIGNED, name, 0, 0);
		pdfrev_free(&r);
		return 1;
	}
	for (k = 0; k < r.nsig; k++) {
		const struct pdfsig	*s = &r.sig[k];

		m = iso_of(s->m);
		fprintf(out, "  signature %zu, %s: ", k + 1, s->field);
		if (!range_ok(&r, s)) {
			fprintf(out, "INVALID: its byte range does not cover "
			    "the file but its signature value\n");
			MSGT(VERIFY_BAD_RANGE, name, 0, 0, k + 1, s->field);
			bad++;
			free(m);
			continue;
		}
		for (j = 0; j < 4; j++)
			br[j] = (size_t)s->br[j];
		if (br[2] + br[3] > last)
			last = br[2] + br[3];
		cms_check(s->contents, der_len(s), pdf, br, ca, &res);
		fprintf(out, "signed by %s at %s", res.cn != NULL ? res.cn :
		    "(unknown)", m);
		if (res.ts_time != NULL)
			fprintf(out, ", timestamp %s%s", res.ts_time,
			    res.ts_ok ? "" : " (INVALID)");
		fprintf(out, "; covers bytes %zu-%zu and %zu-%zu of %zu%s; ",
		    br[0], br[0] + br[1], br[2], br[2] + br[3], len,
		    br[2] + br[3] == len ? ", the whole file" : "");
		switch (res.status) {
		case CMS_ST_OK:
			fputs("valid", out);
			break;
		case CMS_ST_DIGEST:
			fputs("INVALID: digest mismatch", out);
			MSGT(VERIFY_DIGEST, name, 0, 0, k + 1, s->field);
			break;
		case CMS_ST_SIGNATURE:
			fputs("INVALID: wrong signature value", out);
			MSGT(VERIFY_SIGNATURE, name, 0, 0, k + 1, s->field);
			break;
		case CMS_ST_ESS:
			fputs("INVALID: the signing-certificate attribute "
			    "does not match", out);
			MSGT(VERIFY_ESS, name, 0, 0, k + 1, s->field);
			break;
		case CMS_ST_NO_CERT:
			fputs("INVALID: no signer certificate", out);
			MSGT(VERIFY_NO_CERT, name, 0, 0, k + 1, s->field);
			break;
		default:
			fputs("INVALID: not a CMS signature", out);
			MSGT(VERIFY_BROKEN, name, 0, 0, k + 1, s->field);
			break;
		}
		if (res.status != CMS_ST_OK)
			bad++;
		if (res.ts_time != NULL && !res.ts_ok) {
			MSGT(VERIFY_TIMESTAMP, name, 0, 0, k + 1, s->field);
			if (res.status == CMS_ST_OK)
				bad++;
		}
		if (res.trusted == 1)
			fputs("; trusted", out);
		else if (res.trusted == 0 && res.status == CMS_ST_OK) {
			fprintf(out, "; not trusted (%s)", res.untrusted);
			MSGT(VERIFY_UNTRUSTED, name, 0, 0, k + 1, s->field,
			    res.untrusted);
			bad++;
		}
		fputc('\n', out);
		cms_result_free(&res);
		free(m);
	}
	if (last == len)
		fprintf(out, "  nothing appended after the last signature\n");
	else if (last > 0) {
		fprintf(out, "  %zu bytes appended after the last signature\n",
		    len - last);
		MSGT(VERIFY_APPENDED, name, 0, 0, len - last);
		bad++;
	}
	pdfrev_free(&r);
	return bad;
}
