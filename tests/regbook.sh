# The printed register book (sourced by run.sh): register-YYYY.pdf and
# register.pdf, Decree 30 Phụ lục IV (README "The register book").
rb=$tmp/rb
rm -rf "$rb"; mkdir -p "$rb"
# Page N of a PDF (or all of it) as one line, whitespace squeezed, in
# the order it is drawn (-raw): a cell's lines one after the other.
pg() { pdftotext -raw -enc UTF-8 -f "$2" -l "$2" "$1" - 2>/dev/null | tr -s ' \n\f' '  '; }
rflat() { pdftotext -raw -enc UTF-8 "$1" - 2>/dev/null | tr -s ' \n\f' '  '; }
npages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }

# --- By an issued build -------------------------------------------------
$CV build -q -i input -o "$rb/out" >/dev/null 2>&1
check "register book: a draft prints no book" test ! -e "$rb/out/register.pdf" -a ! -e "$rb/out/register-2022.pdf"
expect "register book: issued build" 0 $CV build -q -i input -o "$rb/out" --number 7 --date 2022-04-05
check "register book: the build printed register-2022.pdf" test -s "$rb/out/register-2022.pdf"
check "register book: register.pdf is the latest year's book" cmp "$rb/out/register.pdf" "$rb/out/register-2022.pdf"
check "register book: the build said nothing of it on stdout" test ! -s "$tmp/out"
t1=$(pg "$rb/out/register.pdf" 1)
for s in "BỘ THÔNG TIN VÀ TRUYỀN THÔNG" "SỔ ĐĂNG KÝ VĂN BẢN ĐI" "Năm: 2022" \
    "Từ ngày 05/04/2022 đến ngày 05/04/2022" "Từ số 07 đến số 07" "Quyển số: 01"; do
	case "$t1" in *"$s"*) ok;; *) ko "register book: cover has no \"$s\": $t1";; esac
done
# The cover's lines in FORMAT.md §10's order.
check "register book: cover lines in order" sh -c "printf '%s\n' \"$t1\" | grep -q 'BỘ THÔNG TIN VÀ TRUYỀN THÔNG.*SỔ ĐĂNG KÝ VĂN BẢN ĐI.*Năm: 2022.*Từ ngày.*Từ số.*Quyển số'"
t2=$(pg "$rb/out/register.pdf" 2)
for s in "Số, ký hiệu văn bản" "Ngày tháng văn bản" "Tên loại và trích yếu nội dung văn bản" \
    "Người ký" "Nơi nhận văn bản" "Đơn vị, người nhận bản lưu" "Số lượng bản" \
    "Ngày chuyển" "Ký nhận" "Ghi chú" "(1) (2) (3) (4) (5) (6) (7) (8) (9) (10)" \
    "05/04/2022 Công văn V/v triển khai chương trình “Bảo vệ và hỗ trợ trẻ em tương tác lành mạnh, sáng tạo trên môi trường mạng giai đoạn 2021 - 2025” Nguyễn Huy Dũng Bộ Lao động - Thương binh và Xã hội; Bộ Giáo dục và Đào tạo;" \
    "Các Bộ, ngành, Ủy ban nhân dân các cấp VT, Cục ATTT (3) 15"; do
	case "$t2" in *"$s"*) ok;; *) ko "register book: table has no \"$s\"";; esac
