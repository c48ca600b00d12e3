# The register and the archive a clerk can trust (issue 14; sourced by
# run.sh): which build is which dispatch, the advice of each refusal run
# as written, an archive whose SHA256SUMS is missing, unreadable, cut or
# re-saved with CRLF, the directory files archived, the number reserved
# before any letter, what a killed run leaves cleaned, and failures that
# leave the folder as it was.

# The worked example with another data cell (every letter changes).
changed() {
	rm -rf "$2"; cp -R input "$2"
	sed -i "s/^\(1,[^,]*,\)\"Điểm 2,/\1\"Điểm 2 $1,/" "$2/appendix.csv"
	cmp -s input/appendix.csv "$2/appendix.csv" && ko "changed: no change made"
}
# A second dispatch of the same office.
rm -rf "$tmp/a14-other"; cp -R input "$tmp/a14-other"
sed -i 's/^ky_hieu: .*/ky_hieu: "BTTTT-KHTC"/; s/^trich_yeu: .*/trich_yeu: "Báo cáo kinh phí năm 2022"/' "$tmp/a14-other/dispatch.md"

# (b) A recurring subject: the same dispatch.md issued in March and in
# December is two dispatches, two numbers, two rows.
o=$tmp/a14-rec
rm -rf "$o"
expect "recurring: March" 0 $CV build -q -o "$o" --number auto --date 2022-03-05
expect "recurring: December" 0 $CV build -o "$o" --number auto --date 2022-12-05
check "recurring: December takes a new number" grep -qx "issued as 02/BTTTT-CATTT, archived in archive/2022/02-BTTTT-CATTT/" "$tmp/out"
check "recurring: both rows kept" sh -c "grep -q '^01/BTTTT-CATTT,05/03/2022,' '$o/register.csv' && grep -q '^02/BTTTT-CATTT,05/12/2022,' '$o/register.csv'"
check "recurring: March's archive kept" sh -c "cd '$o/archive/2022/01-BTTTT-CATTT' && sha256sum --quiet -c SHA256SUMS && grep -q 05/03/2022 .congvan-dispatch"
expect "recurring: December again" 0 $CV build -o "$o" --number auto --date 2022-12-05
check "recurring: a rerun keeps its number" grep -qx "issued as 02/BTTTT-CATTT, archived in archive/2022/02-BTTTT-CATTT/" "$tmp/out"
check "recurring: a rerun renders nothing" grep -qx "15 letters: 0 written, 15 unchanged" "$tmp/out"
check "recurring: still two rows" test "$(grep -c '^0[12]/BTTTT-CATTT,' "$o/register.csv")" -eq 2
# Asking for March's number in December is refused, naming the row.
snap "$o" >"$tmp/a14-before"
expect "recurring: March's number refused" 1 $CV build -q -o "$o" --number 1 --date 2022-12-06
check "recurring: names the row" grep -q "register.csv:2: error: number 01 of 2022 is already taken by 01/BTTTT-CATTT of 05/03/2022 \"Công văn V/v " "$tmp/err"
snap "$o" >"$tmp/a14-after"
check "recurring: refused, nothing changed" cmp -s "$tmp/a14-before" "$tmp/a14-after"
# Its first advice, as written: --number auto.
expect "recurring: advice --number auto" 0 $CV build -o "$o" --number auto --date 2022-12-06
check "recurring: advice gives the next number" grep -qx "issued as 03/BTTTT-CATTT, archived in archive/2022/03-BTTTT-CATTT/" "$tmp/out"

# (a) The data fixed before sending: same number, --force, old letters
# kept under superseded/.
changed "(sửa)" "$tmp/a14-fix"
snap "$o" >"$tmp/a14-before"
expect "data fix: refused without --force" 1 $CV build -q -i "$tmp/a14-fix" -o "$o" --number auto --date 2022-03-05
check "data fix: says rerun with --force" grep -q "error: these letters were issued under this number; rerun with --force" "$tmp/err"
snap "$o" >"$tmp/a14-after"
check "data fix: refused, nothing changed" cmp -s "$tmp/a14-before" "$tmp/a14-after"
expect "data fix: --force" 0 $CV build -o "$o" -i "$tmp/a14-fix" --number auto --date 2022-03-05 --force
check "data fix: same number" grep -qx "issued as 01/BTTTT-CATTT, archived in archive/2022/01-BTTTT-CATTT/" "$tmp/out"
check "data fix: 15 superseded" test "$(ls "$o/archive/2022/01-BTTTT-CATTT/superseded/" | wc -l)" -eq 15
check "data fix: archive true" sh -c "cd '$o/archive/2022/01-BTTTT-CATTT' && sha256sum --quiet -c SHA256SUMS"
check "data fix: one row for 01" test "$(grep -c '^01/BTTTT-CATTT,' "$o/register.csv")" -eq 1

