# Keys on a USB token and RFC 3161 timestamps (issue 15; sourced by run.sh):
# keys_p11_open and tsa_token driven by tests/sign/signdrv, with SoftHSM2 as
# the token (tests/sign/token.sh), tests/sign/pinshim.so playing the PIN
# states SoftHSM2 never reaches, and a local "openssl ts" authority
# (tests/sign/tsa.py).  The PKI is made here (tests/sign/pki.sh).
SD="${VALGRIND:-} $top/tests/sign/signdrv"
# pin NAME FILE TEXT: the file holds exactly TEXT (one line).
pin() {
	if [ "$(cat "$2")" = "$3" ]; then ok; else
		ko "$1: got \"$(cat "$2")\""; fi
}
if ! command -v softhsm2-util >/dev/null 2>&1 ||
    ! command -v pkcs11-tool >/dev/null 2>&1; then
	echo "p11: skipped (softhsm2-util or pkcs11-tool absent: make test-deps)"
elif [ ! -x tests/sign/signdrv ] || [ ! -f tests/sign/pinshim.so ]; then
	ko "p11: tests/sign/signdrv and pinshim.so are not built (make check builds them)"
else
p11=$tmp/p11
rm -rf "$p11"
mkdir -p "$p11"
pki=$p11/pki
sh tests/sign/pki.sh "$pki" >"$p11/pki.out" 2>&1
check "pki: made" test -f "$pki/person.p12" -a -f "$pki/personec.crt" -a \
    -f "$pki/org.p12" -a -f "$pki/tsa.crt" -a -f "$pki/ts.cnf"
check "pki: the TSA's certificate is for timestamping only" \
    sh -c "openssl x509 -in '$pki/tsa.crt' -noout -ext extendedKeyUsage | grep -q 'critical' &&
	openssl x509 -in '$pki/tsa.crt' -noout -ext extendedKeyUsage | grep -qx ' *Time Stamping'"
check "pki: the person's P-256 key" \
    sh -c "openssl pkey -in '$pki/personec.key' -noout -text | grep -q 'NIST CURVE: P-256'"
check "pki: the .p12 opens with its password" \
    openssl pkcs12 -in "$pki/person.p12" -passin pass:congvan-test -noout
eval "$(sh tests/sign/token.sh "$p11/tok" "$pki" 2>"$p11/token.err")"
check "token: made, the URIs printed" test -n "${P11_PERSON:-}" -a \
    -n "${P11_PERSONEC:-}" -a -n "${P11_ORG:-}" -a -f "${SOFTHSM2_CONF:-/}"
export SOFTHSM2_CONF
head -c 3000 /dev/urandom >"$p11/data"

# --- Signing with the token's keys, checked by openssl cms -verify --------
# verify NAME P7S CERT: a valid CAdES signature over p11/data by CERT's key,
# chained to the test CA, the CA carried in the CMS.
verify() {
	if openssl cms -verify -cades -binary -inform DER -in "$2" \
	    -content "$p11/data" -CAfile "$pki/ca.crt" -purpose any \
	    -signer "$p11/signer.pem" -out /dev/null 2>"$p11/cms.err"; then
		ok; else ko "$1: openssl cms -verify: $(cat "$p11/cms.err")"; fi
	if [ "$(openssl x509 -in "$p11/signer.pem" -noout -fingerprint -sha256)" = \
	    "$(openssl x509 -in "$3" -noout -fingerprint -sha256)" ]; then
		ok; else ko "$1: signed by another certificate"; fi
	check "$1: the CA's certificate embedded" sh -c \
	    "openssl pkcs7 -inform DER -in '$2' -print_certs | grep -q 'CN *= *congvan Test Root CA'"
}
expect "token RSA: signs" 0 env CONGVAN_PIN=123456 CONGVAN_PKCS11_MODULE=$P11_MODULE \
    $SD sign "$P11_PERSON" "$p11/data" "$p11/rsa.p7s"
pin "token RSA: the key and its chain" "$tmp/out" \
    "key RSA, chain 1, what $P11_PERSON"
