# What a clerk types by habit (issue 13, sourced by run.sh): the advice
# the messages give, followed to the letter, and the places where a value
# typed over several lines must read as one line.  The messages
# themselves are golden cases in tests/regress/dispatch/.
hr=tests/regress/dispatch
hw=$tmp/habits
rm -rf "$hw"

# habit_case NAME CASE: a copy of a golden case in $hw/NAME, with the
# area's appendix when the case has none.
habit_case() {
	mkdir -p "$hw/$1"
	cp "$hr/$2/dispatch.md" "$hw/$1/"
	if [ -f "$hr/$2/appendix.csv" ]; then cp "$hr/$2/appendix.csv" "$hw/$1/"
	else cp "$hr/default.csv" "$hw/$1/appendix.csv"; fi
}

# "kinh_gui: {{…}}" unquoted: the line the message gives, put in place of
# the clerk's, makes a dispatch that builds with no message at all.
habit_case unquoted placeholder-unquoted-front-matter
expect "habits: kinh_gui unquoted refused" 1 $CV check -i "$hw/unquoted"
fixl=$(sed -n 's/.*, as in \(kinh_gui: ".*"\)$/\1/p' "$tmp/err")
check "habits: kinh_gui unquoted: the message gives a line" test -n "$fixl"
awk -v l="$fixl" '/^kinh_gui:/ { print l; next } { print }' \
    "$hr/placeholder-unquoted-front-matter/dispatch.md" >"$hw/unquoted/dispatch.md"
expect "habits: kinh_gui quoted as advised builds" 0 $CV build -i "$hw/unquoted" -o "$hw/unquoted-out"
check "habits: kinh_gui quoted as advised: no message" test ! -s "$tmp/err"
check "habits: kinh_gui quoted as advised: the letters" test -f "$hw/unquoted-out/letters/1-bo-lao-dong-thuong-binh-va-xa-hoi.pdf"

# The same for an entry of the list.
habit_case entry placeholder-unquoted-list-entry
expect "habits: kinh_gui entry unquoted refused" 1 $CV check -i "$hw/entry"
fixl=$(sed -n 's/.*, as in \(- ".*"\)$/\1/p' "$tmp/err")
check "habits: kinh_gui entry unquoted: the message gives a line" test -n "$fixl"
awk -v l="$fixl" '/^  - \{\{/ { print "  " l; next } { print }' \
    "$hr/placeholder-unquoted-list-entry/dispatch.md" >"$hw/entry/dispatch.md"
expect "habits: kinh_gui entry quoted as advised builds" 0 $CV build -i "$hw/entry" -o "$hw/entry-out"
check "habits: kinh_gui entry quoted as advised: no message" test ! -s "$tmp/err"

# An entry inside "[…]": quoting it, as advised, makes a dispatch that
# builds.
habit_case flow placeholder-unquoted-flow-entry
expect "habits: kinh_gui [entry] unquoted refused" 1 $CV check -i "$hw/flow"
check "habits: kinh_gui [entry] unquoted: the advice" grep -q 'put the whole entry in quotes' "$tmp/err"
sed 's/\[{{Tên cơ quan}},/["{{Tên cơ quan}}",/' \
    "$hr/placeholder-unquoted-flow-entry/dispatch.md" >"$hw/flow/dispatch.md"
expect "habits: kinh_gui [entry] quoted as advised" 0 $CV check -i "$hw/flow"
check "habits: kinh_gui [entry] quoted as advised: no message" test ! -s "$tmp/err"

# " #text" in a plain value: quoting the whole value, as advised, keeps
# the text (the hashtag, the entry's "#1") and silences the warning.
habit_case hash front-matter-hash-unquoted
expect "habits: hashtag warned" 0 $CV check -i "$hw/hash"
check "habits: hashtag warned at its column" grep -q 'dispatch.md:8:38: warning: "trich_yeu": YAML reads "#ChuyểnĐổiSố năm 2024"' "$tmp/err"
sed -e 's/^trich_yeu: \(.*\)$/trich_yeu: "\1"/' -e 's/^  - Như trên #1$/  - "Như trên #1"/' \
    "$hr/front-matter-hash-unquoted/dispatch.md" >"$hw/hash/dispatch.md"
expect "habits: hashtag quoted as advised" 0 $CV build -i "$hw/hash" -o "$hw/hash-out"
check "habits: hashtag quoted as advised: no comment warning" sh -c "! grep -q 'as a comment' '$tmp/err'"
has "habits: hashtag quoted as advised: the whole subject" \
    "$hw/hash-out/letters/1-bo-lao-dong-thuong-binh-va-xa-hoi.pdf" \
    "#ChuyểnĐổiSố năm 2024" "Như trên #1;"

# co_quan over two lines ("|", a forced break in the header) and a
# subject typed as a block: one line wherever one line is meant.
habit_case block block-scalars-one-line
expect "habits: blocks issued" 0 $CV build -q -i "$hw/block" -o "$hw/block-out" --number 3 --date 2022-05-06
bf=$hw/block-out/letters/1-bo-giao-duc-va-dao-tao.pdf
check "habits: blocks: the PDF's Author on one line" sh -c "pdfinfo '$bf' | grep -qx 'Author: *BỘ THÔNG TIN VÀ TRUYỀN THÔNG'"
check "habits: blocks: the PDF's Title on one line" sh -c "pdfinfo '$bf' | grep -qx 'Title: *triển khai chương trình “Bảo vệ và hỗ trợ trẻ em tương tác lành mạnh” (giai đoạn 2021 - 2025)'"
check "habits: blocks: the register's subject on one line" grep -q ',Công văn V/v triển khai chương trình “Bảo vệ và hỗ trợ trẻ em tương tác lành mạnh” (giai đoạn 2021 - 2025),' "$hw/block-out/register.csv"
has "habits: blocks: the appendix's reference line" "$bf" "ngày 06 tháng 5 năm 2022 của BỘ THÔNG TIN VÀ TRUYỀN THÔNG)"

# An unquoted Nơi nhận entry holding ": " is a mapping in YAML: the error
# says to quote it, and the entry quoted as it shows builds (a new
# clerk's trial, issue 13).
hq=$tmp/colon
rm -rf "$hq"; mkdir -p "$hq"
cp tests/regress/dispatch/noi-nhan-entry-colon-unquoted/dispatch.md "$hq/"
cp input/appendix.csv "$hq/"
expect "habits: unquoted entry with a colon" 1 $CV check -i "$hq"
grep -q 'put the entry in double quotes, as - "Lưu: VT"' "$tmp/err" &&
    ok || ko "habits: colon advice: $(head -1 "$tmp/err")"
sed 's/^  - Lưu: VT$/  - "Lưu: VT"/' "$hq/dispatch.md" >"$hq/d" && mv "$hq/d" "$hq/dispatch.md"
expect "habits: the entry quoted as advised" 0 $CV check -i "$hq"
