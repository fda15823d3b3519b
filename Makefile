# ccsh — the Connected Car Shell. `make demo` and `make test` are the quick start; both install missing Debian
# packages when run as root (otherwise they print the apt-get command to run).
SWIFT ?= swift
# The official spec checker and webhook templates live beside the repository where CI has them (../shared); a clone
# without them skips those checks with one line each.
SPECCHECK ?= ../shared/tools/speccheck.py
SANDBOX = .build/debug/ccsh-sandbox

.PHONY: all build demo test speccheck fuzz soak sanitize bench install uninstall install-check clean

all: build

build:
	@scripts/ensure-deps.sh build
	$(SWIFT) build --product ccsh-sandbox
	$(SWIFT) build --product ccsh

# The tour: ccsh starts its bundled sandbox (state in $$XDG_STATE_HOME/ccsh/sandbox), logs in, runs every command
# family, and stops the sandbox.
demo:
	@scripts/ensure-deps.sh demo
	$(SWIFT) build --product ccsh-sandbox
	$(SWIFT) build --product ccsh
	.build/debug/ccsh --sandbox --output table examples.ccsh

test:
	@scripts/ensure-deps.sh test
	$(SWIFT) format lint --strict --recursive Sources Tests bench fuzz Package.swift
	@scripts/gpx-schema.sh
	@scripts/no-second-tls.sh
	$(SWIFT) build --build-tests
	$(MAKE) --no-print-directory speccheck
	.build/debug/ccsh-fuzz --seconds 25 --jobs 2
	.build/debug/listen-fuzz --requests 20000
	$(SWIFT) test

# The official spec checker against a fresh sandbox, with default flags, with 5 vehicles x 130 alerts, and on a
# world that moved (a car that ran out of fuel on the road, one driven to Versailles, one charging: live trips,
# alerts and telemetry first in their lists), against the v4.0 spec and against 4.17.2's.
MOVED_WORLD = --set 0:fuelLevel=11 --set 0:electricLevel=0 --drive 0:2.0,46.5 --set 1:position='"paris"' \
	--drive 1:versailles --set 2:electricLevel=40 --plug 2 --advance PT3H
speccheck:
	@if [ ! -f "$(SPECCHECK)" ]; then \
		echo "speccheck: skipped, $(SPECCHECK) is not here (the official spec checker; run make speccheck SPECCHECK=path/to/speccheck.py)"; \
	else \
		for version in 4.0 4.17; do \
			scripts/speccheck.sh "$(SPECCHECK)" $$version || exit 1; \
			scripts/speccheck.sh "$(SPECCHECK)" $$version --vehicles 5 --alerts 130 || exit 1; \
			scripts/speccheck.sh "$(SPECCHECK)" $$version $(MOVED_WORLD) || exit 1; \
		done; \
	fi

# The seeded fuzzers (fuzz/README.md), a new seed each run (printed; FUZZ_FLAGS="--seed S" repeats one): the
# language's front end and the JSON reader, 1 000 000 inputs on 2 jobs; then listen's HTTP reader, 1 000 000 requests
# against real listeners over loopback. `make test` runs the first for 25 seconds and the second for 20 000 requests.
fuzz:
	@scripts/ensure-deps.sh fuzz
	$(SWIFT) build --product ccsh-fuzz
	$(SWIFT) build --product listen-fuzz
	.build/debug/ccsh-fuzz --inputs 1000000 --jobs 2 $(FUZZ_FLAGS)
	.build/debug/listen-fuzz --requests 1000000 $(FUZZ_FLAGS)

# The long runs (see README, Reliability): 100 monitors through injected faults, requests for 2 minutes with
# tokens that expire every 2 seconds, 10 000 commands in one REPL, 200 rounds of 4 ccsh --sandbox at once on one
# state directory, 30 simulated days of `ccsh record` against a living sandbox, and 200 kill -9 of it. `make test`
# runs them with 50 monitors, 10 seconds, 1 000 commands, 20 rounds, 3 days and 50 kills.
soak:
	@scripts/ensure-deps.sh test
	$(SWIFT) build --build-tests
	CCSH_SOAK_MONITORS=100 CCSH_SOAK_SECONDS=120 CCSH_SOAK_COMMANDS=10000 CCSH_SOAK_SANDBOX_ROUNDS=200 CCSH_SOAK_LIFE_DAYS=30 CCSH_SOAK_KILLS=200 \
		$(SWIFT) test --skip-build --filter 'MonitorFaultTests|RefreshTests|LongLifeTests|SharedSandboxTests|RecordLifeTests/running|RecordKillTests'

# The test suite under AddressSanitizer (with LeakSanitizer), then under ThreadSanitizer, each in a build directory
# of its own (.build-asan, .build-tsan: the first build of each takes about 15 minutes on 2 cores). Leaks inside
# linked libraries are listed, each with its reason, in scripts/lsan-suppressions.txt.
sanitize:
	@scripts/ensure-deps.sh test
	$(SWIFT) build --build-tests --sanitize=address --build-path .build-asan
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan-suppressions.txt:print_suppressions=0 \
		$(SWIFT) test --skip-build --sanitize=address --build-path .build-asan
	$(SWIFT) build --build-tests --sanitize=thread --build-path .build-tsan
	TSAN_OPTIONS=halt_on_error=0 $(SWIFT) test --skip-build --sanitize=thread --build-path .build-tsan

# Measured speed claims: one table against curl, every goal PASS or FAIL (see bench/README.md). The scripts
# bench/*.sh measure single figures in more detail.
bench:
	@scripts/ensure-deps.sh bench
	bench/run --json bench/results.json

# Release builds (Swift runtime linked in), the man page and bash/zsh/fish completions under $(DESTDIR)$(PREFIX);
# uninstall removes exactly what install wrote (its manifest, share/ccsh/installed). install-check installs into a
# temporary DESTDIR and checks the result: ldd, --version, the man page, the completions, a clean uninstall.
PREFIX ?= /usr/local
install:
	@scripts/ensure-deps.sh install
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" scripts/install.sh install

uninstall:
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" scripts/install.sh uninstall

install-check:
	@scripts/ensure-deps.sh install
	scripts/install-check.sh

clean:
	rm -rf .build .build-release
