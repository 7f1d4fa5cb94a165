#!/usr/bin/env bash
# Checks a Jiedu-signed PDF with two independent verifiers: poppler's pdfsig (NSS) and pyHanko.
#
#   scripts/check-pdf-signature.sh SIGNED.pdf CA.pem
#
# Exits 0 only if both accept the signature as valid, trusted and covering the whole file.
# pdfsig exits 0 even for a broken signature, so its output is parsed instead.
#
# Needs: pdfsig (poppler-utils), certutil (libnss3-tools), and a Python with pyhanko installed;
# set PYHANKO_PYTHON to that interpreter (default: python3), e.g. a venv's bin/python.
# Make the inputs with: cargo run -p jiedu-pades --example sign_demo -- DIR
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 SIGNED.pdf CA.pem" >&2
    exit 2
fi
pdf=$1
ca=$2
python=${PYHANKO_PYTHON:-python3}
for tool in pdfsig certutil "$python"; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

# pdfsig trusts only what is in its NSS database, so build one holding just the office CA.
certutil -N -d "sql:$work" --empty-password
certutil -A -d "sql:$work" -n jiedu-office-ca -t "CT,C,C" -a -i "$ca"

echo "==> pdfsig"
pdfsig_out=$(pdfsig -nssdir "sql:$work" "$pdf" 2>&1)
echo "$pdfsig_out"
for expected in "Signature is Valid." "Certificate is Trusted." "Total document signed"; do
    if ! grep -qF -- "$expected" <<<"$pdfsig_out"; then
        echo "FAIL pdfsig: missing \"$expected\""
        status=1
    fi
done
if grep -qF "Not total document signed" <<<"$pdfsig_out"; then
    echo "FAIL pdfsig: the signature does not cover the whole file"
    status=1
fi

echo "==> pyHanko"
# --trust-replace: trust only the office CA, not the operating system's roots.
pyhanko_out=$("$python" -m pyhanko sign validate --trust "$ca" --trust-replace --pretty-print "$pdf" 2>&1)
pyhanko_rc=$?
echo "$pyhanko_out"
for expected in "The signature is cryptographically sound." "The signer's certificate is trusted." \
    "The signature covers the entire file." "The signature is judged VALID."; do
    if ! grep -qF -- "$expected" <<<"$pyhanko_out"; then
        echo "FAIL pyHanko: missing \"$expected\""
        status=1
    fi
done
if [ "$pyhanko_rc" -ne 0 ]; then
    echo "FAIL pyHanko: exit code $pyhanko_rc"
    status=1
fi

if [ "$status" -eq 0 ]; then
    echo "==> OK: pdfsig and pyHanko accept $pdf"
else
    echo "==> REJECTED: $pdf"
fi
exit "$status"
