#!/usr/bin/env bash
# Keeps traps out of Sources/: no force unwrap, force cast, `try!` or implicitly unwrapped optional (swift-format's
# NeverForceUnwrap, NeverUseForceTry and NeverUseImplicitlyUnwrappedOptionals rules). In Swift a trap stops the whole
# server for every user. An exception is allowed only where input cannot reach, marked by
#     // Cannot trap: <why>
#     // swift-format-ignore: NeverForceUnwrap
# on the lines above it; an ignore without its reason fails too. Unchecked indexes and overflowing arithmetic are not
# found by a linter: the fuzz targets (make fuzz, and the corpus replayed by the tests) look for those.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
found=$(swift format lint --configuration scripts/traps.swift-format --recursive Sources 2>&1 |
    grep -E '\[(NeverForceUnwrap|NeverUseForceTry|NeverUseImplicitlyUnwrappedOptionals)\]' || true)
if [ -n "$found" ]; then
    echo "Lines that can trap (make them throw a named error, or mark an exception with its reason):"
    echo "$found"
    status=1
fi
unexplained=$(find Sources -name '*.swift' -print0 | xargs -0 awk '
    FNR == 1 { prev = "" }
    /swift-format-ignore/ && prev !~ /\/\/ Cannot trap: / { print FILENAME ":" FNR ": an exception without a \"// Cannot trap: <why>\" line above it" }
    { prev = $0 }')
if [ -n "$unexplained" ]; then
    echo "$unexplained"
    status=1
fi
exceptions=$(grep -rn 'swift-format-ignore' Sources | wc -l)
[ $status -eq 0 ] && echo "no traps in Sources/ ($exceptions documented exceptions)"
exit $status
