# Signed letters (issue 15; sourced by run.sh): congvan sign and congvan
# verify against a test PKI made here (no private key is committed): the
# verifiers of SIGNING.md §2.6 (pdfsig with an NSS database trusting the
# test CA, openssl cms -cades, mutool), qpdf, the text, determinism, the
# unsigned letter as a byte prefix, tampering, keys and images refused.

sg=$tmp/sign
rm -rf "$sg"
mkdir -p "$sg"
# --- The test PKI: a CA, the person (RSA-2048 and P-256), the organisation;
# the private keys live only inside the password-protected PKCS#12 files
(
	cd "$sg" || exit 1
	openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt \
	    -days 3650 -utf8 -subj "/C=VN/O=congvan test PKI/CN=congvan Test Root CA" \
	    -addext basicConstraints=critical,CA:TRUE \
	    -addext keyUsage=critical,keyCertSign,cRLSign
	openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.crt \
	    -days 3650 -utf8 -subj "/C=VN/O=elsewhere/CN=Another Root CA"
	printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n' >leaf.ext
	mk() {
		openssl req -new -newkey $3 -nodes -keyout $1.key -out $1.csr -utf8 -subj "$2" &&
		openssl x509 -req -in $1.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
		    -days 365 -extfile leaf.ext -out $1.crt &&
		openssl pkcs12 -export -inkey $1.key -in $1.crt -certfile ca.crt \
		    -out $1.p12 -passout pass:mật-khẩu -name $1
	}
	mk person "/C=VN/O=Bộ Thông tin và Truyền thông/CN=Nguyễn Huy Dũng" rsa:2048
	mk personec "/C=VN/O=Bộ Thông tin và Truyền thông/CN=Nguyễn Văn An" \
	    "ec -pkeyopt ec_paramgen_curve:P-256"
	mk org "/C=VN/L=Hà Nội/O=Bộ Thông tin và Truyền thông/CN=BỘ THÔNG TIN VÀ TRUYỀN THÔNG" rsa:2048
	rm -f ./*.key ./*.csr
	mkdir nss
	certutil -N -d sql:nss --empty-password &&
	certutil -A -d sql:nss -n "congvan test root" -t "CT,C,C" -i ca.crt
) >/dev/null 2>&1
check "sign: test PKI made" test -f "$sg/person.p12" -a -f "$sg/personec.p12" -a -f "$sg/org.p12" -a -f "$sg/nss/cert9.db"
python3 tests/sign/mkpng.py "$sg/chuky.png" 531 236 0033CC rgba
python3 tests/sign/mkpng.py "$sg/trns.png" 300 120 1133AA trns
python3 tests/sign/mkpng.py "$sg/red.png" 200 200 DA251D rgba
python3 tests/sign/mkpng.py "$sg/white.png" 200 80 0033CC rgb

export CONGVAN_SIGN_TIME=2022-10-18T09:15:30+07:00
pin() { CONGVAN_PIN=mật-khẩu "$@"; }
# A fresh output folder with the worked example's letters.
fresh() {
	rm -rf "$1"
	$CV build -q -o "$1" >/dev/null 2>&1 || ko "sign: build $1"
}
o=$sg/out
fresh "$o"
cp -R "$o" "$sg/unsigned"
l1=letters/01-bo-lao-dong-thuong-binh-va-xa-hoi.pdf
f=$o/$l1
expect "sign: RSA key, image" 0 pin $CV sign -o "$o" --key "$sg/person.p12" --image "$sg/chuky.png"
check "sign: summary" grep -qx "signed 15 letters in $o/letters/ as $sg/person.p12" "$tmp/out"
check "sign: nothing on stderr" test ! -s "$tmp/err"
TZ=Asia/Ho_Chi_Minh pdfsig -nssdir "sql:$sg/nss" "$f" >"$sg/pdfsig" 2>&1
for s in "Signature Field Name: ChuKyNguoiKy" "Signer Certificate Common Name: Nguyễn Huy Dũng" \
    "Signing Time: Oct 18 2022 09:15:30" "Signature Type: ETSI.CAdES.detached" \
    "Total document signed" "Signature Validation: Signature is Valid." \
    "Certificate Validation: Certificate is Trusted."; do
	check "sign: pdfsig says $s" grep -q "$s" "$sg/pdfsig"
done
check "sign: openssl cms -verify -cades" sh -c "cd '$sg' && python3 '$top/tests/sign/extract.py' '$f' x >/dev/null &&
    openssl cms -verify -cades -binary -inform DER -in x1.p7s -content x1.content -CAfile ca.crt -purpose any -out /dev/null 2>&1 |
    grep -qx 'CAdES Verification successful'"
check "sign: no signingTime in the CMS (PAdES B-B)" sh -c "openssl cms -cmsout -print -inform DER -in '$sg/x1.p7s' | grep -q signingCertificateV2 &&
    ! openssl cms -cmsout -print -inform DER -in '$sg/x1.p7s' | grep -q signingTime"
check "sign: mutool sign -v" sh -c "mutool sign -v '$f' 2>&1 | grep -q 'The document is unchanged since signing'"
check "sign: qpdf --check clean" sh -c "qpdf --check '$f' 2>&1 | grep -q '^No syntax or stream encoding errors' && ! qpdf --check '$f' 2>&1 | grep -q WARNING"
check "sign: the text unchanged" test "$(flat "$f")" = "$(flat "$sg/unsigned/$l1")"
check "sign: the unsigned letter is a byte prefix" cmp -n "$(stat -c %s "$sg/unsigned/$l1")" "$sg/unsigned/$l1" "$f"
check "sign: every letter signed" test "$(for x in "$o"/letters/*.pdf; do grep -ac '(ChuKyNguoiKy)' "$x"; done | grep -c '^1$')" -eq 15
check "sign: SHA256SUMS verifies" sh -c "cd '$o' && sha256sum --quiet -c SHA256SUMS"
# The image in the box, between the title and the name: blue pixels there.
pdftoppm -r 80 -f 1 -l 1 "$f" "$sg/page" 2>/dev/null
check "sign: the signature drawn in its box (page image)" python3 - "$sg"/page-1.ppm "$f" <<'EOF'
import re, sys
ppm = open(sys.argv[1], 'rb').read()
w, h, body = re.match(rb'P6\s+(\d+)\s+(\d+)\s+255\s(.*)', ppm, re.S).groups()
w, h = int(w), int(h)
r = [float(x) for x in re.search(rb'/ChuKy\s*<<\s*/Rect\s*\[([^\]]*)\]', open(sys.argv[2], 'rb').read()).group(1).split()]
s = 80 / 72
inside = outside = 0
for y in range(h):
    for x in range(w):
        p = body[(y * w + x) * 3:(y * w + x) * 3 + 3]
        if p[2] > 150 and p[0] < 90:
            if r[0] * s - 2 <= x <= r[2] * s + 2 and h - r[3] * s - 2 <= y <= h - r[1] * s + 2:
                inside += 1
            else:
                outside += 1
