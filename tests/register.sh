# register.csv read back after Excel, LibreOffice or a hand (sourced by
# run.sh; issue 14, "The register survives Excel and hands"): each form
# as a fixture, then --number auto gives the next number and the
# register is written back canonical with the clerk's cells kept; each
# unreadable row an error at its line, and each message's advice
# followed.

rg=$tmp/regread
rm -rf "$rg"; mkdir -p "$rg"
# The dispatch issued into the fixtures: 4 letters, STTTT-BCVT, 2023.
rd=tests/dispatches/tinh
# The canonical header, and the ten names with semicolons between.
hdr='"Số, ký hiệu văn bản",Ngày tháng văn bản,Tên loại và trích yếu nội dung văn bản,Người ký,Nơi nhận văn bản,"Đơn vị, người nhận bản lưu",Số lượng bản,Ngày chuyển,Ký nhận,Ghi chú'
hsemi='Số, ký hiệu văn bản;Ngày tháng văn bản;Tên loại và trích yếu nội dung văn bản;Người ký;Nơi nhận văn bản;Đơn vị, người nhận bản lưu;Số lượng bản;Ngày chuyển;Ký nhận;Ghi chú'
bom=$(printf '\357\273\277')
# rgrow N DATE: a row of another dispatch, number N, date as typed.
rgrow() { printf '%s/UBND-VP,%s,Công văn V/v việc số %s,Lê An,Bộ A,VT,1,,,\r\n' "$1" "$2" "$1"; }
# rgissue NAME: issue the dispatch into $rg/NAME with --number auto.
rgissue() { $CV build -q -i "$rd" -o "$rg/$1" --number auto --date 2023-04-05; }
# rgcanon NAME: register.csv as reg_csv writes it: BOM, CRLF on every
# line, the canonical header, every row as wide as it.
rgcanon() {
	_f=$rg/$1/register.csv
	[ "$(head -c 3 "$_f")" = "$bom" ] &&
	    [ "$(grep -c "$(printf '\r')\$" "$_f")" -eq "$(wc -l <"$_f")" ] &&
	    sed -n 1p "$_f" | grep -q "^$bom$hdr" &&
	    ! tail -n +2 "$_f" | cut -d, -f2 |
	    grep -qv '^[0-3][0-9]/[01][0-9]/2[0-9][0-9][0-9]$'
}
# Another dispatch of that office (STTTT-KHTC): a new row wherever it
# goes.
mkdir -p "$rg/other"
sed 's/^ky_hieu: STTTT-BCVT/ky_hieu: STTTT-KHTC/; s/^trich_yeu: .*/trich_yeu: báo cáo tiến độ ngầm hóa cáp viễn thông quý II/' \
    "$rd/dispatch.md" >"$rg/other/dispatch.md"
cp "$rd/appendix.csv" "$rg/other/"

# No BOM, semicolons, dates as Excel shows them (2/3/2023): the next
# number is 08, and the file comes back with BOM, commas, DD/MM/YYYY.
mkdir -p "$rg/semi"
printf '%s\r\n07/UBND-VP;2/3/2023;Công văn V/v họp;Lê An;"Bộ A; Bộ B";VT;2;3/3/2023;Hà;\r\n' \
    "$hsemi" >"$rg/semi/register.csv"
expect "register read: semicolons, no BOM, 2/3/2023" 0 rgissue semi
check "register read: semicolons: next number 08" grep -q '^08/STTTT-BCVT,05/04/2023,' "$rg/semi/register.csv"
check "register read: semicolons: written back canonical" rgcanon semi
check "register read: semicolons: date re-typed to 02/03/2023" grep -q '^07/UBND-VP,02/03/2023,Công văn V/v họp,Lê An,"Bộ A; Bộ B",VT,2,3/3/2023,Hà,' "$rg/semi/register.csv"

# BOM kept, LF, dates 02/03/2023, 2023-03-04 and 04/03/23 (LibreOffice's
# vi-VN short date): 01..03 read, the next is 04.
mkdir -p "$rg/forms"
{ printf '%s%s\n' "$bom" "$hdr"
  rgrow 01 02/03/2023; rgrow 02 2023-03-04; rgrow 03 04/03/23; } |
    tr -d '\r' >"$rg/forms/register.csv"