verify "token RSA" "$p11/rsa.p7s" "$pki/person.crt"
# The check can fail: other bytes do not verify.
printf x >>"$p11/data"
check "token RSA: a changed byte fails openssl cms -verify" sh -c \
    "! openssl cms -verify -binary -inform DER -in '$p11/rsa.p7s' -content '$p11/data' -CAfile '$pki/ca.crt' -purpose any -out /dev/null 2>/dev/null"
head -c 3000 "$p11/data" >"$p11/data2" && mv "$p11/data2" "$p11/data"
# ECDSA, the module named in the URI (module-path=) rather than the environment.
expect "token EC: signs (module-path= in the URI)" 0 env CONGVAN_PIN=123456 \
    $SD sign "$P11_PERSONEC?module-path=$P11_MODULE" "$p11/data" "$p11/ec.p7s"
pin "token EC: the key" "$tmp/out" \
    "key EC, chain 1, what $P11_PERSONEC?module-path=$P11_MODULE"
verify "token EC" "$p11/ec.p7s" "$pki/personec.crt"
expect "token org: signs" 0 env CONGVAN_PIN=123456 CONGVAN_PKCS11_MODULE=$P11_MODULE \
    $SD sign "$P11_ORG" "$p11/data" "$p11/org.p7s"
verify "token org" "$p11/org.p7s" "$pki/org.crt"
# Neither the URI nor CONGVAN_PKCS11_MODULE: Debian's p11-kit proxy, which
# loads the SoftHSM2 module registered with p11-kit.
if [ -f /usr/lib/x86_64-linux-gnu/p11-kit-proxy.so ]; then
	expect "token: p11-kit's proxy by default" 0 \
	    env -u CONGVAN_PKCS11_MODULE CONGVAN_PIN=123456 $SD sign "$P11_PERSON" "$p11/data" \
	    "$p11/proxy.p7s"
	verify "token: through p11-kit's proxy" "$p11/proxy.p7s" "$pki/person.crt"
fi

# --- A wrong PIN: the token's words, nothing written -----------------------
# sign_err NAME URI ENV...: signdrv fails with exit 1, writes no file and
# prints nothing on stdout; the message is in $tmp/err.
sign_err() {
	_n=$1 _u=$2; shift 2
	rm -f "$p11/no.p7s"
	env -u CONGVAN_PIN CONGVAN_PKCS11_MODULE="$P11_MODULE" "$@" $SD sign "$_u" "$p11/data" \
	    "$p11/no.p7s" >"$tmp/out" 2>"$tmp/err"; _r=$?
	if [ "$_r" -eq 1 ]; then ok; else ko "$_n: exit $_r, want 1"; fi
	check "$_n: nothing written" test ! -e "$p11/no.p7s" -a ! -s "$tmp/out"
}
sign_err "wrong PIN" "$P11_PERSON" CONGVAN_PIN=654321
pin "wrong PIN: the token's words (SoftHSM2 says few tries are left)" "$tmp/err" \
    "$P11_PERSON: error: token \"congvan\" refused the PIN (CKR_PIN_INCORRECT) and says few tries are left before it locks itself: nothing was signed; make sure of the PIN before you try again"
# The PIN states SoftHSM2 does not play, through the shim.
shim="CONGVAN_PKCS11_MODULE=$top/tests/sign/pinshim.so PINSHIM_MODULE=$P11_MODULE"
sign_err "wrong PIN, no flags" "$P11_PERSON" CONGVAN_PIN=654321 $shim PINSHIM_FLAGS=0
pin "wrong PIN, no flags: said" "$tmp/err" \
    "$P11_PERSON: error: token \"congvan\" refused the PIN (CKR_PIN_INCORRECT): nothing was signed; type the PIN again with care (a token locks itself after a few wrong PINs)"
sign_err "wrong PIN, final try" "$P11_PERSON" CONGVAN_PIN=654321 $shim PINSHIM_FLAGS=20000
pin "wrong PIN, final try: said" "$tmp/err" \
    "$P11_PERSON: error: token \"congvan\" refused the PIN (CKR_PIN_INCORRECT) and says the next wrong PIN locks it: nothing was signed; make sure of the PIN before you try again"
