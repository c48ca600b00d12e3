/* SHA-256 through OpenSSL EVP: the only file that includes an OpenSSL header. */
#include <stdio.h>

#include <openssl/evp.h>

#include "base/msg.h"
#include "base/sha.h"

void
sha256_hex(const void *buf, size_t len, char hex[SHA_HEX])
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 n = 0, i;

	if (!EVP_Digest(buf, len, md, &n, EVP_sha256(), NULL))
		DIE(SHA_SYS_SHA_FAILED);
	for (i = 0; i < n && i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	hex[64] = '\0';
}