expect "register read: date forms" 0 rgissue forms
check "register read: date forms: next number 04" grep -q '^04/STTTT-BCVT,05/04/2023,' "$rg/forms/register.csv"
check "register read: date forms: written back canonical" rgcanon forms
check "register read: 2023-03-04 written 04/03/2023" grep -q '^02/UBND-VP,04/03/2023,' "$rg/forms/register.csv"
check "register read: 04/03/23 written 04/03/2023" grep -q '^03/UBND-VP,04/03/2023,' "$rg/forms/register.csv"

# The numbers of other years do not count: 2022's 09 leaves 2023 at 03.
mkdir -p "$rg/years"
{ printf '%s\r\n' "$hdr"; rgrow 09 31/12/2022; rgrow 03 2/1/2023; } >"$rg/years/register.csv"
expect "register read: another year" 0 rgissue years
check "register read: another year: next number 04" grep -q '^04/STTTT-BCVT,05/04/2023,' "$rg/years/register.csv"

# A number typed without its 0 (7/UBND-VP) is 7, written back 07.
mkdir -p "$rg/hand"
{ printf '%s\r\n' "$hdr"; rgrow 7 10/03/2023; } >"$rg/hand/register.csv"
expect "register read: 7/UBND-VP" 0 rgissue hand
check "register read: 7/UBND-VP: next number 08" grep -q '^08/STTTT-BCVT,' "$rg/hand/register.csv"
check "register read: 7/UBND-VP written 07/UBND-VP" grep -q '^07/UBND-VP,10/03/2023,' "$rg/hand/register.csv"

# Columns re-ordered, names in another case and spacing, and columns the
# clerk added: the ten found by name; the clerk's columns come back
# after the ten, in their order, with their cells.
mkdir -p "$rg/cols"
printf '%s\r\n' 'Ghi chú,Số điện thoại,"số, ký hiệu văn bản",Ngày tháng văn bản,Tên loại và trích yếu nội dung văn bản,NGƯỜI KÝ,"  Nơi nhận   văn bản ",Ký nhận,"Đơn vị, người nhận bản lưu",Số lượng bản,Ngày chuyển,Người giữ bản gốc' \
    'archive/2023/06-UBND-VP/,0255 3822 111,06/UBND-VP,6/3/2023,Công văn V/v họp,Lê An,Bộ A,Hà,VT,1,07/03/2023,chị Mai' \
    >"$rg/cols/register.csv"
expect "register read: columns by name" 0 rgissue cols
check "register read: columns by name: next number 07" grep -q '^07/STTTT-BCVT,05/04/2023,' "$rg/cols/register.csv"
check "register read: columns by name: the ten in order, then the clerk's" \
    sed -n 1p "$rg/cols/register.csv" | grep -q "^$bom$hdr,Số điện thoại,Người giữ bản gốc$(printf '\r')\$"
check "register read: columns by name: a row back in order, the clerk's cells kept" \
    grep -q '^06/UBND-VP,06/03/2023,Công văn V/v họp,Lê An,Bộ A,VT,1,07/03/2023,Hà,archive/2023/06-UBND-VP/,0255 3822 111,chị Mai' "$rg/cols/register.csv"
check "register read: columns by name: the new row's clerk's cells empty" \
    grep -q "^07/STTTT-BCVT,.*,archive/2023/07-STTTT-BCVT/,,$(printf '\r')\$" "$rg/cols/register.csv"

# Rows that Excel leaves empty are skipped; the next is still 03.
mkdir -p "$rg/empty"
{ printf '%s\r\n' "$hdr"; rgrow 01 01/03/2023; printf ',,,,,,,,,\r\n'
  rgrow 02 02/03/2023; printf ',,,,,,,,,\r\n,,,,,,,,,\r\n'; } >"$rg/empty/register.csv"
expect "register read: empty rows" 0 rgissue empty
check "register read: empty rows: next number 03" grep -q '^03/STTTT-BCVT,' "$rg/empty/register.csv"
check "register read: empty rows: gone when written back" test "$(wc -l <"$rg/empty/register.csv")" -eq 4

# The dispatch itself after Excel re-saved the register (no BOM, LF,
# its date as 5/4/2023) and the clerk filled in Ngày chuyển and Ký
# nhận: a rerun keeps its number and its one row, and those cells.
expect "register read: issue 01" 0 $CV build -q -i "$rd" -o "$rg/again" --number auto --date 2023-04-05
check "register read: issued 01" grep -q '^01/STTTT-BCVT,05/04/2023,' "$rg/again/register.csv"
sed -i '1s/^\xef\xbb\xbf//; s/\r$//; s/,05\/04\/2023,/,5\/4\/2023,/; s/,4,,,archive/,4,06\/04\/2023,Bảo,archive/' \
    "$rg/again/register.csv"
