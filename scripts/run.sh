#!/usr/bin/env bash
# The main job on the embedded default (SQLite): build, create the demo database and open the
# desktop app on it. Without a display, export the demo pack's PDF and the released pack's media
# kit instead and print where they are. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

ensure_apt_packages
ensure_rust
ensure_ui_built

echo "==> 编译 building jiedu"
cargo build --quiet -p jiedu-cli
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  cargo build --quiet -p jiedu-app
fi
JIEDU="$CARGO_TARGET_DIR/debug/jiedu"
DB="${JIEDU_DB:-$PWD/demo/jiedu-demo.db}"
mkdir -p "$(dirname "$DB")"

echo "==> 演示数据库 demo database: $DB"
"$JIEDU" --db "$DB" demo
echo
OUT="$(dirname "$DB")"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "==> 启动桌面应用 starting the desktop app (demo users: zhang.wei, li.hua, chen.jing…; passphrase jiedu-demo)"
  echo "    导出目录 exports go to: $OUT/exports"
  exec "$CARGO_TARGET_DIR/debug/jiedu-app" --db "$DB" --out "$OUT/exports"
fi
echo "没有图形显示，改为导出演示解读包和媒体包。No display: exporting the demo pack and media kit instead."
echo
"$JIEDU" --db "$DB" list
echo
# The complete demo pack passes its gate rules.
"$JIEDU" --db "$DB" check seed-openness
echo
"$JIEDU" --db "$DB" export chart seed-openness key-areas --out "$OUT/key-areas.png"
"$JIEDU" --db "$DB" export pdf seed-openness --out "$OUT/seed-openness.pdf"
# The demo pack that went through the whole flow is signed: its kit can be made and verified.
"$JIEDU" --db "$DB" export kit seed-openness-released --out "$OUT/seed-openness-released-kit.zip"
"$JIEDU" verify "$OUT/seed-openness-released-kit.zip"
echo
echo "PDF 解读包 PDF pack: $OUT/seed-openness.pdf"
echo "媒体包 media kit:    $OUT/seed-openness-released-kit.zip"
