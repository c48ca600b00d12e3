/*
 * libFuzzer harness: register.csv, the file clerks edit in Excel
 * (reg_parse).  A register that parses is numbered (reg_auto), checked
 * (reg_check), given a row if its number is free (reg_put) and written
 * (reg_csv); what is written must parse again to the same bytes (a
 * round trip that loses nothing the clerk typed).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "archive/regbook.h"
#include "base/msg.h"
#include "base/xalloc.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	msg_set_silent(1);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct regbook	*b, *again;
	struct reg_row	*r;
	char		*csv, *csv2;
	size_t		 len, len2;
	struct date	 dt = { 2022, 4, 5 };
	long		 so;
	int		 j;

	if ((b = reg_parse((const char *)data, size, "register.csv")) == NULL)
		goto out;
	so = reg_auto(b, &dt, "BTTTT-CATTT", "triển khai", 0, 0, 0);
	if (so == -1)
		goto out;	/* the dispatch twice: said, as a build does */
	if (so < 1)
		abort();
	(void)reg_find(b, so, &dt, "BTTTT-CATTT", "triển khai");
	/* As an issued build: the row goes in when its number is free. */
	if (reg_check(b, so, &dt, "BTTTT-CATTT", "triển khai", 0, 0) == 0) {
		r = xcalloc(1, sizeof(*r));
		for (j = 0; j < REG_NCOL; j++)
			r->cell[j] = j == REG_TRICH_YEU ?
			    reg_trich_yeu("triển khai") :
			    j == REG_SO_KY_HIEU ?
			    xasprintf("%02ld/BTTTT-CATTT", so) :
			    xstrdup(j == REG_NGAY ? "05/04/2022" :
			    "=x, \"y\"; +84");
		reg_put(b, r);
		free(r);
	}
	csv = reg_csv(b, &len);
	if ((again = reg_parse(csv, len, "register.csv")) == NULL)
		abort();	/* what we write must read back */
	csv2 = reg_csv(again, &len2);
	if (len != len2 || memcmp(csv, csv2, len) != 0)
		abort();	/* and say the same */
	free(csv2);
	free(csv);
	reg_free(again);
out:
	reg_free(b);
	msg_reset();
	return 0;
}
