# congvan issue (issue 15; sourced by run.sh): the electronic issue as
# Decree 30 orders it: drafts with blanks, the person's signature (congvan
# sign, or another tool), then the văn thư's step: the number and the date
# in the blanks, the register and the archive, the organisation's seal.
# The PKI is made here (tests/sign/pki.sh); no private key is committed.

is=$tmp/issue
rm -rf "$is"
mkdir -p "$is"
sh tests/sign/pki.sh "$is/pki" >"$is/pki.out" 2>&1
check "issue: test PKI made" test -f "$is/pki/person.p12" -a -f "$is/pki/org.p12"
(
	mkdir "$is/nss" && certutil -N -d "sql:$is/nss" --empty-password &&
	certutil -A -d "sql:$is/nss" -n "congvan test root" -t "CT,C,C" -i "$is/pki/ca.crt"
) >/dev/null 2>&1
python3 tests/sign/mkpng.py "$is/chuky.png" 531 236 0033CC rgba
python3 tests/sign/mkpng.py "$is/dau.png" 425 425 DA251D rgba
pk() { CONGVAN_PIN=congvan-test "$@"; }
export CONGVAN_SIGN_TIME=2022-02-05T09:30:00+07:00
l1=letters/01-bo-lao-dong-thuong-binh-va-xa-hoi.pdf

# drafts IN OUT: the drafts of IN, signed by the person.
drafts() {
	rm -rf "$2"
	$CV build -q --draft -i "$1" -o "$2" >/dev/null 2>&1 &&
	pk $CV sign -q -o "$2" --key "$is/pki/person.p12" --image "$is/chuky.png" \
	    >/dev/null 2>&1 || ko "issue: drafts of $1 into $2"
}
# sealed NAME FILE: two signatures, pdfsig trusting the test CA: the
# person's valid, the organisation's valid over the whole file.
sealed() {
	TZ=Asia/Ho_Chi_Minh pdfsig -nssdir "sql:$is/nss" "$2" >"$is/pdfsig" 2>&1
	check "$1: two signatures" test "$(grep -c '^Signature #' "$is/pdfsig")" -eq 2
	check "$1: both valid and trusted" test \
	    "$(grep -c 'Signature is Valid\|Certificate is Trusted' "$is/pdfsig")" -eq 4
	check "$1: the organisation's is last and whole" sh -c \
	    "sed -n '/^Signature #2/,\$p' '$is/pdfsig' | grep -q 'Field Name: ChuKyCoQuan' &&
	     sed -n '/^Signature #2/,\$p' '$is/pdfsig' | grep -q 'Total document signed'"
	check "$1: qpdf --check" sh -c "qpdf --check '$2' >/dev/null 2>&1"
	rm -f "$is"/x*.content "$is"/x*.p7s
	python3 tests/sign/extract.py "$2" "$is/x" >/dev/null
	for k in "$is"/x*.p7s; do
		k=${k%.p7s}
		check "$1: openssl cms -verify -cades, ${k##*/}" sh -c \
		    "openssl cms -verify -cades -binary -inform DER -in '$k.p7s' \
		     -content '$k.content' -CAfile '$is/pki/ca.crt' -purpose any \
		     -out /dev/null 2>&1 | grep -q 'successful'"
	done
}

# --- The worked example, draft to issued ---------------------------------
o=$is/out
drafts input "$o"
cp "$o/$l1" "$is/signed-draft.pdf"
expect "issue: the worked example" 0 pk $CV issue -o "$o" --number 7 \
    --date 2022-02-05 --key "$is/pki/org.p12" --image "$is/dau.png"
check "issue: summary" grep -q "^issued as 07/BTTTT-CATTT, archived in archive/2022/07-BTTTT-CATTT/" "$tmp/out"
f=$o/$l1
sealed "issue" "$f"
has "issue: the number and the date filled in" "$f" "Số: 07/BTTTT-CATTT" \
    "Hà Nội, ngày 05 tháng 02 năm 2022" \
    "(Kèm theo Công văn số 07/BTTTT-CATTT ngày 05 tháng 02 năm 2022 của"
check "issue: the signed draft is a byte prefix of the issued letter" \
    cmp -n "$(wc -c <"$is/signed-draft.pdf")" "$is/signed-draft.pdf" "$f"
$CV build -q --draft -o "$is/plain" >/dev/null 2>&1
check "issue: so is the unsigned draft" \
    cmp -n "$(wc -c <"$is/plain/$l1")" "$is/plain/$l1" "$f"
check "issue: the archive holds the issued bytes" \
    cmp "$f" "$o/archive/2022/07-BTTTT-CATTT/${l1#letters/}"
