#!/usr/bin/env bash
# Every test: formatting, lints, UI type checks and unit tests, and the Rust test suites.
# Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

ensure_apt_packages
ensure_rust
ensure_ui_built
ensure_tauri_driver
ensure_pyhanko
ensure_pytools
ensure_postgres

echo "==> UI: 类型检查与单元测试 type checks and unit tests"
(cd ui && npm run typecheck --silent && npm test --silent)

echo "==> cargo fmt --check"
cargo fmt --all -- --check

echo "==> cargo clippy"
cargo clippy --quiet --workspace --all-targets --features jiedu-e2e/e2e -- -D warnings

echo "==> cargo test（存储与命令行测试在 SQLite 和 PostgreSQL 上各跑一遍 store and CLI tests run on SQLite and on PostgreSQL: $JIEDU_TEST_PG）"
cargo test --workspace

echo "==> 版式保真报告 fidelity report of every demo pack (GB/T 9704, CLREQ; measured with pdfplumber)"
scripts/fidelity-report.sh

echo "==> PDF 签名：pdfsig 与 pyHanko 判定同一批文件 PDF signatures judged by pdfsig and pyHanko"
scripts/check-signed-pdfs.sh

echo "==> 归档格式 archival formats of the release CLI: PDF/A-2u, PDF/UA-1, PAdES after tagging, OFD (files in test-artifacts/archival)"
scripts/check-archival.sh

echo "==> 门户发布 publication of the release CLI: the portal package in Chromium, a repeal, deadlines, annual figures (files in test-artifacts/portal)"
scripts/check-portal.sh

echo "==> 图片与音视频 media of the release CLI: a PNG, a JPEG, an MP3 and an MP4 into a pack, three bad files refused, every output checked, the MP4 played in Chromium (files in test-artifacts/media)"
scripts/check-media.sh

build_release_app
echo "==> 端到端测试 end-to-end test of the release app (tauri-driver, WebKitWebDriver; screenshots in test-artifacts/e2e)"
cargo build --quiet -p jiedu-cli
JIEDU_E2E_APP="$CARGO_TARGET_DIR/release/jiedu-app" JIEDU_E2E_CLI="$CARGO_TARGET_DIR/debug/jiedu" \
  with_display cargo test -p jiedu-e2e --features e2e
