# PDF checks with the real readers (sourced by run.sh): poppler's
# pdftotext, pdfinfo, pdffonts and pdftotext -bbox, mupdf, ghostscript
# and qpdf, on letters of the seed and of the two test dispatches.

# Words of a page outside the type area (margins in pt), except the
# page number centred in the top margin: prints them.
outside() {
	pdftotext -bbox -f "$2" -l "$2" "$1" - 2>/dev/null | awk -v L="$3" \
	    -v R="$4" -v T="$5" -v B="$6" '
	/<page / { match($0, /width="[0-9.]+"/); pw = substr($0, RSTART+7, RLENGTH-8) + 0
		   match($0, /height="[0-9.]+"/); ph = substr($0, RSTART+8, RLENGTH-9) + 0 }
	/<word / {
		split($0, a, "\""); x0 = a[2]; y0 = a[4]; x1 = a[6]; y1 = a[8]
		w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w)
		if (x0 < L - 0.5 || x1 > pw - R + 0.5 || y1 > ph - B + 0.5 ||
		    (y0 < T - 0.5 && !(w ~ /^[0-9]+$/ && y1 < T)))
			print w, x0, y0, x1, y1
	}'
}
# The page number printed in the top margin of a page, or nothing.
pageno() {
	pdftotext -bbox -f "$2" -l "$2" "$1" - 2>/dev/null | awk -v T="$3" '
	/<word / { split($0, a, "\""); w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w)
		   if (a[8] < T) printf "%s@%.1f ", w, (a[2] + a[6]) / 2 }'
}

o1=$tmp/pdf1 o2=$tmp/pdf2
$CV build -q -i input -o "$o1" --number 7 --date 2022-04-05 >/dev/null 2>"$tmp/e"
check "seed build exit 0" test $? -eq 0
$CV build -q -i input -o "$o2" --number 7 --date 2022-04-05 >/dev/null 2>&1
check "seed: 15 letters" test "$(ls "$o1/letters" | wc -l)" -eq 15
check "seed: byte-identical rebuild" diff -r "$o1/letters" "$o2/letters"
f=$o1/letters/01-bo-lao-dong-thuong-binh-va-xa-hoi.pdf
check "seed: NN-slug name" test -f "$f"
check "seed: last name" test -f "$o1/letters/15-cac-bo-nganh-uy-ban-nhan-dan-cac-cap.pdf"
check "seed: A4" sh -c "pdfinfo '$f' | grep -q 'Page size: *595.2[0-9]* x 841.8[0-9]* pts (A4)'"
check "seed: 2 pages" sh -c "pdfinfo '$f' | grep -q '^Pages: *2$'"
check "seed: 4 fonts embedded" sh -c "test \$(pdffonts '$f' | tail -n +3 | grep -c ' yes yes yes ') -eq 4"
check "seed: no font not embedded" sh -c "! pdffonts '$f' | tail -n +3 | grep -q ' no '"
check "seed: poppler quiet (valid ToUnicode)" sh -c "test -z \"\$(pdftotext '$f' - 2>&1 >/dev/null)\""
check "seed: qpdf --check" qpdf --check "$f"
has "seed" "$f" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" \
    "BỘ THÔNG TIN VÀ TRUYỀN THÔNG" "Số: 07/BTTTT-CATTT" \
    "Hà Nội, ngày 05 tháng 4 năm 2022" \
    "V/v triển khai chương trình “Bảo vệ và hỗ trợ trẻ em tương tác lành mạnh, sáng tạo trên môi trường mạng giai đoạn 2021 - 2025”" \
    "Kính gửi: Bộ Lao động - Thương binh và Xã hội" \
    "Ngày 01/6/2021, Thủ tướng Chính phủ đã phê duyệt Quyết định số 830/QĐ-TTg về chương trình “Bảo vệ và hỗ trợ trẻ em tương tác lành mạnh, sáng tạo trên môi trường mạng giai đoạn 2021 - 2025” nhằm thúc đẩy công tác bảo vệ trẻ em trên môi trường mạng. Trên cơ sở đó, Bộ Thông tin và Truyền thông kính đề nghị Bộ Lao động - Thương binh và Xã hội:" \
    "1. Chỉ đạo triển khai tích cực các nhiệm vụ được giao tại Điểm 2, Khoản I, Điều 1 Quyết định 830/QĐ-TTg (Danh sách tham chiếu trách nhiệm của các cơ quan có tại Phụ lục gửi kèm)." \
    "trước ngày 30/4/2022 (Họ và tên, đơn vị, chức danh, điện thoại, e-mail)." \
    "Trân trọng cảm ơn./." "Nơi nhận:" "- Như trên;" "- Lưu: VT, Cục ATTT (3)." \
    "KT. BỘ TRƯỞNG" "THỨ TRƯỞNG" "Nguyễn Huy Dũng" "Phụ lục" \
    "DANH SÁCH THAM CHIẾU TRÁCH NHIỆM" "TẠI QUYẾT ĐỊNH 830/QĐ-TTg" \
    "(Kèm theo Công văn số 07/BTTTT-CATTT ngày 05 tháng 4 năm 2022 của Bộ Thông tin và Truyền thông)" \
    "STT Tên cơ quan Tham chiếu nhiệm vụ" "15 Các Bộ, ngành, Ủy ban nhân dân các cấp"
