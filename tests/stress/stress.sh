#!/bin/sh
# The stress harness of issue 14: clerks at once, kill -9 at random
# moments, a grid of system faults, all into one output folder, each step
# held to the folder's invariants (tests/stress/inv.py).
#
#   sh tests/stress/stress.sh [conc] [lock] [kill] [fault]   (make stress)
#
# Knobs (environment): STRESS_ROUNDS (50: rounds of each clerks × -j
# case), STRESS_CLERKS ("2 4 8"), STRESS_JOBS ("1 2"), STRESS_KILLS (40:
# kills of each kind), STRESS_KILL_MS (the kill moments are uniform in
# 0..this many ms; default: 1,500, or 1.25 × a calibrated build if that is
# shorter, so that kills land inside the build), STRESS_SEED (1),
# STRESS_FSIZE_STEP (1024: bytes between the file-size limits tried),
# STRESS_VMEM ("16 17 … 24" MB), STRESS_NOFILE ("4 5 … 16"), STRESS_KEEP=1
# keeps the work folder.  Each failure is a line "FAIL: part: …"; figures
# are lines "figure: …"; the last line "stress: N passed, N failed".
#
# Sourced by tests/stress.sh with small knobs: it defines st_ok and st_ko
# as run.sh's ok and ko, st_fig (a figure) as nothing, and calls the
# st_part_* functions itself.
set -u

st_here=$(cd "$(dirname "${0}")" 2>/dev/null && pwd)
if [ -z "${top:-}" ]; then
	top=$(cd "$st_here/../.." && pwd)
fi
. "$top/tests/stress/lib.sh"

# --- Clerks at once --------------------------------------------------------
# st_part_conc: for each N of STRESS_CLERKS and J of STRESS_JOBS, N issued
# builds of N different dispatches with --number auto into one folder at
# once, STRESS_ROUNDS rounds (round r issues in year 2000 + r): every build
# exits 0, the year's numbers are 01..N, each dispatch's row once, every
# archive folder true to its SHA256SUMS, every letter printing its folder's
# number, no number on two dispatches.
st_part_conc() {
	for n in ${STRESS_CLERKS:-2 4 8}; do
	for j in ${STRESS_JOBS:-1 2}; do
		w=$st_work/conc-$n-j$j
		rm -rf "$w"; mkdir -p "$w/o"
		k=1
		while [ $k -le "$n" ]; do
			kh=BTTTT-CATTT; [ $((k % 3)) -eq 0 ] && kh=BTTTT-VP
			st_rand 26
			st_dispatch "$w/d$k" "$k" $((5 + st_r)) $kh
			k=$((k + 1))
		done
		r=1 builds=0 bfail=0 rfail=0
		while [ $r -le "${STRESS_ROUNDS:-50}" ]; do
			y=$((2000 + r))
			k=1
			while [ $k -le "$n" ]; do
				{ $CV build -q -j "$j" -i "$w/d$k" -o "$w/o" --number auto \
				    --date "$y-0$((k % 9 + 1))-1$((k % 9))" \
				    >/dev/null 2>"$w/err$k"; echo $? >"$w/rc$k"; } &
				k=$((k + 1))
			done
			wait
			k=1 once= bad=
			while [ $k -le "$n" ]; do
				builds=$((builds + 1))
				rc=$(cat "$w/rc$k")
				if [ "$rc" != 0 ]; then
					bfail=$((bfail + 1))
					bad="$bad
  build of d$k: exit $rc: $(grep -v warning "$w/err$k" | head -2)"
				fi
				once="$once $k"
				k=$((k + 1))
			done
			p=$(st_inv "$w/o" --year $y --once-k "$once" | grep -v '^note:')
			nums=$(awk -F, -v y="/$y," 'index($0, y) { print substr($1, 1, index($1, "/") - 1) + 0 }' \
			    "$w/o/register.csv" 2>/dev/null | sort -n | tr '\n' ' ')
			want=$(seq 1 "$n" | tr '\n' ' ')
			[ "$nums" = "$want" ] || p="$p
  numbers of $y in register.csv: $nums(want $want)"
			if [ -n "$bad$p" ]; then
				rfail=$((rfail + 1))
				st_ko "conc: $n clerks -j $j round $r (year $y):$bad
$(printf '%s\n' "$p" | sed '/^$/d; s/^/  /' | head -12)"
			else
				st_ok
			fi
			r=$((r + 1))
		done
		st_fig "conc: $n clerks -j $j: $((r - 1)) rounds, $builds builds, $bfail failed builds, $rfail rounds with a broken invariant"
	done
	done
}

