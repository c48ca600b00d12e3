# PDF/A-1b (sourced by run.sh; issue 15, SIGNING.md §5.2): every PDF
# congvan writes (a letter with its appendix, issued and draft,
# directory.pdf in landscape, the register book) is validated by PDFBox
# Preflight when java is installed, and its parts are checked one by
# one with qpdf, pdfinfo, xmllint and python3 in any case.

pa=$tmp/pdfa
mkdir -p "$pa"
# pdfa_xmp FILE NAME: the text of the XMP element NAME (its rdf:li).
pdfa_xmp() { pdfinfo -meta "$1" 2>/dev/null | xmllint --xpath \
    "string(//*[local-name()='$2'])" - 2>/dev/null; }
# pdfa_info FILE KEY: the Info entry as pdfinfo prints it.
pdfa_info() { pdfinfo -isodates "$1" 2>/dev/null | sed -n "s/^$2: *//p"; }
# The file's /ID (its first string), and the first 16 bytes of the
# SHA-256 of the file with both strings' digits set to 0: equal.
pdfa_id() {
	python3 - "$1" <<'EOF'
import hashlib, re, sys
b = open(sys.argv[1], 'rb').read()
t = b.rindex(b'trailer')
m = re.compile(rb'/ID \[ <([0-9a-f]{32})> <([0-9a-f]{32})> \]').search(b, t)
if not m or m.group(1) != m.group(2):
    sys.exit(1)
z = b[:m.start(1)] + b'0' * 32 + b[m.end(1):m.start(2)] + b'0' * 32 + b[m.end(2):]
print(m.group(1).decode(), hashlib.sha256(z).hexdigest()[:32])
EOF
}
# Each font descriptor's CIDSet has the bit of CID 0 and of every CID
# its font's /W gives a width other than 0 (glyphs drawn; a 0 fills a
# gap between two): prints the number of fonts checked, or "bad NAME".
pdfa_cidset() {
	qpdf --json=2 --json-key=qpdf --json-stream-data=inline \
	    --decode-level=generalized "$1" 2>/dev/null | python3 -c '
import base64, json, sys
o = json.load(sys.stdin)["qpdf"][1]
n = 0
for v in o.values():
    d = v.get("value")
    if not isinstance(d, dict) or d.get("/Subtype") != "/CIDFontType2":
        continue
    fd = o["obj:" + d["/FontDescriptor"]]["value"]
    if "/CIDSet" not in fd:
        print("bad", d["/BaseFont"], "no CIDSet")
        continue
    bits = base64.b64decode(o["obj:" + fd["/CIDSet"]]["stream"]["data"])
    w, cids, k = d.get("/W", []), [0], 0
    while k + 1 < len(w):
        cids += [w[k] + i for i, x in enumerate(w[k + 1]) if x != 0]
        k += 2
    if any(c // 8 >= len(bits) or not bits[c // 8] & (0x80 >> c % 8)
           for c in cids):
        print("bad", d["/BaseFont"], "a CID drawn is not in its CIDSet")
        continue
    n += 1
print(n, "fonts")
'
}

$CV build -q -i input -o "$pa/i" --number 7 --date 2022-04-05 >/dev/null 2>&1
check "pdfa: issued build" test -s "$pa/i/register-2022.pdf"
$CV build -q -i input -o "$pa/d" >/dev/null 2>&1
check "pdfa: draft build" test -s "$pa/d/letters/01-bo-lao-dong-thuong-binh-va-xa-hoi.pdf"
# A subject holding what XML escapes.
mkdir -p "$pa/x"
cp input/appendix.csv "$pa/x/"
sed "s/^trich_yeu: .*/trich_yeu: 'an toàn \& <bảo mật> \"mạng\"'/" input/dispatch.md >"$pa/x/dispatch.md"
$CV build -q -i "$pa/x" -o "$pa/xo" --number 8 --date 2022-04-06 >/dev/null 2>&1
check "pdfa: build with & < > in the subject" test -s "$pa/xo/letters/01-bo-lao-dong-thuong-binh-va-xa-hoi.pdf"
L=letters/01-bo-lao-dong-thuong-binh-va-xa-hoi.pdf
pdfa_files="$pa/i/$L $pa/i/letters/15-cac-bo-nganh-uy-ban-nhan-dan-cac-cap.pdf
$pa/i/directory.pdf $pa/i/register-2022.pdf $pa/d/$L $pa/d/directory.pdf $pa/xo/$L"

for f in $pdfa_files; do
	pn=${f#$pa/}
	check "pdfa $pn: %PDF-1.4" test "$(head -c 8 "$f")" = "%PDF-1.4"
	check "pdfa $pn: qpdf --check" qpdf --check "$f"
	check "pdfa $pn: XMP well-formed (xmllint)" sh -c "pdfinfo -meta '$f' | xmllint --noout -"
	check "pdfa $pn: pdfaid:part 1" test "$(pdfa_xmp "$f" part)" = 1
	check "pdfa $pn: pdfaid:conformance B" test "$(pdfa_xmp "$f" conformance)" = B
	for kv in Title:title Author:creator Subject:description Creator:CreatorTool \
	    Producer:Producer CreationDate:CreateDate ModDate:ModifyDate; do
		pi=$(pdfa_info "$f" "${kv%%:*}") px=$(pdfa_xmp "$f" "${kv#*:}")
		check "pdfa $pn: XMP ${kv#*:} = Info ${kv%%:*} ('$px', '$pi')" \
		    test "$pi" = "${px%:00}"
	done
	check "pdfa $pn: output intent GTS_PDFA1" sh -c \
	    "qpdf --show-object=1 '$f' | grep -q '/OutputIntents \[ << .*/S /GTS_PDFA1'"
	id=$(pdfa_id "$f")
	check "pdfa $pn: /ID is the SHA-256 of the file (${id:-none})" \
	    test -n "$id" -a "${id% *}" = "${id#* }"
	pr=$(pdfa_cidset "$f")
	case "$pr" in [1-9]" fonts") ok;; *) ko "pdfa $pn: CIDSet: $pr";; esac
