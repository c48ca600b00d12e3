/*
 * libFuzzer harness: a template (tmpl_parse), which a clerk or an
 * office may edit: every key, its type and its Decree 30 range.
 */
#include <stddef.h>
#include <stdint.h>

#include "base/msg.h"
#include "fuzz.h"
#include "load/tmpl.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	msg_set_silent(1);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tmpl_free(tmpl_parse((const char *)data, size, "cong-van.yaml"));
	msg_reset();
	return 0;
}
