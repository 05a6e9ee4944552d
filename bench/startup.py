"""Start-up time and memory of the kiosk against a bare PySide6 window, in one run.

    .venv/bin/python bench/startup.py [--runs 9] [--platform offscreen|xcb]

Each run starts a fresh process and measures from just before it is started to the
first painted frame of the welcome screen (for the baseline: of one QLabel), on the
same machine, alternating the two so load on this shared machine hits both alike. The kiosk's
modules are byte-compiled first, as installed and bundled copies are.
Memory is PSS (proportional set size, from /proc) at first paint and, for the kiosk,
after visiting every screen at every text size and both themes. Prints a table of
medians; targets (docs/standards.md): start within 2.5x of the bare window, PSS <= 120 MB.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
START_RATIO_TARGET = 2.5
PSS_TARGET_MB = 120


def run_child(script: str, env_extra: dict[str, str]) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), **env_extra)
    start = time.monotonic()
    result = subprocess.run([sys.executable, str(HERE / script)], env=env, capture_output=True,
                            text=True, timeout=120, cwd=ROOT)
    values = {}
    for line in result.stdout.splitlines():
        key, _, value = line.partition(" ")
        if key in ("first_paint", "pss_first_kb", "pss_visited_kb"):
            values[key] = float(value)
    if "first_paint" not in values:
        raise SystemExit(f"{script} did not report a first paint (exit {result.returncode}):\n{result.stderr}")
    values["start_ms"] = (values.pop("first_paint") - start) * 1000
    return values


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args()
    env = {"QT_QPA_PLATFORM": args.platform, "BENCH_SIZE": "1280x800"}
    # The kiosk's own modules byte-compiled first, as the bundle and any installed copy have them
    # (PySide6, like every installed package, already is). Where PYTHONDONTWRITEBYTECODE is set
    # (this machine's environment) a development checkout would otherwise compile its source at
    # every start, and the bench would time the compiler.
    compileall.compile_dir(ROOT / "kiosk", quiet=1)

    bare, kiosk = [], []
    for _ in range(args.runs):
        bare.append(run_child("_child_bare.py", env))
        kiosk.append(run_child("_child_kiosk.py", env))
    visited = run_child("_child_kiosk.py", dict(env, BENCH_VISIT="1"))

    def median(rows, key):
        return statistics.median(row[key] for row in rows)

    bare_ms, kiosk_ms = median(bare, "start_ms"), median(kiosk, "start_ms")
    ratio = kiosk_ms / bare_ms
    pss_visited = visited["pss_visited_kb"] / 1024
    rows = [
        ("start to first paint, median ms", f"{bare_ms:.0f}", f"{kiosk_ms:.0f}", f"{ratio:.2f}x",
         f"<= {START_RATIO_TARGET}x", ratio <= START_RATIO_TARGET),
        ("PSS at first paint, MB", f"{median(bare, 'pss_first_kb') / 1024:.1f}",
         f"{median(kiosk, 'pss_first_kb') / 1024:.1f}", "", "", True),
        ("PSS after every screen, MB", "", f"{pss_visited:.1f}", "", f"<= {PSS_TARGET_MB}",
         pss_visited <= PSS_TARGET_MB),
    ]
    print(f"platform {args.platform}, {args.runs} runs each, Python {sys.version.split()[0]}")
    print(f"| {'measure':<32} | {'bare PySide6':>12} | {'kiosk':>8} | {'ratio':>6} | {'target':>8} | ok  |")
    print(f"|{'-' * 34}|{'-' * 14}|{'-' * 10}|{'-' * 8}|{'-' * 10}|-----|")
    for name, base, ours, rel, target, ok in rows:
        print(f"| {name:<32} | {base:>12} | {ours:>8} | {rel:>6} | {target:>8} | {'yes' if ok else 'NO':<3} |")
    spread = [round(r["start_ms"]) for r in kiosk]
    print(f"kiosk start runs (ms): {spread}; bare: {[round(r['start_ms']) for r in bare]}")
    return 0 if all(row[-1] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