done
check "register book: landscape A4" sh -c "pdfinfo '$rb/out/register.pdf' | grep -q 'Page size: *841.89 x 595.276'"
check "register book: qpdf --check" qpdf --check "$rb/out/register.pdf"
pdffonts "$rb/out/register.pdf" >"$rb/fonts.txt" 2>/dev/null
check "register book: every font embedded" awk 'NR > 2 { n++; if ($(NF-4) != "yes") bad = 1 } END { exit bad || n == 0 }' "$rb/fonts.txt"
check "register book: Liberation Serif (Times New Roman's twin)" grep -q "LiberationSerif" "$rb/fonts.txt"
check "register book: page 2 is numbered, the cover not" sh -c "pdftotext -layout -f 2 -l 2 '$rb/out/register.pdf' - | head -1 | grep -qx ' *2' && ! pdftotext -layout -f 1 -l 1 '$rb/out/register.pdf' - | grep -qx ' *1'"
cp "$rb/out/register.pdf" "$rb/first.pdf"
$CV build -q -i input -o "$rb/out" --number 7 --date 2022-04-05 >/dev/null 2>&1
check "register book: rebuilt byte-identical" cmp "$rb/out/register.pdf" "$rb/first.pdf"
$CV register -q --year 2022 -o "$rb/out" >/dev/null 2>&1
check "register book: congvan register prints the build's bytes" cmp "$rb/out/register-2022.pdf" "$rb/first.pdf"

# --- A register of two years, written as Excel would not mind ------------
# 30 rows of 2021 (out of order, some tall), 3 of 2022.
reg=$rb/big/register.csv
mkdir -p "$rb/big"
{
	printf '\357\273\277"Số, ký hiệu văn bản",Ngày tháng văn bản,Tên loại và trích yếu nội dung văn bản,Người ký,Nơi nhận văn bản,"Đơn vị, người nhận bản lưu",Số lượng bản,Ngày chuyển,Ký nhận,Ghi chú\r\n'
	for i in 2 1 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 30 29; do
		n=$(printf %02d "$i")
		long="Công văn V/v tăng cường bảo đảm an toàn thực phẩm số $n"
		[ $((i % 3)) -eq 0 ] && long="$long trong dịp Tết Nguyên đán, mùa lễ hội Xuân và các đợt cao điểm: kiểm tra, giám sát, xử lý nghiêm vi phạm tại chợ đầu mối, bếp ăn tập thể, trường học, khu công nghiệp và cơ sở kinh doanh dịch vụ ăn uống trên địa bàn huyện Tân Hiệp, tỉnh Kiên Giang"
		long="$long (hết $n)"
		printf '%s/UBND-VP,%02d/%02d/2021,"%s",Nguyễn Thị Hương,"Ủy ban nhân dân xã Tân Hiệp; Phòng Y tế",VT,2,,,GC-%s\r\n' \
		    "$n" $(( (i % 28) + 1 )) $(( (i % 12) + 1 )) "$long" "$n"
	done
	for i in 1 2 3; do
		printf '0%d/UBND-VP,1%d/03/2022,Công văn V/v hai không hai hai %d,Lê Văn Bình,Sở Tài chính,VT,1,,,X22-%d\r\n' "$i" "$i" "$i" "$i"
	done
} >"$reg"
snap "$rb/big" >"$tmp/rb.before"
expect "register: --year 2021" 0 $CV register --year 2021 -o "$rb/big"
check "register: summary on stdout" grep -qx "register-2021.pdf: 30 dispatches of 2021, [0-9]* pages" "$tmp/out"
b21=$rb/big/register-2021.pdf
check "register: register.pdf left alone for an older year" test ! -e "$rb/big/register.pdf"
np=$(npages "$b21")
check "register: the 2021 book has at least 3 table pages ($np pages)" test "${np:-0}" -ge 4
# Every table page repeats both header rows, and is numbered.
k=2
while [ "$k" -le "${np:-0}" ]; do
	t=$(pg "$b21" "$k")
	case "$t" in "$k Số, ký hiệu văn bản Ngày tháng văn bản Tên loại và trích yếu"*"(1) (2) (3) (4) (5) (6) (7) (8) (9) (10)"*) ok;;
	*) ko "register: page $k has no header rows: $(printf %.120s "$t")";; esac
	k=$((k + 1))
