# The header's names (sourced by run.sh; issue 13): where one line is
# meant a forced break is a space; the template's header_breaks are
# checked like every key and drive the breaks; the README's advice works.
# The breaks themselves are golden layouts in tests/regress/header/.
hh=$tmp/header
rm -rf "$hh"; mkdir -p "$hh/in"
printf 'STT,Tên cơ quan\n1,Sở Tài chính\n' >"$hh/in/appendix.csv"
# A forced break typed both ways (a "|" block, "\n" in quotes), with
# stray spaces and a blank line.
sed -e 's/^co_quan: .*/co_quan: |\n  SỞ GIÁO DỤC  \n\n  VÀ ĐÀO TẠO\n  TỈNH BÌNH DƯƠNG   /' \
    -e 's/^chuc_vu: .*/chuc_vu: "GIÁM ĐỐC SỞ\\nGIÁO DỤC VÀ ĐÀO TẠO"/' \
    -e 's/^quyen_han: .*/quyen_han: "KT. GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC"/' \
    -e 's/^nam: .*/nam: 2024\nphu_luc:\n  tieu_de: Danh sách/' \
    -e 's/^trich_yeu: .*/trich_yeu: |\n  báo cáo\n  kết quả/' \
    tests/regress/header/default.md >"$hh/in/dispatch.md"
expect "header: forced breaks build" 0 $CV build -i "$hh/in" -o "$hh/out"
hf=$hh/out/letters/1-so-tai-chinh.pdf
check "header: the PDF's Author on one line" sh -c \
    "pdfinfo '$hf' | grep -qx 'Author: *SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH BÌNH DƯƠNG'"
check "header: the PDF's Title on one line" sh -c \
    "pdfinfo '$hf' | grep -qx 'Title: *báo cáo kết quả'"
check "header: the PDF's Author has no second line" sh -c \
    "test \"\$(pdfinfo '$hf' | grep -c '^ *TỈNH BÌNH DƯƠNG')\" -eq 0"
has "header: the appendix's reference line joins the lines" "$hf" \
    "của SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH BÌNH DƯƠNG)"
check "header: the warning names the agency on one line" grep -q \
    '"của SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH BÌNH DƯƠNG")$' "$tmp/err"
# On the letter itself, the lines as forced, in order.
$CV -T layout -i "$hh/in" 2>/dev/null | sed -n 's/.* B 1[34]\.0 w [0-9.]* "\(.*\)"$/\1/p' \
    >"$hh/lines"
check "header: forced lines printed as typed" sh -c "head -n 3 '$hh/lines' |
    tr '\n' '|' | grep -qx 'SỞ GIÁO DỤC|VÀ ĐÀO TẠO|TỈNH BÌNH DƯƠNG|'"
check "header: forced quyen_han and chuc_vu lines" sh -c "tr '\n' '|' <'$hh/lines' |
    grep -q '|KT. GIÁM ĐỐC|PHÓ GIÁM ĐỐC|GIÁM ĐỐC SỞ|GIÁO DỤC VÀ ĐÀO TẠO|'"

# The template's lists are checked like every other key.
tbad() {	# NAME SED MESSAGE: the edited template refused with MESSAGE
	mkdir -p "$hh/t"
	sed "$2" templates/cong-van.yaml >"$hh/t/cong-van.yaml"
	expect "header_breaks: $1" 1 $CV check -t "$hh/t"
	check "header_breaks: $1: message" grep -q "$3" "$tmp/err"
}
tbad "places not a list" '/^  places:$/,/^    - THỊ TRẤN$/c\  places: XÃ' \
    'cong-van.yaml:[0-9]*:[0-9]*: error: "header_breaks.places" must be a list, not text'
tbad "empty entry" 's/^    - THỊ TRẤN$/    - ""/' \
    'cong-van.yaml:[0-9]*:[0-9]*: error: empty entry in "header_breaks.places"'
tbad "entry too long" 's/^    - TIỂU HỌC$/    - A B C D E F G H I J K L M/' \
    'error: an entry of "header_breaks.units" has 13 words, more than 12: "A B C D E F G H I J K L M"'
tbad "entry not text" 's/^    - MẦM NON$/    - [MẦM, NON]/' \
    'error: each entry of "header_breaks.units" must be text, not a list'
tbad "a join of two words" 's/^  joins: .*/  joins: [VÀ, "VÀ CÁC"]/' \
    'error: an entry of "header_breaks.joins" has 2 words, more than 1: "VÀ CÁC"'
