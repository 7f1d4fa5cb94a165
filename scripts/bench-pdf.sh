#!/usr/bin/env bash
# Benchmark: the same ~100-page Chinese policy text as a Jiedu PDF and as a Typst document with
# the same fonts, both timed as whole processes (median of RUNS), with file sizes and the ratio.
# Installs Typst from PyPI when it is missing. Not a test: timings are never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
RUNS="${RUNS:-7}"
REPEAT="${REPEAT:-16}"
work="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$work"

ensure_pytools
PY="$JIEDU_PYTOOLS_PYTHON"
echo "==> building the Jiedu side (release)"
cargo build --quiet --release -p jiedu-render --example pack_pdf
JIEDU="$CARGO_TARGET_DIR/release/examples/pack_pdf"

# The bench content: the demo policy's sections repeated REPEAT times, policy text only, so both
# documents carry the same text. Typst gets the same fonts and the GB/T 9704 page set-up.
python3 - "$work" "$REPEAT" <<'PY'
import json, sys
work, repeat = sys.argv[1], int(sys.argv[2])
pack = json.load(open("resources/demo/seed-pack.json"))
policy = pack["content"]["policy"]
policy["sections"] = policy["sections"] * repeat
pack["content"]["plan"] = None
pack["content"]["materials"] = {}
json.dump(pack, open(f"{work}/bench-pack.json", "w"), ensure_ascii=False)

def esc(t):
    for c in "\\#*_`$<>@[]=-+/~":
        t = t.replace(c, "\\" + c)
    return t
fonts = {"l1": "Noto Sans CJK SC", "l2": "LXGW WenKai", "l3": "FandolFang", "l4": "FandolFang"}
out = [
    '#set page(paper: "a4", margin: (top: 37mm, left: 28mm, right: 26mm, bottom: 35mm),',
    '  footer: context [#set text(size: 14pt); #let n = counter(page).get().first(); #if calc.odd(n) [#h(1fr) — #n — #h(1em)] else [#h(1em) — #n — #h(1fr)]])',
    '#set text(font: ("FandolFang",), size: 16pt, lang: "zh", region: "cn")',
    '#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 13pt, spacing: 13pt)',
    f'#align(center)[#text(font: "Noto Serif SC", size: 22pt)[{esc(policy["title"])}]]',
    '',
]
for p in policy["preamble"]:
    out.append(esc(p)); out.append("")
for s in policy["sections"]:
    head = esc(s["number"] + s["heading"])
    body = [esc(p) for p in s["paragraphs"]]
    if s["level"] != "l1" and s["heading"].endswith("。") and body:
        out.append(f'#text(font: "{fonts[s["level"]]}")[{head}]{body[0]}')
        body = body[1:]
    else:
        out.append(f'#text(font: "{fonts[s["level"]]}")[{head}]')
    out.append("")
    for b in body:
        out.append(b); out.append("")
open(f"{work}/bench.typ", "w").write("\n".join(out))
PY

time_runs() { # command... ; prints the median wall time in seconds
  python3 - "$RUNS" "$@" <<'PY'
import subprocess, sys, time, statistics
runs, cmd = int(sys.argv[1]), sys.argv[2:]
times = []
for _ in range(runs):
    t = time.perf_counter(); subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL); times.append(time.perf_counter() - t)
print(f"{statistics.median(times):.3f}")
PY
}

fonts_dir="$PWD/resources/fonts"
typst_cmd=("$PY" -c "import typst,sys; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]])" "$work/bench.typ" "$work/typst.pdf" "$fonts_dir")
"$JIEDU" "$work/bench-pack.json" "$work/jiedu.pdf" 2>/dev/null
"${typst_cmd[@]}"
jiedu_pages=$(pdfinfo "$work/jiedu.pdf" | awk '/^Pages:/ {print $2}')
typst_pages=$(pdfinfo "$work/typst.pdf" | awk '/^Pages:/ {print $2}')
# The two processes alternate, run by run, so that a slow moment of the machine hits both.
read -r jiedu_t typst_t < <(python3 - "$RUNS" "$work" "$JIEDU" "${typst_cmd[@]}" <<'PY'
import subprocess, sys, time, statistics
runs, work, jiedu, typst = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
a, b = [], []
for _ in range(runs):
    for cmd, out in (([jiedu, f"{work}/bench-pack.json", f"{work}/jiedu.pdf"], a), (typst, b)):
        t = time.perf_counter(); subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL); out.append(time.perf_counter() - t)
print(f"{statistics.median(a):.3f} {statistics.median(b):.3f}")
PY
)
jiedu_b=$(stat -c %s "$work/jiedu.pdf"); typst_b=$(stat -c %s "$work/typst.pdf")
echo
printf '%-8s %8s %8s %12s\n' "" pages "median s" bytes
printf '%-8s %8s %8s %12s\n' jiedu "$jiedu_pages" "$jiedu_t" "$jiedu_b"
printf '%-8s %8s %8s %12s\n' typst "$typst_pages" "$typst_t" "$typst_b"
python3 -c "import sys; j,t,jb,tb=map(float,sys.argv[1:]); print(f'Typst/Jiedu time ratio: {t/j:.2f}x   size ratio Jiedu/Typst: {jb/tb:.2f}')" "$jiedu_t" "$typst_t" "$jiedu_b" "$typst_b"
echo "files in $work"

# Jiedu alone on the demo's other shapes: 20 charts (the gallery's kinds, repeated; vector) and a
# forwarding notice whose attachment is a regulation on pages of its own.
python3 - "$work" <<'PY'
import json, sys
pack = json.load(open("resources/demo/chart-gallery-pack.json"))
charts = pack["content"]["materials"]["charts"]
pack["content"]["materials"]["charts"] = (charts * 3)[:20]
json.dump(pack, open(f"{sys.argv[1]}/bench-20-charts.json", "w"), ensure_ascii=False)
PY
for f in "$work/bench-20-charts.json" resources/demo/gongwen/gongwen-forwarding-notice.json; do
  n=$(basename "$f" .json)
  t=$(time_runs "$JIEDU" "$f" "$work/$n.pdf")
  printf '%-34s %4s pages %8s s %10s bytes\n' "$n" "$(pdfinfo "$work/$n.pdf" | awk '/^Pages:/ {print $2}')" "$t" "$(stat -c %s "$work/$n.pdf")"
done
