#!/usr/bin/env bash
# The fidelity report of every demo pack: each PDF written by the release build of the CLI's
# renderer, then measured with pdfplumber (scripts/fidelity-report.py). Prints each check with its
# measured value; fails when one fails. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_pytools
cargo build --quiet --release -p jiedu-render --example pack_pdf
out="${FIDELITY_DIR:-$(mktemp -d)}"
mkdir -p "$out"
args=()
for f in resources/demo/seed-pack.json resources/demo/incomplete-pack.json resources/demo/chart-gallery-pack.json resources/demo/gongwen/*.json; do
  n=$(basename "$f" .json)
  "$CARGO_TARGET_DIR/release/examples/pack_pdf" "$f" "$out/$n.pdf" 2>/dev/null
  args+=("$f" "$out/$n.pdf")
done
"$JIEDU_PYTOOLS_PYTHON" scripts/fidelity-report.py "${args[@]}"
echo "PDFs in $out"