check "register read: re-saved with 5/4/2023" grep -q '^01/STTTT-BCVT,5/4/2023,' "$rg/again/register.csv"
expect "register read: the same dispatch again" 0 $CV build -q -i "$rd" -o "$rg/again" --number auto --date 2023-04-05
check "register read: still one row, 01" test "$(grep -c '^01/STTTT-BCVT,05/04/2023,' "$rg/again/register.csv")" -eq 1
check "register read: no second row" test "$(wc -l <"$rg/again/register.csv")" -eq 2
check "register read: Ngày chuyển and Ký nhận kept" grep -q ',4,06/04/2023,Bảo,archive/2023/01-STTTT-BCVT/' "$rg/again/register.csv"

# --- Rows that cannot be read: an error at the line, numbering stops --
# rgbad NAME ROW...: a register with these rows after 01/UBND-VP (line
# 2); the issued build is refused (--number auto and an explicit
# number alike), the folder unchanged.
rgbad() {
	_d=$rg/$1; shift
	rm -rf "$_d"; mkdir -p "$_d"
	{ printf '%s\r\n' "$hdr"; rgrow 01 01/03/2023
	  for _r in "$@"; do printf '%s\r\n' "$_r"; done; } >"$_d/register.csv"
	snap "$_d" >"$tmp/rg.before"
}
# rgrefused NAME: both kinds of issued build exit 1 and change nothing.
rgrefused() {
	expect "register error: $1: refused" 1 rgissue "$1"
	cp "$tmp/err" "$tmp/rg.err"
	expect "register error: $1: an explicit number refused too" 1 \
	    $CV build -q -i "$rd" -o "$rg/$1" --number 9 --date 2023-04-05
	snap "$rg/$1" >"$tmp/rg.after"
	check "register error: $1: nothing changed" cmp "$tmp/rg.before" "$tmp/rg.after"
}
# rgfixed NAME WANT: after the advice, the build gives number WANT.
rgfixed() {
	expect "register error: $1: advice followed" 0 rgissue "$1"
	check "register error: $1: advice followed: number $2" grep -q "^$2/STTTT-BCVT,05/04/2023," "$rg/$1/register.csv"
}

rgbad nonum ',02/03/2023,Công văn V/v việc không số,Lê An,Bộ A,VT,1,,,'
rgrefused nonum
check "register error: no number: at its line" grep -q 'nonum/register.csv:3: error: this row has no number: write the number and symbol its letters carry into column "Số, ký hiệu văn bản" (07/BTTTT-CATTT), or delete the row if it is not a dispatch' "$tmp/rg.err"
# Advice 1: write the number its letters carry.
sed -i 's/^,02\/03\/2023,/02\/UBND-VP,02\/03\/2023,/' "$rg/nonum/register.csv"
rgfixed nonum 03
# Advice 2: delete the row (a total a clerk typed under the table).
rgbad total ',,,,,,Tổng: 5 bản,,,'
rgrefused total
check "register error: a total row: no number" grep -q 'total/register.csv:3: error: this row has no number' "$tmp/rg.err"
sed -i '/Tổng/d' "$rg/total/register.csv"
rgfixed total 02

rgbad badnum 'abc/UBND-VP,02/03/2023,Công văn V/v việc abc,Lê An,Bộ A,VT,1,,,'
rgrefused badnum
check "register error: a number that cannot be read: at its line" grep -q 'badnum/register.csv:3: error: the number "abc/UBND-VP" cannot be read: column "Số, ký hiệu văn bản" starts with the number, then "/" and the symbol (07/BTTTT-CATTT); write it so' "$tmp/rg.err"
sed -i 's/^abc\/UBND-VP,/02\/UBND-VP,/' "$rg/badnum/register.csv"
rgfixed badnum 03

rgbad zero '00/UBND-VP,02/03/2023,Công văn V/v việc số 0,Lê An,Bộ A,VT,1,,,'
rgrefused zero
check "register error: number 0: at its line" grep -q 'zero/register.csv:3: error: "00/UBND-VP" has number 0, which no dispatch carries (numbers start at 01): write the number its letters carry' "$tmp/rg.err"
sed -i 's/^00\/UBND-VP,/05\/UBND-VP,/' "$rg/zero/register.csv"
rgfixed zero 06

