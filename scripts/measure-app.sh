#!/usr/bin/env bash
# Start-up time and idle memory of the desktop app (release build), against a bare Tauri 2
# window measured in the same run (src-tauri/bare-window).
#
#   first paint: from exec to the UI's ui_ready call after its first frame (JIEDU_STARTUP_TRACE);
#                for the bare window, from exec to its WebKitWebProcess having drawn (we cannot
#                instrument a blank page, so only the app's figure is compared to the 1.5 s goal);
#   memory:      PSS summed over the process and its WebKit children (/proc/PID/smaps_rollup),
#                after 10 s idle, so shared pages count once.
# Prints figures and asserts no timing (timings are not tests on noisy machines), but fails
# loudly when the app never paints its UI: a blank window has no start-up time to report.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_apt_packages
ensure_rust
ensure_ui_built

RUNS="${RUNS:-5}"
build_release_app
echo "==> 编译 release building the bare window"
cargo build --quiet --release -p jiedu-bare-window
cargo build --quiet -p jiedu-cli
APP="$CARGO_TARGET_DIR/release/jiedu-app"
BARE="$CARGO_TARGET_DIR/release/bare-window"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$CARGO_TARGET_DIR/debug/jiedu" --db "$WORK/demo.db" demo >/dev/null

if [ -z "${DISPLAY:-}" ]; then
  Xvfb :97 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB=$!
  trap 'kill $XVFB 2>/dev/null; rm -rf "$WORK"' EXIT
  export DISPLAY=:97
  sleep 1
fi

# PSS in kB of a process and all its descendants.
pss_tree() {
  local total=0 pid
  for pid in $(descendants "$1"); do
    local kb
    kb=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
  done
  echo "$total"
}

descendants() {
  echo "$1"
  local child
  for child in $(pgrep -P "$1" || true); do descendants "$child"; done
}

now_ms() { date +%s%3N; }

stop() {
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# Starts the app, prints "first_paint_ms pss_kb".
measure_app() {
  local log="$WORK/app.log" start pid ms
  : >"$log"
  start=$(now_ms)
  JIEDU_STARTUP_TRACE=1 JIEDU_DB="$WORK/demo.db" JIEDU_OUT="$WORK/out" "$APP" 2>"$log" &
  pid=$!
  for _ in $(seq 1 300); do
    grep -q '^jiedu-first-paint-ms' "$log" && break
    sleep 0.02
  done
  ms=$(( $(now_ms) - start ))
  grep -q '^jiedu-first-paint-ms' "$log" || ms=-1
  sleep 10
  echo "$ms $(pss_tree "$pid")"
  stop "$pid"
}

# Starts the bare window, prints "ready_ms pss_kb" (ready: its web process exists). Extra
# arguments are environment settings, e.g. the renderer choice the app makes for itself.
measure_bare() {
  local start pid ms=-1
  start=$(now_ms)
  env "$@" "$BARE" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    if descendants "$pid" | xargs -r -n1 -I{} cat /proc/{}/comm 2>/dev/null | grep -q WebKitWebProces; then
      ms=$(( $(now_ms) - start ))
      break
    fi
    sleep 0.02
  done
  sleep 10
  echo "$ms $(pss_tree "$pid")"
  stop "$pid"
}

echo "==> 测量 measuring ($RUNS runs each, alternating)"
app_ms=(); app_kb=(); bare_ms=(); bare_kb=(); same_kb=()
for i in $(seq 1 "$RUNS"); do
  read -r ms kb < <(measure_app)
  if [ "$ms" -lt 0 ]; then
    echo "错误：第 $i 次启动，应用在 6 秒内没有报告首次绘制（空白窗口？），不给出数字。" >&2
    echo "Error: run $i: the app never reported its first paint within 6 s (a blank window?); no figures." >&2
    sed 's/^/  app: /' "$WORK/app.log" >&2
    exit 1
  fi
  app_ms+=("$ms"); app_kb+=("$kb")
  read -r ms kb < <(measure_bare); bare_ms+=("$ms"); bare_kb+=("$kb")
  read -r _ kb < <(measure_bare WEBKIT_DISABLE_DMABUF_RENDERER=1); same_kb+=("$kb")
  echo "  run $i: app first paint ${app_ms[-1]} ms, PSS $((app_kb[-1] / 1024)) MiB; bare window up ${bare_ms[-1]} ms, PSS $((bare_kb[-1] / 1024)) MiB (same renderer as the app: $((same_kb[-1] / 1024)) MiB)"
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
am=$(median "${app_ms[@]}"); ak=$(median "${app_kb[@]}")
bm=$(median "${bare_ms[@]}"); bk=$(median "${bare_kb[@]}")
echo
echo "应用首次绘制 app cold start to first paint (median): ${am} ms   (goal < 1500 ms)"
echo "空白窗口就绪 bare window up (median):                ${bm} ms"
echo "应用空闲内存 app idle PSS (median):   $((ak / 1024)) MiB"
echo "空白窗口内存 bare idle PSS (median):  $((bk / 1024)) MiB"
sk=$(median "${same_kb[@]}")
echo "同渲染设置的空白窗口 bare, app's renderer setting:  $((sk / 1024)) MiB"
awk -v a="$ak" -v b="$bk" 'BEGIN { printf "内存比 memory ratio app / bare window as Tauri makes it: %.2f   (goal ≤ 1.20)\n", a / b }'
awk -v a="$ak" -v b="$sk" 'BEGIN { printf "内存比 memory ratio app / bare window with the same renderer: %.2f\n", a / b }'
