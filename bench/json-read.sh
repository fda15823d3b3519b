#!/usr/bin/env bash
# The shell's JSON reader against Foundation's JSONSerialization on one ~50 MB file (release builds of both).
# Usage: bench/json-read.sh [file.json]
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
swift build -c release --static-swift-stdlib --product json-read-bench --scratch-path .build-release >"$log" 2>&1 || { cat "$log"; exit 1; }
rm -f "$log"
.build-release/release/json-read-bench "$@"