# Dates that cannot be read, one run listing them all: month first
# (2/13/2023), no such day (30/02/2023), words.
rgbad baddate '02/UBND-VP,2/13/2023,Công văn V/v a,Lê An,Bộ A,VT,1,,,' \
    '03/UBND-VP,30/02/2023,Công văn V/v b,Lê An,Bộ A,VT,1,,,' \
    '04/UBND-VP,ngày 5 tháng 3,Công văn V/v c,Lê An,Bộ A,VT,1,,,'
rgrefused baddate
check "register error: a date that cannot be read: at its line" grep -q 'baddate/register.csv:3: error: the date "2/13/2023" of 02/UBND-VP cannot be read: write it day first, as DD/MM/YYYY (05/04/2022)' "$tmp/rg.err"
check "register error: every row listed" test "$(grep -c 'baddate/register.csv:[345]: error: the date' "$tmp/rg.err")" -eq 3
sed -i 's/,2\/13\/2023,/,13\/02\/2023,/; s/,30\/02\/2023,/,28\/02\/2023,/; s/,ngày 5 tháng 3,/,05\/03\/2023,/' "$rg/baddate/register.csv"
rgfixed baddate 05

# One number on two rows of a year: an error naming both lines.
rgbad twice '02/UBND-VP,02/03/2023,Công văn V/v việc số 2,Lê An,Bộ A,VT,1,,,' \
    '01/UBND-VP,01/03/2023,Công văn V/v việc số 01,Lê An,Bộ A,VT,1,,,' \
    '02/UBND-VP,09/03/2023,Công văn V/v việc khác,Lê An,Bộ A,VT,1,,,' \
    '02/UBND-VP,02/03/2022,Công văn V/v năm trước,Lê An,Bộ A,VT,1,,,'
rgrefused twice
check "register error: a number twice: both lines" grep -q 'twice/register.csv:4: error: number 01 of 2023 is on line 2 too (01/UBND-VP, here 01/UBND-VP): one number is one dispatch; delete the row that is a copy, or write the number its letters carry' "$tmp/rg.err"
check "register error: a number three times: the third too" grep -q 'twice/register.csv:5: error: number 02 of 2023 is on line 3 too' "$tmp/rg.err"
check "register error: another year's number is not a duplicate" test "$(grep -c 'twice/register.csv:6:' "$tmp/rg.err")" -eq 0
# Advice: delete the copy; write the number the other's letters carry.
sed -i '4d; s/^02\/UBND-VP,09\/03\/2023,/03\/UBND-VP,09\/03\/2023,/' "$rg/twice/register.csv"
rgfixed twice 04

# A column renamed: named, and naming it back works.
rgbad renamed
sed -i '1s/Ghi chú/Ghi chu/' "$rg/renamed/register.csv"
snap "$rg/renamed" >"$tmp/rg.before"
rgrefused renamed
check "register error: a column renamed: named" grep -q 'renamed/register.csv:1: error: the header has no column "Ghi chú" (Phụ lục IV column (10)); give that name back to the column that holds it' "$tmp/rg.err"
sed -i '1s/Ghi chu/Ghi chú/' "$rg/renamed/register.csv"
rgfixed renamed 02

# One of the ten names on two columns (case aside): which is the
# register's is not known; the second named at its column.
rgbad named2
sed -i '1s/Ghi chú\r$/Ghi chú,ghi chú\r/; 2s/\r$/,xem lại\r/' "$rg/named2/register.csv"
snap "$rg/named2" >"$tmp/rg.before"
rgrefused named2
check "register error: a name twice: named at its column" grep -q 'named2/register.csv:1:[0-9]*: error: column 11, "ghi chú", names Phụ lục IV column (10) as column 10 does; keep one of them, or give this one a name of its own' "$tmp/rg.err"
# Advice: a name of its own; the column is then the clerk's, kept.
sed -i '1s/,ghi chú\r$/,ghi chú của văn thư\r/' "$rg/named2/register.csv"
rgfixed named2 02
check "register error: a name twice: renamed, kept as the clerk's" grep -q '^01/UBND-VP,01/03/2023,.*,xem lại' "$rg/named2/register.csv"

