#!/bin/sh
# A SoftHSM2 token for the signing tests (issue 15): sh tests/sign/token.sh
# DIR PKI makes DIR/softhsm2.conf and its token folder DIR/tokens (nothing
# of the machine's SoftHSM is touched), initialises the token "congvan"
# with the user PIN $TOKEN_PIN (default 123456), and imports from the
# folder PKI (tests/sign/pki.sh):
#   id 01 "person"    person.key and person.crt (RSA)
#   id 02 "personec"  personec.key and personec.crt (P-256)
#   id 03 "org"       org.key and org.crt (RSA)
#   id 99 "ca"        ca.crt (a CA certificate, for the chain)
# Then prints, for eval by the tests, shell assignments:
#   SOFTHSM2_CONF=…  P11_MODULE=…  P11_PERSON=…  P11_PERSONEC=…  P11_ORG=…
# the three URIs naming the token and the key (RFC 7512), without the
# module (the tests give it by CONGVAN_PKCS11_MODULE or module-path=).
set -eu
[ $# -eq 2 ] || { echo "usage: sh tests/sign/token.sh DIR PKI" >&2; exit 2; }
mkdir -p "$1/tokens"
dir=$(cd "$1" && pwd)
pki=$(cd "$2" && pwd)
pin=${TOKEN_PIN:-123456}
so=87654321
module=/usr/lib/softhsm/libsofthsm2.so
export SOFTHSM2_CONF="$dir/softhsm2.conf"
printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' \
    "$dir" >"$SOFTHSM2_CONF"
softhsm2-util --init-token --free --label congvan --pin "$pin" \
    --so-pin "$so" >/dev/null
imp() {	# imp LABEL ID [key]
	if [ "${3:-}" = key ]; then
		softhsm2-util --import "$pki/$1.key" --token congvan \
		    --label "$1" --id "$2" --pin "$pin" >/dev/null
	fi
	openssl x509 -in "$pki/$1.crt" -outform DER -out "$dir/$1.der"
	pkcs11-tool --module "$module" --token-label congvan --login \
	    --pin "$pin" --write-object "$dir/$1.der" --type cert \
	    --id "$2" --label "$1" >/dev/null 2>&1
	rm -f "$dir/$1.der"
}
imp person 01 key
imp personec 02 key
imp org 03 key
imp ca 99
printf "SOFTHSM2_CONF='%s'\n" "$SOFTHSM2_CONF"
printf "P11_MODULE='%s'\n" "$module"
printf "P11_PERSON='pkcs11:token=congvan;object=person;type=private'\n"
printf "P11_PERSONEC='pkcs11:token=congvan;id=%%02;type=private'\n"
printf "P11_ORG='pkcs11:token=congvan;object=org;id=%%03'\n"
