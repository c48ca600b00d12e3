# The house (issue 12, sourced by run.sh): the PDFs of the worked example and
# of tests/dispatches/ are byte-identical to those recorded before the code
# moved into stage folders (tests/house/pdfs.sha256; a change of output on
# purpose rewrites it with UPDATE=house, reviewed like any golden file), and
# no include runs from a lower stage to a higher one.

# --- The PDFs, byte for byte ---------------------------------------------
hb=$tmp/house
rm -rf "$hb"
mkdir -p "$hb"
for job in "seed input" "seed-issued input --number 7 --date 2022-04-05" \
    "tinh tests/dispatches/tinh" "nhieu-noi tests/dispatches/nhieu-noi" \
    "tinh-issued tests/dispatches/tinh --number 12 --date 2023-11-30"; do
	set -- $job
	name=$1 in=$2
	shift 2
	$CV build -q -i "$in" -o "$hb/$name" "$@" >/dev/null 2>&1 ||
	    ko "house: build $name"
done
(cd "$hb" && find . -name '*.pdf' ! -path '*/archive/*' | sort |
    xargs sha256sum) >"$tmp/house.sums"
golden "house: PDFs byte-identical (tests/house/pdfs.sha256)" \
    tests/house/pdfs.sha256 "$tmp/house.sums"

