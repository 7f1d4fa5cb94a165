#!/usr/bin/env bash
# The main job on the embedded default (SQLite): build, create the demo database, and show the
# demo pack's checklist. Installs what is missing first.
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
# The complete demo pack passes; its checklist is the main job's result.
"$JIEDU" --db "$DB" check seed-openness
