#!/bin/sh
# make bench: speed, size and memory of whole "congvan build" runs.
#
# Jobs, generated from the seed (input/) into a temporary folder that is
# removed at the end (nothing is committed):
#   plain-N     the seed dispatch without phu_luc and danh_ba, N rows,
#               one one-page letter per row;
#   appendix-N  the same with phu_luc: every letter carries the whole
#               N-row table.
# Recipient names cycle through the seed's 15 with a distinct suffix
# ("Bộ Công an (số 18)"), so every letter differs.
#
# Each job is built RUNS times into a fresh output folder; the table
# shows the median wall time per letter and letters per second, the
# median CPU time (user + system) per letter, which other load on the
# machine disturbs less, bytes and pages per letter, and the peak RSS
# (largest of the runs); times and RSS from /usr/bin/time -v.  Then one row is changed and the job rebuilt into
# the same folder: "rerun" is that time against the median full build.
#
# The peer: when make bench-peers has installed Typst's Node compiler
# under tests/peers/, each job is also rendered RUNS times by Typst in
# one long-lived Node process (tests/bench/typst.mjs, the equivalent
# template tests/bench/cong-van.typ, fonts-liberation2), measured the
# same way, and the ratios "typst/congvan" printed (above 1: congvan
# faster or smaller).  PEERS=0 skips it; jobs of more than PEER_MAX
# (1000) letters are not given to the peer (10,000 Typst letters take
# several minutes a run).
#
# Environment: CONGVAN (the binary, ./congvan), RUNS (3), PLAIN ("1000
# 10000", row counts of the plain jobs), APPENDIX ("200"), BENCH_ARGS
# (more build options, e.g. "-j 2"), KEEP=1 keeps the temporary folder.
set -eu
cd "$(dirname "$0")/../.."
CV=${CONGVAN:-./congvan}
RUNS=${RUNS:-3}
PLAIN=${PLAIN-1000 10000}
APPENDIX=${APPENDIX-200}
ARGS=${BENCH_ARGS:-}
PEER_MAX=${PEER_MAX:-1000}

[ -x "$CV" ] || { echo "bench: no $CV (make congvan)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: no /usr/bin/time (apt-get install time)" >&2; exit 1; }
tmp=$(mktemp -d /tmp/congvan-bench.XXXXXX)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$tmp"' EXIT INT TERM

# gen DIR N PHULUC: a dispatch folder with N rows; PHULUC 0 drops the
# phu_luc block (danh_ba always goes, so focal_points.csv is not read).
gen() {
	mkdir -p "$1"
	awk -v keep="$3" '
	/^[a-z_]+:/ { skip = ($0 ~ /^danh_ba:/) || (!keep && $0 ~ /^phu_luc:/) }
	/^---/ { skip = 0 }
	!skip' input/dispatch.md >"$1/dispatch.md"
	# The seed rows are STT,NAME,"REF" (NAME maybe quoted).
	tail -n +2 input/appendix.csv | tr -d '\r' | awk -v n="$2" '
	BEGIN { m = 0 }
	{ s = $0; sub(/^[0-9]+,/, "", s); i = length(s)
	  while (i > 1 && substr(s, i - 1, 2) != ",\"") i--
	  name[m] = substr(s, 1, i - 2); ref[m] = substr(s, i); gsub(/^"|"$/, "", name[m]); m++ }
	END { print "STT,Tên cơ quan,Tham chiếu nhiệm vụ"
	      for (k = 1; k <= n; k++)
		printf "%d,\"%s (số %d)\",%s\n", k, name[(k - 1) % m], k, ref[(k - 1) % m] }' \
	    >"$1/appendix.csv"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
now() { date +%s.%N; }

# build IN OUT LOG [typst]: one whole-process build by congvan, or by
# the peer; prints its wall seconds.
build() {
	t0=$(now)
	if [ "${4:-}" = typst ]; then
		/usr/bin/time -v -o "$3" node tests/bench/typst.mjs "$1" "$2/letters" \
		    >/dev/null 2>"$3.err"
	else
		/usr/bin/time -v -o "$3" "$CV" build -q -i "$1" -o "$2" $ARGS \
		    >/dev/null 2>"$3.err"
	fi || { echo "bench: ${4:-congvan} build of $1 failed:" >&2; cat "$3.err" >&2; exit 1; }
	t1=$(now)
	echo "$t0 $t1" | awk '{ printf "%.3f\n", $2 - $1 }'
}
peer=0
if [ "${PEERS:-1}" != 0 ] && command -v node >/dev/null &&
    [ -d tests/peers/node_modules/@myriaddreamin/typst-ts-node-compiler ]; then
	peer=1
fi
rss() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }
cpu() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.3f\n", s }' "$1"; }

