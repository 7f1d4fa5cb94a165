#!/usr/bin/env python3
"""Check PDFs against PDF/A-2u and PDF/UA-1 with the offline validator `page-validation`.

    pdfa-check.py FILE.pdf [FILE.pdf ...]

Prints every failed rule with its message; exit code 1 when any file fails either profile, 2 on
bad arguments. Run it with the project's venv: $JIEDU_PYTOOLS_PYTHON (scripts/setup.sh).
"""
import sys
from pathlib import Path

import page

PROFILES = (("2u", "PDF/A-2u"), ("ua1", "PDF/UA-1"))


def main(paths):
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        if not Path(path).is_file():
            print(f"错误：找不到 {path}\nError: {path} not found", file=sys.stderr)
            return 2
        for profile, label in PROFILES:
            report = page.validate_pdf(path, profile=profile)
            if report.is_compliant:
                print(f"  ✓ {path}: {label}")
                continue
            failed += 1
            print(f"  ✗ {path}: 不符合 {label} fails {label} ({len(report.failures)} failures)")
            for f in report.failures[:20]:
                print(f"      {f.rule_id}: {f.message}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
