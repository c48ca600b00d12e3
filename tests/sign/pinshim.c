/*
 * A PKCS#11 module for tests/p11.sh that wraps a real one (SoftHSM2) and
 * plays a token's PIN states, which SoftHSM2 never reaches (it sets
 * CKF_USER_PIN_COUNT_LOW after any wrong PIN and never locks):
 *   PINSHIM_MODULE  the real module (default SoftHSM2's)
 *   PINSHIM_FLAGS   hex: C_GetTokenInfo's user-PIN flags (COUNT_LOW,
 *                   FINAL_TRY, LOCKED) are replaced by these
 *   PINSHIM_LOGIN   hex: C_Login returns this CKR without asking the
 *                   real module
 * Everything else is the real module's.  Built by the Makefile; never
 * part of congvan.
 */
#include <dlfcn.h>
#include <stdlib.h>

#include <p11-kit/pkcs11.h>

#define PIN_FLAGS	(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | \
			 CKF_USER_PIN_LOCKED)

static CK_FUNCTION_LIST	 shim;
static CK_FUNCTION_LIST	*real;

static CK_RV
shim_token_info(CK_SLOT_ID id, CK_TOKEN_INFO *info)
{
	const char	*f = getenv("PINSHIM_FLAGS");
	CK_RV		 rv = real->C_GetTokenInfo(id, info);

	if (rv == CKR_OK && f != NULL)
		info->flags = (info->flags & ~(CK_FLAGS)PIN_FLAGS) |
		    (strtoul(f, NULL, 16) & PIN_FLAGS);
	return rv;
}

static CK_RV
shim_login(CK_SESSION_HANDLE s, CK_USER_TYPE who, CK_UTF8CHAR *pin,
    CK_ULONG len)
{
	const char	*l = getenv("PINSHIM_LOGIN");

	if (l != NULL)
		return strtoul(l, NULL, 16);
	return real->C_Login(s, who, pin, len);
}

CK_RV C_GetFunctionList(CK_FUNCTION_LIST **list);

CK_RV
C_GetFunctionList(CK_FUNCTION_LIST **list)
{
	const char	*m = getenv("PINSHIM_MODULE");
	void		*h;
	CK_RV		(*get)(CK_FUNCTION_LIST **);

	if (m == NULL)
		m = "/usr/lib/softhsm/libsofthsm2.so";
	if (real == NULL) {
		if ((h = dlopen(m, RTLD_NOW | RTLD_LOCAL)) == NULL ||
		    (*(void **)&get = dlsym(h, "C_GetFunctionList")) == NULL ||
		    get(&real) != CKR_OK)
			return CKR_GENERAL_ERROR;
		shim = *real;
		shim.C_GetTokenInfo = shim_token_info;
		shim.C_Login = shim_login;
	}
	*list = &shim;
	return CKR_OK;
}
