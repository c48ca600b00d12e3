/*
 * libFuzzer harness: the reader of a PDF's revisions (pdfrev_open) on
 * any bytes, then, when it reads, everything the signer and verify ask
 * of it (the pages' fonts and boxes, the signature fields, their CMS)
 * and an incremental update (pdfupd: an object with a stream, an
 * annotation on the first page, a field in the AcroForm).  Oracles: no
 * crash, leak or hang; the updated file begins with the input, reads
 * again, has the same pages and one more field.  Seeds: a congvan
 * letter, signed and not (tests/fuzz/corpus/sign/).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/msg.h"
#include "fuzz.h"
#include "sign/pdfrev.h"
#include "sign/pdfupd.h"
#include "sign/sign.h"

static FILE	*devnull;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	msg_set_silent(1);
	devnull = fopen("/dev/null", "w");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pdfrev	 r, r2 = { 0 };
	struct pdfupd	*u;
	unsigned char	*out;
	size_t		 len, k, page, nsig;
	double		 rect[4], ink[3];
	long		 a, f;

	if (pdfrev_open(&r, data, size, "fuzz.pdf") != 0) {
		pdfrev_free(&r);
		msg_reset();
		return 0;
	}
	for (k = 0; k < r.npage && k < 8; k++)
		(void)pdfrev_page_font(&r, k, "F1");
	(void)pdfrev_box(&r, "ChuKy", &page, rect, ink);
	(void)pdfrev_box(&r, "Dau", &page, rect, ink);
	(void)sign_verify(data, size, "fuzz.pdf", NULL, devnull);
	nsig = r.nsig;

	u = pdfupd_new(&r);
	a = pdfupd_alloc(u);
	pdfupd_put(u, a, "<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] >>",
	    "0 0 m", 5, 1);
	f = pdfupd_alloc(u);
	pdfupd_put(u, f, "<< /FT /Sig /T (F) /V << /ByteRange [0 1 2 3] "
	    "/Contents <00> >> >>", NULL, 0, 0);
	if (pdfupd_annot_add(u, 0, f) == 0 && pdfupd_field_add(u, f) == 0) {
		out = pdfupd_finish(u, &len);
		if (len < size || memcmp(out, data, size) != 0)
			abort();	/* the input is no longer a prefix */
		if (r.size + 4 >= (long)PDFREV_MAX_OBJS) {
			/* the numbers it took are past the reader's limit */
		} else if (pdfrev_open(&r2, out, len, "fuzz2.pdf") != 0)
			abort();	/* our own update does not read */
		else {
		if (r2.npage != r.npage)
			abort();
		/* one more field, unless another of the file's was lost
		 * to a loop or a limit (which then holds for both) */
		if (r2.nsig != nsig + 1 && nsig < PDFREV_MAX_SIGS)
			abort();
		}
		pdfrev_free(&r2);
		free(out);
	}
	pdfupd_free(u);
	pdfrev_free(&r);
	msg_reset();
	return 0;
}