# The date corrected before sending: the second advice of the refusal,
# as written (delete the row, build again with --force).
o=$tmp/a14-date
rm -rf "$o"
expect "date fix: issue" 0 $CV build -q -o "$o" --number 1 --date 2022-03-05
expect "date fix: another date refused" 1 $CV build -q -o "$o" --number 1 --date 2022-03-07
check "date fix: advice to delete the row" grep -q "delete the row from register.csv and build again with --force" "$tmp/err"
sed -i '2d' "$o/register.csv"
expect "date fix: without --force, the archive still refuses" 1 $CV build -q -o "$o" --number 1 --date 2022-03-07
check "date fix: names the archive folder" grep -q "01-BTTTT-CATTT: error: already holds letters issued under this number for another dispatch" "$tmp/err"
expect "date fix: auto skips the folder's number" 0 $CV build -q -o "$tmp/a14-date2" --date 2022-03-07 --number 1
rm -rf "$tmp/a14-date2"
expect "date fix: --force, as advised" 0 $CV build -q -o "$o" --number 1 --date 2022-03-07 --force
check "date fix: one row, the new date" sh -c "test \$(grep -c '^01/BTTTT-CATTT,' '$o/register.csv') -eq 1 && grep -q '^01/BTTTT-CATTT,07/03/2022,' '$o/register.csv'"
check "date fix: old letters superseded" test "$(ls "$o/archive/2022/01-BTTTT-CATTT/superseded/" | wc -l)" -eq 15
check "date fix: the folder names the new date" grep -q 07/03/2022 "$o/archive/2022/01-BTTTT-CATTT/.congvan-dispatch"

# A deleted row, and a run killed after its archive folder: the number
# stays taken (the folder holds it), and --number auto goes past it.
o=$tmp/a14-res
rm -rf "$o"
expect "reserved: issue" 0 $CV build -q -o "$o" --number auto --date 2022-04-05
sed -i '2d' "$o/register.csv"
expect "reserved: another dispatch, auto" 0 $CV build -i "$tmp/a14-other" -o "$o" --number auto --date 2022-04-06
check "reserved: a deleted row's number is not given again" grep -qx "issued as 02/BTTTT-KHTC, archived in archive/2022/02-BTTTT-KHTC/" "$tmp/out"
check "reserved: the folder without its row is said" grep -q "archive/2022/01-BTTTT-CATTT: warning: holds number 01 of 2022, which .*register.csv has no row for (a row deleted, or a build killed before writing it): the number stays taken; build that dispatch again to write its row back" "$tmp/err"
expect "reserved: number held by a folder of another symbol" 1 $CV build -q -i "$tmp/a14-other" -o "$o" --number 1 --date 2022-04-06
check "reserved: names the folder" grep -q "error: number 01 of 2022 is held by archive/2022/01-BTTTT-CATTT/, the letters of another dispatch that register.csv has no row for" "$tmp/err"
# As a kill right after the reservation leaves it: the folder and its
# id, no letter, no row.
mkdir -p "$o/archive/2022/03-BTTTT-CATTT"
printf 'congvan-dispatch 2\n03\n05/05/2022\nBTTTT-CATTT\nx\n' >"$o/archive/2022/03-BTTTT-CATTT/.congvan-dispatch"
expect "reserved: auto after a reservation" 0 $CV build -i "$tmp/a14-other" -o "$o" --number auto --date 2022-05-06
check "reserved: a reservation's number is not given again" grep -qx "issued as 04/BTTTT-KHTC, archived in archive/2022/04-BTTTT-KHTC/" "$tmp/out"
# The same dispatch again finds its own folder and finishes its row.
expect "reserved: the killed dispatch again" 0 $CV build -o "$o" --number auto --date 2022-04-05
check "reserved: takes its own number back" grep -qx "issued as 01/BTTTT-CATTT, archived in archive/2022/01-BTTTT-CATTT/" "$tmp/out"
check "reserved: its row back" test "$(grep -c '^01/BTTTT-CATTT,05/04/2022,' "$o/register.csv")" -eq 1

