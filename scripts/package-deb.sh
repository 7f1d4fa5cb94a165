#!/usr/bin/env bash
# Builds the Debian package offline: target/…/jiedu_VERSION_amd64.deb with the desktop app,
# the CLI, the office server (jiedu-server, with a systemd unit and /etc/jiedu/server.env), the
# bundled fonts, the icons and a menu entry.
#
# This is what `cargo tauri build --bundles deb` produces (same paths: /usr/bin/jiedu-app,
# resources under /usr/lib/Jiedu), without needing tauri-cli, whose install takes ~45 min.
# With tauri-cli installed, `cargo tauri build --bundles deb` works too (tauri.conf.json).
# Then it unpacks the package into a temporary root and checks that the app in it renders.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_apt_packages
ensure_rust
ensure_ui_built

VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
ARCH="$(dpkg --print-architecture)"
build_release_app
echo "==> 编译 release building jiedu $VERSION"
cargo build --quiet --release -p jiedu-cli -p jiedu-server

ROOT="$(mktemp -d)"
trap 'rm -rf "$ROOT"' EXIT
PKG="$ROOT/jiedu"
LIB="$PKG/usr/lib/Jiedu"
install -d "$PKG/DEBIAN" "$PKG/usr/bin" "$LIB/resources/fonts" "$PKG/usr/share/applications"
# Stripped: the symbols would triple the package.
install -s -m 755 "$CARGO_TARGET_DIR/release/jiedu-app" "$PKG/usr/bin/jiedu-app"
install -s -m 755 "$CARGO_TARGET_DIR/release/jiedu" "$LIB/jiedu"
install -s -m 755 "$CARGO_TARGET_DIR/release/jiedu-server" "$PKG/usr/bin/jiedu-server"
# The office server: off until the office configures it (systemctl enable --now jiedu-server).
install -D -m 644 /dev/stdin "$PKG/lib/systemd/system/jiedu-server.service" <<'UNIT'
[Unit]
Description=Jiedu 解读 office server (team mode)
After=network-online.target postgresql.service
Wants=network-online.target

[Service]
Type=simple
User=jiedu
Group=jiedu
EnvironmentFile=/etc/jiedu/server.env
ExecStart=/usr/bin/jiedu-server
Restart=on-failure
RestartSec=2
StateDirectory=jiedu
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
ReadWritePaths=/var/lib/jiedu
PrivateTmp=yes

[Install]
WantedBy=multi-user.target
UNIT
install -D -m 640 /dev/stdin "$PKG/etc/jiedu/server.env" <<'ENV'
# Jiedu office server settings (read by jiedu-server.service).
# The office's PostgreSQL database (see the README, "The Jiedu server").
JIEDU_DB=postgres://jiedu@127.0.0.1:5432/jiedu
# Where desktops connect; use the server's LAN address.
JIEDU_LISTEN=0.0.0.0:8443
# cert.pem, key.pem and ca.pem; made here on first start when empty. Give desktops ca.pem.
JIEDU_TLS_DIR=/var/lib/jiedu/tls
# The URL desktops type, if it is not the listen address (a name, or a load balancer).
#JIEDU_PUBLIC_URL=https://jiedu.example.gov.cn:8443
# pg_dump before each migration goes here.
JIEDU_BACKUP_DIR=/var/lib/jiedu/backups
ENV
install -D -m 755 /dev/stdin "$PKG/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  getent passwd jiedu >/dev/null || adduser --system --group --home /var/lib/jiedu --no-create-home jiedu
  chown root:jiedu /etc/jiedu/server.env
  if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
fi
POSTINST
install -m 644 resources/fonts/* "$LIB/resources/fonts/"
# The CLI finds its fonts through JIEDU_RESOURCES; the app asks Tauri for /usr/lib/Jiedu.
cat >"$PKG/usr/bin/jiedu" <<'SH'
#!/bin/sh
JIEDU_RESOURCES="${JIEDU_RESOURCES:-/usr/lib/Jiedu/resources}" exec /usr/lib/Jiedu/jiedu "$@"
SH
chmod 755 "$PKG/usr/bin/jiedu"
for size in 32x32 128x128; do
  install -D -m 644 "icons/$size.png" "$PKG/usr/share/icons/hicolor/$size/apps/jiedu-app.png"
done
install -D -m 644 "icons/128x128@2x.png" "$PKG/usr/share/icons/hicolor/256x256@2/apps/jiedu-app.png"
cat >"$PKG/usr/share/applications/Jiedu.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Jiedu 解读
Name[zh_CN]=解读 政策解读包
Comment=政策解读包：同步起草、同步审签、同步部署
Exec=jiedu-app
Icon=jiedu-app
Categories=Office;
Terminal=false
DESKTOP
SIZE_KB="$(du -sk "$PKG/usr" | cut -f1)"
printf '/etc/jiedu/server.env\n' >"$PKG/DEBIAN/conffiles"
cat >"$PKG/DEBIAN/control" <<CONTROL
Package: jiedu
Version: $VERSION
Architecture: $ARCH
Maintainer: Jiedu developers <dev@jiedu.invalid>
Installed-Size: $SIZE_KB
Depends: libwebkit2gtk-4.1-0, libgtk-3-0, fonts-noto-cjk, adduser
Recommends: gstreamer1.0-plugins-good, gstreamer1.0-libav
Suggests: postgresql
Section: misc
Priority: optional
Description: 政策解读包 Policy interpretation packs
 Drafts, checks, signs and deploys a policy together with its interpretation
 (谁起草、谁解读), and exports PDF interpretation packs and media kits.
 Includes jiedu-server, the office server for team mode (systemd unit, off by default).
CONTROL
OUT="$CARGO_TARGET_DIR/jiedu_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group --build "$PKG" "$OUT" >/dev/null
echo "Debian 软件包 package: $OUT ($(du -h "$OUT" | cut -f1))"
dpkg-deb --contents "$OUT" | awk '{print "  " $6}'

echo "==> 检查软件包 checking the package: its app, unpacked, renders under a display"
UNPACKED="$ROOT/unpacked"
dpkg-deb -x "$OUT" "$UNPACKED"
mkdir -p test-artifacts
JIEDU_RESOURCES="$UNPACKED/usr/lib/Jiedu/resources" scripts/check-app-renders.sh \
  "$UNPACKED/usr/bin/jiedu-app" "$UNPACKED/usr/lib/Jiedu/jiedu" "$PWD/test-artifacts/deb-sign-in.png"
