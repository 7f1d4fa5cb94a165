#!/usr/bin/env bash
# Images, audio and video, checked on what users get: the release CLI adds a PNG, a JPEG, an MP3
# and an MP4 (made here with ffmpeg) to the demo's draft pack, and refuses a PNG renamed .mp4, a
# truncated JPEG and a 3 GB sparse file by name with nothing stored. The pack is then signed and
# released, and the files are looked for in every output: the PDF (pdfimages, pdftotext, PDF/A-2u
# and PDF/UA-1, the PAdES signature, its media pages as PNG in DIR), the OFD, the media kit
# (originals, WeChat and Weibo JPEGs, manifest, the 一图读懂) and the portal package, whose
# <video> and <audio> must play in Chromium. Last, one stored file's bytes are changed in the
# database and `jiedu audit --verify` must fail naming it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_apt_packages
ensure_pytools
ensure_portal_check
DIR="${1:-test-artifacts/media}"
cargo build --quiet --release -p jiedu-cli
J="$CARGO_TARGET_DIR/release/jiedu"
PY="$JIEDU_PYTOOLS_PYTHON"
rm -rf "$DIR" && mkdir -p "$DIR/files"
export JIEDU_DB="$DIR/demo.sqlite" JIEDU_PINS="$DIR/pins.json"
unset JIEDU_SERVER
"$J" demo >/dev/null
failures=0
fail() { echo "  ✗ $*"; failures=$((failures + 1)); }
ok() { echo "  ✓ $*"; }
unpack() { rm -rf "$2" && mkdir -p "$2" && "$PY" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$1" "$2"; }
F="$DIR/files"
ff() { ffmpeg -nostdin -loglevel error -y "$@"; }

echo "==> 样例文件 sample files (ffmpeg)"
ff -f lavfi -i testsrc=size=1200x800:duration=1 -frames:v 1 "$F/流程图.png"
ff -f lavfi -i mandelbrot=size=1600x1000 -frames:v 1 -q:v 3 "$F/发布会现场.jpg"
ff -f lavfi -i sine=frequency=440:duration=3 -c:a libmp3lame -b:a 64k "$F/吹风会录音.mp3"
ff -f lavfi -i testsrc=size=640x360:rate=25:duration=3 -f lavfi -i sine=duration=3 \
  -c:v libx264 -pix_fmt yuv420p -c:a aac -shortest -movflags +faststart "$F/一分钟看懂.mp4"
ls -l "$F" | tail -n +2 | awk '{print "  " $5 " bytes  " $9}'

export JIEDU_PASSPHRASE=jiedu-demo
echo "==> jiedu media add: 四个文件加入 seed-openness four files into the demo's draft pack"
"$J" --as zhang.wei media add seed-openness "$F/流程图.png" --caption "政务公开办理流程" \
  --alt "流程图：公开申请从受理、审查到答复的五个环节" --credit "办公厅供图" --long-image >/dev/null
"$J" --as zhang.wei media add seed-openness "$F/发布会现场.jpg" --caption "新闻发布会现场" \
  --alt "发布会现场，发言人在台上介绍实施意见" --credit "摄影：王明" >/dev/null
"$J" --as zhang.wei media add seed-openness "$F/吹风会录音.mp3" --caption "政策吹风会录音" >/dev/null
"$J" --as zhang.wei media add seed-openness "$F/一分钟看懂.mp4" --caption "一分钟看懂实施意见" \
  --credit "市政府新闻办" >/dev/null
"$J" --json show seed-openness >"$DIR/pack.json"
added="$("$PY" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["content"]["materials"]["images"]))' "$DIR/pack.json")"
[ "$added" = 4 ] && ok "4 files in the pack" || fail "the pack holds $added files, not 4"

echo "==> 拒收 refused by name, nothing stored"
blobs() { "$PY" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute("select count(*) from media_blobs").fetchone()[0], c.execute("select count(*) from media_chunks").fetchone()[0])' "$JIEDU_DB"; }
before="$(blobs)"
cp "$F/流程图.png" "$F/改名的图片.mp4"
head -c 20000 "$F/发布会现场.jpg" >"$F/截断的照片.jpg"
truncate -s 3G "$F/超大视频.mp4"
for bad in 改名的图片.mp4 截断的照片.jpg 超大视频.mp4; do
  if "$J" --as zhang.wei media add seed-openness "$F/$bad" >"$DIR/refused.txt" 2>&1; then
    fail "$bad was accepted"
  elif grep -q "$bad" "$DIR/refused.txt"; then
    ok "$bad: $(grep -m1 "$bad" "$DIR/refused.txt" | cut -c1-110)"
  else
    fail "$bad refused without naming it: $(head -c 300 "$DIR/refused.txt")"
  fi
done
rm -f "$F/超大视频.mp4"
after="$(blobs)"
[ "$before" = "$after" ] && ok "store unchanged (blobs, chunks: $after)" || fail "the store changed: $before → $after"

echo "==> 审签与发布 signed and released"
"$J" --as zhang.wei submit seed-openness >/dev/null
"$J" --as li.hua sign seed-openness >/dev/null
"$J" --as chen.jing deploy seed-openness --channels 门户网站 --portal "$DIR/portal" >/dev/null
"$J" export pdf seed-openness --out "$DIR/pack.pdf" >/dev/null
"$J" export ofd seed-openness --out "$DIR/pack.ofd" >/dev/null
"$J" --as chen.jing export kit seed-openness --out "$DIR/kit.zip" >/dev/null 2>&1
unset JIEDU_PASSPHRASE

echo "==> PDF: 图片、题注、音视频占位 images, captions, audio/video placeholders"
pdfimages -list "$DIR/pack.pdf" >"$DIR/pdfimages.txt"
images="$(tail -n +3 "$DIR/pdfimages.txt" | awk '$3 == "image"' | wc -l)"
[ "$images" -ge 2 ] && ok "$images images embedded: $(tail -n +3 "$DIR/pdfimages.txt" | awk '$3 == "image" {printf "%sx%s %s; ", $4, $5, $9}')" \
  || fail "$images images in the PDF, expected 2"
pdftotext -raw "$DIR/pack.pdf" "$DIR/pack.txt"
# Compared without white space: the text extraction puts spaces of its own between grid cells.
"$PY" -c 'import re,sys; print(re.sub(r"[\s\u3000]+", "", open(sys.argv[1], encoding="utf-8").read()))' "$DIR/pack.txt" >"$DIR/pack.flat.txt"
for want in "图1政务公开办理流程（办公厅供图）" "图2新闻发布会现场（摄影：王明）" "【音频】政策吹风会录音" \
  "【视频】一分钟看懂实施意见" "时长0:03" "media.html#m4"; do
  grep -qF "$want" "$DIR/pack.flat.txt" && ok "text: $want" || fail "the PDF's text lacks “$want”"
done
# The pages of the media section, for a look.
first="$("$PY" - "$DIR/pack.pdf" <<'PYEOF'
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for i, page in enumerate(pdf.pages, 1):
        if page.images:
            print(i); break
PYEOF
)"
if [ -n "$first" ]; then
  pdftoppm -png -r 80 -f "$first" -l $((first + 1)) "$DIR/pack.pdf" "$DIR/media-page"
  ok "media pages from page $first: $(ls "$DIR"/media-page-*.png | xargs -n1 basename | tr '\n' ' ')"
