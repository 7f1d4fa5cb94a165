#!/usr/bin/env bash
# Writes NN-slug.docx next to every real document NN-slug.txt of the corpus, with LibreOffice's
# own text import and Word export, so that the tests read .docx files a real word processor
# wrote from the same text. CI does not run this: the .docx files are committed.
# Needs LibreOffice: apt-get install -y --no-install-recommends libreoffice-writer-nogui
set -euo pipefail
cd "$(dirname "$0")"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for txt in [0-9][0-9]-*.txt; do
  case "$txt" in *.pdftext.txt) continue ;; esac
  # A private profile, so that a running LibreOffice or a first-start dialog cannot interfere.
  soffice --headless -env:UserInstallation="file://$out/profile" \
    --infilter="Text (encoded):UTF8,LF,,," \
    --convert-to docx:"MS Word 2007 XML" --outdir "$out" "$txt" >/dev/null
  mv "$out/${txt%.txt}.docx" "${txt%.txt}.docx"
done
echo "wrote $(ls [0-9][0-9]-*.docx | wc -l) .docx files in $(pwd)"
