# The stress harness of issue 14 in short (sourced by run.sh): each part of
# tests/stress/stress.sh with a few rounds, kills and fault points; make
# stress runs them long.  And the checker itself, on folders doctored to
# break each invariant, so that a pass means something.

st_sourced=1
. "$top/tests/stress/stress.sh"
st_ok() { ok; }
st_ko() { ko "stress: $*"; }
st_fig() { :; }
st_seed=${STRESS_SEED:-1}
st_work=$(mktemp -d /tmp/congvan-stress.XXXXXX)
chmod 755 "$st_work"	# the fault grid runs congvan as nobody

# The checker: a good folder passes; each doctored copy is caught.
sc=$st_work/self
st_dispatch "$sc/d1" 1 5
st_dispatch "$sc/d2" 2 6 BTTTT-VP
$CV build -q -i "$sc/d1" -o "$sc/o" --number auto --date 2024-03-01 >/dev/null 2>&1
$CV build -q -i "$sc/d2" -o "$sc/o" --number auto --date 2024-03-01 >/dev/null 2>&1
p=$(st_inv "$sc/o" --once-k "1 2")
[ -z "$p" ] && ok || ko "stress: inv.py fails a good folder: $p"
# st_self NAME EXPECT SETUP: a copy of the folder doctored by SETUP (a
# shell command on $c) makes inv.py print a line matching EXPECT.
st_self() {
	c=$sc/c; rm -rf "$c"; cp -a "$sc/o" "$c"
	eval "$3"
	st_inv "$c" --once-k "1 2" >"$sc/got"
	grep -q -- "$2" "$sc/got" && ok || ko "stress: inv.py misses $1: $(head -3 "$sc/got")"
}
st_self "a truncated letter" "qpdf --check exit" \
    'f=$(ls "$c"/letters/*.pdf | head -1); head -c 2000 "$f" >"$c/x"; mv "$c/x" "$f"'
st_self "a truncated staged letter" "staging/x.pdf: qpdf" \
    'mkdir "$c/.congvan-staging"; head -c 100 "$(ls "$c"/letters/*.pdf | head -1)" >"$c/.congvan-staging/x.pdf"'
st_self "a staging folder left" "a staging folder left behind" 'mkdir "$c/.congvan-staging"'
st_self "a false archive sum" "1 of 5 lines false" \
    'f=$(ls "$c"/archive/2024/01-*/*.pdf | head -1); printf x >>"$f"'
st_self "a number on two dispatches" "number 01 of 2024 on 2 dispatches" \
    'cp -a "$c/archive/2024/02-BTTTT-VP" "$c/archive/2024/01-BTTTT-VP"; rm -rf "$c/archive/2024/02-BTTTT-VP"'
st_self "a printed number not its folder's" "prints 02/BTTTT-VP, its folder is 03/BTTTT-VP" \
    'mv "$c/archive/2024/02-BTTTT-VP" "$c/archive/2024/03-BTTTT-VP"'
st_self "two rows with one number" "is also on line 2" \
    'sed -i "3s/^02\//01\//" "$c/register.csv"'
st_self "a row twice" '2 rows for "(đợt 2)"' 'tail -1 "$c/register.csv" >>"$c/register.csv"'
st_self "a letter in place with no row" "which register.csv has no row for" \
    'sed -i 3d "$c/register.csv"'
st_self "archive letters with no SHA256SUMS" "and no SHA256SUMS" 'rm "$c"/archive/2024/01-*/SHA256SUMS'

# The parts, short: 2 clerks × 3 rounds (-j 2), the stopped lock holder,
# 2 kills of each kind, the fault grid at a few points (the file-size
# limit between the largest letter and the 116 KB register).
STRESS_ROUNDS=3 STRESS_CLERKS=2 STRESS_JOBS=2 STRESS_KILLS=2 \
    STRESS_FSIZE="40960" STRESS_VMEM="16" STRESS_NOFILE="4 8"
# Under valgrind the limits bind valgrind, and AddressSanitizer cannot
# start in 16 MB of address space: those points are for the plain build.
if [ -n "${VALGRIND:-}" ]; then
	STRESS_FSIZE= STRESS_VMEM= STRESS_NOFILE=
elif grep -q __asan_init "$top/congvan" 2>/dev/null; then
	STRESS_VMEM=
fi
st_part_conc
# Under valgrind a build takes seconds: the lock and kill timings are
# for the plain and ASan builds.
if [ -z "${VALGRIND:-}" ]; then
	st_part_lock
	st_part_kill
fi
st_part_fault
unset STRESS_ROUNDS STRESS_CLERKS STRESS_JOBS STRESS_KILLS STRESS_FSIZE \
    STRESS_VMEM STRESS_NOFILE
rm -rf "$st_work"
