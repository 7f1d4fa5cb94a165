#!/usr/bin/env bash
# Publication, checked on what users get: the release CLI makes the demo, exports the released
# pack's portal package, and Debian's Chromium (driven by playwright-core, with axe-core) opens
# every page: links both ways, no script, nothing from outside, no serious accessibility finding,
# readable at 375 and 1280 px (screenshots in DIR). Then a changed file must fail `jiedu verify`,
# repealing the policy through the demo's other pack must regenerate the old package with 废止 and
# the link, `jiedu deadlines` must show one overdue and one due item, and the annual figures'
# xlsx must read back (openpyxl) with the JSON report's numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_apt_packages
ensure_pytools
ensure_portal_check
DIR="${1:-test-artifacts/portal}"
cargo build --quiet --release -p jiedu-cli
J="$CARGO_TARGET_DIR/release/jiedu"
PY="$JIEDU_PYTOOLS_PYTHON"
rm -rf "$DIR" && mkdir -p "$DIR"
export JIEDU_DB="$DIR/demo.sqlite" JIEDU_PINS="$DIR/pins.json"
unset JIEDU_SERVER
"$J" demo >/dev/null
failures=0
fail() { echo "  ✗ $*"; failures=$((failures + 1)); }
unpack() { rm -rf "$2" && mkdir -p "$2" && "$PY" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$1" "$2"; }

echo "==> 门户发布包 portal package of the released pack, in Chromium (links, no script, axe-core, 375/1280 px)"
"$J" export portal seed-openness-released --out "$DIR/released.portal.zip" >/dev/null
unpack "$DIR/released.portal.zip" "$DIR/released"
node scripts/portal-check/check-portal.mjs "$DIR/released" --screenshots "$DIR/screenshots" | tail -n 1 \
  || fail "the released pack's package fails the browser check (run node scripts/portal-check/check-portal.mjs $DIR/released)"

echo "==> 清单校验 a changed file is named by jiedu verify"
"$J" verify "$DIR/released.portal.zip" >/dev/null || fail "the intact package does not verify"
"$PY" - "$DIR/released.portal.zip" "$DIR/tampered.zip" <<'PYEOF'
import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w")
for info in src.infolist():
    data = src.read(info)
    if info.filename == "interpretation.html":
        data = data.replace("解读".encode(), "解渎".encode(), 1)
    dst.writestr(info, data)
dst.close()
PYEOF
if "$J" verify "$DIR/tampered.zip" >"$DIR/tampered.txt" 2>&1; then
  fail "a changed interpretation.html verifies"
elif grep -q "interpretation.html" "$DIR/tampered.txt"; then
  echo "  ✓ $(grep -m1 interpretation.html "$DIR/tampered.txt" | sed 's/^ *//')"
else
  fail "jiedu verify fails but does not name interpretation.html: $(cat "$DIR/tampered.txt")"
fi

echo "==> 废止 repealing the released policy through the demo's draft pack"
"$J" --json show seed-openness >"$DIR/seed.json"
TODAY="$(TZ=Asia/Shanghai date +%F)"
"$PY" - "$DIR/seed.json" "$TODAY" <<'PYEOF'
import json, sys
path, today = sys.argv[1], sys.argv[2]
pack = json.load(open(path, encoding="utf-8"))
policy = pack["content"]["policy"]
policy["title"] = "关于废止《关于全面推进政务公开工作的实施意见》并重新印发的通知"
policy["supersedes"] = [{"pack_id": "seed-openness-released", "kind": "repeal", "effective_on": today}]
json.dump(pack, open(path, "w", encoding="utf-8"), ensure_ascii=False)
PYEOF
export JIEDU_PASSPHRASE=jiedu-demo
"$J" --as zhang.wei save seed-openness --from "$DIR/seed.json" >/dev/null
"$J" --as zhang.wei submit seed-openness >/dev/null
"$J" --as li.hua sign seed-openness >/dev/null
"$J" --as chen.jing deploy seed-openness --channels 门户网站 --portal "$DIR/after-repeal" >/dev/null
unset JIEDU_PASSPHRASE
unpack "$DIR/after-repeal/seed-openness-released.portal.zip" "$DIR/repealed"
unpack "$DIR/after-repeal/seed-openness.portal.zip" "$DIR/repealing"
"$PY" - "$DIR/repealed" "$TODAY" <<'PYEOF' || failures=$((failures + 1))
import html, json, sys
d, today = sys.argv[1], sys.argv[2]
m = json.load(open(f"{d}/manifest.json", encoding="utf-8"))
page = html.unescape(open(f"{d}/policy.html", encoding="utf-8").read())
problems = []
if m["metadata"]["validity"] != "废止": problems.append(f"有效性 {m['metadata']['validity']}")
if m["metadata"]["repealed_on"] != today: problems.append(f"废止日期 {m['metadata']['repealed_on']}")
if 'href="../seed-openness/policy.html" data-rel="superseded_by"' not in page: problems.append("no link to the repealing pack")
if "<dd>废止</dd>" not in page: problems.append("the page does not show 废止")
if problems: print("  ✗ old package:", "; ".join(problems)); sys.exit(1)
print(f"  ✓ old package: 有效性 废止 from {today}, linked to ../seed-openness/policy.html")
PYEOF
for d in repealed repealing; do
  node scripts/portal-check/check-portal.mjs "$DIR/$d" | tail -n 1 || fail "the $d package fails the browser check"
done

echo "==> 时限 jiedu deadlines on the demo"
"$J" --db "$DIR/fresh.sqlite" demo >/dev/null
"$J" --db "$DIR/fresh.sqlite" --json deadlines >"$DIR/deadlines.json"
"$PY" - "$DIR/deadlines.json" <<'PYEOF' || failures=$((failures + 1))
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
if (r["overdue"], r["due"]) != (1, 1):
    print(f"  ✗ {r['overdue']} overdue and {r['due']} due, expected 1 and 1"); sys.exit(1)
for d in r["deadlines"]:
    print(f"  ✓ {d['status']}: {d['label']['zh']} {d['due_on']} {d['pack_id']}")
PYEOF

echo "==> 年度统计 the annual figures' xlsx read back with openpyxl"
YEAR="$(TZ=Asia/Shanghai date +%Y)"
"$J" report --year "$YEAR" --format json >"$DIR/report.json"
"$J" report --year "$YEAR" --format xlsx --out "$DIR/report.xlsx" >/dev/null
"$J" report --year "$YEAR" --format csv >"$DIR/report.csv"
"$PY" - "$DIR/report.json" "$DIR/report.xlsx" <<'PYEOF' || failures=$((failures + 1))
import json, sys, openpyxl
report = json.load(open(sys.argv[1], encoding="utf-8"))
book = openpyxl.load_workbook(sys.argv[2])
rows = {r[0]: r for r in book["汇总 Summary"].iter_rows(min_row=2, values_only=True) if r[0]}
figures = [report["released"], report["needing_interpretation"], report["interpreted"], *report["by_form"],
           *report["on_time"], report["concerns"], report["concerns_in_time"]]
bad = []
for f in figures:
    row = rows.get(f["key"])
    if row is None or row[3] != f["count"] or (f["total"] is not None and row[4] != f["total"]):
        bad.append(f"{f['key']}: sheet {row}, report {f['count']}/{f['total']}")
items = sum(1 for r in book["明细 Items"].iter_rows(min_row=2, values_only=True) if r[0])
want = sum(len(f["items"]) for f in figures)
if items != want: bad.append(f"明细 has {items} rows, the report {want} items")
if bad: print("  ✗ " + "\n  ✗ ".join(bad)); sys.exit(1)
i = report["interpreted"]
print(f"  ✓ {len(figures)} figures and {items} items match; 已解读 {i['count']}/{i['total']}")
PYEOF

echo "$failures failed"
[ "$failures" -eq 0 ]
