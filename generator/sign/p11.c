/* A signer's key on a USB token, through PKCS#11 and libp11 (issue 15). */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libp11.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "base/buf.h"
#include "base/msg.h"
#include "base/xalloc.h"
#include "sign/keys.h"

/*
 * Debian's p11-kit proxy (package p11-kit-modules): it loads the modules
 * registered under /usr/share/p11-kit/modules/ (OpenSC's for most
 * smart cards and USB tokens, SoftHSM2's when installed).
 */
#define P11_PROXY	"/usr/lib/x86_64-linux-gnu/p11-kit-proxy.so"

/* The PKCS#11 return values the messages name (PKCS#11 v2.40 §5.1). */
static const struct ckr {
	unsigned long	 code;
	const char	*name;
} ckrs[] = {
	{ 0x05, "CKR_GENERAL_ERROR" },
	{ 0x06, "CKR_FUNCTION_FAILED" },
	{ 0x30, "CKR_DEVICE_ERROR" },
	{ 0x31, "CKR_DEVICE_MEMORY" },
	{ 0x32, "CKR_DEVICE_REMOVED" },
	{ 0xa0, "CKR_PIN_INCORRECT" },
	{ 0xa1, "CKR_PIN_INVALID" },
	{ 0xa2, "CKR_PIN_LEN_RANGE" },
	{ 0xa3, "CKR_PIN_EXPIRED" },
	{ 0xa4, "CKR_PIN_LOCKED" },
	{ 0xb3, "CKR_SESSION_HANDLE_INVALID" },
	{ 0xe0, "CKR_TOKEN_NOT_PRESENT" },
	{ 0xe1, "CKR_TOKEN_NOT_RECOGNIZED" },
	{ 0x101, "CKR_USER_NOT_LOGGED_IN" },
	{ 0x103, "CKR_USER_TYPE_INVALID" },
	{ 0x191, "CKR_CRYPTOKI_NOT_INITIALIZED" },
};
#define CKR_PIN_INCORRECT	0xa0
#define CKR_PIN_LOCKED		0xa4

/* libp11's state for one token, owned by struct signer_key's p11. */
struct p11 {
	PKCS11_CTX	*ctx;		/* the loaded module */
	PKCS11_SLOT	*slots;		/* PKCS11_enumerate_slots */
	unsigned int	 nslots;
	PKCS11_SLOT	*slot;		/* the token's, logged in; or NULL */
};

/* A pkcs11: URI's attributes (RFC 7512 §2.3), values percent-decoded. */
struct p11uri {
	char		*token;		/* token label */
	char		*manufacturer;
	char		*model;
	char		*serial;
	char		*object;	/* the key's label */
	char		*type;		/* private, cert or absent */
	char		*module;	/* module-path */
	unsigned char	*id;		/* CKA_ID, idlen bytes, or NULL */
	size_t		 idlen;
	char		*slotid;	/* slot-id, decimal */
};

/* The URI as messages show it: any pin-value replaced by "…". */
static char *
uri_shown(const char *uri)
{
	struct buf	 b = BUF_INIT;
	const char	*p, *e;

	if (strncasecmp(uri, "pkcs11:", 7) == 0) {
		buf_add(&b, uri, 7);
		uri += 7;
	}
	for (p = uri; *p != '\0'; p = e) {
		e = p + strcspn(p, ";?&");
		if (e - p >= 10 && strncasecmp(p, "pin-value=", 10) == 0)
			buf_adds(&b, "pin-value=…");
		else
			buf_add(&b, p, (size_t)(e - p));
		if (*e != '\0')
			buf_addc(&b, *e++);
	}
	if (b.p == NULL)
		return xstrdup("");
	return (char *)b.p;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Percent-decode s[0..n) (RFC 3986 §2.1): a NUL-ended copy and its
 * length in *len, or NULL for a bad escape. */
static unsigned char *
pct_decode(const char *s, size_t n, size_t *len)
{
	unsigned char	*out = xmalloc(n + 1);
	size_t		 i, o = 0;
	int		 hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] != '%') {
			out[o++] = (unsigned char)s[i];
			continue;
		}
		if (i + 2 >= n || (hi = hexval(s[i + 1])) < 0 ||
		    (lo = hexval(s[i + 2])) < 0) {
			free(out);
			return NULL;
		}
		out[o++] = (unsigned char)(hi << 4 | lo);
		i += 2;
	}
	out[o] = '\0';
	*len = o;
	return out;
}

static void
uri_free(struct p11uri *u)
{
	free(u->token);
	free(u->manufacturer);
	free(u->model);
	free(u->serial);
	free(u->object);
	free(u->type);
	free(u->module);
	free(u->id);
	free(u->slotid);
	memset(u, 0, sizeof(*u));
}