# --- A stopped lock holder -------------------------------------------------
# st_part_lock: a build stopped (kill -STOP) while it holds the folder's
# lock; another build prints "waiting for", gives up after
# CONGVAN_LOCK_WAIT seconds with exit 4, and the folder is unchanged;
# the holder, resumed, completes.
st_part_lock() {
	w=$st_work/lock
	rm -rf "$w"; mkdir -p "$w/o"
	st_dispatch "$w/d1" 1 30
	st_dispatch "$w/d2" 2 5
	$CV build -q -i "$w/d2" -o "$w/o" >/dev/null 2>&1	# the folder and its lock file
	tries=0 held=
	while [ $tries -lt 20 ] && [ -z "$held" ]; do
		setsid $CV build -q -i "$w/d1" -o "$w/o" --number auto --date 2024-05-06 \
		    >/dev/null 2>"$w/err1" &
		a=$!
		i=0
		while [ $i -lt 200 ]; do
			if ! flock -n -s "$w/o/.congvan-lock" true 2>/dev/null; then
				kill -s STOP -- -$a 2>/dev/null && held=1
				break
			fi
			kill -0 $a 2>/dev/null || break
			i=$((i + 1))
		done
		if [ -z "$held" ]; then
			wait $a
			# the holder finished first: a new dispatch the next time
			st_dispatch "$w/d1" $((tries + 10)) 30
		fi
		tries=$((tries + 1))
	done
	if [ -z "$held" ]; then
		st_ko "lock: could not stop a build while it held the lock ($tries tries)"
		return
	fi
	st_snap "$w/o" >"$w/before"
	t0=$(st_ms)
	CONGVAN_LOCK_WAIT=2 $CV build -q -i "$w/d2" -o "$w/o" --number auto \
	    --date 2024-05-07 >/dev/null 2>"$w/err2"
	wrc=$? t=$(( $(st_ms) - t0 ))
	st_snap "$w/o" >"$w/after"
	[ $wrc -eq 4 ] && st_ok || st_ko "lock: the waiter exited $wrc, want 4: $(head -3 "$w/err2")"
	grep -q "waiting for" "$w/err2" && st_ok || st_ko "lock: the waiter never said \"waiting for\": $(head -3 "$w/err2")"
	[ $t -ge 1900 ] && [ $t -le 6000 ] && st_ok ||
	    st_ko "lock: the waiter gave up after $t ms, want about 2,000 (CONGVAN_LOCK_WAIT=2)"
	cmp -s "$w/before" "$w/after" && st_ok ||
	    st_ko "lock: the waiter changed the folder: $(diff "$w/before" "$w/after" | head -4)"
	kill -s CONT -- -$a
	wait $a; rc=$?
	[ $rc -eq 0 ] && st_ok || st_ko "lock: the resumed holder exited $rc: $(head -3 "$w/err1")"
	p=$(st_inv "$w/o" | grep -v '^note:')
	[ -z "$p" ] && st_ok || st_ko "lock: after the holder: $p"
	st_fig "lock: holder stopped after $tries tries; waiter exit $wrc, gave up after $t ms"
}