sign_err "locked token" "$P11_PERSON" CONGVAN_PIN=123456 $shim PINSHIM_FLAGS=40000
pin "locked token: said before any login" "$tmp/err" \
    "$P11_PERSON: error: token \"congvan\" is locked after too many wrong PINs (CKF_USER_PIN_LOCKED): nothing was signed; only the token's security officer PIN (its PUK) unlocks it, with its maker's tool"
sign_err "locked at login" "$P11_PERSON" CONGVAN_PIN=123456 $shim PINSHIM_LOGIN=a4
pin "locked at login: said" "$tmp/err" \
    "$P11_PERSON: error: token \"congvan\" is locked after too many wrong PINs (CKR_PIN_LOCKED): nothing was signed; only the token's security officer PIN (its PUK) unlocks it, with its maker's tool"
sign_err "token pulled out at login" "$P11_PERSON" CONGVAN_PIN=123456 $shim PINSHIM_LOGIN=32
pin "token pulled out at login: said" "$tmp/err" \
    "$P11_PERSON: error: token \"congvan\" refused the login (CKR_DEVICE_REMOVED: Device removed): nothing was signed"
# The shim passes the rest through: the right PIN signs through it.
expect "pinshim: the right PIN signs" 0 env CONGVAN_PIN=123456 $shim PINSHIM_FLAGS=0 \
    $SD sign "$P11_PERSON" "$p11/data" "$p11/shim.p7s"
sign_err "no PIN" "$P11_PERSON"
pin "no PIN: said" "$tmp/err" \
    "$P11_PERSON: error: token \"congvan\" needs its PIN and none was given: set CONGVAN_PIN, or run congvan at a terminal to be asked for it"
# (Following it: CONGVAN_PIN set, as "token RSA: signs" above.)

# --- The PIN never in the URI ----------------------------------------------
sign_err "pin-value refused" "$P11_PERSON?pin-value=123456" CONGVAN_PIN=123456
pin "pin-value refused: said, the PIN not shown" "$tmp/err" \
    "$P11_PERSON?pin-value=…: error: the PKCS#11 URI carries a PIN (pin-value): a PIN on the command line is seen by every user of this computer and kept in the shell's history, so congvan refuses it; take it out of the URI and give the PIN in the environment variable CONGVAN_PIN or at the prompt"
sign_err "pin-value refused in the path too" "pkcs11:pin-value=123456;token=congvan" CONGVAN_PIN=123456
check "pin-value: the PIN never printed" sh -c "! grep -q 123456 '$tmp/err'"
sign_err "pin-source refused" "$P11_PERSON?pin-source=file:/tmp/pin" CONGVAN_PIN=123456
check "pin-source refused: said" grep -q "carries a PIN (pin-source)" "$tmp/err"
# As the message advises: out of the URI, in CONGVAN_PIN.
expect "pin-value: the advice followed signs" 0 env CONGVAN_PIN=123456 CONGVAN_PKCS11_MODULE=$P11_MODULE \
    $SD sign "$P11_PERSON" "$p11/data" "$p11/adv.p7s"

# --- URIs ------------------------------------------------------------------
# uri_err NAME URI TEXT: refused with exactly "URI: error: TEXT".
uri_err() {
	sign_err "$1" "$2" CONGVAN_PIN=123456
	pin "$1: said" "$tmp/err" "$2: error: $3"
}
uri_err "URI: not pkcs11" "pkcs12:token=congvan" \
    'not a PKCS#11 URI: a key on a token is named by a URI that begins with "pkcs11:" (RFC 7512), as in pkcs11:token=LABEL;object=KEY'
uri_err "URI: no value" "pkcs11:token" \
    '"token" in the PKCS#11 URI has no value: write each attribute as name=value, as in pkcs11:token=LABEL;object=KEY'
uri_err "URI: bad escape" "pkcs11:token=congvan;id=%G1" \
    'the value of "id" in the PKCS#11 URI has a bad %-escape or an escaped NUL: write a byte as % and two hex digits, as in id=%01'
