/*
 * The signer's key and certificates, from a PKCS#12 file or a PKCS#11
 * token, and the RFC 3161 timestamp (issue 15; SIGNING.md §2).  The
 * only headers of the sign stage that name OpenSSL types.
 */
#ifndef KEYS_H
#define KEYS_H

#include <stddef.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

/*
 * A key ready to sign with.  key signs (for a token, the operation runs
 * on the token through libp11); cert is its certificate; chain the
 * other certificates to embed (intermediates and root as the file or
 * token holds them, may be empty, never NULL).  p11 is libp11's
 * context for a token, NULL for a file.  Everything is owned by the
 * struct: free with keys_close.
 */
struct signer_key {
	EVP_PKEY	*key;
	X509		*cert;
	STACK_OF(X509)	*chain;
	void		*p11;
	char		*what;		/* the file's path or the URI without
					   its PIN, for messages; owned */
};

/*
 * Open spec: a PKCS#12 file's path, or a "pkcs11:" URI (RFC 7512) of a
 * token's private key (keys_p11_open).  The password or PIN comes from
 * keys_pin.  Returns 0, or -1 after a message naming spec (wrong
 * password/PIN, no key, no certificate, a certificate that does not
 * match the key, unreadable file): exit 1 for the caller.
 */
int	 keys_open(const char *spec, struct signer_key *);

/*
 * The password or PIN for what (a path or URI, for the prompt):
 * CONGVAN_PIN when set; else the first line of the file CONGVAN_PIN_FILE
 * names when set; else a prompt on /dev/tty with echo off (termios),
 * restored on every path.  Never from the command line.  Returns a
 * malloc'd string the caller wipes (OPENSSL_cleanse) and frees, or NULL
 * after a message (no terminal and no variable: the message names
 * CONGVAN_PIN).
 */
char	*keys_pin(const char *what);

/*
 * The token part of keys_open: load libp11's module (the URI's
 * module-path attribute, else CONGVAN_PKCS11_MODULE, else Debian's
 * p11-kit proxy), log in with pin, find the private key and its
 * certificate the URI names (token, object, id), fill k.  Returns 0, or
 * -1 after a message (no module, no token, wrong PIN: the token's own
 * words and the tries left when it says, no such key).
 */
int	 keys_p11_open(const char *uri, const char *pin, struct signer_key *k);

/*
 * Free a token's libp11 state (struct signer_key's p11; NULL is
 * allowed): log out, release the slots, unload the module.  The key
 * signs through this state, so free k->key before (keys_close).
 */
void	 keys_p11_free(void *p11);

/* Free everything k holds (a token: log out, unload); k may be zeroed. */
void	 keys_close(struct signer_key *k);

/*
 * An RFC 3161 timestamp token over the SHA-256 of sig[0..len) (the
 * SignerInfo's signature value: a signature-time-stamp, EN 319 122-1
 * §5.3), from the authority at url (http:// or https://, POSTed as
 * application/timestamp-query, libcurl, a 30 s limit, no proxy unless
 * the environment names one).  The reply is checked: status granted,
 * imprint equal to ours, nonce equal, the token's own signature valid.
 * Returns 0 and the DER token (a ContentInfo; caller frees) in *tok,
 * *toklen, or -1 after a message naming url (unreachable, refused, a
 * bad reply).
 */
int	 tsa_token(const char *url, const unsigned char *sig, size_t len,
	    unsigned char **tok, size_t *toklen);

#endif /* KEYS_H */
