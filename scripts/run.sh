#!/usr/bin/env bash
# The main job on the embedded default (SQLite): build, create the demo database, show the demo
# pack's checklist and export its PDF interpretation pack. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

ensure_apt_packages
ensure_rust
ensure_ui_built

echo "==> 编译 building jiedu"
cargo build --quiet -p jiedu-cli
JIEDU="$CARGO_TARGET_DIR/debug/jiedu"
DB="${JIEDU_DB:-$PWD/demo/jiedu-demo.db}"
mkdir -p "$(dirname "$DB")"

echo "==> 演示数据库 demo database: $DB"
"$JIEDU" --db "$DB" demo
echo
"$JIEDU" --db "$DB" list
echo
# The complete demo pack passes its gate rules.
"$JIEDU" --db "$DB" check seed-openness
echo
OUT="$(dirname "$DB")"
"$JIEDU" --db "$DB" export chart seed-openness key-areas --out "$OUT/key-areas.png"
"$JIEDU" --db "$DB" export pdf seed-openness --out "$OUT/seed-openness.pdf"
# The demo pack that went through the whole flow is signed: its kit can be made and verified.
"$JIEDU" --db "$DB" export kit seed-openness-released --out "$OUT/seed-openness-released-kit.zip"
"$JIEDU" verify "$OUT/seed-openness-released-kit.zip"
echo
echo "PDF 解读包 PDF pack: $OUT/seed-openness.pdf"
echo "媒体包 media kit:    $OUT/seed-openness-released-kit.zip"
