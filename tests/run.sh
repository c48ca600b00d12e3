#!/bin/sh
# congvan's test suite: golden cases, PDF checks with real readers, CLI.
# Last line: "N passed, N failed"; exit status 1 when anything failed.
# VALGRIND="valgrind …" runs every congvan under it (make valgrind).
# UPDATE=PATTERN rewrites the golden files whose test name contains
# PATTERN (review the diff before committing).
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
CV="${VALGRIND:-} $top/congvan"
pass=0
fail=0
tmp=$(mktemp -d /tmp/congvan-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*"; }
# check NAME COMMAND...: passes when the command succeeds.
check() { n=$1; shift; if "$@" >/dev/null 2>&1; then ok; else ko "$n"; fi; }

# expect NAME STATUS COMMAND...: the command exits with STATUS.
expect() {
	_n=$1 _s=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"; _r=$?
	if [ "$_r" -eq "$_s" ]; then ok; else ko "$_n: exit $_r, want $_s"; fi
}
# A listing of a folder that changes when any file changes.
snap() { (cd "$1" && find . -type f | sort | xargs -r md5sum; find . | sort; \
	find . -type f -printf '%p %T@\n' | sort) 2>/dev/null; }

# The text of a PDF as one line, whitespace squeezed.
flat() { pdftotext -enc UTF-8 "$@" - 2>/dev/null | tr -s ' \n\f' '  '; }
# has NAME FILE STRING...: every string appears in the flattened text.
has() {
	_n=$1 _f=$2; shift 2
	_t=$(flat "$_f")
	for _s in "$@"; do
		case "$_t" in *"$_s"*) ok;; *) ko "$_n: no \"$_s\" in $_f";; esac
	done
}
# --- Golden cases: tests/regress/<area>/<case>/ -------------------------
# A case folder holds inputs (dispatch.md, appendix.csv; the area's
# default.md / default.csv stand in for a missing one) and expectations:
#   expected.err     stderr of "congvan check" then "exit: N"
#   expected.model   stdout of "congvan -T model"
#   expected.layout  stdout of "congvan -T layout"
golden() {
	case "$1" in *"${UPDATE:-/nothing/}"*) cp "$3" "$2"; ok; return;; esac
	if diff -u "$2" "$3" >"$tmp/diff"; then ok; else
		ko "$1"; head -40 "$tmp/diff"; fi
}
for case in tests/regress/*/*/; do
	case=${case%/}
	area=${case%/*}
	in=$tmp/in
	rm -rf "$in"; mkdir -p "$in"
	cp -R "$case"/. "$in"/
	[ -f "$in/dispatch.md" ] || cp "$area/default.md" "$in/dispatch.md" 2>/dev/null
	[ -f "$in/appendix.csv" ] || cp "$area/default.csv" "$in/appendix.csv" 2>/dev/null
	fix() { sed "s|$in/|$case/|g"; }
	if [ -f "$case/expected.err" ]; then
		$CV check -i "$in" >/dev/null 2>"$tmp/err"; rc=$?
		{ fix <"$tmp/err"; echo "exit: $rc"; } >"$tmp/got"
		golden "$case (err)" "$case/expected.err" "$tmp/got"
	fi
	if [ -f "$case/expected.model" ]; then
		$CV -T model -i "$in" 2>/dev/null | fix >"$tmp/got"
		golden "$case (model)" "$case/expected.model" "$tmp/got"
	fi
	if [ -f "$case/expected.layout" ]; then
		$CV -T layout -i "$in" 2>/dev/null | fix >"$tmp/got"
		golden "$case (layout)" "$case/expected.layout" "$tmp/got"
	fi
done

for t in tests/*.sh; do
	[ "$t" = tests/run.sh ] && continue
	. "./$t"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
