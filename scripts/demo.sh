#!/usr/bin/env bash
# The quickstart's five requests (GET /user, GET /user/vehicles with indexRange and pageSize, GET alerts in
# fr-FR, POST a monitor, DELETE it), made with curl against the sandbox: client certificate, a token from the
# sandbox IDP, the realm header. Run by `make demo` inside scripts/with-sandbox.sh.
set -euo pipefail

# The first "key":"value" of sandbox.json (top-level keys come before the nested brand table).
json() { grep -o "\"$1\":\"[^\"]*\"" "$SANDBOX_DIR/sandbox.json" | head -n 1 | cut -d '"' -f 4; }
base=$(json base_url); client_id=$(json client_id); secret=$(json client_secret); realm=$(json realm)
tls=(--cacert "$(json ca_cert)" --cert "$(json client_cert)" --key "$(json client_key)")

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# Pretty-prints a JSON body (first lines only) when python3 is there, else prints it raw.
show() {
  if command -v python3 >/dev/null; then
    printf '%s' "$1" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), indent=2, ensure_ascii=False))' \
      | head -n "${2:-40}"
  else
    printf '%s\n' "$1" | head -c 3000; echo
  fi
}

step "POST /am/oauth2/access_token (password grant for the demo user, realm $realm)"
token_response=$(curl -sS "${tls[@]}" -u "$client_id:$secret" --data-urlencode grant_type=password \
  --data-urlencode "username=$(json username)" --data-urlencode "password=$(json password)" \
  --data-urlencode "realm=$realm" --data-urlencode 'scope=openid profile' "$(json token_url)")
token=$(printf '%s' "$token_response" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[[ -n "$token" ]] || { echo "no token: $token_response" >&2; exit 1; }
echo "got a bearer token (expires_in $(printf '%s' "$token_response" | sed -n 's/.*"expires_in":\([0-9]*\).*/\1/p') s)"

api() {  # api METHOD PATH [curl args…]: prints the status line and the body
  local method=$1 path=$2; shift 2
  curl -sS "${tls[@]}" -X "$method" -G "$base$path" --data-urlencode "client_id=$client_id" \
    -H "Authorization: Bearer $token" -H "x-introspect-realm: $realm" -H 'Accept: application/hal+json' \
    -w '\n%{http_code}' "$@"
}

step "GET /user"
reply=$(api GET /user); show "${reply%$'\n'*}" 30; echo "HTTP ${reply##*$'\n'}"

step "GET /user/vehicles?indexRange=0-&pageSize=2"
reply=$(api GET /user/vehicles --data-urlencode indexRange=0- --data-urlencode pageSize=2)
show "${reply%$'\n'*}" 45; echo "HTTP ${reply##*$'\n'}"
vehicle=$(printf '%s' "$reply" | sed -n 's/.*"vehicles":\[{"id":"\([0-9a-f]*\)".*/\1/p')

step "GET /user/vehicles/{id}/alerts?locale=fr-FR&pageSize=3"
reply=$(api GET "/user/vehicles/$vehicle/alerts" --data-urlencode locale=fr-FR --data-urlencode pageSize=3)
show "${reply%$'\n'*}" 60; echo "HTTP ${reply##*$'\n'}"

step "POST /user/vehicles/{id}/monitors (the quickstart's monitor, made valid: one object per trigger, balanced bool.exp)"
monitor='{"label":"IDF Zone monitor With Data Triggering:[vehicle.energy.electric.level] OR on Mondays",
 "subscribeParam":{"refreshEvent":600,"retryPolicy":{"policy":"Always","maxRetryNumber":3,"retryDelay":120},
  "batchNotify":{"size":10,"timeWindow":300},
  "callback":{"target":"http://my.dn/monitors/cb1","name":"HTTP_CB","attributes":[
   {"type":"Query","key":"vin","value":"$vin"},{"type":"Header","key":"Authorization","value":"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="}]}},
 "extendedEventParam":["vehicle.alerts","vehicle.status"],
 "triggerParam":{"triggers":[
  {"name":"outOfParis","zone":{"transition":"Out","circle":{"radius":20,"center":{"longitude":2.333333,"latitude":48.866667}}}},
  {"name":"onMonday","time":{"times":[{"recurrence":"Daily","start":"PT14H30M","occurence":{"day":["Mon"]},"duration":"PT04H30M"}],"time.zone":"Europe/Paris"}},
  {"name":"batteryIsLow","data":{"data":"vehicle.energy.electric.level","op":"lowerThan","value":["50"]}}],
  "bool.exp":"(outOfParis & (batteryIsLow | onMonday))"}}'
reply=$(curl -sS "${tls[@]}" -X POST "$base/user/vehicles/$vehicle/monitors?client_id=$client_id" \
  -H "Authorization: Bearer $token" -H "x-introspect-realm: $realm" -H 'Content-Type: application/json' \
  --data-binary "$monitor" -w '\n%{http_code}')
show "${reply%$'\n'*}"; echo "HTTP ${reply##*$'\n'}"
[[ "${reply##*$'\n'}" == 201 ]] || exit 1
monitor_id=$(printf '%s' "$reply" | sed -n 's/.*"monitorId":"\([^"]*\)".*/\1/p')

step "DELETE /user/vehicles/{id}/monitors/$monitor_id"
reply=$(api DELETE "/user/vehicles/$vehicle/monitors/$monitor_id"); echo "HTTP ${reply##*$'\n'} (empty body)"
[[ "${reply##*$'\n'}" == 200 ]] || exit 1

step "done: the sandbox stops now"