# --- Includes point down the pipeline ------------------------------------
# Stages in pipeline order; a file may include its own stage's headers and
# those of earlier stages, never a later one's.  The driver (generator/*.c)
# may include any.  Each third-party library's headers in its one file.
house_includes() {
	(cd "$1" && grep -H '^#include [<"]' -- */*.[ch] 2>/dev/null) | awk -F: '
	BEGIN {
		n = split("base load merge layout check pdf sign archive", st, " ")
		for (i = 1; i <= n; i++) rank[st[i]] = i
		lib["cmark.h"] = "load/mdin.c"; lib["yaml.h"] = "load/ytree.c"
		lib["csv.h"] = "load/rows.c"; lib["utf8proc.h"] = "base/text.c"
		lib["hpdf.h"] = "pdf/pdf.c"; lib["zlib.h"] = "pdf/zip.c"
		lib["hb.h"] = "pdf/font.c"; lib["hb-ot.h"] = "pdf/font.c"
		lib["hb-subset.h"] = "pdf/font.c"
		lib["libp11.h"] = "sign/p11.c"; lib["curl/curl.h"] = "sign/tsa.c"
		lib["png.h"] = "sign/png.c"
	}
	{
		file = $1; inc = $2; sub(/^#include /, "", inc)
		split(file, fp, "/"); from = fp[1]
		if (!(from in rank)) { print file ": stage " from " is not in the list"; next }
		if (inc ~ /^"/) {
			gsub(/"/, "", inc); split(inc, ip, "/")
			if (!(2 in ip)) { print file ": includes \"" inc "\" without its stage"; next }
			if (!(ip[1] in rank)) { print file ": includes \"" inc "\" of no stage"; next }
			if (rank[ip[1]] > rank[from])
				print file ": includes \"" inc "\", a later stage"
		} else {
			gsub(/[<>]/, "", inc)
			if (inc in lib && lib[inc] != file)
				print file ": includes <" inc ">, which belongs to " lib[inc]
			# OpenSSL: hashing in base/sha.c; keys, CMS and
			# timestamps belong to the sign stage (issue 15).
			if (inc ~ /^openssl\// && file != "base/sha.c" && from != "sign")
				print file ": includes <" inc ">, which belongs to base/sha.c or the sign stage"
		}
	}'
	# The driver's own library use: none.
	(cd "$1" && grep -H '^#include <\(cmark\|yaml\|csv\|utf8proc\|hpdf\|zlib\|hb\|hb-ot\|hb-subset\|libp11\|png\|curl/curl\|openssl/[a-z0-9]*\)\.h>' -- *.c 2>/dev/null)
}
house_includes generator >"$tmp/house.inc"
check "includes point down the pipeline; each library in its one file" test ! -s "$tmp/house.inc"
[ -s "$tmp/house.inc" ] && cat "$tmp/house.inc"
# The check itself finds an include back up, and a library out of place.
rm -rf "$tmp/house-bad"
cp -R generator "$tmp/house-bad"
sed -i '1a #include "pdf/pdf.h"' "$tmp/house-bad/load/mdin.c"
sed -i '1a #include <hpdf.h>' "$tmp/house-bad/layout/layout.c"
house_includes "$tmp/house-bad" >"$tmp/house.inc"
check "house check: an include back up is found" grep -q '^load/mdin.c: includes "pdf/pdf.h", a later stage' "$tmp/house.inc"
check "house check: a library out of its file is found" grep -q '^layout/layout.c: includes <hpdf.h>, which belongs to pdf/pdf.c' "$tmp/house.inc"

# --- One catalogue of messages (base/msgtab.h) ---------------------------
# Every diagnostic is an entry of the catalogue: no text written to stderr
# anywhere else (the usage text of --help aside), and no entry unused.
grep -n 'fprintf(stderr\|fputs([^,]*, *stderr)\|\<perror(\|\<warnx\?(\|\<errx\?(' \
    generator/*.c generator/*/*.c | grep -v '^generator/base/msg.c:' |
    grep -v 'fputs(usage_text' >"$tmp/house.stderr"
check "diagnostics only through the catalogue" test ! -s "$tmp/house.stderr"
[ -s "$tmp/house.stderr" ] && cat "$tmp/house.stderr"
sed -n 's/^MSGDEF(\([A-Z0-9_]*\),.*/\1/p' generator/base/msgtab.h | sort >"$tmp/house.ids"
cat generator/*.c generator/*/*.c |
    grep -o '\(MSGT\|DIE\)(\(MSGT_\)\?[A-Z0-9_]*\|MSGT_[A-Z0-9_]*' |
    sed 's/^\(MSGT\|DIE\)(//; s/^MSGT_//' | sort -u >"$tmp/house.used"
comm -23 "$tmp/house.ids" "$tmp/house.used" >"$tmp/house.unused"
check "every catalogue entry is used" test ! -s "$tmp/house.unused"
[ -s "$tmp/house.unused" ] && cat "$tmp/house.unused"
check "the catalogue has its entries" test "$(wc -l <"$tmp/house.ids")" -ge 150

# --- One of each: the agency block, drawn by one function ----------------
# The directory's header is the letter's: with a parent agency, its words
# sit at the same distance from the top of the page in both.
ab=$tmp/agency
rm -rf "$ab"
cp -R tests/dispatches/tinh "$ab"
printf 'danh_ba:\n  tieu_de: Danh bạ đầu mối\n' >"$ab/fm"
awk -v add="$ab/fm" 'NR > 1 && /^---$/ && !done { while ((getline l < add) > 0) print l; done = 1 } { print }' \
    tests/dispatches/tinh/dispatch.md >"$ab/dispatch.md"
# (The parent agency a size smaller than the agency, as Decree 30 allows.)
mkdir -p "$ab/t"
sed 's/^  co_quan_chu_quan: { size: 13,/  co_quan_chu_quan: { size: 12,/' templates/cong-van.yaml >"$ab/t/cong-van.yaml"
check "agency block: a template with a smaller parent agency" \
    grep -q 'co_quan_chu_quan: { size: 12,' "$ab/t/cong-van.yaml"
$CV build -q -i "$ab" -o "$ab/out" -t "$ab/t" >/dev/null 2>&1
top_of() { pdftotext -f 1 -l 1 -bbox "$1" - 2>/dev/null |
    sed -n "s/.*yMin=\"\([0-9.]*\)\".*>$2<.*/\1/p" | head -n 1 |
    awk '{ printf "%.1f\n", $1 }'; }
l1=$(top_of "$ab/out/letters/1-uy-ban-nhan-dan-thanh-pho-quang-ngai.pdf" UBND)
d1=$(top_of "$ab/out/directory.pdf" UBND)
check "agency block: the parent agency found" test -n "$l1" -a -n "$d1"
check "agency block: at one height in the letter and the directory ($l1, $d1)" test "$l1" = "$d1"
# "Chưa cung cấp" comes from the template, in directory.csv as in the PDF.
nr=$tmp/noreply
rm -rf "$nr"; mkdir -p "$nr/t"
sed 's/^  no_reply: .*/  no_reply: Chưa trả lời/' templates/cong-van.yaml >"$nr/t/cong-van.yaml"
$CV build -q -t "$nr/t" -o "$nr/out" >/dev/null 2>&1
check "no reply: the template's words in directory.csv" grep -q 'Chưa trả lời' "$nr/out/directory.csv"
check "no reply: and not the built-in words" test "$(grep -c 'Chưa cung cấp' "$nr/out/directory.csv")" -eq 0
# A stage's internal header stays in its stage.
{ grep -l '#include "layout/lay.h"' generator/*.c generator/*/*.c |
    grep -v '^generator/layout/'
  grep -l '#include "pdf/pdfint.h"' generator/*.c generator/*/*.c |
    grep -v '^generator/pdf/'; } >"$tmp/house.lay"
check "layout/lay.h and pdf/pdfint.h only inside their stage" test ! -s "$tmp/house.lay"