sys.exit(0 if inside > 200 and outside == 0 else 1)
EOF

# Determinism: the same letters, key and time give the same bytes.
fresh "$sg/again"
expect "sign: again" 0 pin $CV sign -q -o "$sg/again" --key "$sg/person.p12" --image "$sg/chuky.png"
check "sign: byte-identical run to run" cmp "$f" "$sg/again/$l1"
check "sign: -q prints nothing" test ! -s "$tmp/out"

# verify
expect "verify: a signed letter, CA given" 0 $CV verify --ca "$sg/ca.crt" "$f"
check "verify: the line" grep -q "^  signature 1, ChuKyNguoiKy: signed by Nguyễn Huy Dũng at 2022-10-18T09:15:30+07:00; covers bytes 0-[0-9]* and [0-9]*-$(stat -c %s "$f") of $(stat -c %s "$f"), the whole file; valid; trusted$" "$tmp/out"
check "verify: nothing appended" grep -qx "  nothing appended after the last signature" "$tmp/out"
expect "verify: the output folder (15 letters)" 0 $CV verify "$o"
check "verify: folder: 15 letters, valid" test "$(grep -c '; valid$' "$tmp/out")" -eq 15
expect "verify: another CA" 1 $CV verify --ca "$sg/other.crt" "$f"
check "verify: not trusted said" grep -q "signature 1 (ChuKyNguoiKy): the signer is not trusted" "$tmp/err"
expect "verify: an unsigned letter" 1 $CV verify "$sg/unsigned/$l1"
check "verify: not signed said" grep -q "$l1: error: not signed" "$tmp/err"
expect "verify: a folder without letters" 1 $CV verify "$sg/nss"
expect "verify: no path" 2 $CV verify
expect "verify: -o refused" 2 $CV verify -o x "$f"

