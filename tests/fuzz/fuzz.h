/* Shared by the fuzz harnesses: split one input into dispatch.md and
 * appendix.csv, and the libFuzzer entry points. */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define FUZZ_SEP	"\n====\n"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Split buf[0..len) at the first NUL or "\n====\n", whichever comes
 * first: dispatch.md before, appendix.csv after.  Without either, the
 * whole input is dispatch.md and the appendix is empty.
 */
static inline void
fuzz_split(const char *buf, size_t len, size_t *mdlen, const char **csv,
    size_t *csvlen)
{
	const char	*nul, *sep = NULL;
	size_t		 i, cut = len, skip = 0;

	nul = memchr(buf, '\0', len);
	for (i = 0; i + sizeof(FUZZ_SEP) - 1 <= len; i++) {
		if (nul != NULL && buf + i > nul)
			break;
		if (memcmp(buf + i, FUZZ_SEP, sizeof(FUZZ_SEP) - 1) == 0) {
			sep = buf + i;
			break;
		}
	}
	if (sep != NULL && (nul == NULL || sep < nul)) {
		cut = (size_t)(sep - buf);
		skip = sizeof(FUZZ_SEP) - 1;
	} else if (nul != NULL) {
		cut = (size_t)(nul - buf);
		skip = 1;
	}
	*mdlen = cut;
	*csv = buf + cut + skip;
	*csvlen = cut + skip <= len ? len - cut - skip : 0;
}

#endif /* FUZZ_H */