/*
 * Fill u from uri: path attributes between ";" and query attributes
 * between "&" after "?" (RFC 7512 §2.3).  A PIN in the URI (pin-value,
 * pin-source) is refused: it would be on the command line, in the
 * process list and the shell's history.  Returns 0, or -1 after a
 * message naming shown (the URI as printed).
 */
static int
uri_parse(const char *uri, const char *shown, struct p11uri *u)
{
	static const struct attr {
		const char	*name;
		size_t		 off;		/* in struct p11uri */
	} attrs[] = {
		{ "token", offsetof(struct p11uri, token) },
		{ "manufacturer", offsetof(struct p11uri, manufacturer) },
		{ "model", offsetof(struct p11uri, model) },
		{ "serial", offsetof(struct p11uri, serial) },
		{ "object", offsetof(struct p11uri, object) },
		{ "type", offsetof(struct p11uri, type) },
		{ "module-path", offsetof(struct p11uri, module) },
		{ "slot-id", offsetof(struct p11uri, slotid) },
	};
	const char	*p, *e, *eq;
	unsigned char	*v;
	char		**slot;
	size_t		 i, n, len;
	int		 rc = -1;

	memset(u, 0, sizeof(*u));
	if (strncasecmp(uri, "pkcs11:", 7) != 0) {
		MSGT(P11_URI_NOT_PKCS11, shown, 0, 0);
		return -1;
	}
	for (p = uri + 7; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		e = p + strcspn(p, ";?&");
		if (e == p)
			continue;
		n = (size_t)(e - p);
		if ((eq = memchr(p, '=', n)) == NULL) {
			MSGT(P11_URI_NO_VALUE, shown, 0, 0, (int)n, p);
			goto out;
		}
		if ((eq - p == 9 && strncasecmp(p, "pin-value", 9) == 0) ||
		    (eq - p == 10 && strncasecmp(p, "pin-source", 10) == 0)) {
			MSGT(P11_URI_PIN_REFUSED, shown, 0, 0,
			    (int)(eq - p), p);
			goto out;
		}
		if ((v = pct_decode(eq + 1, (size_t)(e - eq - 1), &len)) ==
		    NULL) {
			MSGT(P11_URI_BAD_ESCAPE, shown, 0, 0, (int)(eq - p), p);
			goto out;
		}
		if (eq - p == 2 && strncmp(p, "id", 2) == 0) {
			if (u->id != NULL) {
				free(v);
				MSGT(P11_URI_TWICE, shown, 0, 0, 2, p);
				goto out;
			}
			u->id = v;
			u->idlen = len;
			continue;
		}
		for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
			if (strlen(attrs[i].name) == (size_t)(eq - p) &&
			    strncmp(attrs[i].name, p, (size_t)(eq - p)) == 0)
				break;
		if (i == sizeof(attrs) / sizeof(attrs[0])) {
			free(v);
			MSGT(P11_URI_UNKNOWN_ATTR, shown, 0, 0, (int)(eq - p), p);
			goto out;
		}
		slot = (char **)((char *)u + attrs[i].off);
		if (*slot != NULL || strlen((char *)v) != len) {
			free(v);
			if (*slot != NULL)
				MSGT(P11_URI_TWICE, shown, 0, 0, (int)(eq - p), p);
			else
				MSGT(P11_URI_BAD_ESCAPE, shown, 0, 0,
				    (int)(eq - p), p);
			goto out;
		}
		*slot = (char *)v;
	}
	if (u->type != NULL && strcmp(u->type, "private") != 0 &&
	    strcmp(u->type, "cert") != 0) {
		MSGT(P11_URI_TYPE, shown, 0, 0, u->type);
		goto out;
	}
	rc = 0;
out:
	if (rc != 0)
		uri_free(u);
	return rc;
}

/* The name of a PKCS#11 return value, in a static or *tmp buffer. */
static const char *
ckr_name(unsigned long code, char tmp[32])
{
	size_t	 i;

	for (i = 0; i < sizeof(ckrs) / sizeof(ckrs[0]); i++)
		if (ckrs[i].code == code)
			return ckrs[i].name;
	snprintf(tmp, 32, "CKR 0x%lX", code);
	return tmp;
}

/* The PKCS#11 return value libp11 left in OpenSSL's error queue, or 0
 * when its last error is none (then libp11's own, in *why). */
