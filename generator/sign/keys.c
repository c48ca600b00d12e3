/* The signer's key: PKCS#12 files, tokens through keys_p11_open, the PIN. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>

#include "base/msg.h"
#include "base/xalloc.h"
#include "sign/keys.h"

#define PIN_MAX	256	/* bytes of a password or PIN */

/* The first line of s, cut at its line end, as a malloc'd string. */
static char *
line_of(const char *s, size_t n)
{
	size_t	 k = 0;

	while (k < n && s[k] != '\n' && s[k] != '\r')
		k++;
	return xstrndup(s, k);
}

/* Read a line from fd without echo when it is a terminal. */
static char *
tty_read(int fd, const char *what)
{
	struct termios	 old, quiet;
	char		 b[PIN_MAX + 1], *s;
	size_t		 n = 0;
	ssize_t		 r;
	char		 c;
	int		 restore = 0;
	FILE		*out;

	if (tcgetattr(fd, &old) == 0) {
		quiet = old;
		quiet.c_lflag &= (tcflag_t)~(ECHO | ECHONL);
		quiet.c_lflag |= ICANON;
		if (tcsetattr(fd, TCSAFLUSH, &quiet) == 0)
			restore = 1;
	}
	if ((out = fdopen(dup(fd), "w")) != NULL) {
		fprintf(out, MSGTXT_KEYS_PROMPT, what);
		fclose(out);
	}
	while ((r = read(fd, &c, 1)) == 1 && c != '\n' && c != '\r')
		if (n < PIN_MAX)
			b[n++] = c;
	if (restore) {
		(void)tcsetattr(fd, TCSAFLUSH, &old);
		/* the line end the hidden answer did not echo */
		(void)!write(fd, "\n", 1);
	}
	b[n] = '\0';
	s = r < 0 ? NULL : xstrdup(b);
	OPENSSL_cleanse(b, sizeof(b));
	return s;
}

char *
keys_pin(const char *what)
{
	const char	*v;
	char		 b[PIN_MAX + 1], *s;
	ssize_t		 n;
	int		 fd;

	if ((v = getenv("CONGVAN_PIN")) != NULL)
		return xstrdup(v);
	if ((v = getenv("CONGVAN_PIN_FILE")) != NULL) {
		if ((fd = open(v, O_RDONLY)) < 0 ||
		    (n = read(fd, b, PIN_MAX)) < 0) {
			MSGT(KEYS_PIN_FILE, v, 0, 0, strerror(errno));
			if (fd >= 0)
				close(fd);
			return NULL;
		}
		close(fd);
		s = line_of(b, (size_t)n);
		OPENSSL_cleanse(b, sizeof(b));
		return s;
	}
	if ((fd = open("/dev/tty", O_RDWR | O_NOCTTY)) < 0) {
		MSGT(KEYS_NO_TERMINAL, what, 0, 0);
		return NULL;
	}
	s = tty_read(fd, what);
	close(fd);
	if (s == NULL)
		MSGT(KEYS_NO_TERMINAL, what, 0, 0);
	return s;
}

/* A PKCS#12 file into k. */
static int
p12_open(const char *path, struct signer_key *k)
{
	FILE		*f;
	PKCS12		*p12 = NULL;
	char		*pin = NULL;
	int		 rc = -1;
	STACK_OF(X509)	*ca = NULL;
	OSSL_PROVIDER	*legacy;

	if ((f = fopen(path, "rb")) == NULL) {
		MSGT(KEYS_UNREADABLE, path, 0, 0, strerror(errno));
		return -1;
	}
	/* old files (RC2-40, 3DES) need the legacy provider; new ones not */
	legacy = OSSL_PROVIDER_try_load(NULL, "legacy", 1);
	ERR_clear_error();
	p12 = d2i_PKCS12_fp(f, NULL);
	fclose(f);
	if (p12 == NULL) {
		MSGT(KEYS_NOT_PKCS12, path, 0, 0);
		goto out;
	}
	if ((pin = keys_pin(path)) == NULL)
		goto out;
	if (PKCS12_mac_present(p12) && !PKCS12_verify_mac(p12, pin, -1)) {
		MSGT(KEYS_WRONG_PASSWORD, path, 0, 0);
		goto out;
	}
	if (!PKCS12_parse(p12, pin, &k->key, &k->cert, &ca)) {
		MSGT(KEYS_P12_UNREADABLE, path, 0, 0,
		    ERR_reason_error_string(ERR_peek_last_error()) != NULL ?
		    ERR_reason_error_string(ERR_peek_last_error()) : "?");
		goto out;
	}
	k->chain = ca != NULL ? ca : sk_X509_new_null();
	ca = NULL;
	if (k->key == NULL || k->cert == NULL) {
		MSGT(KEYS_NO_KEY_CERT, path, 0, 0);
		goto out;
	}
	if (X509_check_private_key(k->cert, k->key) != 1) {
		MSGT(KEYS_KEY_CERT_MISMATCH, path, 0, 0);
		goto out;
	}
	rc = 0;
out:
	sk_X509_pop_free(ca, X509_free);
	if (pin != NULL) {
		OPENSSL_cleanse(pin, strlen(pin));
		free(pin);
	}
	PKCS12_free(p12);
	if (legacy != NULL)
		OSSL_PROVIDER_unload(legacy);
	ERR_clear_error();
	return rc;
}

int
keys_open(const char *spec, struct signer_key *k)
{
	char	*pin;
	int	 rc;

	memset(k, 0, sizeof(*k));
	if (strncmp(spec, "pkcs11:", 7) == 0) {
		const char	*p = strstr(spec, "pin-value=");

		k->what = p == NULL ? xstrdup(spec) : xstrndup(spec,
		    (size_t)(p - spec));
		if ((pin = keys_pin(k->what)) == NULL)
			rc = -1;
		else {
			rc = keys_p11_open(spec, pin, k);
			OPENSSL_cleanse(pin, strlen(pin));
			free(pin);
		}
	} else {
		k->what = xstrdup(spec);
		rc = p12_open(spec, k);
	}
	if (rc == 0) {
		int	 id = EVP_PKEY_get_base_id(k->key);

		if (id != EVP_PKEY_RSA && id != EVP_PKEY_EC) {
			MSGT(KEYS_KEY_TYPE, k->what, 0, 0);
			rc = -1;
		}
	}
	if (rc != 0) {
		char	*w = k->what;

		k->what = NULL;
		keys_close(k);
		free(w);
		return -1;
	}
	return 0;
}

void
keys_close(struct signer_key *k)
{
	EVP_PKEY_free(k->key);
	X509_free(k->cert);
	sk_X509_pop_free(k->chain, X509_free);
	free(k->what);
	keys_p11_free(k->p11);	/* after the key, which signs through it */
	memset(k, 0, sizeof(*k));
}