check "issue: the archive's SHA256SUMS is true" sh -c \
    "cd '$o/archive/2022/07-BTTTT-CATTT' && sha256sum -c --quiet SHA256SUMS"
check "issue: the top SHA256SUMS is true" sh -c "cd '$o' && sha256sum -c --quiet SHA256SUMS"
check "issue: the register row" grep -q "^07/BTTTT-CATTT,05/02/2022," "$o/register.csv"
expect "issue: congvan verify --ca" 0 $CV verify --ca "$is/pki/ca.crt" "$o/archive/2022/07-BTTTT-CATTT"
check "issue: verify says the seal covers the whole file" grep -q "ChuKyCoQuan: .*the whole file; valid; trusted" "$tmp/out"
# The seal over the left third of the signature (FORMAT.md §7, PL I II.8.a),
# at its real size (dau.diameter_mm 36): the widgets' rectangles.
check "issue: the seal at 36 mm, its right edge a third into the signature" \
    python3 - "$f" <<'PY'
import re, sys
d = open(sys.argv[1], "rb").read().decode("latin-1")
def rect(field):
    m = re.search(r"/T \(" + field + r"\)[^>]*?/Rect \[([^\]]*)\]", d) or \
        re.search(r"/Rect \[([^\]]*)\][^>]*?/T \(" + field + r"\)", d)
    return [float(v) for v in m.group(1).split()]
p, s = rect("ChuKyNguoiKy"), rect("ChuKyCoQuan")
ok = abs((s[2] - s[0]) - 36 * 72 / 25.4) < 0.1 and \
    abs(s[2] - (p[0] + (p[2] - p[0]) * 0.333)) < 0.2
sys.exit(0 if ok else 1)
PY
pdftoppm -r 40 -f 1 -l 1 -png "$f" "$is/page" 2>/dev/null
check "issue: page 1 renders" test -s "$is/page-1.png"
if command -v java >/dev/null 2>&1 && [ -f /usr/share/java/preflight.jar ]; then
	J=/usr/share/java
	for g in "$is/plain/$l1" "$is/signed-draft.pdf" "$f"; do
		check "issue: PDF/A-1b (Preflight): $(basename "$(dirname "$g")")/$(basename "$g")" sh -c \
		    "java -cp $J/preflight.jar:$J/pdfbox2.jar:$J/fontbox2.jar:$J/xmpbox.jar:$J/commons-logging.jar:$J/javax.activation.jar:$J/jaxb-api.jar \
		     org.apache.pdfbox.preflight.Validator_A1b '$g' 2>&1 | grep -q 'is a valid PDF/A-1b file'"
	done
else
	echo "issue: PDF/A-1b validation skipped (java or PDFBox Preflight absent)"
fi

# A rerun: every letter issued already, nothing signed again, no PIN asked.
sums() { (cd "$1" && find . -type f | sort | xargs -r md5sum); }
sums "$o" >"$is/before"
expect "issue: a rerun" 0 env -u CONGVAN_PIN $CV issue -o "$o" --number 7 \
    --date 2022-02-05 --key "$is/pki/org.p12" --image "$is/dau.png" </dev/null
check "issue: a rerun changes nothing" grep -q "0 written, 15 unchanged" "$tmp/out"
sums "$o" >"$is/after"
check "issue: a rerun leaves every file as it was" cmp -s "$is/before" "$is/after"

# A build of the issued dispatch afterwards (the clerk reruns build): the
# sealed letters are what was issued; never refused, never unsigned.
sums "$o/archive" >"$is/before"
rm -f "$o/letters/02-bo-giao-duc-va-dao-tao.pdf"
expect "issue: a build with the same number and date after it" 0 $CV build \
    -o "$o" --number 7 --date 2022-02-05
sums "$o/archive" >"$is/after"
check "issue: that build leaves the archive as it was" cmp -s "$is/before" "$is/after"
check "issue: that build puts the sealed letter back" cmp \
    "$o/letters/02-bo-giao-duc-va-dao-tao.pdf" "$o/archive/2022/07-BTTTT-CATTT/02-bo-giao-duc-va-dao-tao.pdf"

# Determinism: a fixed signing time, an RSA key, no TSA: the same bytes.
drafts input "$is/again"
pk $CV issue -q -o "$is/again" --number 7 --date 2022-02-05 \
    --key "$is/pki/org.p12" --image "$is/dau.png" >/dev/null 2>&1
check "issue: the same inputs and keys, the same issued bytes" cmp "$f" "$is/again/$l1"

# --- A multi-page letter with its appendix (tests/dispatches/tinh) --------
drafts tests/dispatches/tinh "$is/tinh"
expect "issue: tinh, --number auto" 0 pk $CV issue -i tests/dispatches/tinh \
    -o "$is/tinh" --number auto --date 2023-03-12 --key "$is/pki/org.p12" --image "$is/dau.png"