uri_err "URI: short escape" "pkcs11:token=congvan;object=a%4" \
    'the value of "object" in the PKCS#11 URI has a bad %-escape or an escaped NUL: write a byte as % and two hex digits, as in id=%01'
uri_err "URI: escaped NUL in a label" "pkcs11:token=congvan;object=a%00b" \
    'the value of "object" in the PKCS#11 URI has a bad %-escape or an escaped NUL: write a byte as % and two hex digits, as in id=%01'
uri_err "URI: twice" "pkcs11:token=congvan;token=other" \
    '"token" appears twice in the PKCS#11 URI: keep one'
uri_err "URI: unknown attribute" "pkcs11:token=congvan;colour=blue" \
    'the PKCS#11 URI has the attribute "colour", which congvan does not know: it takes token, manufacturer, model, serial, slot-id, object, id, type and module-path (RFC 7512)'
uri_err "URI: type=public" "pkcs11:token=congvan;object=person;type=public" \
    'type=public in the PKCS#11 URI: congvan signs with a private key, so leave type out or write type=private'
# Percent-escapes decoded: the label "person" spelt with escapes signs.
expect "URI: escapes decoded" 0 env CONGVAN_PIN=123456 CONGVAN_PKCS11_MODULE=$P11_MODULE \
    $SD sign "pkcs11:token=%63ongvan;object=pers%6Fn;type=cert" "$p11/data" "$p11/esc.p7s"
verify "URI: escapes decoded" "$p11/esc.p7s" "$pki/person.crt"
# serial_of LABEL: the serial number of the token LABEL, as SoftHSM2 says.
serial_of() {
	softhsm2-util --show-slots 2>/dev/null | awk -v l="$1" '
	    $1 == "Serial" { s = $3 } $1 == "Label:" && $2 == l { print s }'
}
serial=$(serial_of congvan)
check "token: its serial number read" test -n "$serial"
expect "URI: by serial= and id=" 0 env CONGVAN_PIN=123456 CONGVAN_PKCS11_MODULE=$P11_MODULE \
    $SD sign "pkcs11:serial=$serial;id=%01" "$p11/data" "$p11/ser.p7s"
verify "URI: by serial= and id=" "$p11/ser.p7s" "$pki/person.crt"

# --- Modules, tokens, keys, certificates ------------------------------------
sign_err "module missing" "$P11_PERSON" CONGVAN_PIN=123456 CONGVAN_PKCS11_MODULE=$p11/none.so
pin "module missing: said" "$tmp/err" \
    "$P11_PERSON: error: the PKCS#11 module $p11/none.so cannot be read (No such file or directory): name the token's module with module-path= in the URI or in CONGVAN_PKCS11_MODULE (its maker's Linux driver, or Debian's opensc-pkcs11 for most cards: /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so)"
echo "not a module" >"$p11/fake.so"
sign_err "not a module" "$P11_PERSON" CONGVAN_PIN=123456 CONGVAN_PKCS11_MODULE=$p11/fake.so
check "not a module: said" grep -q "^$P11_PERSON: error: the PKCS#11 module $p11/fake.so could not be started (.*): name the token's own module with module-path= in the URI or in CONGVAN_PKCS11_MODULE\$" "$tmp/err"
# (Following both: the module named, as "token RSA: signs" above.)
uri_err "token not found" "pkcs11:token=other" \
    "no token matches the URI; the tokens present are \"congvan\" (serial $serial): name one with token= (its label) or serial="
# No token: SoftHSM2 with an empty token folder (one empty slot).
mkdir -p "$p11/empty/tokens"
printf 'directories.tokendir = %s/empty/tokens\nobjectstore.backend = file\n' "$p11" >"$p11/empty.conf"
sign_err "no token" "$P11_PERSON" CONGVAN_PIN=123456 SOFTHSM2_CONF=$p11/empty.conf
pin "no token: said" "$tmp/err" \
    "$P11_PERSON: error: no token is present: plug the token in and run again; if it is plugged in, the module loaded is not its own: name that with module-path= in the URI or in CONGVAN_PKCS11_MODULE"
