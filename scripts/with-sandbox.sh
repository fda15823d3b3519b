#!/usr/bin/env bash
# Starts ccsh-sandbox on a free port with a fresh state directory, exports SANDBOX_DIR and SANDBOX_URL, runs the
# given command, then stops the sandbox (SIGTERM) and returns the command's status.
# Usage: scripts/with-sandbox.sh [sandbox flags…] -- command [args…]
set -euo pipefail

bin=${CCSH_SANDBOX:-.build/debug/ccsh-sandbox}
flags=()
while [[ $# -gt 0 && "$1" != "--" ]]; do flags+=("$1"); shift; done
[[ "${1:-}" == "--" ]] && shift

export SANDBOX_DIR
SANDBOX_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ccsh-sandbox.XXXXXX")
out="$SANDBOX_DIR.out"
"$bin" --state "$SANDBOX_DIR" --port 0 "${flags[@]}" >"$out" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$SANDBOX_DIR" "$out"' EXIT
for _ in $(seq 600); do
  grep -q '^READY ' "$out" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "ccsh-sandbox exited before it was ready" >&2; exit 1; }
  sleep 0.1
done
read -r ready url _ <"$out" || true
[[ "${ready:-}" == READY ]] || { echo "ccsh-sandbox did not start within 60 s" >&2; exit 1; }
export SANDBOX_URL=$url
"$@"
