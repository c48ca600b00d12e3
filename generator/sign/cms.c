/* PAdES CMS with OpenSSL 3: signing (B-B, B-T) and checking. */
#include <stdlib.h>
#include <string.h>

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/evp.h>
#include <openssl/pkcs7.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include "base/msg.h"
#include "base/xalloc.h"
#include "sign/cms.h"
#include "sign/keys.h"

/* The two ranges of buf as one memory BIO (a copy). */
static BIO *
ranges_bio(const unsigned char *buf, const size_t br[4])
{
	BIO	*b = BIO_new(BIO_s_mem());

	if (b == NULL || BIO_write(b, buf + br[0], (int)br[1]) != (int)br[1] ||
	    BIO_write(b, buf + br[2], (int)br[3]) != (int)br[3])
		DIE(SYS_OUT_OF_MEMORY);
	return b;
}

/* OpenSSL's last error as text (static storage). */
static const char *
ssl_why(void)
{
	static char	 s[256];
	unsigned long	 e = ERR_peek_last_error();

	if (e == 0)
		return "no reason given";
	ERR_error_string_n(e, s, sizeof(s));
	return s;
}

#ifndef CMS_NO_SIGNING_TIME
/*
 * OpenSSL 3.0 always adds signing-time (SIGNING.md §2.4): delete it and
 * sign the remaining signed attributes (DER, sorted as a SET OF) again.
 */
static int
signing_time_drop(CMS_SignerInfo *si, EVP_PKEY *key)
{
	STACK_OF(X509_ATTRIBUTE)	*sk = NULL;
	unsigned char			*abuf = NULL, *sig = NULL;
	int				 alen, idx, rc = -1;
	size_t				 slen = 0;
	EVP_MD_CTX			*md = NULL;

	if ((idx = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime,
	    -1)) < 0)
		return 0;
	X509_ATTRIBUTE_free(CMS_signed_delete_attr(si, idx));
	if ((sk = sk_X509_ATTRIBUTE_new_null()) == NULL)
		goto out;
	for (idx = 0; idx < CMS_signed_get_attr_count(si); idx++)
		if (!sk_X509_ATTRIBUTE_push(sk, CMS_signed_get_attr(si, idx)))
			goto out;
	alen = ASN1_item_i2d((ASN1_VALUE *)sk, &abuf,
	    ASN1_ITEM_rptr(PKCS7_ATTR_SIGN));
	if (alen <= 0 || (md = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, key) != 1 ||
	    EVP_DigestSign(md, NULL, &slen, abuf, (size_t)alen) != 1)
		goto out;
	sig = xmalloc(slen);
	if (EVP_DigestSign(md, sig, &slen, abuf, (size_t)alen) != 1 ||
	    !ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), sig,
	    (int)slen))
		goto out;
	rc = 0;
out:
	sk_X509_ATTRIBUTE_free(sk);
	OPENSSL_free(abuf);
	free(sig);
	EVP_MD_CTX_free(md);
	return rc;
}
#endif

int
cms_sign(const struct signer_key *k, const unsigned char *buf,
    const size_t br[4], const char *tsa, unsigned char **der, size_t *len)
{
	unsigned int	 flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL |
	    CMS_NOSMIMECAP | CMS_CADES;
	CMS_ContentInfo	*cms = NULL;
	CMS_SignerInfo	*si;
	BIO		*in = NULL;
	ASN1_OCTET_STRING *sv;
	unsigned char	*tok = NULL, *p = NULL;
	size_t		 toklen = 0;
	int		 n, rc = -1;

#ifdef CMS_NO_SIGNING_TIME
	flags |= CMS_NO_SIGNING_TIME;
#endif
	*der = NULL;
	ERR_clear_error();
	in = ranges_bio(buf, br);
	if ((cms = CMS_sign(NULL, NULL, NULL, NULL, flags)) == NULL ||
	    (si = CMS_add1_signer(cms, k->cert, k->key, EVP_sha256(),
	    flags)) == NULL)
		goto fail;
	for (int i = 0; i < sk_X509_num(k->chain); i++)
		if (!CMS_add1_cert(cms, sk_X509_value(k->chain, i)))
			goto fail;
	if (!CMS_final(cms, in, NULL, flags & ~CMS_PARTIAL))
		goto fail;
#ifndef CMS_NO_SIGNING_TIME
	if (signing_time_drop(si, k->key) != 0)
		goto fail;
#endif
	if (tsa != NULL) {
		sv = CMS_SignerInfo_get0_signature(si);
		if (tsa_token(tsa, ASN1_STRING_get0_data(sv),
		    (size_t)ASN1_STRING_length(sv), &tok, &toklen) != 0)
			goto out;
		if (!CMS_unsigned_add1_attr_by_NID(si,
		    NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, tok,
		    (int)toklen))
			goto fail;
	}
	if ((n = i2d_CMS_ContentInfo(cms, &p)) <= 0)
		goto fail;
	*der = xmalloc((size_t)n);
	memcpy(*der, p, (size_t)n);
	*len = (size_t)n;
	OPENSSL_free(p);
	rc = 0;
	goto out;
fail:
	MSGT(CMS_SIGN_FAILED, k->what, 0, 0, ssl_why());
out:
	free(tok);
	BIO_free(in);
	CMS_ContentInfo_free(cms);
	return rc;
}

