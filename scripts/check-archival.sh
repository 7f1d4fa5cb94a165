#!/usr/bin/env bash
# The archival formats, checked on what users get: the release build of the CLI exports the demo
# packs (the signed one among them) as PDF and OFD, then independent tools judge the files:
# page-validation (PDF/A-2u and PDF/UA-1), pdfsig (the PAdES signature still valid), qpdf --check,
# pdfinfo -struct-text (the tags in reading order), and scripts/ofd-check.py (the OFD's schemas
# when available, every glyph where the PDF has it, the text read back by ofdkit). Files are left
# in DIR (default test-artifacts/archival) for a look.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_apt_packages
ensure_pytools
DIR="${1:-test-artifacts/archival}"
XSD="${JIEDU_OFD_XSD:-crates/render/tests/ofd-xsd}"
cargo build --quiet --release -p jiedu-cli
J="$CARGO_TARGET_DIR/release/jiedu"
rm -rf "$DIR" && mkdir -p "$DIR"
DB="$DIR/demo.sqlite"
"$J" --db "$DB" demo >/dev/null
failures=0
fail() { echo "  ✗ $*"; failures=$((failures + 1)); }

pdfs=()
for pack in seed-openness-released seed-openness chart-gallery; do
  "$J" --db "$DB" export pdf "$pack" --out "$DIR/$pack.pdf" >/dev/null
  "$J" --db "$DB" export ofd "$pack" --out "$DIR/$pack.ofd" >/dev/null
  pdfs+=("$DIR/$pack.pdf")
done

echo "==> PDF/A-2u 与 PDF/UA-1 (page-validation)"
"$JIEDU_PYTOOLS_PYTHON" scripts/pdfa-check.py "${pdfs[@]}" || failures=$((failures + 1))

echo "==> 签名仍然有效 the signature still verifies (pdfsig)"
if pdfsig "$DIR/seed-openness-released.pdf" 2>&1 | grep -q "Signature Validation: Signature is Valid."; then
  echo "  ✓ seed-openness-released.pdf: $(pdfsig "$DIR/seed-openness-released.pdf" 2>&1 | grep -m1 'Total document signed' | sed 's/^ *- //')"
else
  fail "seed-openness-released.pdf: pdfsig does not find a valid signature"
fi

echo "==> qpdf --check 与结构树 structure tree (pdfinfo -struct-text)"
for f in "${pdfs[@]}"; do
  if qpdf --check "$f" >"$f.qpdf.txt" 2>&1; then echo "  ✓ qpdf: $(basename "$f")"; else fail "qpdf finds errors in $f ($f.qpdf.txt)"; fi
  pdfinfo -struct-text "$f" >"$f.struct.txt"
  # The tree opens with the document, its first heading is the policy's title, and the
  # charts' figures carry their data as text.
  if head -1 "$f.struct.txt" | grep -q '^Document' && grep -q '^  H1' "$f.struct.txt"; then
    echo "  ✓ tags: $(basename "$f"): $(grep -c '(block)' "$f.struct.txt") block elements, $(grep -c '^  H' "$f.struct.txt") headings"
  else
    fail "$f: no Document/H1 structure ($f.struct.txt)"
  fi
done

echo "==> OFD（GB/T 33190）与同一解读包的 PDF 比对 each OFD against its pack's PDF"
for pack in seed-openness-released seed-openness chart-gallery; do
  echo "--- $pack"
  "$JIEDU_PYTOOLS_PYTHON" scripts/ofd-check.py "$DIR/$pack.ofd" "$DIR/$pack.pdf" "$XSD" "$DIR/$pack-pages" \
    >"$DIR/$pack.ofd-check.txt" 2>&1 || fail "$pack.ofd (see $DIR/$pack.ofd-check.txt)"
  grep -E '✗|跳过|passed' "$DIR/$pack.ofd-check.txt" | sed 's/^/  /'
done

echo "$failures failed"
[ "$failures" -eq 0 ]