# --- LibreOffice -----------------------------------------------------
# What LibreOffice Calc 7.4 (vi-VN) wrote when register.csv went to
# .xlsx and back (tests/register/README): no BOM, LF, the dates
# DD/MM/YY; one saved with semicolons.  Its rows and the clerk's cells
# (the "Số điện thoại" column the clerk added, Ngày chuyển, Ký nhận)
# are kept, and the dispatch's next number follows.
for f in lo-comma lo-semicolon; do
	rm -rf "$rg/$f"; mkdir -p "$rg/$f"
	cp "tests/register/$f.csv" "$rg/$f/register.csv"
	expect "LibreOffice $f: --number auto" 0 $CV build -q -i "$rg/other" -o "$rg/$f" --number auto --date 2023-04-05
	check "LibreOffice $f: the next number, 07" grep -q '^07/STTTT-KHTC,05/04/2023,' "$rg/$f/register.csv"
	check "LibreOffice $f: the issued row, 05, its date 07/02/2023" test "$(grep -c '^05/STTTT-BCVT,07/02/2023,' "$rg/$f/register.csv")" -eq 1
	check "LibreOffice $f: the hand row, 06" grep -q '^06/STTTT-KHTC,15/03/2023,Công văn V/v báo cáo số liệu quý I,' "$rg/$f/register.csv"
	check "LibreOffice $f: the clerk's cells kept" grep -q ',4,08/02/23,Hà,archive/2023/05-STTTT-BCVT/,0255 3822 111' "$rg/$f/register.csv"
	check "LibreOffice $f: written back canonical" rgcanon "$f"
	check "LibreOffice $f: the header and three rows" test "$(wc -l <"$rg/$f/register.csv")" -eq 4
done

# The round trip itself, when soffice is installed: the register of an
# issued build → .xlsx (the dates re-typed as dates, vi-VN) → CSV, then
# another dispatch with --number auto, and the first one again.
lo=$rg/lo
rm -rf "$lo"; mkdir -p "$lo"
$CV build -q -i "$rd" -o "$lo/o" >/dev/null 2>&1	# so: 5, ngay: 2023-02-07
# The clerk's work in the spreadsheet: Ngày chuyển and Ký nhận, a column
# of phone numbers, a row typed by hand, dates as Excel shows them.
sed -i '1s/Ghi chú\r$/Ghi chú,Số điện thoại\r/; s/,4,,,\(archive.*\)\r$/,4,08\/02\/2023,Hà,\1,0255 3822 111\r/' "$lo/o/register.csv"
printf '06/STTTT-KHTC,15/3/2023,Công văn V/v báo cáo số liệu quý I,Trần Quốc Bảo,UBND tỉnh,"VT, KHTC",1,,,,\r\n' >>"$lo/o/register.csv"
if command -v soffice >/dev/null 2>&1; then
	# A Vietnamese office's LibreOffice: vi-VN locale, UTF-8, day-first
	# dates (import: language 1066, detect special numbers).  soffice's
	# own script reads VALGRIND (make valgrind sets it): not for it.
	env -u VALGRIND LC_ALL=vi_VN.UTF-8 soffice -env:UserInstallation="file://$lo/profile" \
	    --headless --infilter='CSV:44,34,76,1,,1066,false,true' \
	    --convert-to xlsx --outdir "$lo/x" "$lo/o/register.csv" >/dev/null 2>&1
	rm "$lo/o/register.csv"
	env -u VALGRIND LC_ALL=vi_VN.UTF-8 soffice -env:UserInstallation="file://$lo/profile" \
	    --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1066' \
	    --outdir "$lo/o" "$lo/x/register.xlsx" >/dev/null 2>&1
	check "LibreOffice round trip: a CSV came back" test -s "$lo/o/register.csv"
	check "LibreOffice round trip: the date re-typed (07/02/23)" grep -q '^05/STTTT-BCVT,07/02/23,' "$lo/o/register.csv"
	expect "LibreOffice round trip: another dispatch, --number auto" 0 \
	    $CV build -q -i "$rg/other" -o "$lo/o" --number auto --date 2023-04-05
	check "LibreOffice round trip: it takes 07" grep -q '^07/STTTT-KHTC,05/04/2023,' "$lo/o/register.csv"
	expect "LibreOffice round trip: the first dispatch again" 0 \
	    $CV build -q -i "$rd" -o "$lo/o"
	check "LibreOffice round trip: its row once, the clerk's cells kept" \
	    test "$(grep -c '^05/STTTT-BCVT,07/02/2023,.*,4,08/02/23,Hà,archive/2023/05-STTTT-BCVT/,0255 3822 111' "$lo/o/register.csv")" -eq 1
	check "LibreOffice round trip: the hand row kept" grep -q '^06/STTTT-KHTC,15/03/2023,' "$lo/o/register.csv"
	check "LibreOffice round trip: the header and three rows" test "$(wc -l <"$lo/o/register.csv")" -eq 4
	check "LibreOffice round trip: canonical" rgcanon lo/o
else
	echo "skipped: soffice not installed (LibreOffice round trip of register.csv)"
fi