done
check "pdfa: issued letter dated (XMP CreateDate)" test -n "$(pdfa_xmp "$pa/i/$L" CreateDate)"
check "pdfa: draft: no date in Info" test -z "$(pdfa_info "$pa/d/$L" CreationDate)"
check "pdfa: draft: no date in XMP" test -z "$(pdfa_xmp "$pa/d/$L" CreateDate)"
check "pdfa: the subject escaped, read back whole" \
    test "$(pdfa_xmp "$pa/xo/$L" title)" = "an toàn & <bảo mật> \"mạng\""
check "pdfa: two letters, two IDs" test "$(pdfa_id "$pa/i/$L")" != \
    "$(pdfa_id "$pa/i/letters/15-cac-bo-nganh-uy-ban-nhan-dan-cac-cap.pdf")"
$CV build -q -i input -o "$pa/i2" --number 7 --date 2022-04-05 >/dev/null 2>&1
check "pdfa: rebuilt, the same bytes (the /ID too)" cmp "$pa/i/$L" "$pa/i2/$L"

# The profile is template data, checked at load, and its message names
# the package that has it (which dpkg confirms).
mkdir -p "$pa/t"
sed 's|^  icc: .*|  icc: /usr/share/color/icc/Missing-sRGB.icc|' templates/cong-van.yaml >"$pa/t/cong-van.yaml"
expect "pdfa: missing ICC profile" 1 $CV check -t "$pa/t"
check "pdfa: missing ICC profile names the file and package" grep -qx \
    "/usr/share/color/icc/Missing-sRGB.icc: error: cannot open colour profile: No such file or directory (install the Debian package icc-profiles-free)" "$tmp/err"
expect "pdfa: missing ICC profile, register" 1 $CV register --year 2022 -o "$pa/i" -t "$pa/t"
check "pdfa: missing ICC profile, register: said" grep -q "Missing-sRGB.icc: error: cannot open colour profile" "$tmp/err"
if command -v dpkg >/dev/null; then
	check "pdfa: icc-profiles-free has the template's profile" sh -c \
	    "dpkg -S /usr/share/color/icc/sRGB.icc | grep -q '^icc-profiles-free:'"
fi
python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[8] = 4; open(sys.argv[2], "wb").write(b)' \
    /usr/share/color/icc/sRGB.icc "$pa/t/v4.icc"
sed "s|^  icc: .*|  icc: $pa/t/v4.icc|" templates/cong-van.yaml >"$pa/t/cong-van.yaml"
expect "pdfa: ICC v4 profile refused" 1 $CV check -t "$pa/t"
check "pdfa: ICC v4 profile: said" grep -qx \
    "$pa/t/v4.icc: error: not an ICC version 2 colour profile of a monitor or printer in RGB, gray or CMYK, which PDF/A-1 needs: name one in the template's pdf.icc, such as the sRGB.icc of the Debian package icc-profiles-free" "$tmp/err"
# The advice followed: pdf.icc names the package's sRGB.icc.
if command -v dpkg >/dev/null; then
	pf=$(dpkg -L icc-profiles-free 2>/dev/null | grep '/sRGB\.icc$' | head -1)
	sed "s|^  icc: .*|  icc: $pf|" templates/cong-van.yaml >"$pa/t/cong-van.yaml"
	expect "pdfa: ICC v4 profile: the advice followed ($pf)" 0 $CV check -q -t "$pa/t"
fi

# PDFBox Preflight, the PDF/A-1b validator Debian ships (SIGNING.md §5.1).
pfcp=/usr/share/java/preflight.jar:/usr/share/java/pdfbox2.jar:/usr/share/java/fontbox2.jar:/usr/share/java/xmpbox.jar:/usr/share/java/commons-logging.jar:/usr/share/java/javax.activation.jar:/usr/share/java/jaxb-api.jar
if command -v java >/dev/null && [ -f /usr/share/java/preflight.jar ] &&
    [ -f /usr/share/java/jaxb-api.jar ]; then
	preflight() { env -u VALGRIND java -cp "$pfcp" org.apache.pdfbox.preflight.Validator_A1b "$1" 2>&1; }
	for f in $pdfa_files; do
		pr=$(preflight "$f")
		case "$pr" in *"is a valid PDF/A-1b file"*) ok;;
		*) ko "pdfa ${f#$pa/}: Preflight: $(printf '%s' "$pr" | sort | uniq -c | head -8)";; esac
	done
	# The validator is not blind: XMP that says another creator than
	# Info (same length, so the file stays readable) is found.
	python3 -c 'import sys; b = open(sys.argv[1], "rb").read(); open(sys.argv[2], "wb").write(b.replace(b"congvan</xmp:CreatorTool>", b"congvaX</xmp:CreatorTool>"))' \
	    "$pa/i/$L" "$pa/bad.pdf"
	pr=$(preflight "$pa/bad.pdf")
	case "$pr" in *"not a valid PDF/A-1b"*7.2*) ok;; *) ko "pdfa: Preflight finds XMP that differs from Info: $pr";; esac
else
	echo "skipped: java or PDFBox Preflight not installed (PDF/A-1b validation)"
fi