done
# Only 2021's rows, in the order of their numbers, each on one page.
all=$(rflat "$b21")
case "$all" in *X22-*|*"hai không hai hai"*) ko "register: a 2022 row in the 2021 book";; *) ok;; esac
case "$all" in *"Từ ngày 13/01/2021 đến ngày 24/12/2021"*) ok;; *) ko "register: 2021's first and last dates";; esac
case "$all" in *"Từ số 01 đến số 30"*) ok;; *) ko "register: 2021's first and last numbers";; esac
check "register: rows in the order of their numbers" sh -c "pdftotext -enc UTF-8 '$b21' - | grep -o '^GC-[0-9]*' | tr '\n' ' ' | grep -qx 'GC-01 GC-02 GC-03 GC-04 GC-05 GC-06 GC-07 GC-08 GC-09 GC-10 GC-11 GC-12 GC-13 GC-14 GC-15 GC-16 GC-17 GC-18 GC-19 GC-20 GC-21 GC-22 GC-23 GC-24 GC-25 GC-26 GC-27 GC-28 GC-29 GC-30 '"
# Each row's number (its first line) and the end of its column (3) on
# one page, for all 30 rows.
split=0 seen=0
k=2
while [ "$k" -le "${np:-0}" ]; do
	t=$(pg "$b21" "$k")
	for n in $(printf '%s\n' "$t" | grep -o '[0-9][0-9]/UBND-' | cut -c1-2); do
		seen=$((seen + 1))
		case "$t" in *"(hết $n)"*) ;; *) split=1;; esac
	done
	k=$((k + 1))
done
check "register: no row split across pages ($seen rows seen)" test "$split" -eq 0 -a "$seen" -eq 30
case "$all" in *"Công văn V/v tăng cường bảo đảm an toàn thực phẩm số 03 trong dịp Tết Nguyên đán, mùa lễ hội Xuân và các đợt cao điểm: kiểm tra, giám sát, xử lý nghiêm vi phạm tại chợ đầu mối, bếp ăn tập thể, trường học, khu công nghiệp và cơ sở kinh doanh dịch vụ ăn uống trên địa bàn huyện Tân Hiệp, tỉnh Kiên Giang (hết 03)"*) ok;;
*) ko "register: the Vietnamese of a tall cell is not read back exactly";; esac
check "register: qpdf --check (many pages)" qpdf --check "$b21"
cp "$b21" "$rb/b21.pdf"
expect "register: --year 2021 again" 0 $CV register --year 2021 -o "$rb/big"
check "register: byte-identical on rerun" cmp "$b21" "$rb/b21.pdf"
expect "register: --year 2022" 0 $CV register --year 2022 -o "$rb/big" -q
check "register: -q prints nothing" test ! -s "$tmp/out"
check "register: register.pdf is the latest year's book" cmp "$rb/big/register.pdf" "$rb/big/register-2022.pdf"
t=$(rflat "$rb/big/register-2022.pdf")
case "$t" in *GC-*) ko "register: a 2021 row in the 2022 book";; *"X22-1"*"X22-3"*) ok;; *) ko "register: 2022's rows";; esac
expect "register: --year 2021 after 2022" 0 $CV register --year 2021 -o "$rb/big"
check "register: register.pdf stays the latest year's" cmp "$rb/big/register.pdf" "$rb/big/register-2022.pdf"