/* The common name of x as UTF-8 (malloc'd), or NULL. */
static char *
cn_of(X509 *x)
{
	X509_NAME	*nm = X509_get_subject_name(x);
	int		 i = X509_NAME_get_index_by_NID(nm, NID_commonName, -1);
	unsigned char	*u = NULL;
	char		*s;
	int		 n;

	if (i < 0 || (n = ASN1_STRING_to_UTF8(&u,
	    X509_NAME_ENTRY_get_data(X509_NAME_get_entry(nm, i)))) < 0)
		return NULL;
	s = xstrndup((const char *)u, (size_t)n);
	OPENSSL_free(u);
	for (char *c = s; *c != '\0'; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	return s;
}

/* The signature-time-stamp of si, if any, into res. */
static void
ts_check(CMS_SignerInfo *si, X509_STORE *ca, struct cms_result *res)
{
	int			 idx;
	X509_ATTRIBUTE		*a;
	ASN1_TYPE		*t;
	const unsigned char	*p;
	PKCS7			*p7 = NULL;
	TS_TST_INFO		*tst = NULL;
	TS_MSG_IMPRINT		*mi;
	const EVP_MD		*md;
	ASN1_OCTET_STRING	*sv, *want;
	unsigned char		 h[EVP_MAX_MD_SIZE];
	unsigned int		 hl;
	const ASN1_GENERALIZEDTIME *gt;
	struct tm		 tm;
	TS_VERIFY_CTX		*vc = NULL;

	idx = CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken,
	    -1);
	if (idx < 0)
		return;
	res->ts_time = xstrdup("?");
	if ((a = CMS_unsigned_get_attr(si, idx)) == NULL ||
	    (t = X509_ATTRIBUTE_get0_type(a, 0)) == NULL ||
	    t->type != V_ASN1_SEQUENCE)
		return;
	p = t->value.sequence->data;
	if ((p7 = d2i_PKCS7(NULL, &p, t->value.sequence->length)) == NULL ||
	    (tst = PKCS7_to_TS_TST_INFO(p7)) == NULL)
		goto out;
	gt = TS_TST_INFO_get_time(tst);
	if (gt != NULL && ASN1_TIME_to_tm(gt, &tm) == 1) {
		free(res->ts_time);
		res->ts_time = xasprintf("%04d-%02d-%02dT%02d:%02d:%02dZ",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		    tm.tm_min, tm.tm_sec);
	}
	mi = TS_TST_INFO_get_msg_imprint(tst);
	sv = CMS_SignerInfo_get0_signature(si);
	want = TS_MSG_IMPRINT_get_msg(mi);
	if ((md = EVP_get_digestbyobj(TS_MSG_IMPRINT_get_algo(mi)->algorithm))
	    == NULL || !EVP_Digest(ASN1_STRING_get0_data(sv),
	    (size_t)ASN1_STRING_length(sv), h, &hl, md, NULL) ||
	    (int)hl != ASN1_STRING_length(want) ||
	    memcmp(h, ASN1_STRING_get0_data(want), hl) != 0)
		goto out;
	if (ca != NULL) {
		if ((vc = TS_VERIFY_CTX_new()) == NULL ||
		    !X509_STORE_up_ref(ca))
			goto out;
		TS_VERIFY_CTX_set_flags(vc, TS_VFY_SIGNATURE);
		TS_VERIFY_CTX_set_store(vc, ca);
		res->ts_ok = TS_RESP_verify_token(vc, p7) == 1;
	} else
		res->ts_ok = PKCS7_verify(p7, NULL, NULL, NULL, NULL,
		    PKCS7_NOVERIFY) == 1;
out:
	TS_VERIFY_CTX_free(vc);
	TS_TST_INFO_free(tst);
	PKCS7_free(p7);
}

/* 0 when si's signing-certificate-v2 (or v1) attribute names signer. */
static int
ess_check(CMS_SignerInfo *si, X509 *signer)
{
	ASN1_STRING		*a1, *a2;
	const unsigned char	*p;
	ESS_SIGNING_CERT	*ss = NULL;
	ESS_SIGNING_CERT_V2	*ss2 = NULL;
	STACK_OF(X509)		*chain = sk_X509_new_null();
	int			 rc = -1;

	a1 = CMS_signed_get0_data_by_OBJ(si,
	    OBJ_nid2obj(NID_id_smime_aa_signingCertificate), -3,
	    V_ASN1_SEQUENCE);
	a2 = CMS_signed_get0_data_by_OBJ(si,
	    OBJ_nid2obj(NID_id_smime_aa_signingCertificateV2), -3,
	    V_ASN1_SEQUENCE);
	if (a1 != NULL && (p = ASN1_STRING_get0_data(a1),
	    ss = d2i_ESS_SIGNING_CERT(NULL, &p, ASN1_STRING_length(a1))) ==
	    NULL)
		goto out;
	if (a2 != NULL && (p = ASN1_STRING_get0_data(a2),
	    ss2 = d2i_ESS_SIGNING_CERT_V2(NULL, &p, ASN1_STRING_length(a2))) ==
	    NULL)
		goto out;
	if (chain == NULL || !sk_X509_push(chain, signer))
		goto out;
	if (OSSL_ESS_check_signing_certs(ss, ss2, chain, 1) > 0)
		rc = 0;
out:
	sk_X509_free(chain);
	ESS_SIGNING_CERT_free(ss);
	ESS_SIGNING_CERT_V2_free(ss2);
	return rc;
}

