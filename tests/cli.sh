# The command line and the output folder (sourced by run.sh): usage, exit
# codes, the untouched output folder on failure, reruns, -j and --shard.

expect "--help" 0 $CV --help
check "--help on stdout" grep -q '^usage: congvan' "$tmp/out"
expect "--version" 0 $CV --version
check "--version text" grep -qx 'congvan [0-9]*\.[0-9]*\.[0-9]*' "$tmp/out"
expect "bad option" 2 $CV --frobnicate
check "bad option: usage on stderr" grep -q '^usage: congvan' "$tmp/err"
expect "--number not a number" 2 $CV build --number 7a
check "--number message" grep -q "^congvan: --number takes a number from 1 to 999999999" "$tmp/err"
expect "--number auto without a date" 2 $CV build --number auto
expect "--date impossible" 2 $CV build --date 2022-02-30
expect "--shard 3/2" 2 $CV build --shard 3/2
expect "-j 0" 2 $CV build -j 0
expect "-T unknown" 2 $CV -T pdf
expect "stray argument" 2 $CV build extra
expect "check with -o" 2 $CV check -o "$tmp/nope"
check "check wrote nothing" test ! -e "$tmp/nope"

expect "missing input folder" 1 $CV check -i "$tmp/none"
check "missing input folder: said once" grep -qx "$tmp/none: error: no such folder; -i names the folder that holds dispatch.md and appendix.csv" "$tmp/err"
check "missing input folder: one line" test "$(wc -l <"$tmp/err")" -eq 1
expect "missing input folder and template" 1 $CV check -i "$tmp/none" -t "$tmp/none2"
check "missing input folder: the template said too" grep -qx "$tmp/none2/cong-van.yaml: error: missing template" "$tmp/err"
expect "-i names a file" 1 $CV check -i input/dispatch.md
check "-i names a file: said" grep -qx "input/dispatch.md: error: not a folder; -i names the folder that holds dispatch.md and appendix.csv" "$tmp/err"
mkdir -p "$tmp/onlyone"
cp input/dispatch.md "$tmp/onlyone/"
expect "missing appendix.csv" 1 $CV check -i "$tmp/onlyone"
check "missing appendix.csv named" grep -qx "$tmp/onlyone/appendix.csv: error: missing input file" "$tmp/err"
: >"$tmp/onlyone/dispatch.md"
cp input/appendix.csv "$tmp/onlyone/"
expect "empty dispatch.md" 1 $CV check -i "$tmp/onlyone"
check "empty dispatch.md: said so" grep -q "dispatch.md:1: error: no front matter: the file is empty" "$tmp/err"
# An option's wrong value names what it takes; no "Try --help" then.
expect "--date impossible: no Try line" 2 $CV check --date 2022-02-30
check "--date impossible: one line" test "$(wc -l <"$tmp/err")" -eq 1
expect "stray argument: Try line" 2 $CV check extra
check "stray argument: Try line said" grep -qx "Try 'congvan --help'." "$tmp/err"
# "nam" beside a date of another year is a warning.
expect "nam and a date in another year" 0 $CV check --date 2023-01-05
check "nam and a date in another year: warned" grep -q 'dispatch.md:[0-9]*: warning: "nam" is 2022, but the letter is dated in 2023' "$tmp/err"
expect "missing template" 1 $CV check -t "$tmp/none"
check "missing template named" grep -qx "$tmp/none/cong-van.yaml: error: missing template" "$tmp/err"
mkdir -p "$tmp/fonts"
sed 's|liberation2/LiberationSerif-Bold.ttf|liberation2/Missing-Bold.ttf|' templates/cong-van.yaml >"$tmp/fonts/cong-van.yaml"
expect "missing font" 1 $CV check -t "$tmp/fonts"
check "missing font names the package" grep -q "Missing-Bold.ttf.*fonts-liberation2" "$tmp/err"
sed 's/^  margin_left_mm: 30 /  margin_left_mm: 25 /' templates/cong-van.yaml >"$tmp/fonts/cong-van.yaml"
expect "template out of range" 1 $CV check -t "$tmp/fonts"
check "template range message" grep -q 'cong-van.yaml:[0-9]*:[0-9]*: error: "page.margin_left_mm" is 25, outside 30 to 35 (Decree 30 Phụ lục I)' "$tmp/err"