g=$(ls "$is/tinh/letters/"*.pdf | head -1)
check "issue: tinh has several pages" test "$(pdfinfo "$g" | awk '/^Pages:/ { print $2 }')" -ge 3
sealed "issue tinh" "$g"
case "$(flat "$g")" in
*"Số: 01/"*"ngày 12 tháng 3 năm 2023"*) ok;;
*) ko "issue tinh: the number and the date (months 3 to 12 without a 0)";;
esac

# --- Numbered before signing (the older order) -----------------------------
p=$is/paper
rm -rf "$p"
$CV build -q -o "$p" --number 8 --date 2022-03-10 >/dev/null 2>&1
cp "$p/archive/2022/08-BTTTT-CATTT/${l1#letters/}" "$is/paper-issued.pdf"
pk $CV sign -q -o "$p" --key "$is/pki/person.p12" --image "$is/chuky.png" >/dev/null 2>&1
expect "issue: numbered, then signed" 0 pk $CV issue -o "$p" --number 8 \
    --date 2022-03-10 --key "$is/pki/org.p12" --image "$is/dau.png"
sealed "issue numbered first" "$p/$l1"
check "issue numbered first: the archived letter extended in place, no --force" \
    cmp -n "$(wc -c <"$is/paper-issued.pdf")" "$is/paper-issued.pdf" \
    "$p/archive/2022/08-BTTTT-CATTT/${l1#letters/}"
check "issue numbered first: nothing superseded" test ! -e "$p/archive/2022/08-BTTTT-CATTT/superseded"
rm -f "$p/$l1"
expect "issue numbered first: a build again" 0 $CV build -o "$p" --number 8 --date 2022-03-10
check "issue numbered first: the sealed letter back" cmp "$p/$l1" \
    "$p/archive/2022/08-BTTTT-CATTT/${l1#letters/}"

# --- Signed by another tool (poppler's pdfsig) -----------------------------
x=$is/other
drafts input "$x"
$CV build -q --draft -o "$is/other-plain" >/dev/null 2>&1
(
	mkdir "$is/nss2" && certutil -N -d "sql:$is/nss2" --empty-password &&
	pk12util -i "$is/pki/person.p12" -d "sql:$is/nss2" -W congvan-test -K "" &&
	pdfsig -nssdir "sql:$is/nss2" -add-signature -nick person \
	    "$is/other-plain/$l1" "$x/$l1"
) >/dev/null 2>&1
check "issue: pdfsig signed a draft" sh -c "pdfsig '$x/$l1' 2>/dev/null | grep -q 'adbe.pkcs7.detached'"
expect "issue: a letter another tool signed" 0 pk $CV issue -o "$x" --number 9 \
    --date 2022-02-05 --key "$is/pki/org.p12" --image "$is/dau.png"
sealed "issue other tool" "$x/$l1"

# --- Keys on a token (SoftHSM2): the person and the organisation ---------
if command -v softhsm2-util >/dev/null 2>&1 && command -v pkcs11-tool >/dev/null 2>&1; then
	eval "$(sh tests/sign/token.sh "$is/tok" "$is/pki" 2>"$is/token.err")"
	export SOFTHSM2_CONF
	tk=$is/token-out
	rm -rf "$tk"
	$CV build -q --draft -o "$tk" >/dev/null 2>&1
	expect "issue token: the person signs on the token" 0 env CONGVAN_PIN=123456 \
	    CONGVAN_PKCS11_MODULE="$P11_MODULE" $CV sign -q -o "$tk" --key "$P11_PERSON" \
	    --image "$is/chuky.png"
	sums "$tk" >"$is/before"
	expect "issue token: a wrong PIN" 1 env CONGVAN_PIN=000000 \
	    CONGVAN_PKCS11_MODULE="$P11_MODULE" $CV issue -o "$tk" --number 7 \
	    --date 2022-02-05 --key "$P11_ORG" --image "$is/dau.png"
	sums "$tk" >"$is/after"
	check "issue token: a wrong PIN writes nothing" cmp -s "$is/before" "$is/after"
	check "issue token: no archive, no register after a wrong PIN" \
	    test ! -e "$tk/archive" -a ! -e "$tk/register.csv"
	expect "issue token: the organisation seals on the token" 0 env CONGVAN_PIN=123456 \
	    CONGVAN_PKCS11_MODULE="$P11_MODULE" $CV issue -o "$tk" --number 7 \
	    --date 2022-02-05 --key "$P11_ORG" --image "$is/dau.png"
	sealed "issue token" "$tk/$l1"
	has "issue token: the number and the date" "$tk/$l1" "Số: 07/BTTTT-CATTT" \
	    "Hà Nội, ngày 05 tháng 02 năm 2022"
	unset SOFTHSM2_CONF
