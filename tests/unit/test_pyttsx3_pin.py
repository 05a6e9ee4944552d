"""Guards the pyttsx3 pin: the kiosk reaches into pyttsx3's private parts (all of them in
kiosk/speech/espeak.py), so an upgrade that renames or moves any of them must fail here, by
name, not as silence on a patient's screen."""

from __future__ import annotations

import inspect
import re
from importlib.metadata import version
from pathlib import Path

from kiosk.speech import espeak

PINNED = "2.99"


def test_the_installed_pyttsx3_is_the_pinned_one():
    assert version("pyttsx3") == PINNED
    assert f'"pyttsx3=={PINNED}"' in (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()


def test_every_private_part_the_kiosk_uses_is_still_there():
    espeak.load_library()  # the kiosk's own libespeak-ng first, as the kiosk does, before pyttsx3 loads one
    import pyttsx3
    from pyttsx3.drivers import espeak as espeak_driver

    engine_source = inspect.getsource(pyttsx3.engine.Engine)
    assert "self._inLoop" in engine_source
    assert "self.proxy = " in engine_source
    assert "self._driver" in inspect.getsource(pyttsx3.driver.DriverProxy)
    driver = espeak_driver.EspeakDriver
    assert callable(driver._onSynth) and hasattr(driver, "_moduleInitialized") and callable(driver.endLoop)
    driver_source = inspect.getsource(driver)
    for attribute in ("_stopping", "_data_buffer", "_speaking", "_proxy"):
        assert f"self.{attribute}" in driver_source, attribute
    from pyttsx3.drivers import _espeak

    assert callable(_espeak.IsPlaying)


def test_no_private_pyttsx3_access_outside_espeak_py():
    """Everything else goes through kiosk/speech/espeak.py's functions."""
    kiosk = Path(espeak.__file__).resolve().parent.parent
    private = re.compile(r"\.proxy\._driver|engine\._inLoop|driver\)?\._stopping\b|EspeakDriver\._")
    offenders = [str(path.relative_to(kiosk.parent)) for path in kiosk.rglob("*.py")
                 if path.name != "espeak.py" and private.search(path.read_text("utf-8"))]
    assert offenders == []
