#!/usr/bin/env bash
# Installs the Debian packages ccsh needs to build, test and run its demo, when they are missing.
# As root it runs apt-get; otherwise it prints the exact command and fails.
# Usage: scripts/ensure-deps.sh build|test|demo|bench|fuzz|install
set -euo pipefail

packages=(libedit-dev libcurl4-openssl-dev libssl-dev libsqlite3-dev pkg-config)
case "${1:-build}" in
  demo) packages+=(curl) ;;
  bench) packages+=(curl python3 time) ;;
  install) packages+=(man-db binutils) ;;
  test) packages+=(curl openssl python3 python3-pip python3-requests python3-yaml python3-jsonschema libxml2-utils chromium-headless-shell) ;;
esac

# Release builds (bench, install) link the C++ runtime's archive into ccsh (scripts/link/libstdc++.so): it comes
# with the development package of the GCC that the toolchain's clang links with (libstdc++-12-dev on Debian 12).
if [[ "${1:-}" == bench || "${1:-}" == install ]] && command -v clang >/dev/null; then
  archive=$(clang -print-file-name=libstdc++.a)
  gcc_version=$(basename "$(dirname "$(clang -print-libgcc-file-name)")")
  [[ -f "$archive" || ! "$gcc_version" =~ ^[0-9]+$ ]] || packages+=("libstdc++-$gcc_version-dev")
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Python modules may also come from pip rather than Debian.
if [[ "${1:-}" == test ]] && python3 -c 'import requests, yaml, jsonschema' 2>/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == python3-* ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "missing packages: ${missing[*]}" >&2
  echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
