#!/bin/sh
# Run libFuzzer harnesses built by make fuzz-build, each for SECONDS:
#   sh tests/fuzz/fuzz.sh SECONDS NAME...
# The corpus grows in tests/fuzz/bin/corpus/NAME/; tests/fuzz/corpus/NAME/
# and the seeds from the tests (seeds.sh) are read only; the dictionary
# is tests/fuzz/congvan.dict.  A crash, leak, timeout (10 s) or
# out-of-memory (2 GB) input is saved as tests/fuzz/crashes/NAME-crash-…
# (or leak-, timeout-, oom-); the log is tests/fuzz/bin/NAME.log.  Extra
# libFuzzer flags in FUZZ_FLAGS.  Exit status 1 when any harness failed.
set -u
cd "$(dirname "$0")/../.." || exit 1
secs=$1
shift
failed=
mkdir -p tests/fuzz/crashes
for name; do
	bin=tests/fuzz/bin/fuzz_$name
	work=tests/fuzz/bin/corpus/$name
	seeds=tests/fuzz/bin/seeds/$name
	mkdir -p "$work"
	sh tests/fuzz/seeds.sh "$name" "$seeds" || exit 1
	set -- "$work" "$seeds"
	[ -d "tests/fuzz/corpus/$name" ] && set -- "$@" "tests/fuzz/corpus/$name"
	set -- -dict=tests/fuzz/congvan.dict "$@"
	echo "fuzz_$name: $secs s"
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -malloc_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="tests/fuzz/crashes/$name-" \
	    ${FUZZ_FLAGS:-} "$@" 2>"tests/fuzz/bin/$name.log"
	rc=$?
	grep -E '^(stat::|Done|INFO: Running with|==[0-9]+==ERROR|SUMMARY)' \
	    "tests/fuzz/bin/$name.log" | grep -v 'stat::slowest\|peak_rss' || :
	if [ "$rc" -ne 0 ]; then
		echo "fuzz_$name: FAILED (exit $rc), see tests/fuzz/bin/$name.log"
		failed="$failed $name"
	fi
done
[ -z "$failed" ] || { echo "fuzz failed:$failed"; exit 1; }
