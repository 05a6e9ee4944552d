"""Read-aloud: synthesis to WAV files in a worker thread, playback and word timing in the GUI thread.

The screens use `ReadAloud` (kiosk/speech/service.py); `kiosk --check` uses
`voice_report` (kiosk/speech/diagnostics.py). No widgets here: QtCore and QtMultimedia only.
"""

from __future__ import annotations

__all__ = ["ReadAloud", "voice_report"]


def __getattr__(name: str):
    # Lazy, so that `kiosk.speech.types` can be imported without loading QtMultimedia.
    if name == "ReadAloud":
        from kiosk.speech.service import ReadAloud

        return ReadAloud
    if name == "voice_report":
        from kiosk.speech.diagnostics import voice_report

        return voice_report
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
