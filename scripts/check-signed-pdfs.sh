#!/usr/bin/env bash
# Has two independent verifiers, poppler's pdfsig (NSS) and pyHanko, judge the signed PDFs that
# the CLI's signature tests write to DIR (default test-artifacts/signed-pdf): original.pdf must
# be valid, trusted and cover the whole file in both; every tampered-*.pdf must be refused by
# each of them.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_pyhanko
DIR="${1:-test-artifacts/signed-pdf}"
CA="$DIR/office-ca.pem"
[ -f "$DIR/original.pdf" ] && [ -f "$CA" ] || {
  echo "错误：$DIR 中没有 original.pdf 和 office-ca.pem（先运行 cargo test -p jiedu-cli）。" >&2
  echo "Error: $DIR lacks original.pdf and office-ca.pem (run cargo test -p jiedu-cli first)." >&2
  exit 2
}
failures=0
if scripts/check-pdf-signature.sh "$DIR/original.pdf" "$CA" >"$DIR/original.txt" 2>&1; then
  echo "  ✓ original.pdf: pdfsig and pyHanko accept it"
else
  echo "  ✗ original.pdf is refused (see $DIR/original.txt)"; failures=$((failures + 1))
fi
count=0
for f in "$DIR"/tampered-*.pdf; do
  count=$((count + 1))
  name="$(basename "$f" .pdf)"
  if scripts/check-pdf-signature.sh "$f" "$CA" >"$DIR/$name.txt" 2>&1 \
    || ! grep -q 'FAIL pdfsig' "$DIR/$name.txt" || ! grep -q 'FAIL pyHanko' "$DIR/$name.txt"; then
    echo "  ✗ $name.pdf is accepted by pdfsig or pyHanko (see $DIR/$name.txt)"; failures=$((failures + 1))
  else
    echo "  ✓ $name.pdf: refused ($(grep -m1 'FAIL' "$DIR/$name.txt" | cut -c1-90))"
  fi
done
[ "$count" -gt 0 ] || { echo "错误：没有被篡改的副本 no tampered copies in $DIR" >&2; exit 2; }
echo "$((count + 1 - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