# check: exit 0, nothing written; build: the summary on stdout.
expect "check the seed" 0 $CV check -q
check "check -q: silent" test ! -s "$tmp/out"
expect "check the seed, summary" 0 $CV check
check "check: its summary" grep -qx "15 letters: the inputs are valid" "$tmp/out"
o=$tmp/cli
expect "build" 0 $CV build -o "$o"
check "summary line" grep -qx "15 letters: 15 written, 0 unchanged" "$tmp/out"
check "no staging left" test ! -e "$o/.congvan-staging"
snap "$o" >"$tmp/snap1"
sleep 1
expect "rebuild" 0 $CV build -o "$o"
check "rerun: nothing rewritten" grep -qx "15 letters: 0 written, 15 unchanged" "$tmp/out"
snap "$o" >"$tmp/snap2"
check "rerun keeps bytes and mtimes" cmp "$tmp/snap1" "$tmp/snap2"
expect "-q build" 0 $CV build -q -o "$o"
check "-q: stderr empty" test ! -s "$tmp/err"

# A failing run changes nothing under the output folder.
mkdir -p "$tmp/bad"
cp input/appendix.csv "$tmp/bad/"
sed 's/^ky_hieu: .*/ky_hieu: [a, b]/; s/{{Tên cơ quan}}:/{{Tên co quan}}:/' input/dispatch.md >"$tmp/bad/dispatch.md"
expect "bad input" 1 $CV build -i "$tmp/bad" -o "$o"
check "bad input: both problems reported" test "$(grep -c ': error: ' "$tmp/err")" -ge 2
snap "$o" >"$tmp/snap3"
check "bad input: output untouched" cmp "$tmp/snap1" "$tmp/snap3"

# System errors: exit 3, no partial file.
expect "output under a file" 3 $CV build -o /dev/null/out
check "output error names the path" grep -q "^/dev/null/out: error: cannot be made: /dev/null is not an existing folder" "$tmp/err"
expect "output folder in a missing folder" 3 $CV build -q -o "$tmp/no/such/out"
check "output folder in a missing folder: no tree made" test ! -e "$tmp/no"
check "output folder in a missing folder: message" grep -q "out: error: cannot be made: .*/no/such is not an existing folder" "$tmp/err"
: >"$tmp/afile"
expect "output folder is a file" 3 $CV build -q -o "$tmp/afile"
check "output folder is a file: message" grep -q "afile: error: not a folder; -o names the output folder" "$tmp/err"
expect "check -o" 2 $CV check -o "$tmp/x"
check "check -o: names -o" grep -q "so -o is not for it" "$tmp/err"
rm -rf "$tmp/big"
expect "file size limit" 3 sh -c "ulimit -f 10; exec $CV build -q -o '$tmp/big'"
check "file size limit: no letter left" test -z "$(ls "$tmp/big/letters" 2>/dev/null)"
check "file size limit: no staging left" test ! -e "$tmp/big/.congvan-staging"
check "file size limit message" grep -q "File too large" "$tmp/err"

# -j and --shard give the bytes of a plain build.
expect "-j 2" 0 $CV build -q -j 2 -o "$tmp/j2"
check "-j 2 same bytes" diff -r "$o/letters" "$tmp/j2/letters"
expect "shard 1/2" 0 $CV build -q --shard 1/2 -o "$tmp/sh"
check "shard 1/2 wrote its slice" test "$(ls "$tmp/sh/letters" | wc -l)" -eq 7
expect "shard 2/2" 0 $CV build -q --shard 2/2 -o "$tmp/sh"
check "shards give the whole build" diff -r "$o/letters" "$tmp/sh/letters"
expect "build after shards" 0 $CV build -o "$tmp/sh"
check "build after shards: all unchanged" grep -qx "15 letters: 0 written, 15 unchanged" "$tmp/out"

# Hostile folders and files: never a hang, never outside the output.
mkdir -p "$tmp/fifo"
cp input/dispatch.md "$tmp/fifo/"
mkfifo "$tmp/fifo/appendix.csv"
expect "a FIFO as input" 1 timeout 20 $CV check -i "$tmp/fifo"
check "a FIFO: not a regular file" grep -qx "$tmp/fifo/appendix.csv: error: not a regular file" "$tmp/err"
mkdir -p "$tmp/out1/keep/sub" "$tmp/out1/o"
echo a >"$tmp/out1/keep/a.txt"; echo b >"$tmp/out1/keep/sub/b.txt"
ln -s "$tmp/out1/keep" "$tmp/out1/o/.congvan-staging"
expect "staging is a symlink" 0 $CV build -q -o "$tmp/out1/o"
check "staging symlink: nothing outside removed" test -f "$tmp/out1/keep/a.txt" -a -f "$tmp/out1/keep/sub/b.txt"
mkdir -p "$tmp/out2/else" "$tmp/out2/o"
ln -s "$tmp/out2/else" "$tmp/out2/o/letters"
expect "letters is a symlink" 3 $CV build -q -o "$tmp/out2/o"
check "letters symlink: named" grep -q "letters: error: is a symbolic link" "$tmp/err"
check "letters symlink: nothing written outside" test -z "$(ls "$tmp/out2/else")"
rm -rf "$tmp/out3"; cp -R "$o" "$tmp/out3"
rm "$tmp/out3/letters/03-bo-cong-an.pdf"; mkdir -p "$tmp/out3/letters/03-bo-cong-an.pdf/x"
snap "$tmp/out3" >"$tmp/s1"
expect "a folder where a letter goes" 3 $CV build -q -o "$tmp/out3" --number 8 --date 2022-04-01
snap "$tmp/out3" >"$tmp/s2"
check "a folder where a letter goes: nothing replaced" cmp "$tmp/s1" "$tmp/s2"
expect "-o empty" 2 $CV build -o ''

