# Shared set-up for run.sh and test.sh: installs what is missing, and nothing else.
# Sourced, not executed.

# One target directory outside the clone, so that fresh clones (CI) reuse earlier builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/jiedu-target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

# Debian packages: the Tauri/WebKit build, CJK fonts for the webview, and the tools the tests
# use to look at output (poppler-utils: pdftotext/pdftoppm; qpdf; Xvfb; ImageMagick), and ffmpeg,
# with which the media tests make their small MP3, MP4, M4A and WebM files; GStreamer's demuxers
# and decoders, with which the webview previews audio and video (H.264 needs gstreamer1.0-libav).
JIEDU_APT_PACKAGES=(
  build-essential pkg-config libssl-dev
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev
  fonts-noto-cjk
  xvfb xauth imagemagick poppler-utils qpdf
  webkit2gtk-driver
  libnss3-tools python3-venv libxml2-utils icc-profiles-free
  postgresql-client ffmpeg
  gstreamer1.0-plugins-good gstreamer1.0-libav unzip
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_apt_packages() {
  local missing=()
  for p in "${JIEDU_APT_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "==> 安装系统软件包 installing apt packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# PostgreSQL for the team-mode tests: the server at $JIEDU_TEST_PG (default 127.0.0.1:5432) when
# it answers; otherwise a throwaway cluster (initdb + pg_ctl, trust auth, loopback only) in a
# temporary folder on a free port, stopped when the calling script exits. A fresh machine has none.
ensure_postgres() {
  export JIEDU_TEST_PG="${JIEDU_TEST_PG:-postgres://postgres@127.0.0.1:5432/postgres}"
  if pg_isready -q -t 5 -d "$JIEDU_TEST_PG" 2>/dev/null; then
    echo "==> PostgreSQL: $JIEDU_TEST_PG"
    return
  fi
  echo "==> PostgreSQL: 未发现服务器，启动临时实例 none answered; starting a throwaway one"
  start_private_postgres
  export JIEDU_TEST_PG="$JIEDU_PRIVATE_PG"
}

# A throwaway PostgreSQL cluster on a free loopback port, stopped when the script exits. Sets
# JIEDU_PRIVATE_PG (its URL), JIEDU_PG_STOP and JIEDU_PG_RESTART (shell commands).
start_private_postgres() {
  local bin
  bin="$(pg_bin_dir)"
  if [ -z "$bin" ]; then
    ensure_apt_packages postgresql
    bin="$(pg_bin_dir)"
  fi
  [ -n "$bin" ] || { echo "错误：找不到 initdb。Error: initdb not found after installing postgresql." >&2; return 1; }
  # initdb refuses to run as root: the cluster belongs to the postgres user (or nobody).
  local owner=postgres
  id -u "$owner" >/dev/null 2>&1 || owner=nobody
  local dir port
  dir="$(mktemp -d /tmp/jiedu-pg.XXXXXX)"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  chown "$owner" "$dir"
  echo "    127.0.0.1:$port ($dir)"
  as_root runuser -u "$owner" -- "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  local opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on"
  as_root runuser -u "$owner" -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$opts" start >/dev/null
  JIEDU_PG_STOP="as_root runuser -u $owner -- $bin/pg_ctl -D $dir/data -m fast stop >/dev/null 2>&1; rm -rf $dir"
  export JIEDU_PG_RESTART="$(declare -f as_root); as_root runuser -u $owner -- $bin/pg_ctl -D $dir/data -l $dir/server.log -m fast -w -t 60 -o '$opts' restart >/dev/null"
  trap 'eval "$JIEDU_PG_STOP"' EXIT
  export JIEDU_PRIVATE_PG="postgres://postgres@127.0.0.1:$port/postgres"
}

# The folder holding initdb and pg_ctl, newest version first; empty when PostgreSQL is absent.
pg_bin_dir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV) /usr/local/bin /usr/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return; fi
  done
}

ensure_rust() {
  if ! command -v cargo >/dev/null; then
    echo "错误：未找到 Rust（cargo）。请先安装 Rust 1.94 或更新版本。" >&2
    echo "Error: Rust (cargo) is not installed; install Rust 1.94 or newer first." >&2
    exit 2
  fi
  if command -v rustup >/dev/null; then
    rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
    rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
  fi
}