# The same text through mupdf and ghostscript, as an archive would read it.
for s in "Kính gửi: Bộ Lao động - Thương binh và Xã hội" "Hà Nội, ngày 05 tháng 4 năm 2022" \
    "Số: 07/BTTTT-CATTT" "đề nghị Bộ Lao động - Thương binh và Xã hội:"; do
	t=$(mutool draw -q -F txt "$f" 2>/dev/null | tr -s ' \r\n' '   ')
	case "$t" in *"$s"*) ok;; *) ko "mutool: no \"$s\"";; esac
	t=$(gs -q -dNOPAUSE -dBATCH -sDEVICE=txtwrite -sOutputFile=- "$f" 2>/dev/null | tr -s ' \r\n' '   ')
	case "$t" in *"$s"*) ok;; *) ko "ghostscript: no \"$s\"";; esac
done
# Margins 20/20/30/15 mm: every word inside the type area.
for p in 1 2; do
	out=$(outside "$f" $p 85.03 42.51 56.69 56.69)
	check "seed page $p: all text inside the margins${out:+: $out}" test -z "$out"
done
# Justified: lines end at the right margin (595.28 - 42.52 = 552.76).
n=$(pdftotext -bbox -f 1 -l 1 "$f" - | awk '/<word / { split($0, a, "\""); if (a[6] > 552.70 && a[6] < 552.82) n++ } END { print n + 0 }')
check "seed: justified lines end at the right margin ($n)" test "$n" -ge 8
check "seed: no page number on page 1" test -z "$(pageno "$f" 1 56.69)"
check "seed: appendix first page unnumbered" test -z "$(pageno "$f" 2 56.69)"
t=$(flat -f 2 -l 2 "$f")
case "$t" in "Phụ lục "*) ok;; *) ko "seed: appendix page starts with Phụ lục";; esac

# Draft: the blanks of an unnumbered paper draft.
$CV build -q -i input -o "$tmp/draft" >/dev/null 2>&1
f=$tmp/draft/letters/01-bo-lao-dong-thuong-binh-va-xa-hoi.pdf
has "draft" "$f" "Số: /BTTTT-CATTT" "Hà Nội, ngày tháng năm 2022"
# The appendix's reference line, in drawing order (pdftotext's reading
# order takes the draft's wide blanks for columns).
case "$(flat -raw "$f")" in
*"(Kèm theo Công văn số /BTTTT-CATTT ngày tháng năm 2022 của"*) ok;;
*) ko "draft: the appendix's reference line with its blanks";;
esac
# A blank is never broken at the end of a line: "ngày", its blank and
# "tháng" stay on one line, and each blank is marked where it is drawn
# (issue 15: congvan issue fills them in).
$CV build -q -i input -o "$tmp/draftT" -T layout >"$tmp/draft.layout" 2>/dev/null
check "draft: no line ends in ngày" sh -c "! grep -q 'ngày\"\$' '$tmp/draft.layout'"
check "draft: the blanks are marked (So, Ngay, Thang on page 1 and the appendix)" \
    test "$(grep -c '^  mark \(So\|Ngay\|Thang\) ' "$tmp/draft.layout")" -eq \
    "$(( 6 * $(ls "$tmp/draft/letters" | wc -l) ))"
