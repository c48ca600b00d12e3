/* libFuzzer harness: appendix.csv (rows_parse, which runs text_load). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/msg.h"
#include "fuzz.h"
#include "load/rows.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	msg_set_silent(1);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rows	*t;
	size_t		 i;

	t = rows_parse((const char *)data, size, "appendix.csv");
	if (t != NULL) {
		/* Touch every cell: each must be a C string. */
		for (i = 0; i < t->ncol; i++)
			(void)rows_col(t, t->header[i]);
		for (i = 0; i < t->nrow; i++)
			if (t->ncol > 0)
				(void)strlen(t->row[i].cell[t->ncol - 1]);
	}
	rows_free(t);
	msg_reset();
	return 0;
}
