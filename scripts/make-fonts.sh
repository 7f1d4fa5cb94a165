#!/usr/bin/env bash
# Regenerates the bundled font subsets in resources/fonts/ from their upstream sources.
# Not part of set-up: the subsets are committed. Needs: Debian fonts-noto-cjk,
# fonts-lxgw-wenkai and texlive-lang-chinese; PyPI fonttools; npm @expo-google-fonts/noto-serif-sc.
set -euo pipefail
cd "$(dirname "$0")/.."
out=resources/fonts
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The character set: all of GB 2312 (6,763 hanzi + 682 symbols), ASCII, and the punctuation and
# symbols official documents use that GB 2312 lacks.
python3 - "$work/charset.txt" <<'PY'
import sys
chars = set(chr(c) for c in range(0x20, 0x7f))
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
chars.update("〔〕〇—–‘’“”…·•●○■□▲△★☆※→←↑↓×÷±≤≥≠≈∞℃‰％＋－＝＜＞｛｝［］｜～﹏·‧「」『』〈〉《》【】〖〗︰﹔ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width ASCII forms
chars.discard("\x7f")
open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(chars)))
print(f"charset: {len(chars)} characters")
PY

subset() { # source face-index target
  pyftsubset "$1" --font-number="$2" --text-file="$work/charset.txt" --no-hinting \
    --layout-features='*' --name-IDs='*' --output-file="$3"
  echo "$3: $(du -k "$3" | cut -f1) KiB"
}

npm_dir="$work/npm"
mkdir -p "$npm_dir"
(cd "$npm_dir" && npm pack --silent @expo-google-fonts/noto-serif-sc >/dev/null && tar xzf ./*.tgz)

subset "$npm_dir/package/700Bold/NotoSerifSC_700Bold.ttf" 0 "$out/title-NotoSerifSC-Bold.ttf"
# The Song face of the folios (— 1 —): ASCII, the dashes and full-width digits only.
python3 -c "print(''.join(chr(c) for c in range(0x20, 0x7f)) + '—–－０１２３４５６７８９·')" > "$work/folio.txt"
pyftsubset "$npm_dir/package/400Regular/NotoSerifSC_400Regular.ttf" --text-file="$work/folio.txt" \
  --no-hinting --layout-features='' --name-IDs='*' --output-file="$out/song-NotoSerifSC-Regular.ttf"
subset /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc 2 "$out/hei-NotoSansSC-Regular.otf"
subset /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc 2 "$out/hei-NotoSansSC-Bold.otf"
subset "$(fc-list | grep -i 'LXGWWenKai-Regular' | cut -d: -f1 | head -1)" 0 "$out/kai-LXGWWenKai-Regular.ttf"
subset "$(kpsewhich FandolFang-Regular.otf)" 0 "$out/fang-FandolFang-Regular.otf"
