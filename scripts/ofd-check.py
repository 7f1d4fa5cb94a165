#!/usr/bin/env python3
"""Check a written OFD (GB/T 33190-2016) against its schemas and against the PDF of the same pack.

    ofd-check.py FILE.ofd FILE.pdf XSD_DIR OUT_DIR

1. Every XML part of the package is validated with `xmllint --schema` against the XSD of its
   root element (XSD_DIR holds the vendored schemas, crates/render/tests/ofd-xsd).
2. Each page's text, read with ofdkit, must equal the same page's text in the PDF, read with
   pdfplumber, once all whitespace is removed (the two readers break lines differently).
3. When easyofd is installed, each page is drawn to OUT_DIR/ofd-N.png (N from 1) for a look.

Run it with the project's venv: $JIEDU_PYTOOLS_PYTHON (scripts/setup.sh, ensure_pytools).
Exit code 1 when any check fails, 2 on bad arguments.
"""
import contextlib
import io
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
import warnings
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

OFD_NS = "http://www.ofdspec.org/2016"

# Schema by root element. Parts are matched on their root, not their path, because every
# ST_Loc is the producer's choice: Content.xml of a page and of a template page both have
# <ofd:Page>, and PublicRes.xml and DocumentRes.xml both have <ofd:Res>.
SCHEMA_OF_ROOT = {
    "OFD": "OFD.xsd",
    "Document": "Document.xsd",
    "Res": "Res.xsd",
    "Page": "Page.xsd",
    "Annotations": "Annotations.xsd",
    "PageAnnot": "Annotation.xsd",
    "CustomTags": "CustomTags.xsd",
    "Attachments": "Attachments.xsd",
    "Extensions": "Extensions.xsd",
    "Signatures": "Signatures.xsd",
    "Signature": "Signature.xsd",
    "DocVersion": "Version.xsd",
}

# easyofd draws every glyph in the one face registered as "宋体" and silently drops the text when
# there is none (it looks for Windows' simsun.ttc). Any TrueType font with the document's
# characters will do; reportlab, which easyofd draws with, cannot read CFF (.otf) outlines.
REPO = Path(__file__).resolve().parent.parent
RENDER_FONT = Path(os.environ.get("OFD_CHECK_FONT", REPO / "resources/fonts/kai-LXGWWenKai-Regular.ttf"))
# easyofd's PDF has 200/25.4 points per millimetre, so a zoom of 1 rasterises at 200 dpi.
RENDER_DPI = 150


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self, message):
        self.passed += 1
        print(f"  ✓ {message}")

    def fail(self, message, detail=""):
        self.failed += 1
        print(f"  ✗ {message}")
        for line in detail.splitlines():
            print(f"      {line}")


