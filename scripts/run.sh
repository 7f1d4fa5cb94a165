#!/usr/bin/env bash
# The main job on the embedded default (SQLite): build, create the demo database and open the
# desktop app on it. Without a display, export the demo pack's PDF and the released pack's media
# kit instead and print where they are. Installs what is missing first.
#
# `--team`: a local team demo instead: PostgreSQL, the demo data on it, `jiedu serve` (TLS, CA
# made in demo/team-tls), then two desktop windows already connected to it (a drafter's and a
# leader's desk), or without a display the CLI flow through the server with `jiedu watch`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

if [ "${1:-}" = "--team" ]; then
  ensure_apt_packages
  ensure_rust
  ensure_ui_built
  ensure_postgres
  echo "==> 编译 building jiedu"
  cargo build --quiet -p jiedu-cli
  JIEDU="$CARGO_TARGET_DIR/debug/jiedu"
  DEMO="$PWD/demo/team"
  mkdir -p "$DEMO"
  DB="${JIEDU_TEST_PG%/*}/jiedu_team_demo"
  export JIEDU_BACKUP_DIR="$DEMO/backups" JIEDU_PINS="$DEMO/pins.json" JIEDU_SESSIONS="$DEMO/sessions.json"
  echo "==> 团队演示数据库 team demo database: $DB (made afresh)"
  psql "$JIEDU_TEST_PG" -qc "DROP DATABASE IF EXISTS jiedu_team_demo WITH (FORCE)" >/dev/null
  rm -rf "$DEMO"/*.json
  "$JIEDU" --db "$DB" demo
  "$JIEDU" --db "$DB" serve --listen 127.0.0.1:8443 --tls-dir "$DEMO/tls" &
  SERVER_PID=$!
  trap 'kill $SERVER_PID 2>/dev/null || true; eval "${JIEDU_PG_STOP:-true}"' EXIT
  sleep 2
  export JIEDU_SERVER=https://127.0.0.1:8443 JIEDU_CA="$DEMO/tls/ca.pem"
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    cargo build --quiet -p jiedu-app
    for desk in drafter leader; do
      mkdir -p "$DEMO/$desk"
      printf '{"mode":"server","server_url":"%s","ca_path":"%s"}\n' "$JIEDU_SERVER" "$JIEDU_CA" >"$DEMO/$desk/connection.json"
      JIEDU_CONNECTION="$DEMO/$desk/connection.json" JIEDU_PINS="$DEMO/$desk/pins.json" \
        "$CARGO_TARGET_DIR/debug/jiedu-app" --db "$DEMO/$desk/local.db" --out "$DEMO/$desk/exports" &
    done
    echo "==> 两个桌面已连接服务器 two desks connected: sign in as zhang.wei in one and li.hua in the other (passphrase jiedu-demo)"
    wait
    exit 0
  fi
  export JIEDU_PASSPHRASE=jiedu-demo
  "$JIEDU" --as li.hua watch --count 3 &
  WATCH_PID=$!
  sleep 2
  "$JIEDU" --as zhang.wei list
  "$JIEDU" check seed-openness || true
  "$JIEDU" submit seed-openness --as zhang.wei
  "$JIEDU" sign seed-openness --as li.hua
  "$JIEDU" deploy seed-openness --as chen.jing --channels portal,wechat
  "$JIEDU" audit --verify
  wait $WATCH_PID || true
  exit 0
fi

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
