#!/usr/bin/env bash
# Measures the sandbox at scale: time from exec to READY with --vehicles 10000 --alerts 10000, and the server time
# of pages deep inside that fleet (curl's time_starttransfer on a kept-alive connection: what the server costs,
# not the TLS handshake). Goals from the sandbox issue: start < 2 s, any page < 20 ms.
# Usage: bench/sandbox-scale.sh [path/to/ccsh-sandbox]   (default: .build/release, else .build/debug)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [[ -z "$bin" ]]; then
  if [[ -x .build/release/ccsh-sandbox ]]; then bin=.build/release/ccsh-sandbox; else bin=.build/debug/ccsh-sandbox; fi
fi
dir=$(mktemp -d); out="$dir.out"
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$dir" "$out"' EXIT

start=$(date +%s%N)
"$bin" --state "$dir" --vehicles 10000 --alerts 10000 >"$out" &
pid=$!
until grep -q READY "$out" 2>/dev/null; do sleep 0.005; done
ready=$(( ($(date +%s%N) - start) / 1000000 ))

j() { grep -o "\"$1\":\"[^\"]*\"" "$dir/sandbox.json" | head -n 1 | cut -d '"' -f 4; }  # first "key":"value" of sandbox.json
tls=(--cacert "$(j ca_cert)" --cert "$(j client_cert)" --key "$(j client_key)")
token=$(curl -s "${tls[@]}" -u "$(j client_id):$(j client_secret)" -d grant_type=password -d realm="$(j realm)" \
  --data-urlencode username="$(j username)" --data-urlencode password="$(j password)" "$(j token_url)" \
  | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
base="$(j base_url)"; cid="$(j client_id)"
last=$(curl -s "${tls[@]}" -H "Authorization: Bearer $token" -H "x-introspect-realm: $(j realm)" \
  "$base/user/vehicles?client_id=$cid&indexRange=9999-" | sed -n 's/.*"vehicles":\[{"id":"\([0-9a-f]*\)".*/\1/p')

pages=(
  "/user/vehicles?pageSize=60"
  "/user/vehicles?indexRange=9940-&pageSize=60"
  "/user/vehicles/$last"
  "/user/vehicles/$last/status"
  "/user/vehicles/$last/alerts?pageSize=60"
  "/user/vehicles/$last/alerts?indexRange=9940-&pageSize=60&locale=fr-FR"
  "/user/vehicles/$last/alerts?timestamps=2026-08-01T00:00:00Z/2026-08-02T00:00:00Z"
  "/user/vehicles/$last/telemetry?pageSize=2000"
)
printf 'sandbox: %s\nstart to READY with 10000 vehicles x 10000 alerts: %d ms (goal < 2000)\n\n' "$bin" "$ready"
printf '%-78s %10s %10s\n' "page (20 requests each, one kept-alive connection)" "median ms" "max ms"
worst=0
for page in "${pages[@]}"; do
  [[ "$page" == *\?* ]] && url="$base$page&client_id=$cid" || url="$base$page?client_id=$cid"
  args=()
  for _ in $(seq 21); do args+=(-o /dev/null "$url"); done
  # The first transfer pays the TLS handshake; the other 20 reuse the connection.
  times=$(curl -s "${tls[@]}" -H "Authorization: Bearer $token" -H "x-introspect-realm: $(j realm)" \
    -w '%{http_code} %{time_starttransfer} %{time_pretransfer}\n' "${args[@]}" | tail -n 20 \
    | awk '$1 != 200 { print "HTTP " $1 > "/dev/stderr"; exit 1 } { printf "%.2f\n", ($2 - $3) * 1000 }' | sort -n)
  median=$(echo "$times" | sed -n '10p'); max=$(echo "$times" | tail -1)
  label=${page//$last/\{id\}}
  printf '%-78s %10s %10s\n' "${label:0:78}" "$median" "$max"
  worst=$(awk -v a="$worst" -v b="$median" 'BEGIN { print (b > a) ? b : a }')
done
printf '\nslowest median page: %s ms (goal < 20)\n' "$worst"
