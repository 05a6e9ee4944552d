"""Soak: a long day at the kiosk, compressed. Memory must not creep.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/soak.py [--steps 10000]

Drives the real main window (every screen, the real translator and catalogs, the read-aloud
service on the stand-in synthesiser through the real worker thread, cache and player, the
usage statistics in a real SQLite file) through `--steps` actions: page changes (Next,
Back, topics, Home), language switches and, every 100 steps, an idle reset to the attract
screen and a new session. Reports the process's PSS after a warm-up (baseline, same run)
and at the end, and the time per step. Target (docs/standards.md): growth at most 10 %.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from kiosk.app import create_application
from kiosk.content import load_guide
from kiosk.i18n.languages import LANGUAGES
from kiosk.speech.fake import FakeSynthesizer
from kiosk.speech.service import ReadAloud
from kiosk.stats import UsageStats
from kiosk.ui.main_window import MainWindow
from kiosk.ui.theme import load_fonts

TARGET_GROWTH = 0.10


def pss_mb() -> float:
    with open("/proc/self/smaps_rollup") as rollup:
        for line in rollup:
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    return 0.0


def step(window, rng: random.Random, number: int) -> str:
    nav = window.navigator
    if number % 100 == 99:
        window.session.reset()
        window.session_view.attract.next_language()
        window.session.start_from_attract(window.session_view.attract.current())
        return "reset"
    choice = rng.random()
    if choice < 0.08:
        window.set_language(rng.choice(LANGUAGES))
        return "language"
    if choice < 0.15:
        nav.home()
    elif choice < 0.30:
        nav.open_topic(rng.choice(window.guide.topics).id)
    elif choice < 0.40 and nav.can_go_back():
        nav.back()
    elif nav.can_go_next():
        nav.next()
    else:
        nav.home()
    return "screen"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=10_000)
    args = parser.parse_args()
    create_application()
    load_fonts(everything=True)
    guide = load_guide()
    window = MainWindow(guide, speech=ReadAloud(FakeSynthesizer(ms_per_word=1)))
    window.resize(1920, 1080)
    window.show()
    folder = Path(tempfile.mkdtemp(prefix="kiosk-soak-"))
    stats = UsageStats(folder / "usage.sqlite3")
    window.session.attach_stats(stats)
    window.languages.preload()
    rng = random.Random(1)
    warm_up = max(200, args.steps // 20)
    counts: dict[str, int] = {}
    times: list[float] = []
    baseline = 0.0
    started = time.perf_counter()
    for number in range(args.steps + warm_up):
        begin = time.perf_counter()
        kind = step(window, rng, number)
        QApplication.processEvents()
        if number >= warm_up:
            times.append((time.perf_counter() - begin) * 1000)
            counts[kind] = counts.get(kind, 0) + 1
        if number == warm_up - 1:
            baseline = pss_mb()  # every screen, language and font has been used once by now
    QApplication.processEvents()
    end = pss_mb()
    elapsed = time.perf_counter() - started
    sessions = stats.summary().sessions
    window.speech.shutdown()
    stats.close()
    growth = (end - baseline) / baseline
    print(f"{args.steps} steps after a {warm_up}-step warm-up, {elapsed:.0f} s: "
          + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) + f"; {sessions} sessions recorded\n")
    print(f"{'measure':<34} {'value':>10}")
    print(f"{'PSS after warm-up (baseline), MB':<34} {baseline:10.1f}")
    print(f"{'PSS at the end, MB':<34} {end:10.1f}")
    print(f"{'growth':<34} {growth:10.1%}   target <= {TARGET_GROWTH:.0%}: "
          f"{'met' if growth <= TARGET_GROWTH else 'NOT met'}")
    print(f"{'step time median / max, ms':<34} {statistics.median(times):5.1f} / {max(times):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
