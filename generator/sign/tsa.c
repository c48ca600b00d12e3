/* An RFC 3161 timestamp over HTTP, with libcurl and OpenSSL's TS API (issue 15). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/ts.h>

#include "base/buf.h"
#include "base/msg.h"
#include "base/xalloc.h"
#include "sign/keys.h"

#define TSA_SECONDS	30		/* the whole exchange, connect included */
#define TSA_MAX_REPLY	(1L << 20)	/* a reply is a few KB; more is not one */

/* libcurl's write callback: the reply into a struct buf, up to
 * TSA_MAX_REPLY (past it, 0 makes libcurl stop with CURLE_WRITE_ERROR). */
static size_t
reply_add(char *p, size_t size, size_t n, void *arg)
{
	struct buf	*b = arg;

	if (n != 0 && size > (size_t)TSA_MAX_REPLY / n)
		return 0;
	if (b->len + size * n > (size_t)TSA_MAX_REPLY)
		return 0;
	buf_add(b, p, size * n);
	return size * n;
}

/*
 * A TimeStampReq (RFC 3161 §2.4.1) for the SHA-256 of sig[0..len):
 * version 1, certReq true, a random 63-bit nonce.  Returns the request,
 * which the caller frees (TS_REQ_free).
 */
static TS_REQ *
req_new(const unsigned char *sig, size_t len)
{
	unsigned char	 md[32], rnd[8];
	unsigned int	 mdlen = 0;
	TS_REQ		*req;
	TS_MSG_IMPRINT	*imp;
	X509_ALGOR	*alg;
	BIGNUM		*bn;
	ASN1_INTEGER	*nonce;

	if (!EVP_Digest(sig, len, md, &mdlen, EVP_sha256(), NULL))
		DIE(SHA_SYS_SHA_FAILED);
	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		DIE(TSA_SYS_RANDOM);
	rnd[0] &= 0x7f;
	if ((req = TS_REQ_new()) == NULL || (imp = TS_MSG_IMPRINT_new()) ==
	    NULL || (alg = X509_ALGOR_new()) == NULL ||
	    (bn = BN_bin2bn(rnd, sizeof(rnd), NULL)) == NULL ||
	    (nonce = BN_to_ASN1_INTEGER(bn, NULL)) == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	BN_free(bn);
	if (!X509_ALGOR_set0(alg, OBJ_nid2obj(NID_sha256), V_ASN1_NULL,
	    NULL) || !TS_MSG_IMPRINT_set_algo(imp, alg) ||
	    !TS_MSG_IMPRINT_set_msg(imp, md, (int)mdlen) ||
	    !TS_REQ_set_version(req, 1) ||
	    !TS_REQ_set_msg_imprint(req, imp) ||
	    !TS_REQ_set_nonce(req, nonce) || !TS_REQ_set_cert_req(req, 1))
		DIE(SYS_OUT_OF_MEMORY);
	X509_ALGOR_free(alg);
	TS_MSG_IMPRINT_free(imp);
	ASN1_INTEGER_free(nonce);
	return req;
}

/*
 * POST der to url.  Returns 0 with the reply in *reply, or -1 after a
 * message naming url (unreachable, timed out, an HTTP error).
 */
static int
post(const char *url, const unsigned char *der, int len, struct buf *reply,
    char **ctype, long *code)
{
	CURL			*c;
	struct curl_slist	*hdr = NULL;
	char			 err[CURL_ERROR_SIZE];
	const char		*ct = NULL;
	CURLcode		 rc;

	*ctype = NULL;
	*code = 0;
	err[0] = '\0';
	if ((c = curl_easy_init()) == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	if ((hdr = curl_slist_append(hdr,
	    "Content-Type: application/timestamp-query")) == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)TSA_SECONDS);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "congvan");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, der);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)len);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, reply_add);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, reply);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
	rc = curl_easy_perform(c);
	if (rc == CURLE_WRITE_ERROR) {
		MSGT(TSA_REPLY_TOO_LARGE, url, 0, 0, TSA_MAX_REPLY);
		goto fail;
	}
	if (rc == CURLE_OPERATION_TIMEDOUT) {
		MSGT(TSA_TIMED_OUT, url, 0, 0, TSA_SECONDS);
		goto fail;
	}
	if (rc != CURLE_OK) {
		MSGT(TSA_UNREACHABLE, url, 0, 0,
		    err[0] != '\0' ? err : curl_easy_strerror(rc));
		goto fail;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, code);
	curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
	*ctype = xstrdup(ct != NULL ? ct : "no Content-Type");
	curl_slist_free_all(hdr);
	curl_easy_cleanup(c);
	return 0;