static unsigned long
last_ckr(const char **why)
{
	unsigned long	 e = ERR_peek_last_error();

	*why = e != 0 ? ERR_reason_error_string(e) : NULL;
	if (*why == NULL)
		*why = "no reason given";
	if (e != 0 && ERR_GET_LIB(e) == ERR_get_CKR_code())
		return (unsigned long)ERR_GET_REASON(e);
	return 0;
}

/* Does token t (in slot s) match u's token attributes? */
static int
token_matches(PKCS11_CTX *ctx, PKCS11_SLOT *s, const struct p11uri *u)
{
	PKCS11_TOKEN	*t = s->token;
	char		 id[32];

	if (t == NULL || !t->initialized)
		return 0;
	if (u->token != NULL && strcmp(u->token, t->label) != 0)
		return 0;
	if (u->serial != NULL && strcmp(u->serial, t->serialnr) != 0)
		return 0;
	if (u->manufacturer != NULL &&
	    strcmp(u->manufacturer, t->manufacturer) != 0)
		return 0;
	if (u->model != NULL && strcmp(u->model, t->model) != 0)
		return 0;
	if (u->slotid != NULL) {
		snprintf(id, sizeof(id), "%lu",
		    PKCS11_get_slotid_from_slot(s));
		if (strcmp(id, u->slotid) != 0)
			return 0;
	}
	(void)ctx;
	return 1;
}

static int
token_cmp(const void *a, const void *b)
{
	const PKCS11_TOKEN	*x = *(PKCS11_TOKEN *const *)a;
	const PKCS11_TOKEN	*y = *(PKCS11_TOKEN *const *)b;
	int			 c = strcmp(x->label, y->label);

	return c != 0 ? c : strcmp(x->serialnr, y->serialnr);
}

/* The tokens present, for a message, by label: "label" (serial S), …;
 * NULL when there is none.  Caller frees. */
static char *
tokens_list(const struct p11 *p)
{
	struct buf	 b = BUF_INIT;
	PKCS11_TOKEN	**t = xcalloc(p->nslots + 1, sizeof(*t));
	unsigned int	 i, n = 0;

	for (i = 0; i < p->nslots; i++)
		if (p->slots[i].token != NULL &&
		    p->slots[i].token->initialized)
			t[n++] = p->slots[i].token;
	qsort(t, n, sizeof(*t), token_cmp);
	for (i = 0; i < n; i++) {
		if (b.len > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, "\"");
		buf_adds(&b, t[i]->label);
		buf_adds(&b, "\" (serial ");
		buf_adds(&b, t[i]->serialnr);
		buf_adds(&b, ")");
	}
	free(t);
	return b.p == NULL ? NULL : (char *)b.p;
}

/* Find the one token u names.  Returns its slot, or NULL after a
 * message. */
static PKCS11_SLOT *
token_find(struct p11 *p, const struct p11uri *u, const char *shown)
{
	PKCS11_SLOT	*found = NULL;
	unsigned int	 i, n = 0;
	char		*list;

	for (i = 0; i < p->nslots; i++)
		if (token_matches(p->ctx, &p->slots[i], u)) {
			if (found == NULL)
				found = &p->slots[i];
			n++;
		}
	if (n == 1)
		return found;
	if ((list = tokens_list(p)) == NULL)
		MSGT(P11_NO_TOKEN, shown, 0, 0);
	else if (n == 0)
		MSGT(P11_TOKEN_NOT_FOUND, shown, 0, 0, list);
	else
		MSGT(P11_TOKEN_AMBIGUOUS, shown, 0, 0, n, list);
	free(list);
	return NULL;
}

/*
 * After a refused login, read the token's PIN flags again (they change
 * with each wrong PIN) and say what it said.  The slots are enumerated
 * afresh, so p->slots changes.
 */
static void
login_refused(struct p11 *p, const struct p11uri *u, const char *label,
    const char *shown)
{
	const char	*why;
	char		 tmp[32];
	unsigned long	 code = last_ckr(&why);
	const char	*name = ckr_name(code, tmp);
	PKCS11_SLOT	*s = NULL;
	unsigned int	 i;

	PKCS11_release_all_slots(p->ctx, p->slots, p->nslots);
	p->slots = NULL;
	p->nslots = 0;
	if (PKCS11_enumerate_slots(p->ctx, &p->slots, &p->nslots) == 0)
		for (i = 0; i < p->nslots; i++)
			if (token_matches(p->ctx, &p->slots[i], u)) {
				s = &p->slots[i];
				break;
			}
	if (code == CKR_PIN_LOCKED ||
	    (s != NULL && s->token->userPinLocked))
		MSGT(P11_PIN_LOCKED, shown, 0, 0, label, name);
	else if (code != CKR_PIN_INCORRECT)
		MSGT(P11_LOGIN_FAILED, shown, 0, 0, label,
		    code != 0 ? name : "libp11", why);
	else if (s != NULL && s->token->userPinFinalTry)
		MSGT(P11_PIN_INCORRECT_FINAL_TRY, shown, 0, 0, label, name);
	else if (s != NULL && s->token->userPinCountLow)
		MSGT(P11_PIN_INCORRECT_COUNT_LOW, shown, 0, 0, label, name);
	else
		MSGT(P11_PIN_INCORRECT, shown, 0, 0, label, name);
}

