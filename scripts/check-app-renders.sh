#!/usr/bin/env bash
# Starts a built desktop app on a demo database under a display (a private Xvfb when there is
# none) and checks that its UI renders: the page reports its first paint (JIEDU_STARTUP_TRACE),
# and a screenshot of the window is not one flat colour. Exits non-zero, saying why, otherwise.
#
#   scripts/check-app-renders.sh APP CLI [SCREENSHOT.png]
#
# APP is the jiedu-app binary and CLI the jiedu command that makes the demo database; with
# JIEDU_RESOURCES set, the CLI finds its fonts there (as the .deb's wrapper does).
set -euo pipefail
APP="$1"
CLI="$2"
SHOT="${3:-$(mktemp --suffix=.png)}"
WAIT_S="${WAIT_S:-30}"
MIN_COLOURS=32

WORK="$(mktemp -d)"
APP_PID=""
XVFB_PID=""
# Keeps the script's own exit status: the app, stopped with SIGTERM, would otherwise set it.
cleanup() {
  local status=$?
  if [ -n "$APP_PID" ]; then kill -TERM "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT

fail() {
  echo "错误：$1" >&2
  echo "Error: $2" >&2
  [ -s "$WORK/app.log" ] && sed 's/^/  app: /' "$WORK/app.log" >&2
  exit 1
}

"$APP" --check-ui >/dev/null || fail "$APP 内嵌的界面文件不完整。" "$APP embeds a damaged UI."
"$CLI" --db "$WORK/demo.db" demo >/dev/null || fail "无法创建演示数据库。" "could not create the demo database with $CLI."

if [ -z "${DISPLAY:-}" ]; then
  for n in $(seq 90 130); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || break
  done
  Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB_PID=$!
  export DISPLAY=":$n"
  for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
fi

# A fresh webview profile, so that nothing kept from an earlier start changes what renders.
XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" XDG_CACHE_HOME="$WORK/cache" \
  JIEDU_STARTUP_TRACE=1 JIEDU_DB="$WORK/demo.db" JIEDU_OUT="$WORK/out" \
  "$APP" 2>"$WORK/app.log" &
APP_PID=$!
for _ in $(seq 1 $((WAIT_S * 10))); do
  grep -q '^jiedu-first-paint-ms' "$WORK/app.log" && break
  kill -0 "$APP_PID" 2>/dev/null || fail "应用启动后退出了。" "the app exited during start-up."
  sleep 0.1
done
grep -q '^jiedu-first-paint-ms' "$WORK/app.log" \
  || fail "应用在 ${WAIT_S} 秒内没有显示界面（空白窗口）。" "the app showed no UI within ${WAIT_S} s (a blank window)."
sleep 1
import -window root "$SHOT"
COLOURS="$(identify -format '%k' "$SHOT")"
[ "$COLOURS" -ge "$MIN_COLOURS" ] \
  || fail "截图只有 $COLOURS 种颜色，界面没有渲染：$SHOT" "the screenshot has only $COLOURS colours; the UI did not render: $SHOT"
echo "界面已渲染 the app renders: $(grep -m1 '^jiedu-first-paint-ms' "$WORK/app.log" | cut -d' ' -f2) ms to first paint, $COLOURS colours in $SHOT"