# --- kill -9 at random moments ---------------------------------------------
# st_phase OUT K: what a killed run of dispatch "(đợt K)" left: a label
# made of staging (a staging folder), tmp (temporary files), archive
# (its archive folder), row (its register row), nosums (no SHA256SUMS).
st_phase() {
	_o=$1 _k=$2 _l=
	ls -d "$_o"/.congvan-staging* >/dev/null 2>&1 && _l="${_l}staging+"
	[ -n "$(find "$_o" -name '*congvan-tmp*' 2>/dev/null | head -1)" ] && _l="${_l}tmp+"
	grep -l "(đợt $_k)\$" "$_o"/archive/*/*/.congvan-dispatch >/dev/null 2>&1 && _l="${_l}archive+"
	grep -q "(đợt $_k)\"," "$_o/register.csv" 2>/dev/null && _l="${_l}row+"
	[ -f "$_o/SHA256SUMS" ] || _l="${_l}nosums+"
	echo "${_l%+}"
}

# st_kill_cmd KIND I: sets the positional parameters of st_kill_one to
# the command of kill I of KIND (issue, force, register) and prepares its
# inputs: issue, a new dispatch issued with --number auto; force, the
# issued dispatch "(đợt 900)" with a table cell changed, --force; register,
# what rewrites register.csv (congvan register --year, when congvan has
# that verb; else an unchanged issued rerun of "(đợt 900)", whose row it
# rewrites).
st_kill_cmd() {
	_j=$((1 + $2 % 2)) o=$st_kw/o y=2025
	case $1 in
	issue)	st_kk=$((st_kk + 1)); kd=$st_kw/d$st_kk
		st_rand 26
		st_dispatch "$kd" "$st_kk" $((5 + st_r))
		st_cmd="build -q -j $_j -i $kd -o $o --number auto --date $y-06-01";;
	force)	kd=$st_kw/dforce
		sed -i "2s/^1,\([^,]*\),\"Điểm [0-9]*,/1,\1,\"Điểm $(($2 + 100)),/" "$kd/appendix.csv"
		st_cmd="build -q -j $_j -i $kd -o $o --number auto --date $y-06-01 --force";;
	register)
		kd=$st_kw/dforce
		if $CV --help 2>&1 | grep -q 'congvan register'; then
			st_cmd="register -q -o $o --year $y"
		else
			st_cmd="build -q -j $_j -i $kd -o $o --number auto --date $y-06-01 --force"
		fi;;
	esac
}

# st_kill_report WHAT STEP PROBLEMS: one failure; the problems an earlier
# kill already reported (a stray file no later run removes) are counted,
# not listed again.
st_kill_report() {
	_new=$(printf '%s\n' "$3" | sed '/^$/d' | grep -vxF -f "$st_kw/seen")
	_old=$(printf '%s\n' "$3" | sed '/^$/d' | grep -cxF -f "$st_kw/seen")
	printf '%s\n' "$_new" | sed '/^$/d' >>"$st_kw/seen"
	st_kfail=$((st_kfail + 1))
	_b=$(printf '%s\n' "$_new" | sed '/^$/d; s/^/    /' | head -12)
	[ "$_old" -gt 0 ] && _b="${_b:+$_b
}    and $_old problems reported at an earlier kill, still there"
	st_ko "$1
  $2:
$_b"
}

