#!/usr/bin/env bash
# The interactive shell's goals: TAB ≤ 5 ms on 10 000 cached vehicles, first prompt ≤ 50 ms (release builds).
# Usage: bench/repl.sh [vehicles]
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
for product in ccsh repl-bench; do
    swift build -c release --static-swift-stdlib --product "$product" --scratch-path .build-release >"$log" 2>&1 || { cat "$log"; exit 1; }
done
rm -f "$log"
.build-release/release/repl-bench .build-release/release/ccsh "$@"