def unzip(ofd_path, into):
    """Extract the package; refuse entries that would land outside `into`."""
    names = []
    with zipfile.ZipFile(ofd_path) as z:
        for info in z.infolist():
            name = posixpath.normpath(info.filename.replace("\\", "/"))
            if name.startswith(("/", "../")) or name == "..":
                raise ValueError(f"unsafe entry {info.filename!r}")
            if info.is_dir():
                continue
            target = Path(into, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(z.read(info))
            names.append(name)
    return names


def check_schemas(root_dir, names, xsd_dir, checks):
    print("==> XSD 校验 schema validation (xmllint)")
    if not Path(xsd_dir, "OFD.xsd").is_file():
        # The published schemas come from a public repository that this one may not copy
        # (crates/render/tests/ofd-xsd/README.md says where they are and how to get them).
        print(f"  · 跳过：{xsd_dir} 中没有 OFD 模式文件 skipped: no OFD schemas in {xsd_dir} (see crates/render/tests/ofd-xsd/README.md)")
        return
    if "OFD.xml" not in names:
        checks.fail("包根目录缺少 OFD.xml: OFD.xml is missing from the package root")
    by_schema = {}
    for name in sorted(n for n in names if n.lower().endswith(".xml")):
        try:
            root = ET.parse(Path(root_dir, name)).getroot()
        except ET.ParseError as e:
            checks.fail(f"{name}: XML 格式错误 not well-formed XML", str(e))
            continue
        ns, _, local = root.tag[1:].partition("}") if root.tag.startswith("{") else ("", "", root.tag)
        if ns != OFD_NS:
            if local in SCHEMA_OF_ROOT:
                checks.fail(f"{name}: <{local}> 不在 OFD 命名空间 not in namespace {OFD_NS} (got {ns or 'none'})")
            else:
                # Custom tag files and extension data are in the producer's own namespace.
                print(f"  · {name}: <{local}> 非 OFD 命名空间, 无标准模式 in {ns or 'no namespace'}, no standard schema, skipped")
            continue
        if local not in SCHEMA_OF_ROOT:
            checks.fail(f"{name}: 未知根元素 unknown root element <ofd:{local}>")
            continue
        by_schema.setdefault(SCHEMA_OF_ROOT[local], []).append(name)

    for xsd, parts in sorted(by_schema.items()):
        schema = Path(xsd_dir, xsd).resolve()
        if not schema.is_file():
            checks.fail(f"缺少模式文件 missing schema {schema}")
            continue
        # One xmllint run per schema: compiling a schema costs more than validating a page.
        run = subprocess.run(
            ["xmllint", "--noout", "--schema", str(schema), *parts],
            cwd=root_dir, capture_output=True, text=True,
        )
        report = run.stderr.splitlines()
        for part in parts:
            if f"{part} validates" in report:
                checks.ok(f"{part} ({xsd})")
            else:
                errors = [l for l in report if l.startswith(part + ":")] or report[-5:]
                checks.fail(f"{part}: 不符合 {xsd} fails {xsd}", "\n".join(errors[:8]))


def squeeze(text):
    return "".join(text.split())


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def check_text(ofd_path, pdf_path, checks):
    import ofdkit
    import pdfplumber

    print("==> 逐页文字比对 text per page, OFD (ofdkit) vs PDF (pdfplumber), whitespace removed")
    try:
        with ofdkit.open(ofd_path) as doc:
            ofd_pages = [page.text() for page in doc.pages]
            for warning in doc.warnings:
                print(f"  · ofdkit: {warning}")
    except ofdkit.OFDError as e:
        checks.fail("ofdkit 无法读取 ofdkit cannot read the OFD", str(e))
        return None
    try:
        with pdfplumber.open(pdf_path) as pdf:
            # ofdkit drops text drawn twice at one spot (fake bold); pdfplumber's dedupe does the same.
            # Both readers order text by position, line by line; where their clustering differs
            # (a big figure and its smaller unit on one line), check_text compares characters.
            pdf_pages = [page.dedupe_chars().extract_text() or "" for page in pdf.pages]
    except Exception as e:  # pdfminer raises many unrelated types on a broken file
        checks.fail("pdfplumber 无法读取 pdfplumber cannot read the PDF", repr(e))
        return len(ofd_pages)
    if len(ofd_pages) != len(pdf_pages):
        checks.fail(f"页数不同 page counts differ: OFD {len(ofd_pages)}, PDF {len(pdf_pages)}")
    for n, (o, p) in enumerate(zip(ofd_pages, pdf_pages), start=1):
        o, p = squeeze(o), squeeze(p)
        if o == p:
            checks.ok(f"第 {n} 页文字一致 page {n} text matches ({len(o)} chars)")
            continue
        if sorted(o) == sorted(p):
            # The same characters, read in another order: the two readers cluster a line of
            # mixed sizes (a big figure and its unit) differently. check_positions shows that
            # every glyph is where the PDF has it.
            i = first_difference(o, p)
            checks.ok(
                f"第 {n} 页文字一致，阅读顺序不同 page {n}: the same {len(o)} characters; the readers order them differently from char {i} "
                f"(OFD …{o[max(0, i - 4):i + 8]}… PDF …{p[max(0, i - 4):i + 8]}…)"
            )
            continue
        i = first_difference(o, p)
        checks.fail(
            f"第 {n} 页文字不同 page {n} text differs at char {i} (OFD {len(o)} chars, PDF {len(p)})",
            f"OFD: …{o[max(0, i - 10):i + 20]}…\nPDF: …{p[max(0, i - 10):i + 20]}…",
        )
    return len(ofd_pages)


MM = 25.4 / 72


def ofd_glyphs(parts_dir):
    """Every glyph of every page as (char, x, baseline y) in mm, from the package's own XML:
    each TextCode's X, Y and DeltaX within its object's Boundary. Rotated runs (a CTM) are
    counted but not placed."""
    q = lambda tag: f"{{{OFD_NS}}}{tag}"
    doc = ET.parse(Path(parts_dir, "Doc_0/Document.xml")).getroot()
    pages, rotated = [], 0
    for page in doc.iter(q("Page")):
        content = ET.parse(Path(parts_dir, "Doc_0", page.get("BaseLoc"))).getroot()
        glyphs = []
        for obj in content.iter(q("TextObject")):
            if obj.get("CTM"):
                rotated += sum(len(c.text or "") for c in obj.iter(q("TextCode")))
                continue
            bx, by = (float(v) for v in obj.get("Boundary").split()[:2])
            for code in obj.iter(q("TextCode")):
                deltas = [float(v) for v in (code.get("DeltaX") or "").split()]
                x, y = float(code.get("X")), float(code.get("Y"))
                for i, ch in enumerate(code.text or ""):
                    if not ch.isspace():
                        glyphs.append((ch, bx + x, by + y))
                    if i < len(deltas):
                        x += deltas[i]
        pages.append(glyphs)
    return pages, rotated


def check_positions(parts_dir, pdf_path, checks):
    import pdfplumber

    print("==> 逐字位置比对 every glyph's position, OFD vs PDF (within 0.1 mm)")
    pages, rotated = ofd_glyphs(parts_dir)
    with pdfplumber.open(pdf_path) as pdf:
        for n, (glyphs, page) in enumerate(zip(pages, pdf.pages), start=1):
            placed = {}
            for c in page.chars:
                # The glyph origin from the text matrix: x, and the baseline from the top.
                m = c["matrix"]
                placed.setdefault(c["text"], []).append((m[4] * MM, (float(page.height) - m[5]) * MM))
            worst, missing = 0.0, []
            for ch, x, y in glyphs:
                near = min((max(abs(x - px), abs(y - py)) for px, py in placed.get(ch, [])), default=None)
                if near is None or near > 0.1:
                    missing.append(f"{ch}@({x:.2f},{y:.2f})" + ("" if near is None else f" off {near:.2f} mm"))
                else:
                    worst = max(worst, near)
            if missing:
                checks.fail(f"第 {n} 页 {len(missing)} 个字位置不符 page {n}: {len(missing)} of {len(glyphs)} glyphs are not where the PDF has them",
                            ", ".join(missing[:6]))
            else:
                checks.ok(f"第 {n} 页 {len(glyphs)} 个字位置一致 page {n}: {len(glyphs)} glyphs placed as in the PDF (worst {worst:.3f} mm)")
    if rotated:
        print(f"  · {rotated} 个旋转排列的字未比对位置 rotated glyphs not compared by position")


def render_pages(ofd_path, out_dir, page_count, checks):
    print("==> 渲染页面 drawing pages with easyofd")
    try:
        # loguru (easyofd's logger) prints a line per font at import; keep the report readable.
        from loguru import logger

        logger.remove()
        # easyofd still imports PyMuPDF by its old name, which warns.
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            import easyofd
        import pymupdf
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
    except ImportError as e:
        print(f"  · 未安装 easyofd, 跳过渲染 easyofd is not installed ({e.name}), no pictures drawn")
        return
    if not RENDER_FONT.is_file():
        checks.fail(f"缺少渲染字体 render font missing: {RENDER_FONT} (set OFD_CHECK_FONT)")
        return
    pdfmetrics.registerFont(TTFont("宋体", str(RENDER_FONT)))

    # easyofd writes the package and the embedded fonts into the working directory under fixed
    # names, then deletes what it wrote, and removes the directory named by its path up to the
    # first "." (shutil.rmtree). So it runs in a fresh directory whose path has no dot.
    work = tempfile.mkdtemp(prefix="ofdcheck_", dir="/tmp")
    if "." in work:
        checks.fail(f"临时目录路径含点 temp dir path has a dot, easyofd would delete the wrong folder: {work}")
        return
    cwd = os.getcwd()
    try:
        os.chdir(work)
        with contextlib.redirect_stdout(io.StringIO()):
            reader = easyofd.OFD()
            reader.read(str(Path(cwd, ofd_path)), fmt="path")
            pdf_bytes = reader.to_pdf()
    except Exception as e:  # easyofd raises whatever its parser hits
        checks.fail("easyofd 无法读取 easyofd cannot read the file", repr(e))
        return
    finally:
        os.chdir(cwd)
        shutil.rmtree(work, ignore_errors=True)

    drawn = pymupdf.open(stream=pdf_bytes, filetype="pdf")
    if page_count is not None and drawn.page_count != page_count:
        # easyofd numbers pages by the first digits in each page's BaseLoc (Pages/Page_0/...).
        checks.fail(f"easyofd 画出 {drawn.page_count} 页 drew {drawn.page_count} pages, expected {page_count}")
    zoom = RENDER_DPI / 200
    for n, page in enumerate(drawn, start=1):
        target = Path(out_dir, f"ofd-{n}.png")
        page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False).save(str(target))
        print(f"  · {target}")


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    ofd_path, pdf_path, xsd_dir, out_dir = argv
    for path in (ofd_path, pdf_path):
        if not Path(path).is_file():
            print(f"错误：找不到 {path}\nError: {path} not found", file=sys.stderr)
            return 2
    if shutil.which("xmllint") is None:
        print("错误：缺少 xmllint (apt-get install libxml2-utils)\nError: xmllint is missing", file=sys.stderr)
        return 2
    Path(out_dir).mkdir(parents=True, exist_ok=True)

    checks = Checks()
    with tempfile.TemporaryDirectory(prefix="ofd-parts-") as parts_dir:
        try:
            names = unzip(ofd_path, parts_dir)
        except (zipfile.BadZipFile, ValueError) as e:
            checks.fail(f"{ofd_path}: 不是可读的 OFD 包 not a readable OFD package", str(e))
            names = None
        if names is not None:
            check_schemas(parts_dir, names, xsd_dir, checks)
            check_positions(parts_dir, pdf_path, checks)
    if names is not None:
        page_count = check_text(ofd_path, pdf_path, checks)
        render_pages(ofd_path, out_dir, page_count, checks)
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
