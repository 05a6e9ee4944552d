"""The site's settings file: defaults, every setting, and one clear line for each mistake."""

from __future__ import annotations

import pytest

from kiosk.config import Config, ConfigError, LanguageSettings, load_config
from kiosk.i18n.languages import LANGUAGES


def write(tmp_path, text: str):
    path = tmp_path / "kiosk.toml"
    path.write_text(text, "utf-8")
    return path


def test_no_file_means_the_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "absent.toml"))
    config = load_config()
    assert config == Config() and config.languages.offer == LANGUAGES and not config.languages.hide_unreviewed


def test_every_language_setting(tmp_path):
    path = write(tmp_path, '[languages]\noffer = ["en", "es", "ar"]\nhide_unreviewed = true\nstart = "es"\n')
    assert load_config(path).languages == LanguageSettings(("en", "es", "ar"), True, "es")


def test_the_environment_names_the_file(tmp_path, monkeypatch):
    path = write(tmp_path, '[languages]\nhide_unreviewed = true\n')
    monkeypatch.setenv("KIOSK_CONFIG", str(path))
    assert load_config().languages.hide_unreviewed and load_config().file == path


@pytest.mark.parametrize("text,line,place,fix", [
    ('[languages]\noffer = ["en", "xx"]\n', 2, "languages.offer", "use codes from"),
    ('[languages]\n\nhide_unreviewed = "yes"\n', 3, "languages.hide_unreviewed", "no quotes"),
    ('[languages]\nstart = "fr"\noffer = ["en", "es"]\n', 2, "languages.start", "pick one from `offer`"),
    ('[languages]\nshow = 1\n', 2, "languages.show", "use one of"),
    ('[screen]\nx = 1\n', None, "screen", "the known section is [languages]"),
    ('[languages\n', 1, "", "check the quotes and brackets"),
])
def test_mistakes_are_named_in_one_line(tmp_path, text, line, place, fix):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    error = caught.value
    assert (error.line, error.place) == (line, place)
    message = str(error)
    assert message.startswith(f"{path}:{line}:" if line else f"{path}:") and fix in message and "\n" not in message


def test_a_named_file_that_is_missing_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.toml")