# st_kill_one KIND I: kill I of KIND: the command run in the background and
# killed (its process group: the workers of -j 2 too) after a random moment
# in 0..st_kill_ms, the invariants after the kill, another dispatch issued,
# the same command run again to completion, the invariants.  (The work
# folder's paths hold no spaces: st_cmd is split on them.)
st_kill_one() {
	kind=$1 i=$2
	st_kill_cmd "$kind" "$i"
	st_rand $((st_kill_ms + 1)); ms=$st_r
	# shellcheck disable=SC2086
	setsid $CV $st_cmd >/dev/null 2>"$st_kw/err" &
	pid=$!
	sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
	kill -s KILL -- -$pid 2>/dev/null || kill -9 $pid 2>/dev/null
	{ wait $pid; } 2>/dev/null; rc=$?
	if [ $rc -eq 137 ]; then
		st_landed=$((st_landed + 1))
		case $kind in issue) ph=$(st_phase "$o" $st_kk);; *) ph=$(st_phase "$o" 900);; esac
	else
		ph="finished (exit $rc)"
	fi
	echo "$kind -j $_j: $ph" >>"$st_kw/phases"
	what="kill: $kind #$i (at $ms ms, $ph): congvan $st_cmd"
	st_inv "$o" --after-kill --year $y --cache "$st_kw/cache" >"$st_kw/inv"
	p=$(grep -v '^note:' "$st_kw/inv")
	# what the README allows after a kill, counted: the figures say how
	# often a kill left it
	grep '^note:' "$st_kw/inv" | sed 's/^note: [^ ]*: //; s/^note: [^ ]* //; s/^[0-9]* //' |
	    sort -u >>"$st_kw/notes"
	[ -z "$p" ] && st_ok || st_kill_report "$what" "after the kill" "$p"
	# another dispatch, issued now: it must not take a number already printed
	st_kk=$((st_kk + 1))
	st_rand 10
	st_dispatch "$st_kw/d$st_kk" "$st_kk" $((5 + st_r))
	$CV build -q -i "$st_kw/d$st_kk" -o "$o" --number auto --date $y-06-02 \
	    >/dev/null 2>"$st_kw/err2"; rc=$?
	p=$(st_inv "$o" --after-kill --year $y --cache "$st_kw/cache" | grep -v '^note:')
	[ $rc -eq 0 ] || p="another dispatch (đợt $st_kk): exit $rc: $(grep -v warning "$st_kw/err2" | head -3)
$p"
	[ -z "$p" ] && st_ok || st_kill_report "$what" "then another dispatch issued" "$p"
	# the same command again: completes, and every invariant holds
	# shellcheck disable=SC2086
	$CV $st_cmd >/dev/null 2>"$st_kw/err3"; rc=$?
	p=$(st_inv "$o" --year $y --cache "$st_kw/cache" | grep -v '^note:')
	[ $rc -eq 0 ] || p="exit $rc: $(grep -v warning "$st_kw/err3" | head -3)
$p"
	[ -z "$p" ] && st_ok || st_kill_report "$what" "then the same command again" "$p"
}

# st_part_kill: STRESS_KILLS kills of each kind into one folder (year
# 2025), -j 1 and -j 2 in turn.  Each kind's moments are uniform in 0..
# STRESS_KILL_MS, by default 1,500 ms or 1.25 times an uninterrupted run
# of that kind, whichever is less.  The figures: kills landed, phases
# hit, failed checks.
st_part_kill() {
	st_kw=$st_work/kill
	rm -rf "$st_kw"; mkdir -p "$st_kw/o"
	st_kk=100 st_landed=0 st_kfail=0
	: >"$st_kw/phases"; : >"$st_kw/notes"; : >"$st_kw/seen"
	st_dispatch "$st_kw/dforce" 900 30
	$CV build -q -i "$st_kw/dforce" -o "$st_kw/o" --number auto --date 2025-06-01 >/dev/null 2>&1
	for kind in issue force register; do
		st_kill_cmd $kind 0	# calibration: one run, uninterrupted
		t0=$(st_ms)
		# shellcheck disable=SC2086
		$CV $st_cmd >/dev/null 2>&1
		t=$(( $(st_ms) - t0 ))
		st_kill_ms=${STRESS_KILL_MS:-$(( t * 5 / 4 < 1500 ? t * 5 / 4 : 1500 ))}
		[ "$st_kill_ms" -ge 10 ] || st_kill_ms=10
		st_fig "kill: $kind: an uninterrupted run takes $t ms; moments 0..$st_kill_ms ms"
		i=1
		while [ $i -le "${STRESS_KILLS:-40}" ]; do
			st_kill_one $kind $i
			i=$((i + 1))
		done
	done
	total=$(wc -l <"$st_kw/phases")
	st_fig "kill: $total kills, $st_landed landed in a run, $st_kfail failed checks"
	sort "$st_kw/phases" | uniq -c | while read -r c l; do st_fig "kill: phase: $c × $l"; done
	sort "$st_kw/notes" | uniq -c | while read -r c l; do st_fig "kill: left after $c kills (allowed): $l"; done
}