else
  fail "pdfplumber finds no page with an image"
fi
"$PY" scripts/pdfa-check.py "$DIR/pack.pdf" || failures=$((failures + 1))
pdfsig "$DIR/pack.pdf" 2>&1 | grep -q "Signature is Valid" && ok "pdfsig: the PAdES signature is valid" \
  || fail "pdfsig does not find a valid signature"
"$PY" scripts/ofd-check.py "$DIR/pack.ofd" "$DIR/pack.pdf" crates/render/tests/ofd-xsd "$DIR/ofd-pages" >"$DIR/ofd-check.txt" 2>&1 \
  && ok "OFD: $(tail -n 1 "$DIR/ofd-check.txt")" || fail "the OFD fails scripts/ofd-check.py ($DIR/ofd-check.txt)"
unzip -l "$DIR/pack.ofd" | grep -q "Res/image_" && ok "OFD carries the images" || fail "the OFD has no image resource"

echo "==> 媒体包 media kit: originals, WeChat and Weibo versions, manifest"
"$J" verify "$DIR/kit.zip" >/dev/null && ok "jiedu verify: the kit verifies" || fail "the kit does not verify"
unpack "$DIR/kit.zip" "$DIR/kit"
"$PY" - "$DIR/kit" "$DIR/pack.json" <<'PYEOF' || failures=$((failures + 1))
import hashlib, json, os, sys
from PIL import Image
kit, pack = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
m = json.load(open(f"{kit}/manifest.json", encoding="utf-8"))
refs = pack["content"]["materials"]["images"]
bad = []
if [e["id"] for e in m.get("media", [])] != [r["id"] for r in refs]:
    bad.append(f"manifest media {[e['id'] for e in m.get('media', [])]} ≠ pack {[r['id'] for r in refs]}")