# Silent wrong letters refused.
mkdir -p "$tmp/ph"
sed 's/^trân trọng/{{so}} /I; s/^Trân trọng cảm ơn/Số {{so}} ngày {{ngay}}. Trân trọng cảm ơn/' input/dispatch.md >"$tmp/ph/dispatch.md"
cp input/appendix.csv "$tmp/ph/"
expect "{{so}} refused" 1 $CV check -i "$tmp/ph"
check "{{so}} message" grep -q "error: {{so}} cannot be used: the number and the date are printed in the header" "$tmp/err"
sed 's/^2,Bộ Giáo dục và Đào tạo,/2," \xc2\xa0 ",/' input/appendix.csv >"$tmp/ph/appendix.csv"
cp input/dispatch.md "$tmp/ph/"
expect "a blank-looking recipient" 1 $CV check -i "$tmp/ph"
check "a blank-looking recipient: its line" grep -q "appendix.csv:3: error: empty cell in column \"Tên cơ quan\"" "$tmp/err"
printf 'STT,Tên cơ quan,Tham chiếu nhiệm vụ\n1,Bộ Công\302\255an,x\n' >"$tmp/ph/appendix.csv"
expect "a soft hyphen" 1 $CV check -i "$tmp/ph"
check "a soft hyphen: named" grep -q "appendix.csv:2:10: error: invisible character U+00AD" "$tmp/err"

# Excel's files: a "sep=X" first line fixes the separator (it wins over
# the sniffing); a line break inside a header cell (Alt+Enter) is a
# space, so the column is still {{Tên cơ quan}}.
for c in excel-sep-line excel-sep-line-overrides-sniffing header-line-break; do
	rm -rf "$tmp/xl"; mkdir -p "$tmp/xl"
	cp tests/regress/csv/default.md "$tmp/xl/dispatch.md"
	cp "tests/regress/csv/$c/appendix.csv" "$tmp/xl/"
	expect "$c: build" 0 $CV build -q -i "$tmp/xl" -o "$tmp/xl/out"
	f=$(ls "$tmp/xl/out/letters/"*.pdf | head -1)
	case $c in
	excel-sep-line) has "$c" "$f" "Kính gửi: Bộ Công an" "giao tại Điểm 4; Khoản IV (Danh" ;;
	excel-sep-line-overrides-sniffing) has "$c" "$f" "Kính gửi: Bộ Công an;Cục A;Cục B" "giao tại Điểm 4 (Danh" ;;
	header-line-break) has "$c" "$f" "Kính gửi: Bộ Công an" "giao tại Điểm 4 (Danh" "Tên cơ quan Bộ Công an" ;;
	esac
done

# -o that is no folder: the usual message, exit 3, nothing made.
: >"$tmp/afile2"
expect "-o afile/" 3 $CV build -q -o "$tmp/afile2/"
check "-o afile/: message" grep -q "afile2/: error: not a folder; -o names the output folder" "$tmp/err"
ln -sf "$tmp/nowhere" "$tmp/dangling"
expect "-o a link to nothing" 3 $CV build -q -o "$tmp/dangling"
check "-o a link to nothing: message" grep -q "dangling: error: a symbolic link to nothing; -o names the output folder" "$tmp/err"
check "-o a link to nothing: nothing made" test ! -e "$tmp/nowhere"

# The README's way without "make install": the built program run by its
# path from another folder finds the templates beside it (a new clerk's
# trial, issue 13).
rm -rf "$tmp/elsewhere"; mkdir -p "$tmp/elsewhere"
cp -r input "$tmp/elsewhere/2022-830-tre-em"
(cd "$tmp/elsewhere" && "$top/congvan" check -i 2022-830-tre-em) >"$tmp/out" 2>&1 &&
    grep -q "15 letters: the inputs are valid" "$tmp/out" && ok ||
    ko "cli: the built program run from another folder: $(head -1 "$tmp/out")"
