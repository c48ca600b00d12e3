#!/bin/sh
# Seeds for a fuzz harness from the test inputs (make fuzz):
#   sh tests/fuzz/seeds.sh NAME DIR
# rows: every *.csv; dispatch: every *.md; merge and layout: each
# folder's dispatch.md, "\n====\n", its appendix.csv (a regression
# case's missing one from its area's default.md / default.csv), and for
# layout an option byte in front (fuzz_layout.c), cycling through them.
set -eu
cd "$(dirname "$0")/../.."
name=$1 out=$2
rm -rf "$out"
mkdir -p "$out"
dirs="tests/regress input tests/dispatches"
n=0
case $name in
rows|dispatch)
	[ "$name" = rows ] && ext=csv || ext=md
	find $dirs -type f -name "*.$ext" | sort | while read -r f; do
		n=$((n + 1))
		cp "$f" "$out/seed-$n"
	done
	;;
merge|layout)
	find $dirs -type f \( -name dispatch.md -o -name appendix.csv \) |
	    sed 's|/[^/]*$||' | sort -u | while read -r d; do
		area=${d%/*}
		md=$d/dispatch.md csv=$d/appendix.csv
		[ -f "$md" ] || md=$area/default.md
		[ -f "$csv" ] || csv=$area/default.csv
		[ -f "$md" ] && [ -f "$csv" ] || continue
		n=$((n + 1))
		{
			[ "$name" = layout ] && printf "\\$(printf %o $((n % 128)))"
			cat "$md"
			printf '\n====\n'
			cat "$csv"
		} >"$out/seed-$n"
	done
	;;
register)
	# Registers the tests write, and the rows of output.sh's edits.
	find $dirs -type f -name 'register*.csv' | sort | while read -r f; do
		n=$((n + 1))
		cp "$f" "$out/seed-$n"
	done
	printf '\357\273\277"Số, ký hiệu văn bản",Ngày tháng văn bản,Tên loại và trích yếu nội dung văn bản,Người ký,Nơi nhận văn bản,"Đơn vị, người nhận bản lưu",Số lượng bản,Ngày chuyển,Ký nhận,Ghi chú\r\n07/BTTTT-CATTT,05/04/2022,Công văn V/v a,B,C,D,15,,,archive/2022/07-BTTTT-CATTT/\r\n' >"$out/seed-reg"
	;;
tmpl)
	cp templates/*.yaml "$out/"
	;;
pdf)
	# A text box and a line on page 1, a word on page 2.
	printf '\000\000\004\000\020\000\000\000\000\000\015\100Ngày\000\001\000\004\000\020\000\010\000\020\000\000\002\377\000\001\004\000\020\000\000\000\000\000\015\100Số\000' >"$out/seed-1"
	;;
sign)
	# The letters are in tests/fuzz/corpus/sign/; a small file here.
	printf '%%PDF-1.3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> /PieceInfo << /congvan << /Private << /ChuKy << /Rect [1 2 30 40] /Ink [0 0.2 0.8] >> >> >> >> >>\nendobj\n4 0 obj\n(x)\nendobj\nxref\n0 5\n0000000000 65535 f\r\n0000000009 00000 n\r\n0000000058 00000 n\r\n0000000115 00000 n\r\n0000000296 00000 n\r\ntrailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n315\n%%%%EOF\n' >"$out/seed-1"
	;;
*)
	echo "seeds.sh: no harness '$name'" >&2
	exit 2
	;;
esac
