#!/usr/bin/env bash
# Build the standalone kiosk:  ./packaging/build.sh [--onefile] [--out DIR]
# Output (DIR, default dist/): kiosk/ (one folder, the default: it starts faster) or kiosk
# (one file), and SHA256SUMS for IT staff to check the copy they install. For the folder the
# paths are relative to it and a copy goes inside, so `cd <installed folder> && sha256sum -c
# SHA256SUMS` works.
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist
while [[ $# -gt 0 ]]; do
  case "$1" in
    --onefile) export KIOSK_ONEFILE=1 ;;
    --out) out=$2; shift ;;
    *) echo "usage: ./packaging/build.sh [--onefile] [--out DIR]" >&2; exit 64 ;;
  esac
  shift
done
./dev.sh setup  # the project's venv, Debian packages and pins, as for the tests
.venv/bin/pip install -q --disable-pip-version-check -c requirements.lock -e ".[build]"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out/kiosk" "$out/SHA256SUMS"
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath "$out" --workpath "$work" packaging/kiosk.spec
if [[ -d "$out/kiosk" ]]; then
  (cd "$out/kiosk" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum > ../SHA256SUMS)
  cp "$out/SHA256SUMS" "$out/kiosk/SHA256SUMS"
else
  (cd "$out" && sha256sum kiosk > SHA256SUMS)
fi
echo "built: $(du -sh "$out/kiosk" | cut -f1) in $out/kiosk; checksums in $out/SHA256SUMS"
