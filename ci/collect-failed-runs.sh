#!/usr/bin/env bash
# Copies each failing run of a 'faultlab matrix' output (its report.html, report.json, captures and host state)
# into DEST, for CI to upload as an artifact; passing runs stay out. Prints what it copied.
#   ci/collect-failed-runs.sh MATRIX_OUT_DIR DEST
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 MATRIX_OUT_DIR DEST" >&2; exit 2; }
out="$1" dest="$2"
[[ -f "$out/matrix.json" ]] || { echo "collect-failed-runs: no $out/matrix.json (the matrix did not finish); nothing to collect" >&2; exit 0; }
mkdir -p "$dest"
python3 - "$out" "$dest" <<'PY'
import json, pathlib, shutil, sys
out, dest = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for run in json.loads((out / "matrix.json").read_text())["runs"]:
    if run["passed"] or not run.get("report"):
        continue
    case = (out / run["report"]).parent
    shutil.copytree(case, dest / case.name, dirs_exist_ok=True)
    print(f"collected {case.name}: {run.get('error') or 'verdict mismatch'}")
PY
