/*
 * The sign stage's API as `congvan issue` will use it (tests/sign.sh
 * builds this against the stage's objects): seal IN OUT KEY.p12 [PNG
 * [TSA-URL]]
 * checks that IN carries a valid person's signature (sign_check_person,
 * Decree 30 Điều 32.2.d), then appends the organisation's signature
 * (field ChuKyCoQuan) in the page's seal box /Dau, else in a square of
 * its own left of the signature box, with a timestamp from TSA-URL when
 * given (PAdES B-T), and writes OUT.  The password from
 * CONGVAN_PIN, /M from CONGVAN_SIGN_TIME.  Exit 0, or 1 after messages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive/outdir.h"
#include "base/msg.h"
#include "sign/stencil.h"
#include "sign/keys.h"
#include "sign/pdfrev.h"
#include "sign/sign.h"

int
main(int argc, char *argv[])
{
	struct signer_key	 k;
	struct stencil		 st;
	struct sign_req		 q;
	struct pdfrev		 r;
	unsigned char		*pdf, *png = NULL, *out;
	size_t			 len, plen, olen;
	char			 m[32];
	int			 rc = 1;

	if (argc < 4)
		return 2;
	memset(&q, 0, sizeof(q));
	memset(&st, 0, sizeof(st));
	if ((pdf = file_get(argv[1], &len)) == NULL)
		return 3;
	if (sign_check_person(pdf, len, argv[1]) != 0)
		goto out;
	if (pdfrev_open(&r, pdf, len, argv[1]) != 0)
		goto out;
	if (pdfrev_box(&r, SIGN_BOX_ORG, &q.page, q.rect, q.ink) != 0) {
		/* the seal's square: 36 mm, its right edge at a third of
		 * the signature box (SIGNING.md §2.3) */
		if (pdfrev_box(&r, SIGN_BOX_PERSON, &q.page, q.rect,
		    q.ink) != 0)
			goto out;
		double	 d = 36 / 25.4 * 72, cy = (q.rect[1] + q.rect[3]) / 2;
		double	 right = q.rect[0] + (q.rect[2] - q.rect[0]) / 3;

		q.rect[0] = right - d;
		q.rect[2] = right;
		q.rect[1] = cy - d / 2;
		q.rect[3] = cy + d / 2;
		q.ink[0] = 0.855;
		q.ink[1] = 0.145;
		q.ink[2] = 0.114;
	}
	pdfrev_free(&r);
	if (argc > 4 && ((png = file_get(argv[4], &plen)) == NULL ||
	    stencil_load(png, plen, argv[4], STENCIL_RED, &st) != 0))
		goto out;
	if (sign_time(m) != 0 || keys_open(argv[3], &k) != 0)
		goto out;
	q.key = &k;
	q.image = argc > 4 ? &st : NULL;
	q.field = SIGN_FIELD_ORG;
	q.tsa = argc > 5 ? argv[5] : NULL;
	q.m = m;
	if (sign_letter(pdf, len, argv[1], &q, &out, &olen) == 0) {
		file_put(argv[2], out, olen);
		free(out);
		rc = 0;
	}
	keys_close(&k);
out:
	msg_flush();
	stencil_free(&st);
	free(png);
	free(pdf);
	return rc;
}