$CV build -q -i input -o "$tmp/draftT" --number 7 --date 2022-02-05 -T layout \
    >"$tmp/issued.layout" 2>/dev/null
check "issued: no blank marked" sh -c "! grep -q '^  mark \(So\|Ngay\|Thang\) ' '$tmp/issued.layout'"
check "issued: ô 7c and the seal marked on every letter" test \
    "$(grep -c '^  mark \(ChuKy\|Dau\) ' "$tmp/issued.layout")" -eq \
    "$(( 2 * $(ls "$tmp/draft/letters" | wc -l) ))"
$CV build -q -i input -o "$tmp/draft2" --number 7 --date 2022-02-05 --draft >/dev/null 2>&1
check "--draft leaves blanks" cmp "$f" "$tmp/draft2/letters/01-bo-lao-dong-thuong-binh-va-xa-hoi.pdf"
$CV build -q -i input -o "$tmp/feb" --number 123 --date 2022-02-05 >/dev/null 2>&1
has "february" "$tmp/feb/letters/01-bo-lao-dong-thuong-binh-va-xa-hoi.pdf" \
    "Số: 123/BTTTT-CATTT" "Hà Nội, ngày 05 tháng 02 năm 2022"

# A provincial dispatch: parent agency, TL. signer, body of four pages.
$CV build -q -i tests/dispatches/tinh -o "$tmp/tinh" >/dev/null 2>&1
f=$tmp/tinh/letters/1-uy-ban-nhan-dan-thanh-pho-quang-ngai.pdf
check "tinh: 4 letters" test "$(ls "$tmp/tinh/letters" | wc -l)" -eq 4
check "tinh: 4 pages" sh -c "pdfinfo '$f' | grep -q '^Pages: *4$'"
has "tinh" "$f" "UBND TỈNH QUẢNG NGÃI" "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" \
    "Số: 05/STTTT-BCVT" "Quảng Ngãi, ngày 07 tháng 02 năm 2023" \
    "Kính gửi: Ủy ban nhân dân thành phố Quảng Ngãi" "TL. GIÁM ĐỐC" \
    "TRƯỞNG PHÒNG BƯU CHÍNH, VIỄN THÔNG" "Trần Quốc Bảo" \
    "a) " "b) " "c) " "d) " "đ) " "- Lưu: VT, BCVT (2)."
for p in 1 2 3 4; do
	out=$(outside "$f" $p 85.03 42.51 56.69 56.69)
	check "tinh page $p: all text inside the margins${out:+: $out}" test -z "$out"
done
for p in 2 3 4; do
	n=$(pageno "$f" $p 56.69)
	check "tinh page $p: number $p centred in the top margin ($n)" test "$n" = "$p@318.9 "
done
check "tinh: no page number on page 1" test -z "$(pageno "$f" 1 56.69)"
# The signature never alone: the page that has it has body text too.
t=$(flat -f 4 -l 4 "$f")
case "$t" in 4\ *[a-z]*"Nơi nhận:"*) ok;; *) ko "tinh: signature page carries body lines";; esac

# Several recipients, an Excel CSV (BOM, semicolons, CRLF), phu_luc.cot.
$CV build -q -i tests/dispatches/nhieu-noi -o "$tmp/nn" >/dev/null 2>&1
f=$tmp/nn/letters/1-uy-ban-nhan-dan-tinh-lai-chau.pdf
check "nhieu-noi: 5 letters" test "$(ls "$tmp/nn/letters" | wc -l)" -eq 5
has "nhieu-noi" "$f" "Số: 3857/BTC-ĐT" "Hà Nội, ngày 09 tháng 4 năm 2024" \
    "Kính gửi: - Ủy ban nhân dân tỉnh Lai Châu; - Sở Tài chính các tỉnh, thành phố trực thuộc Trung ương; - Kho bạc Nhà nước." \
    "BỘ TRƯỞNG Đinh Hữu Khang" "(Kèm theo Công văn số 3857/BTC-ĐT ngày 09 tháng 4 năm 2024 của Bộ Tài chính)"