uri_err "key ambiguous" "pkcs11:token=congvan" \
    'token "congvan" holds 3 private keys that match the URI ("org" (id 03), "person" (id 01), "personec" (id 02)): name one with object= (its label) or id='
uri_err "key not found" "pkcs11:token=congvan;object=nobody" \
    'token "congvan" holds no private key that matches the URI; its private keys are "org" (id 03), "person" (id 01), "personec" (id 02): name one with object= (its label) or id='
# (Following it: object= or id=, as in "token RSA" and "token EC" above.)
# A second token: two match a URI without token=; the advice is to name one.
softhsm2-util --init-token --free --label spare --pin 123456 --so-pin 87654321 >/dev/null 2>&1
check "a second token" sh -c "softhsm2-util --show-slots | grep -q 'Label: *spare'"
serial2=$(serial_of spare)
uri_err "token ambiguous" "pkcs11:object=person" \
    "2 tokens match the URI (the tokens present are \"congvan\" (serial $serial), \"spare\" (serial $serial2)): name one with token= (its label) or serial="
expect "token ambiguous: the advice followed (token=) signs" 0 env CONGVAN_PIN=123456 CONGVAN_PKCS11_MODULE=$P11_MODULE \
    $SD sign "pkcs11:object=person;token=congvan" "$p11/data" "$p11/amb.p7s"
# The key without its certificate; the message's pkcs11-tool line puts it back.
pkcs11-tool --module "$P11_MODULE" --token-label congvan --login --pin 123456 \
    --delete-object --type cert --id 01 >/dev/null 2>&1
uri_err "no certificate" "$P11_PERSON" \
    'token "congvan" holds the key but not its certificate (none with the key'"'"'s id or label): put the certificate on the token with the key'"'"'s id, as in pkcs11-tool --login --write-object CERT.der --type cert --id ID'
openssl x509 -in "$pki/person.crt" -outform DER -out "$p11/person.der"
pkcs11-tool --module "$P11_MODULE" --token-label congvan --login --pin 123456 \
    --write-object "$p11/person.der" --type cert --id 01 >/dev/null 2>&1
expect "no certificate: the advice followed signs" 0 env CONGVAN_PIN=123456 CONGVAN_PKCS11_MODULE=$P11_MODULE \
    $SD sign "$P11_PERSON" "$p11/data" "$p11/cert.p7s"
verify "no certificate: the advice followed" "$p11/cert.p7s" "$pki/person.crt"
# A certificate under the key's id that is another key's.
softhsm2-util --import "$pki/org.key" --token congvan --label stray --id 05 \
    --pin 123456 >/dev/null 2>&1
pkcs11-tool --module "$P11_MODULE" --token-label congvan --login --pin 123456 \
    --write-object "$p11/person.der" --type cert --id 05 --label stray >/dev/null 2>&1
uri_err "certificate of another key" "pkcs11:token=congvan;id=%05" \
    'token "congvan": the certificate with the key'"'"'s id is not the key'"'"'s own (its public key differs): put the key'"'"'s own certificate on the token under that id'
# No CA on the token: an empty chain, and still a signature.
pkcs11-tool --module "$P11_MODULE" --token-label congvan --login --pin 123456 \
    --delete-object --type cert --id 99 >/dev/null 2>&1
expect "no CA on the token: signs" 0 env CONGVAN_PIN=123456 CONGVAN_PKCS11_MODULE=$P11_MODULE \
    $SD sign "$P11_PERSON" "$p11/data" "$p11/noca.p7s"
pin "no CA on the token: an empty chain" "$tmp/out" "key RSA, chain 0, what $P11_PERSON"

