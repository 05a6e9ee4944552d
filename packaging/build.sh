#!/usr/bin/env bash
# Build the standalone kiosk: ./packaging/build.sh [--onefile]
# Output: dist/kiosk/ (one folder, the default: it starts faster) or dist/kiosk (one file),
# and dist/SHA256SUMS for IT staff to check the copy they install.
set -euo pipefail
cd "$(dirname "$0")/.."
./dev.sh test --co -q > /dev/null  # the project's venv, Debian packages and pins, as for the tests
.venv/bin/pip install -q -c requirements.lock -e ".[build]"
if [[ "${1:-}" == "--onefile" ]]; then export KIOSK_ONEFILE=1; fi
rm -rf dist build/pyinstaller
.venv/bin/pyinstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/kiosk.spec
(cd dist && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum > SHA256SUMS)
echo "built: $(du -sh dist | cut -f1) in dist/; checksums in dist/SHA256SUMS"
