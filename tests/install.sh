# Installed like a Unix tool, and the README as a new user reads it (sourced
# by run.sh): make install DESTDIR=…, the installed program from another
# folder, the manual page, --help = man page = README, the README's
# package line = the Makefile's, the clerk's week followed as written,
# stdout write errors, the page limit judged by check before build
# creates anything.

# --- make install / uninstall ------------------------------------------
dest=$tmp/dest
make -s install DESTDIR="$dest" >"$tmp/out" 2>&1
check "make install DESTDIR" test -x "$dest/usr/local/bin/congvan"
check "installed template" cmp templates/cong-van.yaml \
    "$dest/usr/local/share/congvan/templates/cong-van.yaml"
check "installed example" cmp input/dispatch.md \
    "$dest/usr/local/share/congvan/example/dispatch.md"
check "installed manual page" test -f "$dest/usr/local/share/man/man1/congvan.1"
icv=$dest/usr/local/bin/congvan
mkdir -p "$tmp/elsewhere"
# From a folder with no templates/: the installed ones, found beside it.
(cd "$tmp/elsewhere" && "$icv" -q -i "$top/input" -o "$tmp/inst-out") \
    >"$tmp/out" 2>"$tmp/err"
check "installed congvan from another folder" test "$(ls "$tmp/inst-out/letters" | wc -l)" -eq 15
$CV build -q -o "$tmp/inst-ref" >/dev/null 2>&1
# The same template and inputs give the same letters.
check "installed: the same letters as ./congvan" cmp "$tmp/inst-out/SHA256SUMS" "$tmp/inst-ref/SHA256SUMS"
# -t still overrides: a template with another margin is refused by name.
mkdir -p "$tmp/inst-t"
sed 's/^  margin_left_mm: 30 /  margin_left_mm: 25 /' templates/cong-van.yaml >"$tmp/inst-t/cong-van.yaml"
(cd "$tmp/elsewhere" && "$icv" check -q -i "$top/input" -t "$tmp/inst-t") >"$tmp/out" 2>"$tmp/err"
check "installed: -t overrides" grep -q "^$tmp/inst-t/cong-van.yaml:.*margin_left_mm" "$tmp/err"
# Moved away from its templates, it says what to do, and the advice works.
mkdir -p "$tmp/lone/bin"
cp "$icv" "$tmp/lone/bin/congvan"
# (Unless this machine has congvan installed in /usr/local: then it finds
# those, the last place it looks.)
if [ ! -e /usr/local/share/congvan/templates/cong-van.yaml ]; then
(cd "$tmp/elsewhere" && "$tmp/lone/bin/congvan" check -q -i "$top/input") >"$tmp/out" 2>"$tmp/err"
check "no templates anywhere: exit 1" test $? -ne 0
check "no templates anywhere: the advice" grep -q 'missing template: install congvan ("make install" in its source folder) or name the templates folder with -t' "$tmp/err"
(cd "$tmp/elsewhere" && "$tmp/lone/bin/congvan" check -q -i "$top/input" -t "$top/templates") >"$tmp/out" 2>"$tmp/err"
check "no templates anywhere: -t as advised" test $? -eq 0
fi
make -s install DESTDIR="$tmp/lone" PREFIX= >/dev/null 2>&1
(cd "$tmp/elsewhere" && "$tmp/lone/bin/congvan" check -q -i "$top/input") >"$tmp/out" 2>"$tmp/err"
check "no templates anywhere: make install as advised" test $? -eq 0
make -s uninstall DESTDIR="$dest" >/dev/null 2>&1
check "make uninstall" test ! -e "$dest/usr/local/bin/congvan" -a \
    ! -e "$dest/usr/local/share/congvan" -a \
    ! -e "$dest/usr/local/share/man/man1/congvan.1"

# --- The manual page, --help and README agree ----------------------------
if command -v mandoc >/dev/null 2>&1; then
	# A note that this machine's manual database is out of date is about
	# the machine, not the page.
	mandoc -Tlint generator/congvan.1 2>&1 | grep -v 'mandoc.db' >"$tmp/lint"
	check "mandoc -Tlint congvan.1 clean" test ! -s "$tmp/lint"
	[ -s "$tmp/lint" ] && head -5 "$tmp/lint"
else
	ko "mandoc missing (make check installs it)"