# --- Timestamps from a local RFC 3161 authority -----------------------------
python3 tests/sign/tsa.py "$pki" >"$p11/tsa.url" 2>"$p11/tsa.err" &
tsapid=$!
i=0
while [ ! -s "$p11/tsa.url" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
url=$(head -n 1 "$p11/tsa.url")
check "tsa.py: listening ($url)" test -n "$url"
head -c 256 /dev/urandom >"$p11/sigval"
expect "tsa: a token" 0 $SD tsa "$url" "$p11/sigval" "$p11/tsa.tok"
check "tsa: openssl ts -verify, the imprint our data, the TSA certificate embedded" sh -c \
    "openssl ts -verify -in '$p11/tsa.tok' -token_in -data '$p11/sigval' -CAfile '$pki/ca.crt' 2>&1 | grep -qx 'Verification: OK'"
head -c 256 /dev/urandom >"$p11/other"
check "tsa: and another imprint fails it" sh -c \
    "! openssl ts -verify -in '$p11/tsa.tok' -token_in -data '$p11/other' -CAfile '$pki/ca.crt' >/dev/null 2>&1"
check "tsa: a signature-time-stamp over SHA-256" sh -c \
    "openssl ts -reply -in '$p11/tsa.tok' -token_in -token_out -text 2>/dev/null | grep -q 'Hash Algorithm: sha256'"
check "tsa: with a nonce" sh -c \
    "openssl ts -reply -in '$p11/tsa.tok' -token_in -token_out -text 2>/dev/null | grep -q '^Nonce: 0x'"
# tsa_err NAME URL TEXT: exit 1, no file, exactly "URL: error: TEXT".
tsa_err() {
	rm -f "$p11/no.tok"
	$SD tsa "$2" "$p11/sigval" "$p11/no.tok" >"$tmp/out" 2>"$tmp/err"; _r=$?
	if [ "$_r" -eq 1 ]; then ok; else ko "$1: exit $_r, want 1"; fi
	check "$1: nothing written" test ! -e "$p11/no.tok" -a ! -s "$tmp/out"
	pin "$1: said" "$tmp/err" "$2: error: $3"
}
tsa_err "tsa: HTTP 404" "${url}404" \
    "the timestamp authority answered HTTP 404 (text/html), not a timestamp: nothing was signed; check the address its operator gives"
tsa_err "tsa: a web page" "${url}html" \
    "the answer (text/html, 45 bytes) is not a timestamp reply: nothing was signed; check that the address is a timestamp authority's (RFC 3161), not a web page"
tsa_err "tsa: granted without a token" "${url}empty" \
    "the answer (application/timestamp-reply, 7 bytes) is not a timestamp reply: nothing was signed; check that the address is a timestamp authority's (RFC 3161), not a web page"
tsa_err "tsa: refused" "${url}reject" \
    'the timestamp authority refused the request (rejection, "policy not accepted", unacceptedPolicy): nothing was signed'
tsa_err "tsa: a stale reply" "${url}replay" \
    "the timestamp reply does not answer this request (nonce mismatch): nothing was signed; a proxy or cache may have sent an old reply, so run again"
tsa_err "tsa: no certificate in the token" "${url}nocert" \
    "the timestamp token does not carry the authority's certificate, though the request asked for it: nothing was signed"
tsa_err "tsa: a bad token signature" "${url}badsig" \
    "the timestamp token's signature is not valid (verification failure): nothing was signed; tell the authority's operator"
tsa_err "tsa: an answer too large" "${url}big" \
    "the answer is larger than 1048576 bytes, so it is not a timestamp reply: check that the address is a timestamp authority's (RFC 3161)"
tsa_err "tsa: not http" "ftp://127.0.0.1/" \
    "a timestamp authority's address begins with http:// or https://"
kill "$tsapid" 2>/dev/null
wait "$tsapid" 2>/dev/null
# The authority down (its port closed now): said at once, naming the URL.
t0=$(date +%s)
port=$(echo "$url" | sed 's|^http://127.0.0.1:\([0-9]*\)/$|\1|')
rm -f "$p11/no.tok"
expect "tsa: down" 1 $SD tsa "$url" "$p11/sigval" "$p11/no.tok"
check "tsa: down, nothing written" test ! -e "$p11/no.tok"
check "tsa: down, said" grep -qx "$url: error: the timestamp authority could not be reached (Failed to connect to 127.0.0.1 port $port after [0-9]* ms: Couldn't connect to server): nothing was signed; check the address and the network, then run again" "$tmp/err"
check "tsa: down, said within seconds" test $(($(date +%s) - t0)) -le 5
fi