# A frozen archive: whatever state its SHA256SUMS is in, what is there
# is what was issued.
o=$tmp/a14-frz
a=$o/archive/2022/05-BTTTT-CATTT
# damage HOW: the archive folder's SHA256SUMS missing, garbage, cut
# short or re-saved with CRLF.
damage() {
	case $1 in
	missing) rm "$a/SHA256SUMS";;
	garbage) head -c 3000 /dev/urandom >"$a/SHA256SUMS";;
	cut) sed -i '3,7d' "$a/SHA256SUMS";;
	crlf) sed -i 's/$/\r/' "$a/SHA256SUMS";;
	esac
}
for how in missing garbage cut crlf; do
	rm -rf "$o"
	$CV build -q -o "$o" --number 5 --date 2022-04-05 >/dev/null 2>&1
	damage $how
	expect "frozen ($how): unchanged rebuild" 0 $CV build -o "$o" --number 5 --date 2022-04-05
	check "frozen ($how): no false alarm" test ! -s "$tmp/err"
	check "frozen ($how): SHA256SUMS whole again" sh -c "cd '$a' && sha256sum --quiet -c SHA256SUMS && test \$(grep -c '[0-9]-.*\.pdf\$' SHA256SUMS) -eq 15"
	damage $how
	changed "($how)" "$tmp/a14-frzin"
	snap "$o" >"$tmp/a14-before"
	expect "frozen ($how): changed letters refused" 1 $CV build -q -i "$tmp/a14-frzin" -o "$o" --number 5 --date 2022-04-05
	check "frozen ($how): each named" test "$(grep -c 'would change' "$tmp/err")" -eq 15
	snap "$o" >"$tmp/a14-after"
	check "frozen ($how): refused, nothing changed" cmp -s "$tmp/a14-before" "$tmp/a14-after"
	expect "frozen ($how): --force" 0 $CV build -q -i "$tmp/a14-frzin" -o "$o" --number 5 --date 2022-04-05 --force
	check "frozen ($how): every old letter kept" test "$(ls "$a/superseded" | wc -l)" -eq 15
	check "frozen ($how): archive true" sh -c "cd '$a' && sha256sum --quiet -c SHA256SUMS"
done
# A stray PDF in the folder (a copy the clerk dropped there) is never
# overwritten silently either.
rm -rf "$o"
$CV build -q -o "$o" --number 5 --date 2022-04-05 >/dev/null 2>&1
mv "$a/03-bo-cong-an.pdf" "$tmp/a14-03.pdf"; grep -v 03-bo-cong-an "$a/SHA256SUMS" >"$tmp/a14-s"; cp "$tmp/a14-s" "$a/SHA256SUMS"
echo "not a letter" >"$a/03-bo-cong-an.pdf"
expect "frozen: an unlisted file that differs is refused" 1 $CV build -q -o "$o" --number 5 --date 2022-04-05
check "frozen: it is named" grep -q "03-bo-cong-an.pdf would change" "$tmp/err"
expect "frozen: --force keeps it" 0 $CV build -q -o "$o" --number 5 --date 2022-04-05 --force
check "frozen: kept under superseded/" test -f "$a/superseded/03-bo-cong-an.$(echo 'not a letter' | sha256sum | cut -c1-12).pdf"
check "frozen: the letter is back" cmp "$a/03-bo-cong-an.pdf" "$tmp/a14-03.pdf"

# The directory files of an issued dispatch are archived with its
# letters, and follow the replies without --force.
o=$tmp/a14-dir
rm -rf "$o"
expect "directory archived: issue" 0 $CV build -q -o "$o" --number 8 --date 2022-04-05
a=$o/archive/2022/08-BTTTT-CATTT
check "directory archived: the three files" test -f "$a/directory.pdf" -a -f "$a/directory.csv" -a -f "$a/directory.vcf"
check "directory archived: listed" sh -c "cd '$a' && sha256sum --quiet -c SHA256SUMS && grep -q '  directory.pdf\$' SHA256SUMS && grep -q '  directory.vcf\$' SHA256SUMS"
expect "directory archived: another dispatch" 0 $CV build -q -i "$tmp/a14-other" -o "$o" --number 9 --date 2022-04-06
check "directory archived: the first dispatch's kept" cmp "$a/directory.csv" "$o/archive/2022/09-BTTTT-KHTC/directory.csv"
rm -rf "$tmp/a14-rep"; cp -R input "$tmp/a14-rep"
sed -n 2p input/focal_points.csv | sed 's/[^,]*@[^,]*/moi@example.gov.vn/' >>"$tmp/a14-rep/focal_points.csv"
cmp -s input/focal_points.csv "$tmp/a14-rep/focal_points.csv" && ko "directory archived: the test's reply did not change"
expect "directory archived: a new reply, no --force" 0 $CV build -q -i "$tmp/a14-rep" -o "$o" --number 8 --date 2022-04-05
check "directory archived: follows the reply" grep -q "moi@example.gov.vn" "$a/directory.csv"
check "directory archived: still true" sh -c "cd '$a' && sha256sum --quiet -c SHA256SUMS"

