"""A broken guide file is refused with one message: file, line, place, what to do."""

from __future__ import annotations

import io

import pytest

from kiosk import resources
from kiosk.content import ContentError, load_guide

REAL = resources.guide_file("en").read_text(encoding="utf-8")


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1


def replace_once(old: str, new: str, occurrence: int = 1) -> str:
    index = -1
    for _ in range(occurrence):
        index = REAL.index(old, index + 1)
    return REAL[:index] + new + REAL[index + len(old):]


# (case name, broken file text, the text whose line the error must name (or None; a
#  tuple names its n-th occurrence), words the message must contain)
CASES = [
    ("missing heading",
     replace_once('        heading: "How it works"\n', ""),
     '      - id: how-it-works', ["how-it-works", "heading", "missing", "add `heading:`"]),
    ("unknown icon",
     replace_once("icon: body/liver\n", "icon: body/livr\n", 2),
     "icon: body/livr", ["unknown icon 'body/livr'", "assets/icons"]),
    ("duplicate screen id",
     replace_once("- id: how-it-comes", "- id: how-it-works"),
     ("- id: how-it-works", 2), ["duplicate id 'how-it-works'", "unique"]),
    ("unknown topic in a link",
     replace_once("link: during-infusion", "link: during-infusions"),
     "link: during-infusions", ["unknown topic 'during-infusions'", "link"]),
    ("unknown topic in next",
     replace_once("    severity: normal\n    screens:\n      - id: your-medicine",
                  "    severity: normal\n    next: nowhere\n    screens:\n      - id: your-medicine"),
     "next: nowhere", ["unknown topic 'nowhere'", ".next"]),
    ("unknown severity",
     replace_once("severity: urgent", "severity: critical"),
     "severity: critical", ["unknown severity 'critical'", "normal, warning, urgent"]),
    ("unknown source point",
     replace_once("source: [L07]", "source: [L99]"),
     "source: [L99]", ["unknown source 'L99'", "prescribing-information"]),
    ("unknown correction",
     replace_once("corrections: [leukemia-type]", "corrections: [leukaemia-type]"),
     "corrections: [leukaemia-type]", ["unknown correction 'leukaemia-type'"]),
    ("misspelt key",
     replace_once('        heading: "How it works"', '        heding: "How it works"'),
     'heding: "How it works"', ["unknown key 'heding'", "allowed keys"]),
    ("screen without text or items",
     replace_once('        text: "You will need blood tests to check your liver."\n', ""),
     "      - id: liver-tests", ["neither `text` nor `items`"]),
    ("items not a list",
     replace_once('        items:\n          - "Trouble breathing"\n          - "Hives (itchy bumps on your skin)"\n'
                  '          - "Swelling of your lips or face"\n          - "Swelling of your tongue or throat"\n',
                  '        items: "Trouble breathing"\n'),
     'items: "Trouble breathing"', ["expected a list"]),
    ("YAML syntax error",
     replace_once('heading: "How it works"', 'heading: "How it works'),
     None, ["not valid YAML", "indentation and quotes"]),
    ("duplicate key",
     replace_once('        heading: "How it works"\n', '        heading: "How it works"\n        heading: "Again"\n'),
     'heading: "Again"', ["'heading' appears twice"]),
    ("bad review date",
     replace_once("date: 2026-12-02", "date: someday"),
     "date: someday", ["not a date", "YYYY-MM-DD"]),
    ("bad id",
     replace_once("- id: how-it-works", "- id: How It Works"),
     "- id: How It Works", ["not a valid id", "lowercase"]),
    ("unknown action",
     replace_once("        action: ask\n", "        action: later\n"),
     "action: later", ["unknown action 'later'", "now, right-away, ask"]),
    ("danger screen without its signs",
     replace_once("        signs: [mouth]\n", ""),
     ("action: right-away", REAL[:REAL.index("- id: mouth-signs")].count("action: right-away") + 1),
     ["mouth-signs", ".signs: missing", "danger signs this screen is about"]),
    ("unknown sign",
     replace_once("signs: [mouth]", "signs: [mouths]"),
     "signs: [mouths]", ["unknown sign 'mouths'"]),
    ("prescribing-information without its section",
     replace_once('        pi: ["5.4"]\n', ""),
     ("source: [L08, prescribing-information]", 1), ["the prescribing-information sections are missing"]),
    ("not a section of the prescribing information",
     replace_once('pi: ["5.4"]', 'pi: ["warnings"]'),
     'pi: ["warnings"]', ["'warnings' is not a section of the prescribing information"]),
    ("action without the site's number",
     replace_once('call your care team right away, day or night: {care_team_phone}."'.capitalize(),
                  'Call your care team right away, day or night."'),
     "  right-away: ", ["actions.right-away", "does not contain {care_team_phone}"]),
    ("no topics",
     REAL[:REAL.index("topics:")] + "topics: []\n",
     "topics: []", ["non-empty list of topics"]),
]


@pytest.mark.parametrize("name,text,needle,words", CASES, ids=[c[0] for c in CASES])
def test_bad_content_is_refused_with_a_clear_message(tmp_path, name, text, needle, words):
    path = tmp_path / "guide.en.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_guide(path)
    message = str(caught.value)
    assert message.startswith(str(path)), message
    assert "\n" not in message and "Traceback" not in message
    if needle is not None:
        needle, occurrence = needle if isinstance(needle, tuple) else (needle, 1)
        assert f"{path}:{line_of(text, needle, occurrence)}:" in message, message
    else:
        assert caught.value.line is not None, message
    for word in words:
        assert word in message, f"{word!r} not in: {message}"


def test_missing_file(tmp_path):
    with pytest.raises(ContentError, match="file not found"):
        load_guide(tmp_path / "nope.yaml")


def test_not_utf8(tmp_path):
    path = tmp_path / "guide.en.yaml"
    path.write_bytes(b"guide: \xff\xfe\n")
    with pytest.raises(ContentError, match="UTF-8"):
        load_guide(path)


def test_empty_file(tmp_path):
    path = tmp_path / "guide.en.yaml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(ContentError, match="expected a mapping"):
        load_guide(path)


def test_the_untouched_file_loads():
    """The cases above fail because of their one change, not because the base is bad."""
    assert load_guide().topics


def test_check_reports_a_broken_guide(tmp_path, monkeypatch):
    from kiosk import check

    path = tmp_path / "guide.en.yaml"
    path.write_text(replace_once("severity: urgent", "severity: critical"), encoding="utf-8")
    monkeypatch.setattr(resources, "guide_file", lambda language="en": path)
    out = io.StringIO()
    assert check.run_check(out=out) == 1
    assert f"ERROR {path}:" in out.getvalue()
    assert "unknown severity 'critical'" in out.getvalue()


def test_check_reports_an_uncovered_leaflet_point(tmp_path, monkeypatch):
    from kiosk import check

    path = tmp_path / "guide.en.yaml"
    (tmp_path / "source-leaflet.txt").write_text(
        resources.asset("guide", "source-leaflet.txt").read_text(encoding="utf-8"), encoding="utf-8")
    path.write_text(replace_once("source: [L38]", "source: [L39]"), encoding="utf-8")
    monkeypatch.setattr(resources, "guide_file", lambda language="en": path)
    out = io.StringIO()
    assert check.run_check(out=out) == 1
    assert "source point L38" in out.getvalue() and "is on no screen" in out.getvalue()