# Tampering, each reported with exit 1.
t=$sg/t1.pdf
python3 -c "import sys; d=bytearray(open(sys.argv[1],'rb').read()); i=d.index(b'Haru'); d[i+1]=ord('b'); open(sys.argv[2],'wb').write(d)" "$f" "$t"
expect "tamper: a byte of the first revision" 1 $CV verify "$t"
check "tamper: digest mismatch said" grep -q "signature 1 (ChuKyNguoiKy) is invalid: digest mismatch" "$tmp/err"
check "tamper: pdfsig agrees" sh -c "pdfsig '$t' 2>&1 | grep -q 'Digest Mismatch'"
t=$sg/t2.pdf
cp "$f" "$t"
python3 tests/sign/append.py "$t"
expect "tamper: a revision appended" 1 $CV verify --ca "$sg/ca.crt" "$t"
check "tamper: appended bytes said" grep -q "error: [0-9]* bytes were appended after the last signature" "$tmp/err"
check "tamper: the signature itself still valid" grep -q "; valid; trusted$" "$tmp/out"
t=$sg/t3.pdf
python3 - "$f" "$t" <<'EOF'
import re, sys
d = bytearray(open(sys.argv[1], 'rb').read())
m = re.search(rb'/Contents <(3082(....))', d)
n = int(m.group(2), 16) + 4          # the DER's length
i = m.start(1) + 2 * n - 20          # a hex digit of the signature value, at its end
d[i] = ord('0') if d[i] != ord('0') else ord('1')
open(sys.argv[2], 'wb').write(d)
EOF
expect "tamper: the signature value changed" 1 $CV verify "$t"
check "tamper: wrong signature said" grep -q "signature 1 (ChuKyNguoiKy) is invalid: the signature value is wrong" "$tmp/err"
check "tamper: pdfsig agrees" sh -c "pdfsig '$t' 2>&1 | grep -q 'Signature is Invalid'"