# --- The verb's refusals: exit 1 or 2, nothing written --------------------
snap "$rb/big" >"$tmp/rb.before"
expect "register: a year with no dispatch" 1 $CV register --year 2023 -o "$rb/big"
check "register: the years it holds, and the advice" grep -qx "$rb/big/register.csv: error: no dispatch of 2023 in the register; it holds 2021, 2022: print one of those (congvan register --year 2022 -i input -o $rb/big)" "$tmp/err"
adv=$(sed -n 's/.*(\(congvan register --year .*\))$/\1/p' "$tmp/err")
snap "$rb/big" >"$tmp/rb.after"
check "register: a refused year writes nothing" cmp "$tmp/rb.before" "$tmp/rb.after"
expect "register: its advice, followed" 0 $top/${adv%% *} ${adv#* }
expect "register: --year not a year" 2 $CV register --year 22 -o "$rb/big"
check "register: --year's message" grep -q 'congvan: --year takes a year from 1900 to 2999, as 2022, not "22"' "$tmp/err"
expect "register: --year out of range" 2 $CV register --year 1850 -o "$rb/big"
expect "register: no --year" 2 $CV register -o "$rb/big"
check "register: no --year said" grep -q "congvan register needs --year YYYY" "$tmp/err"
expect "register: a build's option refused" 2 $CV register --year 2021 --number 5 -o "$rb/big"
check "register: the option named" grep -q "takes -i, -o, -t, --year and -q, not --number" "$tmp/err"
expect "register: --year without the verb" 2 $CV build --year 2021 -o "$rb/big"
check "register: --year belongs to register" grep -q "congvan: --year belongs to congvan register" "$tmp/err"
mkdir -p "$rb/none"
expect "register: no register" 1 $CV register --year 2022 -o "$rb/none"
check "register: no register said" grep -qx "$rb/none/register.csv: error: no register here: an issued build (congvan build --number N --date YYYY-MM-DD) writes it; -o names the output folder that holds register.csv" "$tmp/err"
check "register: nothing written without a register" test -z "$(ls -A "$rb/none")"
# Its advice, both halves: -o the folder that holds it; or an issued build.
expect "register: -o the folder with register.csv" 0 $CV register --year 2022 -o "$rb/out"
expect "register: an issued build writes it" 0 $CV build -q -i input -o "$rb/none" --number 3 --date 2022-05-06
expect "register: then the book prints" 0 $CV register --year 2022 -o "$rb/none"
mkdir -p "$rb/empty"
head -1 "$reg" >"$rb/empty/register.csv"
expect "register: a register with no row" 1 $CV register --year 2022 -o "$rb/empty"
check "register: empty register said" grep -q "register.csv: error: the register holds no dispatch yet: an issued build (congvan build --number N --date YYYY-MM-DD) adds one" "$tmp/err"
expect "register: ... its advice followed" 0 $CV build -q -i input -o "$rb/empty" --number 1 --date 2022-01-04
expect "register: ... then the book prints" 0 $CV register --year 2022 -o "$rb/empty"
mkdir -p "$rb/bad"
printf 'STT,Tên\r\n1,x\r\n' >"$rb/bad/register.csv"
expect "register: not a register" 1 $CV register --year 2022 -o "$rb/bad"
check "register: not a register, at line 1" grep -q "^$rb/bad/register.csv:1: error: " "$tmp/err"
check "register: nothing written for a bad register" test "$(ls "$rb/bad")" = register.csv
mkdir -p "$rb/noin"
expect "register: no dispatch.md to name the agency" 1 $CV register --year 2022 -i "$rb/noin" -o "$rb/out"
check "register: missing dispatch.md said" grep -q "^$rb/noin/dispatch.md: error: missing input file" "$tmp/err"

# The agency too long for the cover: an error for the verb, following
# its advice (another dispatch's folder) prints the book.
mkdir -p "$rb/tall"
{ sed -n '1,/^co_quan:/p' input/dispatch.md | sed '$d'
  printf 'co_quan: |\n'
  for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do printf '  PHÒNG SỐ %d\n' "$i"; done
  sed -n '/^co_quan:/,$p' input/dispatch.md | sed 1d; } >"$rb/tall/dispatch.md"
cp input/appendix.csv "$rb/tall/" 2>/dev/null
expect "register: an agency too tall for the cover" 1 $CV register --year 2021 -i "$rb/tall" -o "$rb/big"
check "register: the cover's message" grep -q "^$rb/tall/dispatch.md: error: the agency's name (co_quan_chu_quan, co_quan) does not fit on the register book's cover: register-2021.pdf is not printed; shorten it" "$tmp/err"
expect "register: ... -i a dispatch that names it as its letters do" 0 $CV register --year 2021 -i input -o "$rb/big"

# --- The template's register keys ------------------------------------------
mkdir -p "$rb/t"
sed 's/^  column_widths: .*/  column_widths: "1|2|x"/' templates/cong-van.yaml >"$rb/t/cong-van.yaml"
expect "register: bad column_widths" 1 $CV register --year 2021 -t "$rb/t" -o "$rb/big"
check "register: column_widths message" grep -q 'cong-van.yaml:[0-9]*:[0-9]*: error: "so_dang_ky.column_widths" must give the register book'"'"'s 10 column widths as positive numbers, "|" between them (as 26|22|58|…), not "1|2|x"' "$tmp/err"
sed 's/^  columns: "Số, ký hiệu văn bản|/  columns: "/' templates/cong-van.yaml >"$rb/t/cong-van.yaml"
expect "register: nine columns" 1 $CV check -i input -t "$rb/t"
check "register: columns message" grep -q '"so_dang_ky.columns" must name the register book'"'"'s 10 columns, "|" between them; it names 9' "$tmp/err"
# The widths are the template's: a wider column (3) gives fewer pages.
sed 's/^  column_widths: .*/  column_widths: "20|24|160|20|30|20|12|12|12|20"/' templates/cong-van.yaml >"$rb/t/cong-van.yaml"
expect "register: the template's widths" 0 $CV register --year 2021 -t "$rb/t" -o "$rb/big"
np2=$(npages "$b21")
check "register: a wider column (3), fewer pages ($np2 < $np)" test "${np2:-99}" -lt "${np:-0}"
$CV register -q --year 2021 -o "$rb/big" >/dev/null 2>&1

# --- A book longer than LAYOUT_MAX_PAGES: not printed, said -----------------
mkdir -p "$rb/huge"
{
	head -1 "$reg"
	awk 'BEGIN { s = "Công văn V/v"; for (w = 0; w < 140; w++) s = s " việc"
		for (i = 1; i <= 520; i++) printf "%02d/UBND-VP,02/01/2021,\"%s %d\",A,B,VT,1,,,\r\n", i, s, i }'
} >"$rb/huge/register.csv"
expect "register: more than 500 pages" 1 $CV register --year 2021 -o "$rb/huge"
check "register: too long said" grep -q "register.csv: error: the register book of 2021 would have more than 500 pages: register-2021.pdf is not printed" "$tmp/err"
check "register: nothing printed when too long" test ! -e "$rb/huge/register-2021.pdf"