else
	echo "issue: token tests skipped (softhsm2-util or pkcs11-tool absent)"
fi

# --- Refusals: exit 1, the folder as it was --------------------------------
# refused NAME DIR MESSAGE ARGS...: issue in DIR exits 1 naming MESSAGE and
# changes nothing there.
refused() {
	_n=$1 _d=$2 _m=$3; shift 3
	snap "$_d" >"$is/before"
	expect "$_n" 1 pk $CV issue -o "$_d" "$@"
	check "$_n: says so" grep -q -- "$_m" "$tmp/err"
	snap "$_d" >"$is/after"
	check "$_n: nothing changed" cmp -s "$is/before" "$is/after"
}
K="--key $is/pki/org.p12 --image $is/dau.png"
# The seal before the signature (Điều 32.2.d).
rm -rf "$is/r1"
$CV build -q --draft -o "$is/r1" >/dev/null 2>&1
refused "issue: no person's signature" "$is/r1" "Điều 32.2.d" --number 7 --date 2022-02-05 $K
# A changed byte in the signed letter; a revision appended after signing.
drafts input "$is/r2"
python3 - "$is/r2/$l1" <<'PY'
import sys
p = sys.argv[1]; d = bytearray(open(p, "rb").read())
i = d.index(b"/Producer (") + 11	# one letter of the first revision's Info
d[i] ^= 0x20
open(p, "wb").write(d)
PY
refused "issue: a changed byte" "$is/r2" "is not the one" --number 7 --date 2022-02-05 $K
drafts input "$is/r3"
python3 tests/sign/append.py "$is/r3/$l1"
refused "issue: a revision appended" "$is/r3" "appended after the last signature" \
    --number 7 --date 2022-02-05 $K
# Its advice followed: the drafts built and signed again, then issued.
drafts input "$is/r3"
expect "issue: appended: its advice followed" 0 pk $CV issue -o "$is/r3" --number 7 --date 2022-02-05 $K
# A wrong password: nothing written.
drafts input "$is/r4"
snap "$is/r4" >"$is/before"
expect "issue: a wrong password" 1 env CONGVAN_PIN=wrong $CV issue -o "$is/r4" \
    --number 7 --date 2022-02-05 $K
snap "$is/r4" >"$is/after"
check "issue: a wrong password changes nothing" cmp -s "$is/before" "$is/after"
# The date of another year than the drafts print.
refused "issue: another year" "$is/r4" "prints the year 2022" --number 7 --date 2023-01-05 $K
expect "issue: another year: its advice followed (a date of 2022)" 0 pk $CV issue \
    -o "$is/r4" --number 7 --date 2022-01-05 $K
# Issued already: sealed letters are not sealed again under a new number.
refused "issue: sealed already" "$is/r4" "already issued" --number 12 --date 2022-01-05 $K
# The data changed since the letters were signed.
mkdir -p "$is/in5"
cp input/* "$is/in5/"
drafts "$is/in5" "$is/r5"
sed -i 's/Trân trọng cảm ơn/Xin trân trọng cảm ơn/' "$is/in5/dispatch.md"
refused "issue: the data changed" "$is/r5" "is not the one" -i "$is/in5" --number 7 --date 2022-02-05 $K
drafts "$is/in5" "$is/r5"
expect "issue: the data changed: its advice followed" 0 pk $CV issue -i "$is/in5" \
    -o "$is/r5" --number 7 --date 2022-02-05 $K
# No letters yet.
rm -rf "$is/r6"
mkdir -p "$is/r6"
expect "issue: no letters" 1 pk $CV issue -o "$is/r6" --number 7 --date 2022-02-05 $K
check "issue: no letters: says what to run" grep -q "congvan build --draft -o $is/r6" "$tmp/err"
# The command line: what issue needs, and what it refuses (exit 2).
expect "issue: needs --key" 2 $CV issue -o "$is/r6" --number 7 --date 2022-02-05
expect "issue: needs --date" 2 $CV issue -o "$is/r6" --number 7 $K
expect "issue: needs --number" 2 $CV issue -o "$is/r6" --date 2022-02-05 $K
expect "issue: refuses --draft" 2 $CV issue -o "$is/r6" --draft --number 7 --date 2022-02-05 $K
expect "issue: refuses -j" 2 $CV issue -o "$is/r6" -j 2 --number 7 --date 2022-02-05 $K
unset CONGVAN_SIGN_TIME
