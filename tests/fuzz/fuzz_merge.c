/*
 * libFuzzer harness: placeholders.  The input is dispatch.md, then NUL
 * or "\n====\n", then appendix.csv; both are loaded as batch.c does,
 * merge_check runs, and when it passes every row (up to 20) is filled
 * in: kinh_gui always (batch.c names the files from it even when the
 * dispatch has errors), the body when the dispatch has none.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/msg.h"
#include "base/text.h"
#include "fuzz.h"
#include "load/dispatch.h"
#include "load/doc.h"
#include "load/rows.h"
#include "merge/merge.h"

#define MAX_ROWS	20

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	msg_set_silent(1);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dispatch	*d = NULL;
	struct rows	*t;
	const char	*csv;
	char		*buf, *s;
	size_t		 mdlen, csvlen, len, i, k;

	fuzz_split((const char *)data, size, &mdlen, &csv, &csvlen);
	if ((buf = text_load((const char *)data, mdlen, "dispatch.md",
	    &len)) != NULL) {
		d = dispatch_parse(buf, len, "dispatch.md");
		free(buf);
	}
	t = rows_parse(csv, csvlen, "appendix.csv");
	if (d != NULL && t != NULL && merge_check(d, t) == 0)
		for (i = 0; i < t->nrow && i < MAX_ROWS; i++) {
			for (k = 0; k < d->kinh_gui.n; k++) {
				s = merge_text(d->kinh_gui.v[k].text, d, t,
				    &t->row[i]);
				free(s);
			}
			if (d->errors == 0)
				doc_free(merge_doc(d, t, &t->row[i]));
		}
	rows_free(t);
	dispatch_free(d);
	msg_reset();
	return 0;
}