printf '%-14s %7s %9s %9s %9s %10s %5s %11s %8s %7s\n' job letters "ms/letter" \
    "letters/s" "cpu ms/l" "bytes/lett" pages "peak RSS KB" "rerun s" "rerun"

# measure NAME N WHO: RUNS builds of $in by WHO (congvan or typst) into
# fresh folders; prints "ms/letter letters/s cpu-ms/letter bytes/letter
# pages peakRSS" and leaves the last output in $out.
measure() {
	: >"$tmp/$1/times.$3"
	: >"$tmp/$1/cpus.$3"
	r=0 maxrss=0
	while [ $r -lt "$RUNS" ]; do
		rm -rf "$out"
		build "$in" "$out" "$tmp/$1/time.$3.$r" "$3" >>"$tmp/$1/times.$3"
		k=$(rss "$tmp/$1/time.$3.$r")
		cpu "$tmp/$1/time.$3.$r" >>"$tmp/$1/cpus.$3"
		[ "$k" -gt "$maxrss" ] && maxrss=$k
		r=$((r + 1))
	done
	med=$(median <"$tmp/$1/times.$3")
	mcpu=$(median <"$tmp/$1/cpus.$3")
	got=$(ls "$out/letters" | grep -c '\.pdf$')
	[ "$got" -eq "$2" ] || { echo "bench: $1 ($3): $got letters, want $2" >&2; exit 1; }
	bytes=$(cat "$out"/letters/*.pdf | wc -c)
	f=$(ls "$out"/letters/*.pdf | head -1)
	pages=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	echo "$2 $med $mcpu $bytes ${pages:-?} $maxrss" | awk '{
	    printf "%.3f %.1f %.3f %.0f %s %d\n", $2 * 1000 / $1, $1 / $2,
		$3 * 1000 / $1, $4 / $1, $5, $6 }'
}

job() {
	name=$1 n=$2 pl=$3
	in=$tmp/$name/in out=$tmp/$name/out
	gen "$in" "$n" "$pl"
	set -- $(measure "$name" "$n" congvan)
	cv_ms=$1 cv_cpu=$3 cv_bytes=$4 cv_rss=$6
	# One row changed (its reference), the same output folder rebuilt.
	sed -i '2s/Điểm [0-9]*,/Điểm 99,/' "$in/appendix.csv"
	re=$(build "$in" "$out" "$tmp/$name/time.re")
	full=$(median <"$tmp/$name/times.congvan")
	printf '%-14s %7d %9.2f %9.1f %9.2f %10.0f %5s %11d %8.2f %6.0f%%\n' \
	    "$name" "$n" "$1" "$2" "$3" "$4" "$5" "$6" "$re" \
	    "$(echo "$re $full" | awk '{ print 100 * $1 / $2 }')"
	[ "$peer" = 1 ] && [ "$n" -le "$PEER_MAX" ] || return 0
	out=$tmp/$name/typst
	set -- $(measure "$name" "$n" typst)
	printf '%-14s %7d %9.2f %9.1f %9.2f %10.0f %5s %11d\n' \
	    "  typst" "$n" "$1" "$2" "$3" "$4" "$5" "$6"
	echo "$1 $cv_ms $3 $cv_cpu $4 $cv_bytes $6 $cv_rss" | awk '{
	    printf "  typst/congvan: time %.1fx, cpu %.1fx, bytes %.1fx, peak RSS %.1fx\n",
		$1 / $2, $3 / $4, $5 / $6, $7 / $8 }'
}

for n in $PLAIN; do job "plain-$n" "$n" 0; done
for n in $APPENDIX; do job "appendix-$n" "$n" 1; done
echo "($RUNS runs each, median wall time; $(uname -m), $(nproc) CPUs; $CV build -q $ARGS)"
if [ "$peer" = 1 ]; then
	echo "(typst: $(node -e "console.log(require('./tests/peers/node_modules/@myriaddreamin/typst-ts-node-compiler/package.json').version)") of @myriaddreamin/typst-ts-node-compiler, node $(node --version))"
else
	echo "(no peer: make bench-peers installs Typst under tests/peers/)"
fi
[ "${KEEP:-0}" = 1 ] && echo "inputs and outputs kept in $tmp"
exit 0