/* The key's id as hex, for messages; caller frees. */
static char *
id_hex(const unsigned char *id, size_t len)
{
	char	*s = xmalloc(2 * len + 1);
	size_t	 i;

	for (i = 0; i < len; i++)
		snprintf(s + 2 * i, 3, "%02x", id[i]);
	s[2 * len] = '\0';
	return s;
}

static int
key_matches(const PKCS11_KEY *k, const struct p11uri *u)
{
	if (!k->isPrivate)
		return 0;
	if (u->object != NULL &&
	    (k->label == NULL || strcmp(k->label, u->object) != 0))
		return 0;
	if (u->id != NULL && (k->id_len != u->idlen ||
	    memcmp(k->id, u->id, u->idlen) != 0))
		return 0;
	return 1;
}

static int
key_cmp(const void *a, const void *b)
{
	const PKCS11_KEY	*x = *(PKCS11_KEY *const *)a;
	const PKCS11_KEY	*y = *(PKCS11_KEY *const *)b;
	int			 c = strcmp(x->label != NULL ? x->label : "",
				    y->label != NULL ? y->label : "");

	if (c != 0)
		return c;
	if (x->id_len != y->id_len)
		return x->id_len < y->id_len ? -1 : 1;
	return x->id_len == 0 ? 0 : memcmp(x->id, y->id, x->id_len);
}

/* The private keys of the token, for a message, by label: "label" (id
 * HEX), …, or "none".  Caller frees. */
static char *
keys_list(PKCS11_KEY *keys, unsigned int nkeys)
{
	struct buf	 b = BUF_INIT;
	PKCS11_KEY	**k = xcalloc(nkeys + 1, sizeof(*k));
	unsigned int	 i, n = 0;
	char		*h;

	for (i = 0; i < nkeys; i++)
		if (keys[i].isPrivate)
			k[n++] = &keys[i];
	qsort(k, n, sizeof(*k), key_cmp);
	for (i = 0; i < n; i++) {
		if (b.len > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, "\"");
		buf_adds(&b, k[i]->label != NULL ? k[i]->label : "");
		buf_adds(&b, "\" (id ");
		h = id_hex(k[i]->id, k[i]->id_len);
		buf_adds(&b, h);
		free(h);
		buf_adds(&b, ")");
	}
	free(k);
	return b.p == NULL ? xstrdup("none") : (char *)b.p;
}

/*
 * The certificates of the chain above cert, as the token holds them:
 * each one's issuer among certs, up to a self-signed one (at most 8
 * levels).  Returns a new stack of copies, possibly empty.
 */
