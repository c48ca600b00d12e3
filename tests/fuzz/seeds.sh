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
*)
	echo "seeds.sh: no harness '$name'" >&2
	exit 2
	;;
esac
