#!/usr/bin/env bash
# Set up everything the kiosk needs on Debian 12, then start it or test it.
#
#   ./dev.sh run [kiosk options]   start the kiosk (full screen; --windowed for a window)
#   ./dev.sh test [pytest options] lint (ruff), then run the whole test suite off-screen (it
#                                  builds and tests the standalone bundle too: tests/e2e/test_bundle.py)
#   ./dev.sh setup                 only the set-up (packaging/build.sh starts with it)
#
# Set-up: the Debian packages Qt needs (installed with apt-get when run as root,
# otherwise the exact apt-get line is printed and the script stops), a virtual
# environment in .venv, and the pinned Python packages. Each step is skipped when
# already done, so the second run starts at once.
set -euo pipefail
cd "$(dirname "$0")"

# Shared libraries PySide6's wheels load (QtGui, the xcb platform plugin) and are not
# on a minimal Debian; found with ldd on the wheel's libraries and plugins.
QT_PACKAGES=(libegl1 libgl1 libopengl0 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3 libglib2.0-0
  libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0
  # Read-aloud: the system's espeak-ng (used where the pinned espeakng-loader copy is not, e.g.
  # arm64; tests/e2e/test_speech_engine.py tests that path), and the libraries QtMultimedia's
  # FFmpeg backend looks for (PipeWire, VA-API) so it starts without complaint.
  libespeak-ng1 espeak-ng-data libpipewire-0.3-0 libva2 libva-x11-2 libva-drm2
  # Printing the card: Qt's print plugin (plugins/printsupport/libcupsprintersupport.so) links libcups.
  libcups2)
# For the tests only: tests/e2e/test_atspi.py runs the kiosk on a private X server, D-Bus session
# and accessibility bus, and drives it over AT-SPI with the system Python's pyatspi. GNU
# gettext's msgmerge updates the translation catalogs (python -m kiosk.i18n update).
# tests/e2e/test_bundle.py runs the bundle under cage as the deployment guide does (cage needs
# Xwayland; Qt's Wayland plugin the two Wayland libraries cage does not bring).
# tests/e2e/test_orca.py runs GNOME Orca on that desktop, speaking through speech-dispatcher's
# espeak-ng module (only recommended by orca, so named here), and presses keys with xdotool.
# tests/e2e/test_card_print.py prints the card through a private CUPS server (cups) to a PDF
# printer (printer-driver-cups-pdf) and reads the PDF back (poppler-utils: pdftotext, pdfinfo).
TEST_PACKAGES=(xvfb dbus at-spi2-core python3-pyatspi gettext cage xwayland libwayland-cursor0 libwayland-egl1 pulseaudio
  pulseaudio-utils orca xdotool speech-dispatcher-espeak-ng cups printer-driver-cups-pdf poppler-utils)
# PyInstaller reads and strips the bundle's libraries with binutils (objdump, readelf, strip).
BUILD_PACKAGES=(binutils)

usage() {
  echo "usage: ./dev.sh run [kiosk options] | ./dev.sh test [pytest options] | ./dev.sh setup" >&2
  exit 64
}

# Another apt or dpkg run (unattended-upgrades, a second terminal) holds dpkg's or apt's lock:
# wait for it, saying so, instead of failing. They are POSIX record locks (what apt and dpkg take).
APT_LOCKS=${DEV_SH_APT_LOCKS:-/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock}
APT_WAIT_S=${DEV_SH_APT_WAIT_S:-900}

dpkg_lock_held() {  # prints the lock held, if any
  # shellcheck disable=SC2086
  python3 - $APT_LOCKS <<'PY'
import fcntl, os, sys
for path in sys.argv[1:]:
    if not os.path.exists(path):
        continue
    with open(path, "a") as lock:
        try:
            fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            print(path)
            sys.exit(0)  # held by another process
sys.exit(1)
PY
}

wait_for_dpkg_lock() {
  local waited=0 held
  while held=$(dpkg_lock_held); do
    if [ $waited -eq 0 ]; then
      echo "dev.sh: another package manager (apt/dpkg) holds $held; waiting for it to finish (up to $APT_WAIT_S s)..." >&2
    fi
    if [ $waited -ge "$APT_WAIT_S" ]; then
      echo "dev.sh: $held is still held after $APT_WAIT_S s; run this again when the other apt/dpkg has finished" >&2
      exit 75
    fi
    sleep 2
    waited=$((waited + 2))
  done
  [ $waited -eq 0 ] || echo "dev.sh: the other package manager has finished; going on" >&2
}

debian_packages() {  # [extra packages]
  command -v dpkg-query >/dev/null || { echo "dev.sh: not a Debian system: install Qt's libraries yourself" >&2; return 0; }
  local wanted=("${QT_PACKAGES[@]}" "$@") missing=()
  python3 -c 'import ensurepip, venv' 2>/dev/null || wanted+=(python3-venv)
  local pkg
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "dev.sh: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    wait_for_dpkg_lock
    # Lock::Timeout too: another run may take the lock between the check and apt-get.
    apt-get -o DPkg::Lock::Timeout=$APT_WAIT_S update -qq
    apt-get -o DPkg::Lock::Timeout=$APT_WAIT_S install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "dev.sh: these Debian packages are missing. Install them, then run this again:" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
}

python_env() {
  local stamp=.venv/.installed
  local want
  want=$(cat pyproject.toml requirements.lock | sha256sum | cut -d' ' -f1)
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "dev.sh: installing Python packages into .venv"
    .venv/bin/python -m pip install -q --disable-pip-version-check -c requirements.lock -e ".[test]"
    echo "$want" > "$stamp"
  fi
}

[ $# -ge 1 ] || usage
command=$1
shift
case "$command" in
  run)
    debian_packages
    python_env
    # Development settings (drafts allowed, fictional numbers) unless a settings file is named.
    if [[ " $* " != *" --config "* && -z "${KIOSK_CONFIG:-}" ]]; then
      echo "dev.sh: using dev/kiosk.toml: drafts shown to patients, fictional numbers (not for a terminal)"
      set -- --config dev/kiosk.toml "$@"
    fi
    exec .venv/bin/kiosk "$@"
    ;;
  setup)
    debian_packages "${TEST_PACKAGES[@]}" "${BUILD_PACKAGES[@]}"
    python_env
    ;;
  wait-for-apt)  # what set-up does before apt-get (tests/unit/test_dev_sh.py)
    wait_for_dpkg_lock
    ;;
  test)
    debian_packages "${TEST_PACKAGES[@]}" "${BUILD_PACKAGES[@]}"
    python_env
    # Lint first ([tool.ruff] in pyproject.toml): a finding fails the run before any test.
    .venv/bin/ruff check --quiet . || { echo "dev.sh: ruff found problems (above); ruff check --fix . mends most" >&2; exit 1; }
    export QT_QPA_PLATFORM=offscreen
    # The slowest tests listed at the end: the suite must stay under 10 minutes on CI. Two
    # processes (the machines it runs on have two cores); the end-to-end tests take their turns
    # on one of them (tests/conftest.py).
    exec .venv/bin/python -m pytest -n 2 --durations=15 "$@"
    ;;
  *) usage ;;
esac