# What a killed run leaves is cleaned by the next: temporary files in
# the folder, letters/ and the archive, and the staging folder.
o=$tmp/a14-cl
rm -rf "$o"
$CV build -q -o "$o" --number 2 --date 2022-04-05 >/dev/null 2>&1
echo cut >"$o/letters/01-x.pdf.congvan-tmp"
echo cut >"$o/register.csv.congvan-tmp7"
echo cut >"$o/archive/2022/02-BTTTT-CATTT/05-y.pdf.congvan-tmp3"
mkdir -p "$o/.congvan-staging/letters"; echo cut >"$o/.congvan-staging/letters/01.pdf"
expect "strays: next run" 0 $CV build -q -o "$o" --number 2 --date 2022-04-05
check "strays: all gone" test -z "$(find "$o" -name '*.congvan-tmp*' -o -name '.congvan-staging*')"

# Late failures leave the folder as it was: a folder where
# .congvan-keys belongs, a file-size limit below the register's size.
o=$tmp/a14-fail
rm -rf "$o"
$CV build -q -o "$o" --number 3 --date 2022-04-05 >/dev/null 2>&1
changed "(lỗi)" "$tmp/a14-failin"
mv "$o/.congvan-keys" "$tmp/a14-keys"; mkdir "$o/.congvan-keys"
snap "$o" >"$tmp/a14-before"
expect "fails late: .congvan-keys a folder" 3 $CV build -q -i "$tmp/a14-failin" -o "$o" --number 3 --date 2022-04-05 --force
snap "$o" >"$tmp/a14-after"
check "fails late: .congvan-keys a folder, nothing changed" cmp -s "$tmp/a14-before" "$tmp/a14-after"
rmdir "$o/.congvan-keys"; mv "$tmp/a14-keys" "$o/.congvan-keys"
snap "$o" >"$tmp/a14-before"
expect "fails late: a file-size limit" 3 sh -c "ulimit -f 40; exec $CV build -q -i '$tmp/a14-failin' -o '$o' --number 3 --date 2022-04-05 --force"
snap "$o" >"$tmp/a14-after"
check "fails late: a file-size limit, nothing changed" cmp -s "$tmp/a14-before" "$tmp/a14-after"
check "fails late: the register is whole" sh -c "grep -q '^03/BTTTT-CATTT,' '$o/register.csv'"