# The dashes of Kính gửi line up under its colon.
cols=$(pdftotext -bbox -f 1 -l 1 "$f" - | awk '/<word / { split($0, a, "\""); w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w)
	if (w == "gửi:") c = a[6] - 0; if (w == "-" && a[2] < 300 && a[4] < 330) printf "%.1f ", a[2] - c + 0 }')
check "nhieu-noi: dashes under the colon ($cols)" sh -c "echo '$cols' | awk '{ for (i = 1; i <= NF; i++) if (\$i < -4 || \$i > 0.5) exit 1; exit NF < 3 }'"
for p in 1 2 3; do
	out=$(outside "$f" $p 85.03 42.51 56.69 56.69)
	check "nhieu-noi page $p: all text inside the margins${out:+: $out}" test -z "$out"
done

# A long appendix: the header row on every page, pages numbered on
# their own (the first unnumbered), rows never split, text in margins.
mkdir -p "$tmp/long"
cp input/dispatch.md "$tmp/long/"
{ echo 'STT,Tên cơ quan,Tham chiếu nhiệm vụ'
  i=1; while [ $i -le 70 ]; do
	echo "$i,Cơ quan số $i,\"Điểm $i, Khoản IV, Điều 1 Quyết định 830/QĐ-TTg\""
	i=$((i + 1)); done; } >"$tmp/long/appendix.csv"
$CV build -q -i "$tmp/long" -o "$tmp/long/out" --shard 1/70 >/dev/null 2>&1
f=$(ls "$tmp/long/out/letters/"*.pdf 2>/dev/null | head -1)
np=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }')
check "long appendix: several pages ($np)" test "${np:-0}" -ge 4
p=3
while [ $p -le "${np:-0}" ]; do
	t=$(flat -f $p -l $p "$f")
	case "$t" in "$((p - 1)) STT Tên cơ quan Tham chiếu nhiệm vụ "*) ok;;
	*) ko "long appendix page $p: number $((p - 1)) then the header row";; esac
	out=$(outside "$f" $p 85.03 42.51 56.69 56.69)
	check "long appendix page $p: inside the margins${out:+: $out}" test -z "$out"
	p=$((p + 1))
done
check "long appendix: first appendix page unnumbered" test -z "$(pageno "$f" 2 56.69)"
check "long appendix: all 70 rows" sh -c "pdftotext '$f' - | grep -c 'Cơ quan số' | grep -qx 72"  # 70 rows + Kính gửi + body

# The marks are where the blanks are drawn: on page 1, the number's blank
# ends where "/BTTTT-CATTT" starts, the day's and the month's lie between
# "ngày", "tháng" and "năm" (pdftotext -bbox, top-down y).
pdftotext -bbox -f 1 -l 1 "$f" "$tmp/draft.bbox" 2>/dev/null
check "draft: each blank's mark lies in its gap on the page" python3 - \
    "$tmp/draft.layout" "$tmp/draft.bbox" <<'PY'
import re, sys
lay = open(sys.argv[1], encoding="utf-8").read().split("\nletter ")[0]
page1 = lay.split("\npage 2")[0]
marks = {m[0]: [float(v) for v in m[1:5]] for m in
         re.findall(r"mark (So|Ngay|Thang) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)", page1)}
words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', open(sys.argv[2], encoding="utf-8").read())
def w(t):
    return [tuple(map(float, x[:4])) for x in words if x[4] == t][0]
def between(k, left, right):
    x0, y0, x1, y1 = marks[k]
    return abs(x0 - left[2]) < 0.6 and abs(x1 - right[0]) < 0.6 and \
        abs((841.89 - y0) - left[3]) < 5
ok = between("Ngay", w("ngày"), w("tháng")) and \
    between("Thang", w("tháng"), w("năm")) and \
    abs(marks["So"][2] - w("/BTTTT-CATTT")[0]) < 0.6 and \
    marks["So"][0] >= w("Số:")[2]
sys.exit(0 if ok else 1)
PY