fail:
	curl_slist_free_all(hdr);
	curl_easy_cleanup(c);
	return -1;
}

/* The status of a reply that is not granted, for a message: its name,
 * then its text or failure bits.  Caller frees. */
static char *
status_text(TS_RESP *resp)
{
	static const char *const names[] = { "granted",
	    "grantedWithMods", "rejection", "waiting",
	    "revocationWarning", "revocationNotification" };
	static const struct { int bit; const char *name; } fails[] = {
		{ 0, "badAlg" }, { 2, "badRequest" }, { 5, "badDataFormat" },
		{ 14, "timeNotAvailable" }, { 15, "unacceptedPolicy" },
		{ 16, "unacceptedExtension" }, { 17, "addInfoNotAvailable" },
		{ 25, "systemFailure" },
	};
	TS_STATUS_INFO		*si = TS_RESP_get_status_info(resp);
	const STACK_OF(ASN1_UTF8STRING) *text = TS_STATUS_INFO_get0_text(si);
	const ASN1_BIT_STRING	*fi = TS_STATUS_INFO_get0_failure_info(si);
	long			 st = ASN1_INTEGER_get(
				    TS_STATUS_INFO_get0_status(si));
	struct buf		 b = BUF_INIT;
	ASN1_UTF8STRING		*t;
	size_t			 i;
	int			 j;

	if (st >= 0 && st < (long)(sizeof(names) / sizeof(names[0])))
		buf_adds(&b, names[st]);
	else {
		buf_adds(&b, "status ");
		buf_uint(&b, (unsigned long long)st);
	}
	for (j = 0; text != NULL && j < sk_ASN1_UTF8STRING_num(text); j++) {
		t = sk_ASN1_UTF8STRING_value(text, j);
		buf_adds(&b, j == 0 ? ", \"" : " ");
		buf_add(&b, ASN1_STRING_get0_data(t),
		    (size_t)ASN1_STRING_length(t));
		if (j == sk_ASN1_UTF8STRING_num(text) - 1)
			buf_adds(&b, "\"");
	}
	for (i = 0; fi != NULL && i < sizeof(fails) / sizeof(fails[0]); i++)
		if (ASN1_BIT_STRING_get_bit(fi, fails[i].bit)) {
			buf_adds(&b, ", ");
			buf_adds(&b, fails[i].name);
		}
	return (char *)b.p;
}

/* OpenSSL's last error reason, for a message. */
static const char *
ossl_why(void)
{
	const char	*s = ERR_reason_error_string(ERR_peek_last_error());

	return s != NULL ? s : "no reason given";
}

/*
 * Check that resp answers req (granted, the imprint and nonce ours) and
 * that its token is signed by the certificate it carries (no trust
 * decision: congvan verify makes that one).  Returns the token's DER in
 * *tok (malloc'd), or -1 after a message naming url.
 */