# The organisation's signature through the stage's API, as congvan issue
# will apply it (tests/sign/seal.c): only on a letter with a valid
# person's signature (Decree 30 Điều 32.2.d), appended after it.
python3 tests/sign/mkpng.py "$sg/dau.png" 425 425 DA251D rgba
# (with the stage's real p11.c and tsa.c, which congvan does not link yet)
check "seal: built against the sign stage" ${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -Igenerator \
    $(pkg-config --cflags libcrypto libpng libp11 libcurl) -o "$sg/seal" tests/sign/seal.c \
    generator/base/*.c generator/pdf/zip.c generator/archive/outdir.c \
    $(ls generator/sign/*.c | grep -v fill.c) $(make -s ldlibs) $(pkg-config --libs libp11 libcurl)
s2=$sg/sealed.pdf
expect "seal: after the person's signature" 0 env CONGVAN_SIGN_TIME=2022-10-18T09:30:00+07:00 CONGVAN_PIN=mật-khẩu "$sg/seal" "$f" "$s2" "$sg/org.p12" "$sg/dau.png"
TZ=Asia/Ho_Chi_Minh pdfsig -nssdir "sql:$sg/nss" "$s2" >"$sg/pdfsig2" 2>&1
check "seal: pdfsig: two valid, trusted signatures" test "$(grep -c 'Signature is Valid.' "$sg/pdfsig2")$(grep -c 'Certificate is Trusted.' "$sg/pdfsig2")" = 22
check "seal: pdfsig: the person's first, not total" sh -c "sed -n '/Signature #1/,/Signature #2/p' '$sg/pdfsig2' | grep -q 'Not total document signed'"
check "seal: pdfsig: the seal second, total" sh -c "sed -n '/Signature #2/,\$p' '$sg/pdfsig2' | grep -q 'Field Name: ChuKyCoQuan' &&
    sed -n '/Signature #2/,\$p' '$sg/pdfsig2' | grep -q 'Total document signed'"
check "seal: the signed letter a byte prefix" cmp -n "$(stat -c %s "$f")" "$f" "$s2"
check "seal: qpdf --check clean" sh -c "qpdf --check '$s2' 2>&1 | grep -q '^No syntax or stream encoding errors' && ! qpdf --check '$s2' 2>&1 | grep -q WARNING"
check "seal: openssl cms -cades on both" sh -c "cd '$sg' && test \$(python3 '$top/tests/sign/extract.py' '$s2' y) = 2 &&
    openssl cms -verify -cades -binary -inform DER -in y1.p7s -content y1.content -CAfile ca.crt -purpose any -out /dev/null 2>/dev/null &&
    openssl cms -verify -cades -binary -inform DER -in y2.p7s -content y2.content -CAfile ca.crt -purpose any -out /dev/null 2>/dev/null"
expect "verify: two signatures" 0 $CV verify --ca "$sg/ca.crt" "$s2"
check "verify: two signatures: the first does not cover the whole file" grep -q "^  signature 1, ChuKyNguoiKy: .* of $(stat -c %s "$s2"); valid; trusted$" "$tmp/out"
check "verify: two signatures: the seal covers it" grep -q "^  signature 2, ChuKyCoQuan: signed by BỘ THÔNG TIN VÀ TRUYỀN THÔNG at 2022-10-18T09:30:00+07:00; .*, the whole file; valid; trusted$" "$tmp/out"
pdftoppm -r 80 -f 1 -l 1 "$s2" "$sg/sealed" 2>/dev/null
check "seal: red pixels left of and over the signature" python3 tests/sign/red.py "$sg"/sealed-1.ppm "$f"
expect "seal: refused on an unsigned letter" 1 "$sg/seal" "$sg/unsigned/$l1" "$sg/x.pdf" "$sg/org.p12"
check "seal: unsigned: Điều 32.2.d said" grep -q "error: no signature of the person with authority (field ChuKyNguoiKy): the organisation signs only after it (Decree 30 Điều 32.2.d)" "$tmp/err"
expect "seal: refused on a changed letter" 1 "$sg/seal" "$sg/t1.pdf" "$sg/x.pdf" "$sg/org.p12"
check "seal: changed: not valid said" grep -q "error: the signature of the person with authority (field ChuKyNguoiKy) is not valid" "$tmp/err"
check "seal: nothing written when refused" test ! -e "$sg/x.pdf"

# B-T: the seal with a timestamp from a local RFC 3161 authority
# (tests/sign/tsa.py, on the PKI of tests/sign/pki.sh, which has a TSA).
PKI_PASS=mật-khẩu sh tests/sign/pki.sh "$sg/pki" >/dev/null 2>&1
python3 tests/sign/tsa.py "$sg/pki" >"$sg/tsa.url" 2>"$sg/tsa.err" &
tsapid=$!
i=0
while [ ! -s "$sg/tsa.url" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
url=$(head -n 1 "$sg/tsa.url")
check "B-T: the local TSA listens" test -n "$url"
fresh "$sg/bt"
expect "B-T: the person signs (B-B)" 0 pin $CV sign -q -o "$sg/bt" --key "$sg/pki/person.p12" --image "$sg/chuky.png"
expect "B-T: the seal with a timestamp" 0 env CONGVAN_PIN=mật-khẩu "$sg/seal" "$sg/bt/$l1" "$sg/bt.pdf" "$sg/pki/org.p12" "$sg/dau.png" "$url"
kill "$tsapid" 2>/dev/null
expect "B-T: verify" 0 $CV verify --ca "$sg/pki/ca.crt" "$sg/bt.pdf"
check "B-T: verify shows the timestamp's time" grep -q "^  signature 2, ChuKyCoQuan: signed by .* at 2022-10-18T09:15:30+07:00, timestamp 20[0-9-]*T[0-9:]*Z; .*, the whole file; valid; trusted$" "$tmp/out"
check "B-T: pdfsig valid and trusted" sh -c "pdfsig -nssdir 'sql:$sg/nss' '$sg/bt.pdf' >/dev/null 2>&1; pdfsig '$sg/bt.pdf' 2>&1 | grep -c 'Signature is Valid' | grep -qx 2"
check "B-T: the token in the CMS, over the signature value" sh -c "cd '$sg' && python3 '$top/tests/sign/extract.py' '$sg/bt.pdf' z >/dev/null &&
    openssl cms -cmsout -print -inform DER -in z2.p7s | grep -q 'id-smime-aa-timeStampToken' &&
    openssl cms -verify -cades -binary -inform DER -in z2.p7s -content z2.content -CAfile pki/ca.crt -purpose any -out /dev/null 2>/dev/null"
check "B-T: the CMS room for a timestamp (16 KiB)" sh -c "grep -ac '/Contents <' '$sg/bt.pdf' >/dev/null && test \$(stat -c %s '$sg/bt.pdf') -gt \$(( \$(stat -c %s '$sg/bt/$l1') + 32768 ))"

# A letter is signed once; the advice (delete it, build again) works.
snap "$o" >"$sg/s1"
expect "sign: twice refused" 1 pin $CV sign -o "$o" --key "$sg/person.p12" --image "$sg/chuky.png"
check "sign: twice: each letter named" test "$(grep -c 'error: already signed (field ChuKyNguoiKy)' "$tmp/err")" -eq 15
snap "$o" >"$sg/s2"
check "sign: twice: nothing changed" cmp "$sg/s1" "$sg/s2"
rm "$f"
expect "sign: advice: build again" 0 $CV build -q -o "$o"
check "sign: advice: the letter back, unsigned" sh -c "! grep -q ChuKyNguoiKy '$f'"
check "sign: advice: the others kept their signature" grep -q ChuKyNguoiKy "$o/letters/02-bo-giao-duc-va-dao-tao.pdf"

# Keys: ECDSA, the password's sources, a wrong one.
fresh "$sg/ec"
expect "sign: P-256 key" 0 pin $CV sign -q -o "$sg/ec" --key "$sg/personec.p12" --image "$sg/trns.png"
check "sign: P-256: pdfsig valid" sh -c "pdfsig -nssdir 'sql:$sg/nss' '$sg/ec/$l1' 2>&1 | grep -q 'Signature is Valid'"
expect "verify: P-256" 0 $CV verify --ca "$sg/ca.crt" "$sg/ec/$l1"
fresh "$sg/pw"
snap "$sg/pw" >"$sg/s1"
expect "sign: wrong password" 1 env CONGVAN_PIN=sai $CV sign -o "$sg/pw" --key "$sg/person.p12"
check "sign: wrong password said, CONGVAN_PIN named" grep -q "person.p12: error: wrong password for the key file (from CONGVAN_PIN" "$tmp/err"
snap "$sg/pw" >"$sg/s2"
check "sign: wrong password: nothing changed" cmp "$sg/s1" "$sg/s2"
expect "sign: no terminal, no CONGVAN_PIN" 1 env -u CONGVAN_PIN -u CONGVAN_PIN_FILE setsid -w $CV sign -o "$sg/pw" --key "$sg/person.p12"
check "sign: no terminal: set CONGVAN_PIN said" grep -q "set CONGVAN_PIN or CONGVAN_PIN_FILE" "$tmp/err"
# The prompt on a terminal (script(1) gives one), without echo.
fresh "$sg/tty"
(sleep 1; printf 'mật-khẩu\n') | env -u CONGVAN_PIN -u CONGVAN_PIN_FILE \
    script -qec "$CV sign -o '$sg/tty' --key '$sg/person.p12'" /dev/null >"$sg/tty.out" 2>&1
check "sign: the prompt asks" grep -q "Password or PIN for $sg/person.p12: " "$sg/tty.out"
check "sign: the prompt does not echo" sh -c "! grep -q 'mật-khẩu' '$sg/tty.out'"
check "sign: the prompt's password signs" grep -q "signed 15 letters" "$sg/tty.out"
printf 'mật-khẩu\n' >"$sg/pinfile"
expect "sign: advice: CONGVAN_PIN_FILE" 0 env -u CONGVAN_PIN CONGVAN_PIN_FILE="$sg/pinfile" setsid -w $CV sign -q -o "$sg/pw" --key "$sg/person.p12"
expect "verify: signed without an image" 0 $CV verify "$sg/pw/$l1"

# Images: no transparency refused, another colour warned.
fresh "$sg/img"
snap "$sg/img" >"$sg/s1"
expect "sign: a key file that is no PKCS#12" 1 pin $CV sign -o "$sg/img" --key "$sg/ca.crt"
check "sign: not PKCS#12 said" grep -q "ca.crt: error: not a PKCS#12 key file" "$tmp/err"
expect "sign: PNG without alpha" 1 pin $CV sign -o "$sg/img" --key "$sg/person.p12" --image "$sg/white.png"
check "sign: no alpha said" grep -q "white.png: error: the image has no transparent background" "$tmp/err"
expect "sign: not a PNG" 1 pin $CV sign -o "$sg/img" --key "$sg/person.p12" --image "$sg/ca.crt"
snap "$sg/img" >"$sg/s2"
check "sign: bad images: nothing changed" cmp "$sg/s1" "$sg/s2"
expect "sign: a red signature" 0 pin $CV sign -q -o "$sg/img" --key "$sg/person.p12" --image "$sg/red.png"
check "sign: not blue warned" grep -q "red.png: warning: the signature image is not blue" "$tmp/err"

# Refusals before anything: no letters (the advice works), bad time, usage.
rm -rf "$sg/empty"
expect "sign: no letters" 1 pin $CV sign -o "$sg/empty" --key "$sg/person.p12"
check "sign: no letters: advice" grep -q "no letters to sign: run congvan build -o $sg/empty first" "$tmp/err"
fresh "$sg/nobox"
cp "$sg/nobox/directory.pdf" "$sg/nobox/$l1"
expect "sign: a letter without its box" 1 pin $CV sign -o "$sg/nobox" --key "$sg/person.p12"
check "sign: no box said" grep -q "$l1: error: the letter has no signature box (ô 7c): delete it and run congvan build again" "$tmp/err"
rm "$sg/nobox/$l1"
expect "sign: no box: advice: build again" 0 $CV build -q -o "$sg/nobox"
expect "sign: no box: advice: then sign" 0 pin $CV sign -q -o "$sg/nobox" --key "$sg/person.p12"
expect "sign: CONGVAN_SIGN_TIME of another form" 1 env CONGVAN_SIGN_TIME=2022-10-18 $CV sign -o "$o" --key "$sg/person.p12"
expect "sign: no --key" 2 $CV sign -o "$o"
expect "sign: -i refused" 2 $CV sign -i input -o "$o" --key "$sg/person.p12"
check "sign: -i refused: said" grep -q -- "-i is not an option of sign" "$tmp/err"
expect "build: --key refused" 2 $CV build --key x
unset CONGVAN_SIGN_TIME
