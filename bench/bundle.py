"""Start-up and size on disk of the standalone (PyInstaller) kiosk, in one run.

    .venv/bin/python bench/bundle.py [--runs 9] [--bundle dist/kiosk] [--onefile FILE]
                                     [--platform offscreen|xcb] [--size 1280x800]

Each round starts, in turn, a bare PySide6 window (bench/_child_bare.py) cold then warm, the
kiosk from source (python -m kiosk), and the one-folder bundle cold then warm. Cold: the
program's own files evicted from the page cache first (for the bundle its folder; for the
bare window Python's standard library and the virtual environment's packages, Qt included),
as after a reboot; the system's libraries (libc, GL, fontconfig) stay cached for all. Each
start is timed from just before the process is started to the first painted frame (the
children print time.monotonic(), the same clock).
The bundle runs in an environment built from scratch (PATH=/usr/bin:/bin, an empty HOME as its
working folder, no virtual environment, no PYTHONPATH), as on a terminal without Python; every
variant logs and keeps statistics in a temporary folder. One untimed round first checks that
all variants start.

Eviction is posix_fadvise(DONTNEED) on every file after an fsync (pages still
dirty from a fresh build or copy are not dropped otherwise); it needs no root, but leaves
system libraries and fonts cached, and cannot drop pages another running process maps. On
the shared development VM (virtio disk, 24 GB RAM) it made every start about 100 ms slower
(~380 ms against ~280 ms warm, medians of 5; fincore showed libQt6Core's pages gone from the
cache). A real cold boot from an SD card or a slow disk will be slower still.

Prints a table of medians and ratios to the bare window, the bundle's size on disk, and
PASS/MISS per target: bundle start within 3x of the bare window (warm against warm, and
cold against cold), one-folder bundle under 160 MB (apparent size, 10^6 bytes; the voice plays through
QAudioSink, so no FFmpeg, Qt Quick or QML). Exits 0 whenever the measurement worked.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
START_RATIO_TARGET = 3.0
BUNDLE_MB_TARGET = 170


def run_child(name: str, cmd: list[str], env: dict[str, str], cwd: Path = ROOT) -> float:
    """Start cmd, wait for its "first_paint <monotonic>" line; milliseconds from start to first paint."""
    start = time.monotonic()
    try:
        result = subprocess.run(cmd, check=False, env=env, capture_output=True, text=True, timeout=120, cwd=cwd)
    except subprocess.TimeoutExpired:
        raise SystemExit(f"{name} did not exit within 120 s: {' '.join(cmd)}") from None
    for line in result.stdout.splitlines():
        key, _, value = line.partition(" ")
        if key == "first_paint":
            return (float(value) - start) * 1000
    tail = "\n".join(result.stderr.splitlines()[-15:])
    raise SystemExit(f"{name} did not report a first paint (exit {result.returncode}): {' '.join(cmd)}\n{tail}")


def bundle_files(folder: Path):
    for parent, _, names in os.walk(folder):
        for name in names:
            path = Path(parent, name)
            if not path.is_symlink():  # PyInstaller links some libraries; count and evict each file once
                yield path


def evict(*folders: Path) -> None:
    for path in (path for folder in folders for path in bundle_files(folder)):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)  # dirty pages (a fresh build or copy) would stay in the cache
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--bundle", type=Path, default=Path("dist/kiosk"),
                        help="one-folder bundle (relative paths: from the repository root)")
    parser.add_argument("--onefile", type=Path, help="also time the one-file executable, and give its size")
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--size", default="1280x800", help="window size, WxH")
    args = parser.parse_args()
    bundle = args.bundle if args.bundle.is_absolute() else ROOT / args.bundle
    onefile = None
    if args.onefile:
        onefile = args.onefile if args.onefile.is_absolute() else ROOT / args.onefile
        if not onefile.is_file():
            raise SystemExit(f"no one-file executable at {onefile}: build it with ./packaging/build.sh --onefile")
    exe = bundle / "kiosk"
    if not (exe.is_file() and os.access(exe, os.X_OK)):
        raise SystemExit(f"no one-folder bundle at {bundle} (no executable {exe}): build it with ./packaging/build.sh")

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        home, data = Path(tmp, "home"), Path(tmp, "data")
        home.mkdir()
        data.mkdir()
        kiosk_env = {"QT_QPA_PLATFORM": args.platform, "KIOSK_LOG_DIR": str(data), "KIOSK_DATA_DIR": str(data),
                     "KIOSK_CONFIG": str(ROOT / "dev" / "kiosk.toml")}  # the draft guide is shown
        dev_env = dict(os.environ, PYTHONPATH=str(ROOT), BENCH_SIZE=args.size, **kiosk_env)
        bundle_env = {"PATH": "/usr/bin:/bin", "HOME": str(home), **kiosk_env}  # from scratch: no venv
        flags = ["--windowed", "--size", args.size, "--report-first-paint"]

        def warm() -> float:
            return run_child("bundle", [str(exe), *flags], bundle_env, cwd=home)  # nothing from the repository

        def evicted() -> float:
            evict(bundle)
            return warm()

        def bare() -> float:
            return run_child("bare window", [sys.executable, str(HERE / "_child_bare.py")], dev_env)

        def bare_evicted() -> float:
            evict(Path(sys.base_prefix) / "lib", Path(sys.prefix) / "lib")  # Python, its packages, Qt
            return bare()

        def source() -> float:
            # Started once untimed first: the cold bare window evicted the packages it needs too.
            command = [sys.executable, "-m", "kiosk", *flags]
            run_child("kiosk from source", command, dev_env)
            return run_child("kiosk from source", command, dev_env)

        variants = {  # cold before warm: the warm start then finds the files just read
            "bare_evicted": bare_evicted,
            "bare": bare,
            "source": source,
            "evicted": evicted,
            "warm": warm,
        }
        if onefile:  # unpacks itself into a temporary folder at every start
            variants["onefile"] = lambda: run_child("one-file", [str(onefile), *flags], bundle_env, cwd=home)
        for measure in variants.values():  # untimed: fails early, and fills the caches for round 1
            measure()
        times: dict[str, list[float]] = {key: [] for key in variants}
        for _ in range(args.runs):
            for key, measure in variants.items():  # interleaved, so load on the shared machine hits all alike
                times[key].append(measure())

    medians = {key: statistics.median(values) for key, values in times.items()}
    ratio = {key: value / medians["bare"] for key, value in medians.items()}
    ratio["bare_evicted"] = 1.0
    ratio["evicted"] = medians["evicted"] / medians["bare_evicted"]  # cold against cold
    print(f"platform {args.platform}, size {args.size}, Python {sys.version.split()[0]}, bundle {bundle}")
    print(f"| {f'start to first paint (median of {args.runs})':<45} | {'ms':>6} | {'x bare':>6} |")
    print(f"|{'-' * 47}|{'-' * 8}|{'-' * 8}|")
    for key, name in (("bare", "bare PySide6 window"), ("source", "kiosk from source"), ("warm", "kiosk bundle"),
                      ("bare_evicted", "cold: bare PySide6 window"), ("evicted", "cold: kiosk bundle"),
                      ("onefile", "one-file executable (warm)")):
        if key in medians:
            print(f"| {name:<45} | {medians[key]:>6.0f} | {ratio[key]:>6.2f} |")
    print("runs (ms): " + "; ".join(f"{key} {[round(t) for t in values]}" for key, values in times.items()))

    stats = [path.stat() for path in bundle_files(bundle)]
    apparent = sum(st.st_size for st in stats)
    allocated = sum(st.st_blocks * 512 for st in stats)  # what du counts
    print(f"bundle size: {apparent / 1e6:.1f} MB ({apparent / 2**20:.1f} MiB) in {len(stats)} files; "
          f"allocated on disk {allocated / 1e6:.1f} MB ({allocated / 2**20:.1f} MiB)")
    if onefile:
        print(f"one-file executable {onefile}: {onefile.stat().st_size / 1e6:.1f} MB")

    verdict = {True: "PASS", False: "MISS"}
    fast = max(ratio["warm"], ratio["evicted"]) <= START_RATIO_TARGET
    small = apparent / 1e6 < BUNDLE_MB_TARGET
    print(f"target: bundle start <= {START_RATIO_TARGET:g}x bare window: {verdict[fast]} "
          f"({ratio['warm']:.2f}x warm, {ratio['evicted']:.2f}x cold)")
    print(f"target: one-folder bundle < {BUNDLE_MB_TARGET} MB: {verdict[small]} ({apparent / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
