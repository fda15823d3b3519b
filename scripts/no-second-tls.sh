#!/usr/bin/env bash
# ccsh builds no second TLS stack: it talks TLS through libcurl and hashes through the system's libcrypto, and
# BoringSSL (swift-crypto's, swift-nio-ssl's) is the sandbox's alone. Builds ccsh verbosely and fails when the log
# names a BoringSSL source (on a fresh clone — CI — that log is of the whole build), or when the binary holds a
# BoringSSL symbol (which also holds on a warm build directory).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .build
log=.build/ccsh-build.log
if ! swift build --product ccsh -v >"$log" 2>&1; then
    tail -40 "$log"
    exit 1
fi
if grep -qi boringssl "$log"; then
    echo "no-second-tls: building ccsh compiled BoringSSL:" >&2
    grep -oi '[^ ]*boringssl[^ ]*' "$log" | sort -u | head -5 >&2
    exit 1
fi
if nm .build/debug/ccsh | grep -qi boringssl; then
    echo "no-second-tls: the ccsh binary links BoringSSL symbols" >&2
    exit 1
fi
echo "no-second-tls: no BoringSSL source in $log, no BoringSSL symbol in .build/debug/ccsh"
