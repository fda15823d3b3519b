#!/usr/bin/env bash
# Runs the official spec checker against a fresh sandbox and prints its last line; fails when any check failed.
# Usage: scripts/speccheck.sh SPECCHECK VERSION [sandbox flags…]
set -euo pipefail
checker=$1 version=$2
shift 2
export CHECKER=$checker VERSION=$version
exec scripts/with-sandbox.sh "$@" -- bash -c '
  set -o pipefail
  python3 "$CHECKER" --version "$VERSION" --endpoints "$SANDBOX_DIR/sandbox.json" > "$SANDBOX_DIR/speccheck.txt" && status=0 || status=$?
  tail -n 1 "$SANDBOX_DIR/speccheck.txt"
  [[ $status == 0 ]] || grep "^FAIL" "$SANDBOX_DIR/speccheck.txt" >&2
  exit $status'