# --- After an issued build, a book that cannot be printed is a warning:
# the letters and the register row stand (exit 0).
mkdir -p "$rb/huge22"
sed 's|,02/01/2021,|,02/01/2022,|' "$rb/huge/register.csv" >"$rb/huge22/register.csv"
expect "register book: build with a book too long" 0 $CV build -q -i input -o "$rb/huge22" --number 600 --date 2022-04-05
check "register book: too long, a warning after a build" grep -q "register.csv: warning: the register book of 2022 would have more than 500 pages: register-2022.pdf is not printed (the register itself is kept)" "$tmp/err"
check "register book: ... the row is registered" grep -q "^600/BTTTT-CATTT," "$rb/huge22/register.csv"
check "register book: ... no book" test ! -e "$rb/huge22/register-2022.pdf"
sed '/^danh_ba:/,/^  han:/d' "$rb/tall/dispatch.md" >"$rb/tall/d2" && mv "$rb/tall/d2" "$rb/tall/dispatch.md"
expect "register book: build with an agency too tall for the cover" 0 $CV build -q -i "$rb/tall" -o "$rb/tallout" --number 2 --date 2022-03-03
check "register book: the cover, a warning after a build" grep -q "^$rb/tall/dispatch.md: warning: the agency's name (co_quan_chu_quan, co_quan) does not fit on the register book's cover: register-2022.pdf is not printed (the register itself is kept)" "$tmp/err"
check "register book: ... the row is registered" grep -q "^02/BTTTT-CATTT," "$rb/tallout/register.csv"
