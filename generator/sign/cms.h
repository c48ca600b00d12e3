/*
 * The CMS of a PAdES signature (ETSI EN 319 142-1 §6.3; SIGNING.md
 * §2.1, §2.4, §2.5): made over the two byte ranges of a signed file,
 * and checked for `congvan verify`.
 */
#ifndef CMS_H
#define CMS_H

#include <stddef.h>

#include <openssl/x509.h>

struct signer_key;

/*
 * A detached CAdES SignedData (DER) by key k over buf[br[0]..br[0]+br[1])
 * then buf[br[2]..br[2]+br[3]): SHA-256; signed attributes content-type,
 * message-digest and ESS signing-certificate-v2, no signing-time (PAdES
 * B-B forbids it; OpenSSL 3.0 always adds one, which is taken out and
 * the attributes signed again: SIGNING.md §2.4); the signer's
 * certificate and its chain.  With tsa (a URL, else NULL) an RFC 3161
 * signature-time-stamp over the signature value is added as the
 * unsigned attribute id-aa-signatureTimeStampToken (B-T, tsa_token).
 * RSA PKCS#1 v1.5 signatures are deterministic, so the same bytes and
 * key give the same CMS.  Returns 0 with *der (malloc'd, the caller
 * frees) and *len, or -1 after a message naming what (the key's file
 * or URI).
 */
int	 cms_sign(const struct signer_key *k, const unsigned char *buf,
	    const size_t br[4], const char *tsa, unsigned char **der,
	    size_t *len);

/* What a check found, worst first. */
enum cms_status {
	CMS_ST_OK,		/* valid */
	CMS_ST_BROKEN,		/* not a single-signer SignedData */
	CMS_ST_NO_CERT,		/* the signer's certificate is missing */
	CMS_ST_DIGEST,		/* the covered bytes were changed */
	CMS_ST_SIGNATURE,	/* the signature value is wrong */
	CMS_ST_ESS,		/* the signing-certificate attribute does
				   not bind the signer's certificate */
	CMS_ST__MAX
};

/* The result of cms_check; strings malloc'd (cms_result_free). */
struct cms_result {
	enum cms_status	 status;
	char		*cn;		/* the signer's common name, UTF-8,
					   or NULL */
	int		 trusted;	/* 1, 0, or -1 when no CA given */
	char		*untrusted;	/* why not trusted, or NULL */
	char		*ts_time;	/* the timestamp's genTime as
					   YYYY-MM-DDTHH:MM:SSZ, or NULL */
	int		 ts_ok;		/* 1 the token's signature and
					   imprint are right, 0 not */
	int		 signing_time;	/* 1 when a CMS signing-time
					   attribute is present */
};

/*
 * Check the CMS der[0..len) against buf's byte ranges br (as
 * cms_sign's): the message digest, the signature over the signed
 * attributes, the ESS binding, and with ca (a store, else NULL) the
 * signer's chain at the current time.  Never fails: the findings are in
 * *res (free with cms_result_free).
 */
void	 cms_check(const unsigned char *der, size_t len,
	    const unsigned char *buf, const size_t br[4], X509_STORE *ca,
	    struct cms_result *res);
void	 cms_result_free(struct cms_result *);

/* The CA bundle at path (PEM) as a store, or NULL after a message. */
X509_STORE *cms_store(const char *path);
void	 cms_store_free(X509_STORE *);

#endif /* CMS_H */
