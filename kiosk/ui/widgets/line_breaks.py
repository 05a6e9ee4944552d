"""Where a line of text may break, by Unicode's rules (UAX #14) through Qt.

Splitting on spaces is wrong for Chinese (no spaces; a line may break between most
characters) and right for Korean only by luck; Qt's boundary finder knows every script.
"""

from __future__ import annotations

from PySide6.QtCore import QTextBoundaryFinder


def unbreakable_runs(text: str) -> list[str]:
    """The pieces of `text` that cannot be split across lines ("words" in any script)."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    runs, start = [], 0
    position = finder.toNextBoundary()
    while position != -1:
        runs.append(text[start:position].strip())
        start = position
        position = finder.toNextBoundary()
    return [run for run in runs if run]