# (c) A dispatch already sent is mended by a new one with a new number
# (Decree 30 Điều 18.3): thay_the for an error of content, dinh_chinh
# for one of format or procedure.  The register's Ghi chú and the new
# letter name what it mends.
o=$tmp/a14-rep18
rm -rf "$o" "$tmp/a14-tt"
expect "replace: the first dispatch" 0 $CV build -q -o "$o" --number auto --date 2022-03-05
cp -R input "$tmp/a14-tt"
sed -i '/^trich_yeu:/a thay_the: "01/BTTTT-CATTT ngày 05/03/2022"' "$tmp/a14-tt/dispatch.md"
expect "replace: issued" 0 $CV build -i "$tmp/a14-tt" -o "$o" --number auto --date 2022-03-20
check "replace: a new number" grep -qx "issued as 02/BTTTT-CATTT, archived in archive/2022/02-BTTTT-CATTT/" "$tmp/out"
check "replace: Ghi chú names it" grep -q "^02/BTTTT-CATTT,20/03/2022,.*archive/2022/02-BTTTT-CATTT/; thay thế Công văn số 01/BTTTT-CATTT ngày 05/03/2022" "$o/register.csv"
check "replace: the first row kept" grep -q "^01/BTTTT-CATTT,05/03/2022," "$o/register.csv"
has "replace: the letter names it" "$o/letters/01-bo-lao-dong-thuong-binh-va-xa-hoi.pdf" "Công văn này thay thế Công văn số 01/BTTTT-CATTT ngày 05 tháng 3 năm 2022."
check "replace: before the closing ./." sh -c "pdftotext '$o/letters/01-bo-lao-dong-thuong-binh-va-xa-hoi.pdf' - | tr '\n' ' ' | grep -q 'Công văn này thay thế Công văn số 01/BTTTT-CATTT ngày 05 tháng 3 năm 2022. Trân trọng cảm ơn./.'"
sed -i 's/^thay_the:/dinh_chinh:/' "$tmp/a14-tt/dispatch.md"
expect "correct: issued" 0 $CV build -q -i "$tmp/a14-tt" -o "$o" --number auto --date 2022-03-21
check "correct: Ghi chú names it" grep -q "^03/BTTTT-CATTT,21/03/2022,.*; đính chính Công văn số 01/BTTTT-CATTT ngày 05/03/2022" "$o/register.csv"
has "correct: the letter names it" "$o/letters/01-bo-lao-dong-thuong-binh-va-xa-hoi.pdf" "Công văn này đính chính Công văn số 01/BTTTT-CATTT ngày 05 tháng 3 năm 2022."
# A body that names it already gets no second sentence.
printf '\nCông văn này đính chính lỗi chính tả tại Công văn số 01/BTTTT-CATTT của Bộ.\n' >>"$tmp/a14-tt/dispatch.md"
expect "correct: the body names it" 0 $CV build -q -i "$tmp/a14-tt" -o "$tmp/a14-ttd"
check "correct: no second sentence" sh -c "! pdftotext '$tmp/a14-ttd/letters/01-bo-lao-dong-thuong-binh-va-xa-hoi.pdf' - | grep -q 'đính chính Công văn số'"
# A dispatch the register does not hold, as its message says to mend.
sed -i 's/^dinh_chinh: .*/dinh_chinh: "01\/BTTTT-CATTT ngày 06\/03\/2022"/' "$tmp/a14-tt/dispatch.md"
snap "$o" >"$tmp/a14-before"
expect "mend: a dispatch not in the register" 1 $CV build -q -i "$tmp/a14-tt" -o "$o" --number auto --date 2022-03-22
ln=$(grep -n '^dinh_chinh:' "$tmp/a14-tt/dispatch.md" | cut -d: -f1)
check "mend: named at the key" grep -q "dispatch.md:$ln:[0-9]*: error: \"dinh_chinh\" names 01/BTTTT-CATTT of 06/03/2022, but number 01 of 2022 in .*register.csv (line 2) is 01/BTTTT-CATTT of 05/03/2022: write the number, symbol and date of the dispatch it mends as its row does" "$tmp/err"
snap "$o" >"$tmp/a14-after"
check "mend: refused, nothing changed" cmp -s "$tmp/a14-before" "$tmp/a14-after"
sed -i 's/^dinh_chinh: .*/dinh_chinh: "01\/BTTTT-CATTT ngày 05\/03\/2022"/' "$tmp/a14-tt/dispatch.md"
expect "mend: its advice followed" 0 $CV build -q -i "$tmp/a14-tt" -o "$o" --number auto --date 2022-03-22
# One sent before the register was kept with congvan: named as written.
sed -i 's/^dinh_chinh: .*/dinh_chinh: "12\/BTTTT-CATTT ngày 15\/01\/2021"/' "$tmp/a14-tt/dispatch.md"
expect "mend: a dispatch before the register" 0 $CV build -q -i "$tmp/a14-tt" -o "$o" --number auto --date 2022-03-23
check "mend: before the register, warned" grep -q "warning: \"dinh_chinh\" names 12/BTTTT-CATTT of 15/01/2021, which .*register.csv has no row for (a dispatch sent before this register was kept?)" "$tmp/err"
check "mend: before the register, in the Ghi chú" grep -q "; đính chính Công văn số 12/BTTTT-CATTT ngày 15/01/2021" "$o/register.csv"
sed -i 's/^dinh_chinh: .*/dinh_chinh: "01\/BTTTT-CATTT ngày 05\/03\/2022"/' "$tmp/a14-tt/dispatch.md"
sed -i 's/^dinh_chinh: .*/dinh_chinh: "số 1 ngày hôm qua"/' "$tmp/a14-tt/dispatch.md"
expect "mend: a value of another shape" 1 $CV check -i "$tmp/a14-tt"
check "mend: shape explained" grep -q "error: \"dinh_chinh\" names the dispatch this one mends by its number, symbol and date as the register writes them, e.g. \"01/UBND-VP ngày 05/03/2022\"" "$tmp/err"
sed -i 's/^dinh_chinh: .*/dinh_chinh: "Công văn số 01\/BTTTT-CATTT ngày 05\/03\/2022."/' "$tmp/a14-tt/dispatch.md"
expect "mend: \"Công văn số …\" as a clerk writes it" 0 $CV check -i "$tmp/a14-tt"
sed -i '/^dinh_chinh:/a thay_the: "01/BTTTT-CATTT ngày 05/03/2022"' "$tmp/a14-tt/dispatch.md"
expect "mend: both keys" 1 $CV check -i "$tmp/a14-tt"
check "mend: both keys explained" grep -q "error: give \"thay_the\" (a replacement, for an error of content) or \"dinh_chinh\"" "$tmp/err"
sed -i '/^dinh_chinh:/d' "$tmp/a14-tt/dispatch.md"
expect "mend: itself" 1 $CV build -q -i "$tmp/a14-tt" -o "$o" --number 1 --date 2022-03-05
check "mend: itself explained" grep -q "error: \"thay_the\" names this very dispatch" "$tmp/err"

