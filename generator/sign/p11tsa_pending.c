/*
 * PENDING, TO BE DELETED when congvan links p11.c and tsa.c (now on main
 * but linked only into tests/sign/signdrv: SIGN_SRCS in the Makefile):
 * stand-ins for keys_p11_open, keys_p11_free and tsa_token.  Each refuses with "not yet built" so that nothing
 * pretends to work: a pkcs11: URI or --tsa fails cleanly (exit 1).
 */
#include <stddef.h>

#include "base/msg.h"
#include "sign/keys.h"

int
keys_p11_open(const char *uri, const char *pin, struct signer_key *k)
{
	MSGT(PENDING_NOT_YET_BUILT, uri, 0, 0, "PKCS#11 tokens");
	return -1;
}

void
keys_p11_free(void *p11)
{
}

int
tsa_token(const char *url, const unsigned char *sig, size_t len,
    unsigned char **tok, size_t *toklen)
{
	MSGT(PENDING_NOT_YET_BUILT, url, 0, 0, "timestamps (--tsa)");
	return -1;
}