void
cms_check(const unsigned char *der, size_t len, const unsigned char *buf,
    const size_t br[4], X509_STORE *ca, struct cms_result *res)
{
	const unsigned char	*p = der;
	CMS_ContentInfo		*cms = NULL;
	STACK_OF(CMS_SignerInfo) *sis;
	CMS_SignerInfo		*si;
	X509			*signer = NULL;
	X509_ALGOR		*dig = NULL;
	const EVP_MD		*md;
	ASN1_OCTET_STRING	*want;
	STACK_OF(X509)		*certs = NULL;
	X509_STORE_CTX		*xc = NULL;
	unsigned char		 h[EVP_MAX_MD_SIZE];
	unsigned int		 hl = 0;
	EVP_MD_CTX		*mc = NULL;

	memset(res, 0, sizeof(*res));
	res->trusted = -1;
	res->status = CMS_ST_BROKEN;
	ERR_clear_error();
	if (len > 0x7fffffff ||
	    (cms = d2i_CMS_ContentInfo(NULL, &p, (long)len)) == NULL ||
	    OBJ_obj2nid(CMS_get0_type(cms)) != NID_pkcs7_signed ||
	    (sis = CMS_get0_SignerInfos(cms)) == NULL ||
	    sk_CMS_SignerInfo_num(sis) != 1)
		goto out;
	si = sk_CMS_SignerInfo_value(sis, 0);
	res->status = CMS_ST_NO_CERT;
	CMS_set1_signers_certs(cms, NULL, 0);
	CMS_SignerInfo_get0_algs(si, NULL, &signer, &dig, NULL);
	if (signer == NULL)
		goto out;
	res->cn = cn_of(signer);
	res->signing_time = CMS_signed_get_attr_by_NID(si,
	    NID_pkcs9_signingTime, -1) >= 0;
	/* the digest of the covered bytes against message-digest */
	res->status = CMS_ST_DIGEST;
	if (dig == NULL || (md = EVP_get_digestbyobj(dig->algorithm)) == NULL ||
	    (mc = EVP_MD_CTX_new()) == NULL ||
	    !EVP_DigestInit_ex(mc, md, NULL) ||
	    !EVP_DigestUpdate(mc, buf + br[0], br[1]) ||
	    !EVP_DigestUpdate(mc, buf + br[2], br[3]) ||
	    !EVP_DigestFinal_ex(mc, h, &hl))
		goto out;
	want = CMS_signed_get0_data_by_OBJ(si,
	    OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING);
	if (want == NULL || ASN1_STRING_length(want) != (int)hl ||
	    memcmp(ASN1_STRING_get0_data(want), h, hl) != 0)
		goto out;
	res->status = CMS_ST_SIGNATURE;
	if (CMS_SignerInfo_verify(si) != 1)
		goto out;
	/* the ESS signing-certificate(-v2) binding (PAdES B-B wants it;
	 * CMS_verify's CMS_CADES would also demand a trusted chain) */
	res->status = CMS_ST_ESS;
	if (ess_check(si, signer) != 0)
		goto out;
	res->status = CMS_ST_OK;
	ts_check(si, ca, res);
	if (ca != NULL) {
		certs = CMS_get1_certs(cms);
		if ((xc = X509_STORE_CTX_new()) == NULL ||
		    !X509_STORE_CTX_init(xc, ca, signer, certs))
			DIE(SYS_OUT_OF_MEMORY);
		res->trusted = X509_verify_cert(xc) == 1;
		if (!res->trusted)
			res->untrusted = xstrdup(X509_verify_cert_error_string(
			    X509_STORE_CTX_get_error(xc)));
	}
out:
	X509_STORE_CTX_free(xc);
	sk_X509_pop_free(certs, X509_free);
	EVP_MD_CTX_free(mc);
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
}

void
cms_result_free(struct cms_result *res)
{
	free(res->cn);
	free(res->untrusted);
	free(res->ts_time);
	memset(res, 0, sizeof(*res));
}

X509_STORE *
cms_store(const char *path)
{
	X509_STORE	*s = X509_STORE_new();

	if (s == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	ERR_clear_error();
	if (X509_STORE_load_file(s, path) != 1) {
		MSGT(CMS_CA_UNREADABLE, path, 0, 0, ssl_why());
		X509_STORE_free(s);
		return NULL;
	}
	return s;
}

void
cms_store_free(X509_STORE *s)
{
	X509_STORE_free(s);
}
