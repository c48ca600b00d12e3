# Helpers of the stress harness (issue 14): sourced by tests/stress/stress.sh
# and by tests/stress.sh (make check's smoke).  POSIX sh; needs $top (the
# checkout) and $CV (the congvan command line).

# st_dispatch DIR K ROWS [KYHIEU]: a dispatch of its own in DIR, made from
# input/: subject "… (đợt K)", ROWS rows (the worked example's agencies,
# cycled, each with a distinct suffix), the directory only for even K.
st_dispatch() {
	_d=$1 _k=$2 _n=$3 _kh=${4:-BTTTT-CATTT}
	mkdir -p "$_d"
	sed -e "s/^ky_hieu: .*/ky_hieu: $_kh/" \
	    -e "s/^trich_yeu: \"\(.*\)\"$/trich_yeu: \"\1 (đợt $_k)\"/" \
	    "$top/input/dispatch.md" >"$_d/dispatch.md.t"
	if [ $((_k % 2)) -eq 1 ]; then
		awk '/^danh_ba:/ { s = 1; next } s && /^ / { next } { s = 0; print }' \
		    "$_d/dispatch.md.t" >"$_d/dispatch.md"
		rm -f "$_d/focal_points.csv"
	else
		mv "$_d/dispatch.md.t" "$_d/dispatch.md"
		head -1 "$top/input/focal_points.csv" >"$_d/focal_points.csv"
	fi
	rm -f "$_d/dispatch.md.t"
	awk -F'\n' -v n="$_n" -v k="$_k" 'NR == 1 { print; next }
	    { sub(/^[0-9]+,/, ""); r[NR - 1] = $0; m = NR - 1 }
	    END { for (i = 1; i <= n; i++) {
		s = r[(i - 1) % m + 1]; c = index(s, ",")
		printf "%d,%s (%d-%d)%s\n", i, substr(s, 1, c - 1), k, i, substr(s, c) } }' \
	    "$top/input/appendix.csv" >"$_d/appendix.csv"
}

# st_snap DIR: a listing that changes when any name, content or mtime under
# DIR changes (directories' own mtimes aside).
st_snap() {
	(cd "$1" && find . | LC_ALL=C sort
	 find . -type f -exec sha256sum {} + | LC_ALL=C sort -k2
	 find . ! -type d -printf '%p %m %s %T@\n' | LC_ALL=C sort) 2>/dev/null
}

# st_inv DIR [ARGS…]: the folder's invariants (tests/stress/inv.py); its
# problems on stdout, one a line; status 1 when there is one.
# A checker that cannot run is a problem too, never a silent pass.
st_inv() {
	python3 "$top/tests/stress/inv.py" "$@" 2>&1
	_r=$?
	[ $_r -le 1 ] || echo "inv.py $*: the checker failed (status $_r)"
}

# st_rand N: sets st_r to a pseudo-random number in 0..N-1 from the seed
# $st_seed, which it advances (the same STRESS_SEED, the same moments).
# Not in $(…): the seed must advance in this shell.
st_rand() {
	st_seed=$(( (st_seed * 1103515245 + 12345) % 2147483648 ))
	st_r=$(( (st_seed / 65536) % $1 ))
}

# st_ms: the time in milliseconds.
st_ms() { date +%s%3N; }
