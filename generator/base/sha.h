/* SHA-256 (OpenSSL EVP behind it), for SHA256SUMS and superseded names. */
#ifndef SHA_H
#define SHA_H

#include <stddef.h>

#define SHA_HEX	65		/* 64 hex digits and a NUL */

/* Lower-case hex SHA-256 of buf[0..len) into hex (SHA_HEX bytes). */
void	 sha256_hex(const void *buf, size_t len, char hex[SHA_HEX]);

#endif /* SHA_H */
