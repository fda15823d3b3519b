#!/usr/bin/env bash
# where / select / sort-by over 100 000 records through the interpreter (release build); goal ≤ 500 ms each.
# Usage: bench/data-pipeline.sh [records]
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
swift build -c release --static-swift-stdlib --product data-pipeline-bench --scratch-path .build-release >"$log" 2>&1 || { cat "$log"; exit 1; }
rm -f "$log"
.build-release/release/data-pipeline-bench "$@"
