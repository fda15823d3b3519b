#!/usr/bin/env bash
# 1000 sequential GETs of one vehicle's status: through ccsh's client (Session + CurlTransport, one process,
# kept-alive mutual-TLS connection) versus the curl CLI fetching the same 1000 URLs in one process (also
# kept alive). Side by side in one run, alternating, 3 rounds each; prints the medians and the ratio.
# Goal (issue "Client"): client ≤ 1.15 × curl.
# Usage: bench/client-vs-curl.sh [build-dir]   (default: .build/release if it has the binaries, else .build/debug)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-}
if [[ -z "$dir" ]]; then
  if [[ -x .build/release/client-probe && -x .build/release/ccsh-sandbox ]]; then dir=.build/release; else dir=.build/debug; fi
fi
n=1000
state=$(mktemp -d); tokens=$(mktemp -d); out="$state.out"
"$dir/ccsh-sandbox" --state "$state" --vehicles 3 >"$out" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$state" "$tokens" "$out" "$state.urls"' EXIT
until grep -q READY "$out" 2>/dev/null; do sleep 0.05; done

j() { grep -o "\"$1\":\"[^\"]*\"" "$state/sandbox.json" | head -n 1 | cut -d '"' -f 4; }  # first "key":"value" of sandbox.json
vehicle=$(sed -n 's/.*"vehicles":\[{"index":0,"id":"\([0-9a-f]*\)".*/\1/p' "$state/sandbox.json")
path="/user/vehicles/$vehicle/status"
"$dir/client-probe" "$state" "$tokens" 1 0 "$path"      # logs in once; the token file is reused below
token=$(sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' "$tokens/sandbox.json")
url="$(j base_url)$path?client_id=$(j client_id)"
for _ in $(seq $n); do printf 'url = "%s"\noutput = "/dev/null"\n' "$url"; done >"$state.urls"

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
client_runs=(); curl_runs=()
for round in 1 2 3; do
  t=$(date +%s%N); "$dir/client-probe" "$state" "$tokens" $n 0 "$path"; client_runs+=("$(ms "$t")")
  t=$(date +%s%N)
  curl -s --fail --cacert "$(j ca_cert)" --cert "$(j client_cert)" --key "$(j client_key)" \
    -H "Authorization: Bearer $token" -H "x-introspect-realm: $(j realm)" -H 'Accept: application/hal+json' -K "$state.urls"
  curl_runs+=("$(ms "$t")")
done
median() { printf '%s\n' "$@" | sort -n | sed -n '2p'; }
c=$(median "${client_runs[@]}"); k=$(median "${curl_runs[@]}")
printf 'binaries: %s   %d GETs of %s\n' "$dir" "$n" "/user/vehicles/{id}/status"
printf 'ccsh client (Session):  %s ms   (runs: %s)\n' "$c" "${client_runs[*]}"
printf 'curl CLI, one process:  %s ms   (runs: %s)\n' "$k" "${curl_runs[*]}"
awk -v c="$c" -v k="$k" 'BEGIN { printf "ratio client/curl: %.2f (goal <= 1.15)\n", c / k }'