fi
$CV --help >"$tmp/help" 2>&1
# The options of --help, of the manual page's lists, in README's usage.
sed -n 's/^  \(-[-A-Za-z]*\).*/\1/p; s/^  \(build\|check\|register\|sign\|verify\) .*/\1/p' "$tmp/help" | sort -u >"$tmp/help.opts"
sed -n 's/^\.It Fl \\\(-[a-z]*\).*/-\1/p; s/^\.It Fl \([A-Za-z]\)\( .*\)*$/-\1/p; s/^\.It Cm \(build\|check\|register\|sign\|verify\)$/\1/p' \
    generator/congvan.1 | sort -u >"$tmp/man.opts"
printf '%s\n' --help --version >>"$tmp/help.opts"
sort -u -o "$tmp/help.opts" "$tmp/help.opts"
check "--help and the manual page name the same options" cmp "$tmp/help.opts" "$tmp/man.opts"
[ "$(wc -l <"$tmp/man.opts")" -ge 15 ] && ok || ko "manual page: too few options found"
awk '/^## Usage/ { u = 1; next } u && /^```$/ { if (inb) exit; inb = 1; next } inb' README.md >"$tmp/readme.usage"
check "README's usage is congvan --help" cmp "$tmp/readme.usage" "$tmp/help"
# The README's full install line names exactly the Makefile's packages.
sed -n 's/^    sudo apt-get update && sudo apt-get install -y \(build-essential .*\)$/\1/p' README.md |
    tr ' ' '\n' | sort >"$tmp/readme.debs"
make -s packages | tr ' ' '\n' | sort >"$tmp/make.debs"
check "README's package line = the Makefile's" cmp "$tmp/readme.debs" "$tmp/make.debs"
# The basics line that make fresh runs (make git ca-certificates).
check "README's root line" grep -qx '    apt-get update && apt-get install -y make git ca-certificates' README.md

# --- The clerk's week of the README, command by command -----------------
# Its command lines (mkdir, cp, congvan), comments dropped, run in order
# with HOME in the test folder and the installed program; Thursday's data
# change made where the README says.
make -s install DESTDIR="$dest" >/dev/null 2>&1
awk '/^## A clerk.s week/ { w = 1; next } /^## / { w = 0 } w' README.md |
    sed -n 's/^    \(mkdir -p .*\|cp -r .*\|congvan .*\)$/\1/p' |
    sed 's/ *#.*$//' >"$tmp/week"
check "README's week: its commands found" test "$(wc -l <"$tmp/week")" -ge 6
(
	export HOME="$tmp/home"
	mkdir -p "$HOME"
	cd "$HOME" || exit 1
	n=0
	while IFS= read -r line; do
		n=$((n + 1))
		case "$line" in *--force*)
			# Thursday: a name corrected; the same command without
			# --force is refused, listing the letters.
			sed -i 's/Bộ Công an/Bộ Công An/' 2022-830-tre-em/appendix.csv
			c=$(printf '%s' "${line% --force}" | sed "s|^congvan |$icv |")
			eval "$c" >"$tmp/week.$n.refused" 2>&1 &&
			    echo "without --force it was not refused"
			grep -q 'would change' "$tmp/week.$n.refused" ||
			    echo "refusal does not list the letters";;
		esac
		c=$(printf '%s' "$line" | sed "s|/usr/local/share/congvan/example|$dest/usr/local/share/congvan/example|; s|^congvan |$icv |")
		# In this shell: the README's "cd ~/vanthu" holds for the rest.
		eval "$c" >"$tmp/week.$n" 2>&1 ||
		    { echo "failed: $line"; cat "$tmp/week.$n"; }
	done <"$tmp/week"
) >"$tmp/week.log" 2>&1
check "README's week: every command as written" test ! -s "$tmp/week.log"
[ -s "$tmp/week.log" ] && head -20 "$tmp/week.log"
w=$tmp/home/vanthu
check "README's week: Monday's check" grep -qx "15 letters: the inputs are valid" "$tmp/week.3"
check "README's week: issued" grep -qx "issued as 01/BTTTT-CATTT, archived in archive/2022/01-BTTTT-CATTT/" "$tmp/week.5"
check "README's week: archive" test -f "$w/so-di/archive/2022/01-BTTTT-CATTT/SHA256SUMS"
check "README's week: register row" grep -q '^01/BTTTT-CATTT,05/04/2022,' "$w/so-di/register.csv"
check "README's week: superseded kept" test -d "$w/so-di/archive/2022/01-BTTTT-CATTT/superseded"
has "README's week: the corrected name" "$w/so-di/letters/03-bo-cong-an.pdf" "Kính gửi: Bộ Công An"
make -s uninstall DESTDIR="$dest" >/dev/null 2>&1

