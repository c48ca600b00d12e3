/* libFuzzer harness: dispatch.md (text_load, front matter, Markdown). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/msg.h"
#include "base/text.h"
#include "fuzz.h"
#include "load/dispatch.h"
#include "load/doc.h"

static FILE	*devnull;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	msg_set_silent(1);
	if ((devnull = fopen("/dev/null", "w")) == NULL) {
		perror("/dev/null");
		exit(1);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dispatch	*d;
	char		*buf;
	size_t		 len;

	buf = text_load((const char *)data, size, "dispatch.md", &len);
	if (buf != NULL) {
		d = dispatch_parse(buf, len, "dispatch.md");
		doc_dump(d->body, devnull);
		dispatch_free(d);
		free(buf);
	}
	msg_reset();
	return 0;
}