static STACK_OF(X509) *
chain_build(X509 *cert, PKCS11_CERT *certs, unsigned int n)
{
	STACK_OF(X509)	*chain = sk_X509_new_null();
	X509		*cur = cert, *up;
	unsigned int	 i;
	int		 depth;

	if (chain == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	for (depth = 0; depth < 8; depth++) {
		if (X509_check_issued(cur, cur) == X509_V_OK)
			break;		/* a root */
		up = NULL;
		for (i = 0; i < n && up == NULL; i++)
			if (X509_cmp(certs[i].x509, cur) != 0 &&
			    X509_cmp(certs[i].x509, cert) != 0 &&
			    X509_check_issued(certs[i].x509, cur) ==
			    X509_V_OK)
				up = certs[i].x509;
		if (up == NULL)
			break;
		if (!sk_X509_push(chain, X509_dup(up)))
			DIE(SYS_OUT_OF_MEMORY);
		cur = up;
	}
	return chain;
}

/* Load the module: the URI's, else CONGVAN_PKCS11_MODULE, else the
 * proxy.  Returns 0, or -1 after a message. */
static int
module_load(struct p11 *p, const struct p11uri *u, const char *shown)
{
	const char	*path = u->module;
	const char	*why;

	if (path == NULL || *path == '\0')
		path = getenv("CONGVAN_PKCS11_MODULE");
	if (path == NULL || *path == '\0')
		path = P11_PROXY;
	if (access(path, R_OK) != 0) {
		MSGT(P11_MODULE_MISSING, shown, 0, 0, path, strerror(errno));
		return -1;
	}
	if ((p->ctx = PKCS11_CTX_new()) == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	if (PKCS11_CTX_load(p->ctx, path) != 0) {
		(void)last_ckr(&why);
		MSGT(P11_MODULE_LOAD, shown, 0, 0, path, why);
		PKCS11_CTX_free(p->ctx);
		p->ctx = NULL;
		return -1;
	}
	if (PKCS11_enumerate_slots(p->ctx, &p->slots, &p->nslots) != 0) {
		(void)last_ckr(&why);
		MSGT(P11_MODULE_LOAD, shown, 0, 0, path, why);
		return -1;
	}
	return 0;
}

void
keys_p11_free(void *arg)
{
	struct p11	*p = arg;

	if (p == NULL)
		return;
	if (p->slot != NULL)
		(void)PKCS11_logout(p->slot);
	if (p->slots != NULL)
		PKCS11_release_all_slots(p->ctx, p->slots, p->nslots);
	if (p->ctx != NULL) {
		PKCS11_CTX_unload(p->ctx);
		PKCS11_CTX_free(p->ctx);
	}
	free(p);
	ERR_clear_error();
}

int
keys_p11_open(const char *uri, const char *pin, struct signer_key *k)
{
	struct p11uri	 u;
	struct p11	*p = NULL;
	PKCS11_SLOT	*slot;
	PKCS11_KEY	*keys, *key = NULL;
	PKCS11_CERT	*certs, *c;
	unsigned int	 nkeys, ncerts, i, n;
	EVP_PKEY	*pk = NULL;
	X509		*cert = NULL;
	char		*shown, *label = NULL, *list;
	int		 rc = -1;

	ERR_clear_error();
	shown = uri_shown(uri);
	if (uri_parse(uri, shown, &u) != 0) {
		free(shown);
		return -1;
	}
	p = xcalloc(1, sizeof(*p));
	if (module_load(p, &u, shown) != 0)
		goto out;
	if ((slot = token_find(p, &u, shown)) == NULL)
		goto out;
	label = xstrdup(slot->token->label);
	if (slot->token->userPinLocked) {
		MSGT(P11_PIN_LOCKED, shown, 0, 0, label, "CKF_USER_PIN_LOCKED");
		goto out;
	}
	if (slot->token->loginRequired) {
		if (pin == NULL) {
			MSGT(P11_NO_PIN, shown, 0, 0, label);
			goto out;
		}
		if (PKCS11_login(slot, 0, pin) != 0) {
			login_refused(p, &u, label, shown);
			goto out;
		}
		p->slot = slot;
	}
	if (PKCS11_enumerate_keys(slot->token, &keys, &nkeys) != 0)
		nkeys = 0;
	for (i = n = 0; i < nkeys; i++)
		if (key_matches(&keys[i], &u)) {
			if (key == NULL)
				key = &keys[i];
			n++;
		}
	if (n != 1) {
		list = keys_list(keys, nkeys);
		if (n == 0)
			MSGT(P11_KEY_NOT_FOUND, shown, 0, 0, label, list);
		else
			MSGT(P11_KEY_AMBIGUOUS, shown, 0, 0, label, n, list);
		free(list);
		goto out;
	}
	if ((pk = PKCS11_get_private_key(key)) == NULL) {
		MSGT(P11_KEY_UNUSABLE, shown, 0, 0, label);
		goto out;
	}
	if (PKCS11_enumerate_certs(slot->token, &certs, &ncerts) != 0)
		ncerts = 0;
	if ((c = PKCS11_find_certificate(key)) == NULL && key->label != NULL)
		for (i = 0; i < ncerts && c == NULL; i++)
			if (certs[i].label != NULL &&
			    strcmp(certs[i].label, key->label) == 0)
				c = &certs[i];
	if (c == NULL || c->x509 == NULL) {
		MSGT(P11_NO_CERTIFICATE, shown, 0, 0, label);
		goto out;
	}
	if (!X509_check_private_key(c->x509, pk)) {
		MSGT(P11_CERT_KEY_MISMATCH, shown, 0, 0, label);
		goto out;
	}
	if ((cert = X509_dup(c->x509)) == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	k->chain = chain_build(cert, certs, ncerts);
	k->key = pk;
	k->cert = cert;
	k->p11 = p;
	if (k->what == NULL)
		k->what = xstrdup(shown);
	pk = NULL;
	p = NULL;
	rc = 0;
out:
	EVP_PKEY_free(pk);
	keys_p11_free(p);
	uri_free(&u);
	free(label);
	free(shown);
	ERR_clear_error();
	return rc;
}