static int
resp_check(const char *url, TS_REQ *req, TS_RESP *resp, unsigned char **tok,
    size_t *toklen)
{
	TS_VERIFY_CTX		*vctx = NULL;
	CMS_ContentInfo		*cms = NULL;
	STACK_OF(X509)		*certs = NULL;
	const unsigned char	*q;
	unsigned char		*der = NULL;
	char			*st;
	long			 status;
	int			 n, rc = -1;

	status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(
	    TS_RESP_get_status_info(resp)));
	if (status != 0 && status != 1) {
		st = status_text(resp);
		MSGT(TSA_REFUSED, url, 0, 0, st);
		free(st);
		return -1;
	}
	/* (d2i_TS_RESP refuses a granted reply without a token.) */
	if ((vctx = TS_REQ_to_TS_VERIFY_CTX(req, NULL)) == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	/* Ours, not the signature's chain: that is a trust decision. */
	TS_VERIFY_CTX_set_flags(vctx, TS_VFY_VERSION | TS_VFY_IMPRINT |
	    TS_VFY_NONCE);
	if (!TS_RESP_verify_response(vctx, resp)) {
		MSGT(TSA_NOT_OUR_REPLY, url, 0, 0, ossl_why());
		goto out;
	}
	if ((n = i2d_PKCS7(TS_RESP_get_token(resp), &der)) <= 0)
		DIE(SYS_OUT_OF_MEMORY);
	q = der;
	if ((cms = d2i_CMS_ContentInfo(NULL, &q, n)) == NULL) {
		MSGT(TSA_BAD_TOKEN_SIGNATURE, url, 0, 0, ossl_why());
		goto out;
	}
	certs = CMS_get1_certs(cms);
	if (certs == NULL || sk_X509_num(certs) == 0) {
		MSGT(TSA_TOKEN_NO_CERT, url, 0, 0);
		goto out;
	}
	if (!CMS_verify(cms, NULL, NULL, NULL, NULL,
	    CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY)) {
		MSGT(TSA_BAD_TOKEN_SIGNATURE, url, 0, 0, ossl_why());
		goto out;
	}
	*tok = xmalloc((size_t)n);
	memcpy(*tok, der, (size_t)n);
	*toklen = (size_t)n;
	rc = 0;
out:
	sk_X509_pop_free(certs, X509_free);
	CMS_ContentInfo_free(cms);
	OPENSSL_free(der);
	TS_VERIFY_CTX_free(vctx);
	return rc;
}

int
tsa_token(const char *url, const unsigned char *sig, size_t len,
    unsigned char **tok, size_t *toklen)
{
	TS_REQ			*req = NULL;
	TS_RESP			*resp = NULL;
	struct buf		 reply = BUF_INIT;
	unsigned char		*der = NULL;
	const unsigned char	*q;
	char			*ctype = NULL;
	long			 code;
	int			 n, rc = -1;

	*tok = NULL;
	*toklen = 0;
	if (strncmp(url, "http://", 7) != 0 &&
	    strncmp(url, "https://", 8) != 0) {
		MSGT(TSA_URL_SCHEME, url, 0, 0);
		return -1;
	}
	ERR_clear_error();
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		DIE(SYS_OUT_OF_MEMORY);
	req = req_new(sig, len);
	if ((n = i2d_TS_REQ(req, &der)) <= 0)
		DIE(SYS_OUT_OF_MEMORY);
	if (post(url, der, n, &reply, &ctype, &code) != 0)
		goto out;
	if (code != 200) {
		MSGT(TSA_HTTP_STATUS, url, 0, 0, code, ctype);
		goto out;
	}
	q = reply.p;
	if (reply.len == 0 || reply.len > LONG_MAX ||
	    (resp = d2i_TS_RESP(NULL, &q, (long)reply.len)) == NULL ||
	    q != reply.p + reply.len) {
		MSGT(TSA_NOT_TS_REPLY, url, 0, 0, ctype, reply.len);
		goto out;
	}
	rc = resp_check(url, req, resp, tok, toklen);
out:
	TS_RESP_free(resp);
	TS_REQ_free(req);
	OPENSSL_free(der);
	buf_free(&reply);
	free(ctype);
	curl_global_cleanup();
	ERR_clear_error();
	return rc;
}