# tauri-driver drives the real app in the end-to-end tests (2.x; 3.0 is an alpha).
TAURI_DRIVER_VERSION=2.1.0

ensure_tauri_driver() {
  if ! tauri-driver --help >/dev/null 2>&1 || [ ! -f "$HOME/.cargo/.jiedu-tauri-driver-$TAURI_DRIVER_VERSION" ]; then
    echo "==> 安装 tauri-driver $TAURI_DRIVER_VERSION installing tauri-driver (about 1–3 min)"
    cargo install --quiet tauri-driver --version "$TAURI_DRIVER_VERSION" --locked
    touch "$HOME/.cargo/.jiedu-tauri-driver-$TAURI_DRIVER_VERSION"
  fi
}

# pyHanko, the second independent judge of the PDF signatures (scripts/check-signed-pdfs.sh),
# in a virtual environment of its own outside the clone.
PYHANKO_VENV="${PYHANKO_VENV:-/var/tmp/jiedu-pyhanko}"
ensure_pyhanko() {
  if ! "$PYHANKO_VENV/bin/python" -m pyhanko --help >/dev/null 2>&1; then
    echo "==> 安装 pyHanko installing pyHanko (PyPI) into $PYHANKO_VENV"
    python3 -m venv "$PYHANKO_VENV"
    "$PYHANKO_VENV/bin/pip" install --quiet --disable-pip-version-check pyhanko pyhanko-cli
  fi
  export PYHANKO_PYTHON="$PYHANKO_VENV/bin/python"
}

# pdfplumber, which measures glyph positions in the written PDFs (scripts/fidelity-report.py and
# the render tests), and Typst, the peer of scripts/bench-pdf.sh, in a venv outside the clone.
PYTOOLS_VENV="${PYTOOLS_VENV:-/var/tmp/jiedu-pytools}"
ensure_pytools() {
  if ! "$PYTOOLS_VENV/bin/python" -c "import pdfplumber, typst, page, ofdkit, openpyxl" >/dev/null 2>&1; then
    echo "==> 安装 PDF/OFD/XLSX 检查工具 installing pdfplumber, typst, page-validation, ofdkit, openpyxl (PyPI) into $PYTOOLS_VENV"
    python3 -m venv "$PYTOOLS_VENV"
    "$PYTOOLS_VENV/bin/pip" install --quiet --disable-pip-version-check pdfplumber typst page-validation ofdkit openpyxl
  fi
  export JIEDU_PYTOOLS_PYTHON="$PYTOOLS_VENV/bin/python"
}

# The browser check of the portal publication package (scripts/portal-check/check-portal.mjs):
# Debian's Chromium, driven headless by playwright-core, and axe-core, pinned by the lock file.
ensure_portal_check() {
  ensure_apt_packages chromium
  local dir=scripts/portal-check
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "==> 安装门户检查依赖 installing the portal check's npm packages (playwright-core, axe-core)"
    (cd "$dir" && npm ci --no-audit --no-fund)
  fi
  export JIEDU_CHROMIUM=/usr/bin/chromium
}

# Runs a command on the current display, or on a private Xvfb one when there is none.
with_display() {
  if [ -n "${DISPLAY:-}" ]; then
    "$@"
  else
    xvfb-run -a -s "-screen 0 1280x800x24" "$@"
  fi
}

ensure_ui_built() {
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    echo "==> 安装前端依赖 installing npm packages"
    (cd ui && npm ci --no-audit --no-fund)
  fi
  echo "==> 构建前端 building the UI"
  (cd ui && npm run build --silent)
}

# Builds the desktop app as it ships (release) in a cargo call of its own, then has the binary
# check that it embedded ui/dist exactly (issue 12: a release build once shipped a blank window).
build_release_app() {
  echo "==> 编译发布版应用 building the release app (what the .deb ships)"
  cargo build --quiet --release -p jiedu-app --bin jiedu-app
  "$CARGO_TARGET_DIR/release/jiedu-app" --check-ui
}