# A register of its own (Decree 30 Điều 15.2: confidential documents
# have a separate series): so_dang_ky names it.
o=$tmp/a14-ser
rm -rf "$o" "$tmp/a14-mat"
cp -R "$tmp/a14-other" "$tmp/a14-mat"
sed -i '/^trich_yeu:/a so_dang_ky: mat' "$tmp/a14-mat/dispatch.md"
expect "series: the main register" 0 $CV build -q -o "$o" --number auto --date 2022-04-05
expect "series: its own register" 0 $CV build -i "$tmp/a14-mat" -o "$o" --number auto --date 2022-04-06
check "series: numbered from 01" grep -qx "issued as 01/BTTTT-KHTC, archived in archive/mat/2022/01-BTTTT-KHTC/" "$tmp/out"
check "series: its own register file" sh -c "grep -q '^01/BTTTT-KHTC,06/04/2022,' '$o/register-mat.csv' && ! grep -q KHTC '$o/register.csv'"
check "series: its own book" sh -c "test -f '$o/register-mat-2022.pdf' && cmp '$o/register-mat-2022.pdf' '$o/register-mat.pdf' && pdftotext '$o/register-mat.pdf' - | grep -q 'KHTC' && ! pdftotext '$o/register.pdf' - | grep -q 'KHTC'"
check "series: its cover names it" sh -c "pdftotext -l 1 '$o/register-mat.pdf' - | grep -qx 'Sổ: mat' && ! pdftotext -l 1 '$o/register.pdf' - | grep -q 'Sổ:'"
check "series: its archive true" sh -c "cd '$o/archive/mat/2022/01-BTTTT-KHTC' && sha256sum --quiet -c SHA256SUMS"
expect "series: the main register goes on" 0 $CV build -i "$tmp/a14-other" -o "$o" --number auto --date 2022-04-07
check "series: the main series untouched by it" grep -qx "issued as 02/BTTTT-KHTC, archived in archive/2022/02-BTTTT-KHTC/" "$tmp/out"
echo cut >"$o/archive/mat/2022/01-BTTTT-KHTC/x.pdf.congvan-tmp1"
expect "series: rerun" 0 $CV build -q -i "$tmp/a14-mat" -o "$o" --number auto --date 2022-04-06
check "series: strays cleaned there too" test ! -e "$o/archive/mat/2022/01-BTTTT-KHTC/x.pdf.congvan-tmp1"
sed -i 's/^so_dang_ky: .*/so_dang_ky: "Sổ Mật"/' "$tmp/a14-mat/dispatch.md"
expect "series: a name of another shape" 1 $CV check -i "$tmp/a14-mat"
check "series: shape explained" grep -q "error: \"so_dang_ky\" names a register of its own" "$tmp/err"

# Short of file descriptors or memory, a build ends in a system error
# (exit 3) with the folder as it was; never a font "to install", never
# a staging folder left behind.  (ulimit -v is meaningless under ASan
# and valgrind, which reserve memory of their own.)
o=$tmp/a14-lim
rm -rf "$o"
$CV build -q -o "$o" --number 3 --date 2022-04-05 >/dev/null 2>&1
snap "$o" >"$tmp/a14-before"
for lim in "n 4" "n 5" "n 6" "v 16000" "v 17000" "v 18000"; do
	[ -n "${VALGRIND:-}" ] && continue	# the limit binds valgrind
	case $lim in v*) [ -n "${ASAN_OPTIONS:-}" ] && continue;; esac
	sh -c "ulimit -${lim% *} ${lim#* }; exec $CV build -q -o '$o' --number 4 --date 2022-04-06 -j 2" >/dev/null 2>"$tmp/err"
	r=$?
	snap "$o" >"$tmp/a14-after"
	case $r in
	0)	# enough after all on this machine: the build is whole
		check "limit -$lim: a build that succeeds is whole" sh -c "cd '$o' && sha256sum --quiet -c SHA256SUMS"
		rm -rf "$o"; $CV build -q -o "$o" --number 3 --date 2022-04-05 >/dev/null 2>&1
		snap "$o" >"$tmp/a14-before";;
	3)	check "limit -$lim: nothing changed" cmp -s "$tmp/a14-before" "$tmp/a14-after"
		check "limit -$lim: no advice to install" sh -c "! grep -q 'install' '$tmp/err'";;
	*)	ko "limit -$lim: exit $r, want 3 (or 0)"; cat "$tmp/err";;
	esac
done

