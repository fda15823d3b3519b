#!/usr/bin/env bash
# `make install-check`: `make install` into a temporary DESTDIR with PREFIX=/usr, then, as a user would: the
# binaries run and need no Swift runtime library (ldd: every library resolves, none is Swift's; readelf: they
# link only libcurl, libedit, OpenSSL and the C/C++ runtime), `ccsh --sandbox` finds its installed sandbox, the
# interactive shell loads libedit and `record` libsqlite3 (which ccsh opens only then, so ldd sees neither), the
# man page renders, the bash completion loads and completes options and profiles (when zsh and fish are here: the
# zsh script parses, the fish one parses and completes profiles), and `make uninstall` leaves nothing behind.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=$(mktemp -d)
home=$(mktemp -d)
trap 'rm -rf "$dest" "$home"' EXIT
fail() { echo "install-check: $*" >&2; exit 1; }

make --no-print-directory install DESTDIR="$dest" PREFIX=/usr
bin=$dest/usr/bin
"$bin/ccsh" --version | grep -q '^ccsh ' || fail "ccsh --version printed nothing"

allowed='^(libcurl\.so\.4|libedit\.so\.2|libssl\.so\.3|libcrypto\.so\.3|libstdc\+\+\.so\.6|libgcc_s\.so\.1|libm\.so\.6|libc\.so\.6|ld-linux-x86-64\.so\.2|ld-linux-aarch64\.so\.1)$'
for binary in ccsh ccsh-sandbox; do
    libraries=$(ldd "$bin/$binary")
    if grep -q 'not found' <<<"$libraries"; then fail "$binary: a library is missing: $(grep 'not found' <<<"$libraries")"; fi
    if grep -qiE 'libswift|libFoundation|libdispatch|libBlocksRuntime|FoundationICU' <<<"$libraries"; then
        fail "$binary needs a Swift runtime library: $(grep -iE 'swift|Foundation|dispatch' <<<"$libraries")"
    fi
    for needed in $(readelf -d "$bin/$binary" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
        [[ $needed =~ $allowed ]] || fail "$binary links $needed, beyond libcurl, libedit, OpenSSL and the C/C++ runtime"
    done
    echo "install-check: $binary links $(readelf -d "$bin/$binary" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | tr '\n' ' ')"
done

count=$(env -i PATH=/usr/bin:/bin HOME="$home" "$bin/ccsh" --sandbox -c 'vehicles | count')
[[ $count == 3 ]] || fail "ccsh --sandbox from the install did not list the sandbox's 3 vehicles: $count"

recorded=$(env -i PATH=/usr/bin:/bin HOME="$home" "$bin/ccsh" --sandbox record --once --db "$home/history.sqlite" | grep -c '"vehicles": 3') ||
    fail "ccsh record from the install did not record the sandbox's 3 vehicles (libsqlite3 is loaded when it runs)"

session=$(printf 'exit\n' | env -i PATH=/usr/bin:/bin HOME="$home" TERM=dumb script -qec "$bin/ccsh --sandbox" /dev/null 2>&1) ||
    fail "the interactive shell did not start: $session"

page=$(MANPAGER=cat MANWIDTH=100 man -l "$dest/usr/share/man/man1/ccsh.1" 2>&1)
grep -q 'ccsh - the Connected Car Shell' <<<"$page" || fail "the man page does not render: $(head -5 <<<"$page")"
grep -q 'doctor' <<<"$page" || fail "the man page has no doctor section"

completion=$dest/usr/share/bash-completion/completions/ccsh
mkdir -p "$home/.config/ccsh"
printf '[profiles.lab]\nbrand = "peugeot"\nclient_id = "x"\nclient_secret = "env:X"\n' >"$home/.config/ccsh/config.toml"
replies=$(env -i PATH="$bin:/usr/bin:/bin" HOME="$home" bash -c "
    source '$completion'
    complete -p ccsh
    COMP_WORDS=(ccsh --out); COMP_CWORD=1; _ccsh; echo \"options: \${COMPREPLY[*]}\"
    COMP_WORDS=(ccsh --output ''); COMP_CWORD=2; _ccsh; echo \"formats: \${COMPREPLY[*]}\"
    COMP_WORDS=(ccsh --profile ''); COMP_CWORD=2; _ccsh; echo \"profiles: \${COMPREPLY[*]}\"")
echo "$replies"
grep -q '^complete -o filenames -F _ccsh ccsh$' <<<"$replies" || fail "complete -p ccsh shows no completion"
grep -q '^options: --output$' <<<"$replies" || fail "--out does not complete to --output"
grep -q '^formats: table json ndjson csv yaml$' <<<"$replies" || fail "--output does not complete the formats"
grep -q '^profiles: lab$' <<<"$replies" || fail "--profile does not complete the config's profiles"
if command -v zsh >/dev/null; then zsh -n "$dest/usr/share/zsh/site-functions/_ccsh" || fail "the zsh completion does not parse"; fi
if command -v fish >/dev/null; then
    fish_completion=$dest/usr/share/fish/vendor_completions.d/ccsh.fish
    fish -n "$fish_completion" || fail "the fish completion does not parse"
    fish_profiles=$(env -i PATH="$bin:/usr/bin:/bin" HOME="$home" fish -c "source '$fish_completion'; complete -C 'ccsh --profile '")
    grep -q '^lab' <<<"$fish_profiles" || fail "fish: --profile does not complete the config's profiles: $fish_profiles"
fi

make --no-print-directory uninstall DESTDIR="$dest" PREFIX=/usr
left=$(find "$dest" -mindepth 1)
[[ -z $left ]] || fail "uninstall left: $left"
echo "install-check: installed, checked and uninstalled cleanly"
