/*
 * A test driver for the sign stage's key loader and timestamp client
 * (tests/p11.sh; issue 15), with no PDF around them:
 *   signdrv sign URI DATA OUT   keys_p11_open(URI, $CONGVAN_PIN), then a
 *                               detached CMS (CAdES) over the file DATA
 *                               with the token's key, DER into OUT;
 *                               prints the key type and chain length
 *   signdrv tsa URL DATA OUT    tsa_token over the bytes of DATA, the
 *                               token's DER into OUT
 * OUT is written only on success.  Exit 0; 1 after congvan's messages;
 * 2 for a bad command line; 3 when a file cannot be read or written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/cms.h>
#include <openssl/err.h>

#include "base/msg.h"
#include "sign/keys.h"

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE		*f = fopen(path, "rb");
	unsigned char	*p = NULL;
	long		 n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (p = malloc((size_t)n + 1)) ==
	    NULL || fread(p, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(3);
	}
	fclose(f);
	*len = (size_t)n;
	return p;
}

static void
spit(const char *path, const unsigned char *p, size_t len)
{
	FILE	*f = fopen(path, "wb");

	if (f == NULL || fwrite(p, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(3);
	}
}

static int
sign(const char *uri, const char *data, const char *out)
{
	struct signer_key	 k;
	CMS_ContentInfo		*cms;
	BIO			*in;
	unsigned char		*buf, *der = NULL;
	size_t			 len;
	int			 n;

	memset(&k, 0, sizeof(k));
	buf = slurp(data, &len);
	if (keys_p11_open(uri, getenv("CONGVAN_PIN"), &k) != 0) {
		free(buf);
		return 1;
	}
	printf("key %s, chain %d, what %s\n",
	    EVP_PKEY_get_base_id(k.key) == EVP_PKEY_EC ? "EC" : "RSA",
	    sk_X509_num(k.chain), k.what);
	if ((in = BIO_new_mem_buf(buf, (int)len)) == NULL ||
	    (cms = CMS_sign(k.cert, k.key, k.chain, in, CMS_DETACHED |
	    CMS_BINARY | CMS_NOSMIMECAP | CMS_CADES)) == NULL ||
	    (n = i2d_CMS_ContentInfo(cms, &der)) <= 0) {
		ERR_print_errors_fp(stdout);
		puts("signdrv: CMS_sign failed");
		exit(3);
	}
	spit(out, der, (size_t)n);
	OPENSSL_free(der);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	free(buf);
	EVP_PKEY_free(k.key);
	X509_free(k.cert);
	sk_X509_pop_free(k.chain, X509_free);
	keys_p11_free(k.p11);
	free(k.what);
	return 0;
}

static int
tsa(const char *url, const char *data, const char *out)
{
	unsigned char	*buf, *tok;
	size_t		 len, toklen;

	buf = slurp(data, &len);
	if (tsa_token(url, buf, len, &tok, &toklen) != 0) {
		free(buf);
		return 1;
	}
	spit(out, tok, toklen);
	printf("token %zu bytes\n", toklen);
	free(tok);
	free(buf);
	return 0;
}

int
main(int argc, char *argv[])
{
	int	 rc;

	if (argc != 5) {
		fputs("usage: signdrv sign|tsa URI|URL DATA OUT\n", stderr);
		return 2;
	}
	if (strcmp(argv[1], "sign") == 0)
		rc = sign(argv[2], argv[3], argv[4]);
	else if (strcmp(argv[1], "tsa") == 0)
		rc = tsa(argv[2], argv[3], argv[4]);
	else {
		fputs("usage: signdrv sign|tsa URI|URL DATA OUT\n", stderr);
		return 2;
	}
	msg_flush();
	return rc;
}