tbad "other_break out of range" 's/^  other_break: .*/  other_break: -1/' \
    'error: "header_breaks.other_break" is -1, outside 0 to 10'
tbad "places missing" '/^  places:$/,/^    - THỊ TRẤN$/d' \
    'error: missing key "header_breaks.places"'

# The breaks come from the template: without THÀNH PHỐ among the
# places, the agency is balanced by width alone.
hl() {	# TEMPLATE-DIR CO_QUAN [SIZE]: the agency's lines (those above the
	# Quốc hiệu), "|" after each
	sed "s/^co_quan: .*/co_quan: $2/" tests/regress/header/default.md \
	    >"$hh/in/dispatch.md"
	$CV -T layout -t "$1" -i "$hh/in" 2>/dev/null |
	    sed -n -e '/"CỘNG HÒA/q' \
	    -e "s/.* B ${3:-13}\\.0 w [0-9.]* \"\\(.*\\)\"\$/\\1/p" |
	    tr '\n' '|'
}
sed '/^    - THÀNH PHỐ$/d' templates/cong-van.yaml >"$hh/t/cong-van.yaml"
check "header_breaks: THÀNH PHỐ a place" test \
    "$(hl templates 'CÔNG AN THÀNH PHỐ HỒ CHÍ MINH')" = "CÔNG AN|THÀNH PHỐ HỒ CHÍ MINH|"
check "header_breaks: THÀNH PHỐ not a place" test \
    "$(hl "$hh/t" 'CÔNG AN THÀNH PHỐ HỒ CHÍ MINH')" = "CÔNG AN THÀNH|PHỐ HỒ CHÍ MINH|"
# README's advice: a unit of your own, added to the units, is kept whole.
hn='LIÊN HIỆP CÁC HỘI KHOA HỌC VÀ KỸ THUẬT VIỆT NAM'
check "header_breaks: an unlisted unit may break" test \
    "$(hl templates "$hn")" = "LIÊN HIỆP CÁC HỘI|KHOA HỌC VÀ KỸ|THUẬT VIỆT NAM|"
sed 's/^  units:$/  units:\n    - KHOA HỌC VÀ KỸ THUẬT/' templates/cong-van.yaml \
    >"$hh/t/cong-van.yaml"
check "header_breaks: the README's advice keeps it whole" test \
    "$(hl "$hh/t" "$hn")" = "LIÊN HIỆP CÁC HỘI|KHOA HỌC VÀ KỸ THUẬT|VIỆT NAM|"
# At 12 pt, as Decree 30 allows, "THÔNG TIN VÀ TRUYỀN THÔNG" fits the
# column (190.6 of 192.5 pt): the body's kind alone on the first line.
sed 's/^  co_quan: { size: 13,/  co_quan: { size: 12,/' templates/cong-van.yaml \
    >"$hh/t/cong-van.yaml"
check "header_breaks: SỞ / THÔNG TIN VÀ TRUYỀN THÔNG at 12 pt" test \
    "$(hl "$hh/t" 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG' 12)" = "SỞ|THÔNG TIN VÀ TRUYỀN THÔNG|"
check "header_breaks: BỘ / THÔNG TIN VÀ TRUYỀN THÔNG at 12 pt" test \
    "$(hl "$hh/t" 'BỘ THÔNG TIN VÀ TRUYỀN THÔNG' 12)" = "BỘ|THÔNG TIN VÀ TRUYỀN THÔNG|"
check "header_breaks: at 13 pt it is too wide: balanced as before" test \
    "$(hl templates 'BỘ THÔNG TIN VÀ TRUYỀN THÔNG')" = "BỘ THÔNG TIN VÀ|TRUYỀN THÔNG|"
# A unit wider than the column breaks next to a join of the template.
check "header_breaks: a wide unit breaks at its join" test \
    "$(hl templates 'BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI')" = "BỘ LAO ĐỘNG -|THƯƠNG BINH VÀ XÃ HỘI|"
sed 's/^  joins: .*/  joins: [VÀ]/' templates/cong-van.yaml >"$hh/t/cong-van.yaml"
check "header_breaks: the joins come from the template" test \
    "$(hl "$hh/t" 'BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI')" != "BỘ LAO ĐỘNG -|THƯƠNG BINH VÀ XÃ HỘI|"
