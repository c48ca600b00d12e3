# Generated dispatches (sourced by run.sh): tests/gen/gen.py writes
# seeded, realistic dispatches; tests/gen/check.py builds each with this
# congvan and checks every letter's layout dump and PDF against the
# invariants listed in tests/gen/README.md.  Each broken invariant is a
# failure naming its kind, seed, letter, page and the offending text;
# "python3 tests/gen/check.py --seed S" reproduces one dispatch.
# GEN_N dispatches (seeds 1..GEN_N; 250 by default, 20 under valgrind,
# whose congvan is not the one checked here).
if ! command -v python3 >/dev/null || ! command -v pdftotext >/dev/null; then
	ko "gen: python3 and pdftotext are needed (make test-deps)"
else
	gen_n=${GEN_N:-250}
	[ -n "${VALGRIND:-}" ] && gen_n=${GEN_N:-20}
	export CONGVAN="$top/congvan" CONGVAN_TEMPLATES="$top/templates"
	# The checker itself must fail: doctored dumps (a box past the
	# margin, a 3x gap, a lost word, a lost Nơi nhận entry, a number cut
	# inside) are caught.
	check "gen: the checker catches doctored layouts" python3 tests/gen/check.py --self-test
	# The generator is deterministic: a seed gives the same bytes.
	python3 tests/gen/gen.py 11 "$tmp/gen-a" && python3 tests/gen/gen.py 11 "$tmp/gen-b"
	check "gen: a seed gives the same dispatch" diff -r "$tmp/gen-a" "$tmp/gen-b"
	# Most dispatches are valid input: the point is layout.
	check "gen: a generated dispatch is valid" "$top/congvan" check -q -t templates -i "$tmp/gen-a"
	python3 tests/gen/check.py --seeds "1:$((gen_n + 1))" -j 2 --limit 1 --each \
	    --log "$tmp/gen.log" >/dev/null 2>"$tmp/gen.err"
	while IFS= read -r l; do
		case "$l" in
		"ok seed="*) ok;;
		*) ko "gen: $l";;
		esac
	done <"$tmp/gen.log"
	[ -s "$tmp/gen.err" ] && { ko "gen: the checker failed"; head -20 "$tmp/gen.err"; }
	# Each defect the generator found, cut down (tests/gen/found/): a
	# regression case that must now hold every invariant.
	for f in tests/gen/found/*/; do
		python3 tests/gen/check.py --dir "$f" >"$tmp/found.out" 2>&1 &&
		    ok || { ko "gen: $f"; head -5 "$tmp/found.out"; }
	done
	[ "$(grep -c '^ok seed=' "$tmp/gen.log")" -gt 0 ] || [ -s "$tmp/gen.log" ] ||
		ko "gen: no dispatch checked"
	unset CONGVAN CONGVAN_TEMPLATES
fi