# --- The fault grid --------------------------------------------------------
# Each fault is tried on a copy of one folder (an issued dispatch, a
# register of 300 rows so that it is the largest file congvan writes): an
# issued build of a new dispatch must exit 3 and leave the copy
# byte-identical (st_snap), or, when the limit is wide enough, exit 0 with
# every invariant true.  Unwritable folders: the copy is owned by nobody
# and congvan runs as nobody (setpriv), the folder made root's.
st_fault_base() {
	fb=$st_work/fault
	rm -rf "$fb"; mkdir -p "$fb/o" "$fb/bin"
	cp "$top/congvan" "$fb/bin/congvan"
	cp -R "$top/templates" "$fb/templates"
	st_dispatch "$fb/d1" 1 15
	st_dispatch "$fb/d2" 2 15
	$CV build -q -i "$fb/d1" -o "$fb/o" --number auto --date 2025-03-04 \
	    -t "$fb/templates" >/dev/null 2>&1
	python3 - "$fb/o/register.csv" <<'PY'
import sys
rows = []
for i in range(1, 301):
    rows.append('%02d/BTTTT-VP,%02d/%02d/2024,"Công văn V/v một việc cũ số %d, '
                'đã xong",Nguyễn Văn A,"%s","VT, VP (2)",3,,,archive/2024/%02d-BTTTT-VP/\r\n'
                % (i, i % 28 + 1, i % 12 + 1, i,
                   '; '.join('Sở %d-%d' % (i, k) for k in range(20)), i))
with open(sys.argv[1], 'a', encoding='utf-8', newline='') as f:
    f.write(''.join(rows))
PY
	chmod -R a+rX "$fb"
}

# st_fault_try LABEL SETUP PREFIX…: copies the base folder, runs SETUP
# (a shell command on $fw), then PREFIX… congvan build (the new dispatch).
st_fault_try() {
	label=$1 setup=$2; shift 2
	fw=$st_work/fault/w
	rm -rf "$fw"; cp -a "$st_work/fault/o" "$fw"
	eval "$setup"
	st_snap "$fw" >"$st_work/fault/before"
	"$@" ${VALGRIND:-} "$st_work/fault/bin/congvan" build -q -i "$st_work/fault/d2" -o "$fw" \
	    -t "$st_work/fault/templates" --number auto --date 2025-03-05 \
	    >/dev/null 2>"$st_work/fault/err"
	rc=$?
	st_snap "$fw" >"$st_work/fault/after"
	st_fn=$((st_fn + 1))
	cmd="$* congvan build -q -i d2 -o w --number auto --date 2025-03-05 (after: $setup)"
	if [ $rc -eq 0 ]; then
		st_fok=$((st_fok + 1))
		p=$(st_inv "$fw" --year 2025 | grep -v '^note:')
		[ -z "$p" ] && st_ok || st_ko "fault: $label: exit 0 but: $p"
		return 0
	fi
	if [ $rc -eq 127 ] && grep -q 'error while loading shared libraries' "$st_work/fault/err"; then
		st_fnostart=$((st_fnostart + 1))	# the loader, before congvan
		cmp -s "$st_work/fault/before" "$st_work/fault/after" && st_ok ||
		    st_ko "fault: $label: not started, yet the folder changed"
		return 0
	fi
	bad=
	[ $rc -eq 3 ] || bad="exit $rc, want 3"
	if ! cmp -s "$st_work/fault/before" "$st_work/fault/after"; then
		bad="${bad:+$bad; }the folder changed: $(diff "$st_work/fault/before" "$st_work/fault/after" |
		    grep '^[<>] ' | head -4 | tr '\n' ' ')"
	fi
	if [ -z "$bad" ]; then st_ok; else
		st_ffail=$((st_ffail + 1))
		st_ko "fault: $label: $bad
  command: $cmd
  stderr: $(grep -v warning "$st_work/fault/err" | head -2)"
	fi
	return 1
}