# --- Standard output that cannot be written is an error ------------------
if [ -w /dev/full ]; then
	expect "stdout to /dev/full: -T model" 3 sh -c "$CV -T model >/dev/full"
	check "stdout to /dev/full: said" grep -q '^congvan: error writing standard output: No space left on device' "$tmp/err"
	expect "stdout to /dev/full: --help" 3 sh -c "$CV --help >/dev/full"
	expect "stdout to /dev/full: --version" 3 sh -c "$CV --version >/dev/full"
	expect "stdout to /dev/full: check" 3 sh -c "$CV check >/dev/full"
	expect "stdout to /dev/full: check -q writes nothing" 0 sh -c "$CV check -q >/dev/full"
fi

# --- Dates: no such day, said so -----------------------------------------
expect "--date 2022-02-30" 2 $CV check --date 2022-02-30
check "--date 2022-02-30: no such date" grep -qx "congvan: --date: there is no such date as '2022-02-30'" "$tmp/err"
expect "--date 2023-02-29" 2 $CV check --date 2023-02-29
expect "--date 2024-02-29 (leap year)" 0 $CV check -q --date 2024-02-29
expect "--date 1800-01-01" 2 $CV check --date 1800-01-01
check "--date 1800: the year" grep -q "year of '1800-01-01' is not between 1900 and 2999" "$tmp/err"
expect "--date 2022-4-5" 2 $CV check --date 2022-4-5
check "--date 2022-4-5: the shape" grep -q "takes a date YYYY-MM-DD" "$tmp/err"

# --- The page limit: check refuses it, build leaves no trace -------------
pl=$tmp/pagelimit
mkdir -p "$pl"
printf 'STT,Tên cơ quan\n1,Sở Tư pháp\n2,Sở Nội vụ\n' >"$pl/appendix.csv"
awk '/^---$/ { n++; print; if (n == 2) exit; next }
    /^[a-z_]+:/ { skip = /^(phu_luc|danh_ba):/ } !skip' input/dispatch.md >"$pl/dispatch.md"
awk 'BEGIN { for (i = 1; i <= 20000; i++) printf "Đoạn %d.\n\n", i }' >>"$pl/dispatch.md"
expect "page limit: check refuses" 1 $CV check -i "$pl"
check "page limit: at its row" grep -q "^$pl/appendix.csv:2: error: the letter of this row would have more than 500 pages" "$tmp/err"
check "page limit: every row" grep -q "^$pl/appendix.csv:3: error:" "$tmp/err"
expect "page limit: build refuses" 1 $CV build -i "$pl" -o "$pl/out"
check "page limit: no output folder made" test ! -e "$pl/out"
mkdir -p "$pl/empty"
expect "page limit: build into an empty folder" 1 $CV build -i "$pl" -o "$pl/empty"
check "page limit: no lock, no file" test -z "$(ls -A "$pl/empty")"
# The directory too: over 500 pages is refused by check, and by build
# before anything is created.
dl=$tmp/dirlimit
mkdir -p "$dl"
# (A one-line body: the letters are cheap to lay out, the directory not.)
awk '/^---$/ { n++; print; if (n == 2) exit; next } /^[a-z_]+:/ { skip = /^phu_luc:/ } !skip' input/dispatch.md >"$dl/dispatch.md"
echo 'Kính đề nghị {{Tên cơ quan}} cung cấp thông tin đầu mối./.' >>"$dl/dispatch.md"
head -1 input/focal_points.csv >"$dl/focal_points.csv"
awk 'BEGIN { print "STT,Tên cơ quan,Tham chiếu nhiệm vụ"
	for (i = 1; i <= 8; i++) n = n "Trường trung học cơ sở và trung học phổ thông liên cấp vùng cao "
	for (i = 1; i <= 4000; i++) printf "%d,%ssố %d,Điểm %d\n", i, n, i, i }' >"$dl/appendix.csv"
expect "directory over 500 pages: check refuses" 1 $CV check -i "$dl"
check "directory over 500 pages: said at danh_ba" grep -q "^$dl/dispatch.md:[0-9]*: error: the directory (\"danh_ba\") would have more than 500 pages" "$tmp/err"
expect "directory over 500 pages: build refuses" 1 $CV build -i "$dl" -o "$dl/out"
check "directory over 500 pages: no output folder" test ! -e "$dl/out"