# --number auto with --draft: the message's two ways, each followed.
o=$tmp/a14-dr
rm -rf "$o"
expect "auto and draft" 2 $CV build -q -o "$o" --number auto --draft --date 2022-04-05
check "auto and draft: explained" grep -q "congvan: --draft leaves the number blank, so --number auto has none to take: leave out --number auto to make drafts, or --draft to issue" "$tmp/err"
check "auto and draft: nothing made" test ! -e "$o"
expect "auto and draft: without --number auto, drafts" 0 $CV build -q -o "$o" --draft --date 2022-04-05
check "auto and draft: a draft has no register" test ! -e "$o/register.csv"
expect "auto and draft: without --draft, issued" 0 $CV build -q -o "$o" --number auto --date 2022-04-05
check "auto and draft: issued as 01" grep -q "^01/BTTTT-CATTT,05/04/2022," "$o/register.csv"
# A refused run leaves even a killed run's leftovers as they are.
o=$tmp/a14-cl2
rm -rf "$o"
$CV build -q -o "$o" --number 2 --date 2022-04-05 >/dev/null 2>&1
echo cut >"$o/letters/01-x.pdf.congvan-tmp"
snap "$o" >"$tmp/a14-before"
expect "strays: a refused run" 1 $CV build -q -i "$tmp/a14-other" -o "$o" --number 2 --date 2022-04-05
snap "$o" >"$tmp/a14-after"
check "strays: a refused run changes nothing" cmp -s "$tmp/a14-before" "$tmp/a14-after"

# A first issue killed half-way through its archive folder (two letters
# in, no SHA256SUMS, no row): its rerun finishes it without --force.
o=$tmp/a14-half
rm -rf "$o"
$CV build -q -o "$o" --number auto --date 2022-04-05 >/dev/null 2>&1
a=$o/archive/2022/01-BTTTT-CATTT
rm "$a/SHA256SUMS" "$a"/0[3-9]-*.pdf "$a"/1*.pdf "$a"/directory.*
sed -i 2d "$o/register.csv"
expect "half an archive: the same command again" 0 $CV build -o "$o" --number auto --date 2022-04-05
check "half an archive: its own number" grep -qx "issued as 01/BTTTT-CATTT, archived in archive/2022/01-BTTTT-CATTT/" "$tmp/out"
check "half an archive: whole" sh -c "cd '$a' && sha256sum --quiet -c SHA256SUMS && test \$(ls [0-9]*.pdf | wc -l) -eq 15"
check "half an archive: its row" test "$(grep -c '^01/BTTTT-CATTT,' "$o/register.csv")" -eq 1

# A wait the clerk mistyped is said, not taken for 600 seconds.
for w in abc -1 2x; do
	CONGVAN_LOCK_WAIT=$w expect "lock wait '$w'" 2 $CV build -q -o "$tmp/a14-lw"
	check "lock wait '$w': explained" grep -q "CONGVAN_LOCK_WAIT must be a number of seconds from 0 to 86400, not '$w'" "$tmp/err"
	check "lock wait '$w': nothing made" test ! -e "$tmp/a14-lw"
done
unset CONGVAN_LOCK_WAIT

# Số lượng bản is the number of letters, whatever the recipients; a row
# given back (its dispatch built again after the row was deleted) goes
# back to its place among the year's numbers.
o=$tmp/a14-sl
rm -rf "$o" "$tmp/a14-two"
cp -R input "$tmp/a14-two"
sed -i 's/^kinh_gui: .*/kinh_gui:\n  - "{{Tên cơ quan}}"\n  - "Văn phòng Chính phủ"/' "$tmp/a14-two/dispatch.md"
expect "copies: issued" 0 $CV build -q -i "$tmp/a14-two" -o "$o" --number 1 --date 2022-04-05
check "copies: 15 letters, 16 recipients" grep -q '^01/BTTTT-CATTT,05/04/2022,.*; Văn phòng Chính phủ;.*,15,,,archive/' "$o/register.csv"
expect "row back: a second dispatch" 0 $CV build -q -i "$tmp/a14-other" -o "$o" --number auto --date 2022-04-06
sed -i 2d "$o/register.csv"
expect "row back: the first again" 0 $CV build -q -i "$tmp/a14-two" -o "$o" --number auto --date 2022-04-05
check "row back: in its place" sh -c "sed -n 2p '$o/register.csv' | grep -q '^01/BTTTT-CATTT,' && sed -n 3p '$o/register.csv' | grep -q '^02/BTTTT-KHTC,'"