listed = {f["name"] for f in m["files"]}
for e in m.get("media", []):
    ref = next(r for r in refs if r["id"] == e["id"])
    data = open(f"{kit}/{e['original']}", "rb").read()
    if hashlib.sha256(data).hexdigest() != ref["sha256"]: bad.append(f"{e['original']}: not the stored bytes")
    for name in filter(None, [e["original"], e["wechat"], e["weibo"]]):
        if name not in listed: bad.append(f"{name} not in the manifest's files")
    if e["kind"] == "image":
        w = Image.open(f"{kit}/{e['wechat']}"); size = os.path.getsize(f"{kit}/{e['wechat']}")
        if w.format != "JPEG" or w.width > 1080 or size >= 1_000_000: bad.append(f"{e['wechat']}: {w.format} {w.size} {size} B")
        b = Image.open(f"{kit}/{e['weibo']}"); bsize = os.path.getsize(f"{kit}/{e['weibo']}")
        if b.format != "JPEG" or max(b.size) > 2048 or bsize >= 5_000_000: bad.append(f"{e['weibo']}: {b.format} {b.size} {bsize} B")
        print(f"  ✓ {e['id']} {e['original']}: WeChat {w.size[0]}×{w.size[1]} {size // 1024} KB, Weibo {b.size[0]}×{b.size[1]} {bsize // 1024} KB")
    else:
        print(f"  ✓ {e['id']} {e['original']}: {e['kind']}, {e['duration_ms']} ms")
long = Image.open(f"{kit}/yitu-dudong.png")
print(f"  ✓ yitu-dudong.png {long.size[0]}×{long.size[1]}")
if bad: print("  ✗ " + "\n  ✗ ".join(bad)); sys.exit(1)
PYEOF

echo "==> 门户发布包 portal package in Chromium: images decode, the MP4 and MP3 play"
unpack "$DIR/portal/seed-openness.portal.zip" "$DIR/portal-unpacked"
node scripts/portal-check/check-portal.mjs "$DIR/portal-unpacked" --screenshots "$DIR/screenshots" >"$DIR/portal-check.txt" 2>&1 \
  || fail "the package fails the browser check ($DIR/portal-check.txt)"
grep -E "plays: media.html" -A1 "$DIR/portal-check.txt" | sed 's/^/  /'
grep -q "✓ 播放 plays: media.html <video>" "$DIR/portal-check.txt" || fail "no <video> of media.html played"
grep -q "✓ 播放 plays: media.html <audio>" "$DIR/portal-check.txt" || fail "no <audio> of media.html played"
tail -n 1 "$DIR/portal-check.txt" | sed 's/^/  /'

echo "==> 签名覆盖文件 a stored file's bytes changed: audit --verify names it"
"$J" audit --verify >"$DIR/verify-before.txt" 2>&1 && ok "intact store verifies" || fail "the intact store does not verify ($DIR/verify-before.txt)"
"$PY" - "$JIEDU_DB" <<'PYEOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
key = c.execute("select chunks_key from media_blobs where format = 'mp4'").fetchone()[0]
data = bytearray(c.execute("select data from media_chunks where chunks_key = ? and seq = 0", (key,)).fetchone()[0])
data[len(data) // 2] ^= 0xFF
c.execute("update media_chunks set data = ? where chunks_key = ? and seq = 0", (bytes(data), key))
c.commit()
PYEOF
if "$J" audit --verify >"$DIR/verify-after.txt" 2>&1; then
  fail "audit --verify passes after a stored file changed"
elif grep -q "一分钟看懂.mp4" "$DIR/verify-after.txt"; then
  ok "$(grep -m1 "一分钟看懂.mp4" "$DIR/verify-after.txt" | sed 's/^✗ //' | cut -c1-120)"
else
  fail "audit --verify fails but does not name 一分钟看懂.mp4: $(head -c 400 "$DIR/verify-after.txt")"
fi

echo "$failures failed"
[ "$failures" -eq 0 ]
