#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser of outside input with libFuzzer and AddressSanitizer (issue 13):
# dates, identifiers, inputs, json, csv, xlsx (Sources/FuzzTargets). Each target runs FUZZ_SECONDS (default 60)
# from the committed seed corpus (Tests/FuzzTests/Corpus) into a work corpus under .build-fuzz/; a crash, a
# sanitizer report or a broken invariant is written to .build-fuzz/crashes/<target>/ and fails the run. Prints
# executions and crashes per target. Usage: scripts/fuzz.sh [TARGET...]
set -uo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(dates identifiers inputs json csv xlsx)
RT=$(ls /opt/swift/usr/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a 2>/dev/null | head -1)
[ -n "$RT" ] || RT=$(find "$(dirname "$(dirname "$(command -v swiftc)")")" -name 'libclang_rt.fuzzer_no_main-x86_64.a' | head -1)
[ -n "$RT" ] || { echo "libFuzzer (libclang_rt.fuzzer_no_main) not found in the Swift toolchain"; exit 1; }
# SwiftPM makes the target's Fuzz_main the entry point, so libFuzzer comes without its own main.
swift build --product Fuzz -c release --scratch-path .build-fuzz \
  -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table \
  -Xswiftc -parse-as-library -Xswiftc -DFUZZING -Xlinker "$RT" -Xlinker -lstdc++ 2>&1 | grep -E "error|Compiling|Build" | tail -3
BIN=.build-fuzz/release/Fuzz
[ -x "$BIN" ] || { echo "the fuzz build failed"; exit 1; }
status=0
printf '\n| target | seconds | executions | exec/s | corpus | crashes |\n|---|---|---|---|---|---|\n' >.build-fuzz/summary.md
for t in "${TARGETS[@]}"; do
  work=.build-fuzz/corpus/$t crashes=.build-fuzz/crashes/$t
  mkdir -p "$work" "$crashes"
  max_len=4096
  [ "$t" = xlsx ] && max_len=65536
  # Leak checks are off: Foundation's XMLParser leaks the CFString of every parse error it reports (a few KB per
  # corrupt workbook; a dependency's leak, in docs/robustness.md); every other sanitizer check is on.
  UNIONDESK_FUZZ_TARGET=$t SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$BIN" -max_total_time="$SECONDS_EACH" -max_len=$max_len -rss_limit_mb=2048 -timeout=10 -detect_leaks=0 \
    -artifact_prefix="$crashes/" -print_final_stats=1 "$work" "Tests/FuzzTests/Corpus/$t" >.build-fuzz/$t.log 2>&1
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' .build-fuzz/$t.log | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' .build-fuzz/$t.log | tail -1)
  found=$(find "$crashes" -type f | wc -l)
  size=$(find "$work" -type f | wc -l)
  echo "| $t | $SECONDS_EACH | ${runs:-0} | ${rate:-0} | $size | $found |" >>.build-fuzz/summary.md
  if [ "$found" -gt 0 ]; then
    status=1
    echo "== $t: $found crash(es) =="; grep -E "ERROR|Fatal error|SUMMARY" .build-fuzz/$t.log | head -5
  fi
done
cat .build-fuzz/summary.md
[ $status -eq 0 ] && echo "fuzz: no crashes" || echo "fuzz: crashes above (inputs in .build-fuzz/crashes/; add each, minimised, to Tests/FuzzTests/Corpus)"
exit $status