# A date a spreadsheet re-typed month first would re-date the dispatch:
# its archive folder knows the day it was issued.
o=$tmp/a14-us
rm -rf "$o"
expect "month first: issue" 0 $CV build -q -o "$o" --number 5 --date 2022-04-08
sed -i 's/^05\/BTTTT-CATTT,08\/04\/2022,/05\/BTTTT-CATTT,4\/8\/2022,/' "$o/register.csv"
snap "$o" >"$tmp/a14-before"
expect "month first: another dispatch refused" 1 $CV build -q -i "$tmp/a14-other" -o "$o" --number auto --date 2022-05-02
check "month first: at the row, the date to write" grep -q "register.csv:2: error: the date \"4/8/2022\" reads as 04/08/2022, but this dispatch was issued on 08/04/2022 (its archive folder says so): a spreadsheet that puts the month first re-typed it; write 08/04/2022" "$tmp/err"
snap "$o" >"$tmp/a14-after"
check "month first: nothing changed" cmp -s "$tmp/a14-before" "$tmp/a14-after"
expect "month first: with an explicit number too" 1 $CV build -q -i "$tmp/a14-other" -o "$o" --number 6 --date 2022-05-02
sed -i 's/^05\/BTTTT-CATTT,4\/8\/2022,/05\/BTTTT-CATTT,08\/04\/2022,/' "$o/register.csv"
expect "month first: its advice followed" 0 $CV build -q -i "$tmp/a14-other" -o "$o" --number auto --date 2022-05-02
check "month first: the date kept" grep -q "^05/BTTTT-CATTT,08/04/2022," "$o/register.csv"

# A second clerk's trial: what the clerk adds to Ghi chú stays; the
# book refuses a date re-typed month first; a replacement issued the day
# of the dispatch it replaces takes a new number; a subject the clerk
# retyped in the register does not refuse the dispatch's rerun.
o=$tmp/a14-t2
rm -rf "$o"
expect "t2: issue" 0 $CV build -q -o "$o" --number 1 --date 2022-03-05
sed -i '2s|archive/2022/01-BTTTT-CATTT/|archive/2022/01-BTTTT-CATTT/; đã gửi qua bưu điện|' "$o/register.csv"
expect "t2: rerun" 0 $CV build -q -o "$o" --number auto --date 2022-03-05
check "t2: the clerk's note kept" grep -q "^01/BTTTT-CATTT,.*,\"archive/2022/01-BTTTT-CATTT/; đã gửi qua bưu điện\"" "$o/register.csv"
changed "(t2)" "$tmp/a14-t2in"
expect "t2: --force" 0 $CV build -q -i "$tmp/a14-t2in" -o "$o" --number auto --date 2022-03-05 --force
check "t2: the note kept after --force" grep -q "^01/BTTTT-CATTT,.*,\"archive/2022/01-BTTTT-CATTT/; 15 bản cũ lưu ở archive/2022/01-BTTTT-CATTT/superseded/; đã gửi qua bưu điện" "$o/register.csv"
sed -i '2s/,05\/03\/2022,/,3\/5\/2022,/' "$o/register.csv"
expect "t2: the book refuses a month-first date" 1 $CV register --year 2022 -o "$o" -i "$tmp/a14-t2in"
check "t2: the book names the date" grep -q "register.csv:2: error: the date \"3/5/2022\" reads as 03/05/2022, but this dispatch was issued on 05/03/2022" "$tmp/err"
sed -i '2s/,3\/5\/2022,/,05\/03\/2022,/' "$o/register.csv"
rm -rf "$tmp/a14-t2r"; cp -R "$tmp/a14-t2in" "$tmp/a14-t2r"
sed -i '/^trich_yeu:/a thay_the: "01/BTTTT-CATTT ngày 05/03/2022"' "$tmp/a14-t2r/dispatch.md"
expect "t2: a replacement the same day" 0 $CV build -o "$o" -i "$tmp/a14-t2r" --number auto --date 2022-03-05
check "t2: a replacement the same day, a new number" grep -qx "issued as 02/BTTTT-CATTT, archived in archive/2022/02-BTTTT-CATTT/" "$tmp/out"
expect "t2: the replacement again" 0 $CV build -o "$o" -i "$tmp/a14-t2r" --number auto --date 2022-03-05
check "t2: the replacement keeps its number" grep -qx "issued as 02/BTTTT-CATTT, archived in archive/2022/02-BTTTT-CATTT/" "$tmp/out"
sed -i '2s/Công văn V\/v triển khai/Công văn V\/v Triển khai/' "$o/register.csv"
expect "t2: the subject retyped in the register" 0 $CV build -q -i "$tmp/a14-t2in" -o "$o" --number 1 --date 2022-03-05
check "t2: its row written again" sh -c "grep -q '^01/BTTTT-CATTT,05/03/2022,.Công văn V/v triển khai' '$o/register.csv' && test \$(grep -c '^01/BTTTT-CATTT,' '$o/register.csv') -eq 1"