# st_part_fault: the grid.  STRESS_FSIZE_STEP, STRESS_VMEM, STRESS_NOFILE
# choose its points (the smoke passes a few).
st_part_fault() {
	st_fault_base
	st_fn=0 st_fok=0 st_ffail=0 st_fnostart=0
	nob="setpriv --reuid=65534 --regid=65534 --clear-groups"
	# control: as nobody, on a folder nobody owns, the build succeeds
	st_fault_try "control (nobody, no fault)" 'chown -R 65534:65534 "$fw"' $nob ||
	    st_ko "fault: the control run failed: the harness cannot run congvan as nobody"
	st_fault_try "archive/2025 unwritable" \
	    'chown -R 65534:65534 "$fw"; chown root:root "$fw/archive/2025"; chmod 755 "$fw/archive/2025"' $nob
	st_fault_try "letters/ unwritable" \
	    'chown -R 65534:65534 "$fw"; chown root:root "$fw/letters"; chmod 755 "$fw/letters"' $nob
	st_fault_try ".congvan-keys a folder" 'rm -f "$fw/.congvan-keys"; mkdir "$fw/.congvan-keys"'
	reg=$(wc -c <"$st_work/fault/o/register.csv")
	big=$(find "$st_work/fault/o" -type f -printf '%s\n' | sort -n | tail -1)
	step=${STRESS_FSIZE_STEP:-1024}
	st_fig "fault: register.csv $reg bytes, largest file $big bytes"
	for f in ${STRESS_FSIZE-$(seq 1024 "$step" $((big + 8192)))}; do
		st_fault_try "ulimit -f $f bytes" : prlimit --fsize=$f
	done
	for v in ${STRESS_VMEM-16 17 18 19 20 21 22 23 24}; do
		st_fault_try "ulimit -v $v MB" : prlimit --as=$((v * 1048576))
	done
	for n in ${STRESS_NOFILE-4 5 6 7 8 9 10 11 12 13 14 15 16}; do
		st_fault_try "ulimit -n $n" : prlimit --nofile=$n
	done
	st_fig "fault: $st_fn runs, $st_fok not faulted (exit 0), $st_fnostart not started (the loader), $st_ffail failed"
}

# --- Standalone: make stress -----------------------------------------------
if [ -z "${st_sourced:-}" ]; then
	CV="${VALGRIND:-} $top/congvan"
	st_seed=${STRESS_SEED:-1}
	st_pass=0 st_fail=0
	st_ok() { st_pass=$((st_pass + 1)); }
	st_fig() { echo "figure: $*"; }
	st_ko() { st_fail=$((st_fail + 1)); printf 'FAIL: %s\n' "$*"; }
	st_work=$(mktemp -d /tmp/congvan-stress.XXXXXX)
	chmod 755 "$st_work"
	[ -n "${STRESS_KEEP:-}" ] && echo "work folder: $st_work" ||
	    trap 'rm -rf "$st_work"' EXIT
	[ $# -gt 0 ] || set -- conc lock kill fault
	for part in "$@"; do
		echo "== $part"
		"st_part_$part"
	done
	echo "stress: $st_pass passed, $st_fail failed"
	[ "$st_fail" -eq 0 ]
fi
