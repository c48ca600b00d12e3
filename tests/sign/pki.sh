#!/bin/sh
# A throwaway test PKI for the signing tests (issue 15; SIGNING.md §2.6):
# sh tests/sign/pki.sh DIR writes into DIR, with openssl alone, in about a
# second:
#   ca.crt ca.key              the test root CA (RSA-2048, 10 years)
#   person.{key,crt,p12}       Nguyễn Huy Dũng, RSA-2048 (ô 7c)
#   personec.{key,crt,p12}     the same person, ECDSA P-256
#   org.{key,crt,p12}          BỘ THÔNG TIN VÀ TRUYỀN THÔNG, RSA-2048 (ô 8)
#   tsa.{key,crt}              the test TSA (extendedKeyUsage critical,
#                              timeStamping), and ts.cnf for "openssl ts
#                              -reply" (tests/sign/tsa.py)
# Keys are unencrypted PEM (PKCS#8); each .p12 holds its key, its
# certificate and the CA, under the password $PKI_PASS (default
# "congvan-test").  Nothing here is ever committed: DIR is a test's
# temporary folder.
set -eu
[ $# -eq 1 ] || { echo "usage: sh tests/sign/pki.sh DIR" >&2; exit 2; }
mkdir -p "$1"
cd "$1"
d=$(pwd)
pass=${PKI_PASS:-congvan-test}
export OPENSSL_CONF=/dev/null	# the machine's openssl.cnf plays no part

cat >ext.cnf <<'CNF'
[ca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[signer]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

rsa() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null; }
ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null; }
# issue NAME SUBJECT EXT: NAME.crt for NAME.key, signed by the CA.
serial=1
issue() {
	serial=$((serial + 1))
	openssl req -new -utf8 -key "$1.key" -subj "$2" -out "$1.csr"
	openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key \
	    -set_serial "$serial" -days 3650 -sha256 \
	    -extfile ext.cnf -extensions "$3" -out "$1.crt" 2>/dev/null
	rm -f "$1.csr"
}
p12() {
	openssl pkcs12 -export -inkey "$1.key" -in "$1.crt" -certfile ca.crt \
	    -name "$1" -passout "pass:$pass" -out "$1.p12"
}

rsa ca
openssl req -new -x509 -utf8 -key ca.key -days 3650 -sha256 -set_serial 1 \
    -subj "/C=VN/O=congvan test PKI/CN=congvan Test Root CA" \
    -config ext.cnf -extensions ca -out ca.crt
rsa person
issue person "/C=VN/O=Bộ Thông tin và Truyền thông/CN=Nguyễn Huy Dũng" signer
ec personec
issue personec "/C=VN/O=Bộ Thông tin và Truyền thông/CN=Nguyễn Huy Dũng" signer
rsa org
issue org "/C=VN/L=Hà Nội/O=Bộ Thông tin và Truyền thông/CN=BỘ THÔNG TIN VÀ TRUYỀN THÔNG" signer
rsa tsa
issue tsa "/C=VN/O=congvan test PKI/CN=congvan Test TSA" tsa
for n in person personec org; do p12 "$n"; done

echo 01 >tsaserial
cat >ts.cnf <<CNF
[tsa]
default_tsa = tsa_config
[tsa_config]
dir = $d
serial = \$dir/tsaserial
crypto_device = builtin
signer_cert = \$dir/tsa.crt
certs = \$dir/ca.crt
signer_key = \$dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF
