"""What the voice says, heard through the real espeak-ng: phone numbers and identifiers digit
by digit, units as words, the pronunciation key as the medicine's name, in every voiced
language. The phonemes come from espeak-ng's own text processing (espeak_TextToPhonemes),
the same the voice uses; a test fails on a number read as a quantity, a spoken dash or "em gee".
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from kiosk.content.actions import SiteNumbers, action_lines
from kiosk.i18n.catalog import load_catalog
from kiosk.i18n.languages import LANGUAGES
from kiosk.i18n.localize import localize
from kiosk.speech.spoken import spell, spoken_form
from kiosk.speech.voices import VOICE_CANDIDATES

VOICED = [code for code in LANGUAGES if VOICE_CANDIDATES[code]]
SITE = SiteNumbers("1-555-010-0199", "1-555-010-0142", "911")
KEY = "IN-oh-TOOZ-ue-mab OH-zoe-ga-MYE-sin"

# Runs in its own process: espeak-ng is started there for text processing only.
CHILD = """
import json, sys
from kiosk.speech.espeak import phonemes
jobs = json.load(sys.stdin)
print(json.dumps([phonemes(text, voice) for text, voice in jobs]))
"""


def heard(jobs: list[tuple[str, str]]) -> list[str]:
    result = subprocess.run([sys.executable, "-c", CHILD], input=json.dumps(jobs), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def texts_with_identifiers(guide, code: str) -> list[str]:
    local = localize(guide, load_catalog(code)) if code != "en" else guide
    texts = []
    for screen in local.screens():
        for text in (screen.text, *screen.items):
            if any(word in text for word in ("1-800-FDA-1088", "mg", "мг", KEY)):
                texts.append(text)
        lines = action_lines(screen, SITE)
        if lines is not None:
            texts += [t for t in (lines.heading, lines.more) if t]
    return sorted(set(texts))


@pytest.fixture(scope="module")
def voices():
    from kiosk.speech.voices import VOICE_CANDIDATES

    return {code: VOICE_CANDIDATES[code][0] for code in VOICED}


def test_the_voice_reads_numbers_as_identifiers_in_every_language(guide, voices):
    jobs, expect = [], []
    for code in VOICED:
        voice = voices[code]
        for text in texts_with_identifiers(guide, code):
            said = spoken_form(text, code, guide.spoken).text
            assert KEY not in said and not re.search(r"[0-9A-Z]-[0-9A-Z]", said), (code, said)
            jobs.append((said, voice))
            expect.append((code, text, said))
        # What a number sounds like read as a quantity, and the unit spelled out, in this voice.
        for probe in ("800", "1088", "911", "555", "0199", "mg"):
            jobs.append((probe, voice))
    results = heard(jobs)
    probes_per_language = 6
    index = 0
    checked = 0
    for code in VOICED:
        count = sum(1 for c, _t, _s in expect if c == code)
        mine = results[index:index + count]
        quantities = results[index + count:index + count + probes_per_language]
        index += count + probes_per_language
        eight_hundred, ten_88, nine_11, five_55, _zero199, mg = quantities
        for (_code, text, said), phon in zip([e for e in expect if e[0] == code], mine):
            for quantity in (eight_hundred, ten_88, nine_11, five_55):
                assert quantity not in phon, f"{code}: a number is read as a quantity in {said!r}: {phon}"
            if "mg" in text or "мг" in text:
                assert mg not in phon, f"{code}: 'mg' is spelled out in {said!r}: {phon}"
            checked += 1
    assert checked >= 4 * len(VOICED)


def test_the_fda_number_is_spelled_digit_by_digit():
    assert spell("1-800-FDA-1088") == "1, 8 0 0, F D A, 1 0 8 8"
    said = spoken_form("You can call 1-800-FDA-1088.", "en").text
    assert said == "You can call 1, 8 0 0, F D A, 1 0 8 8."
    [raw, spoken, quantity] = heard([("1-800-FDA-1088", "en-us"), (said, "en-us"), ("800", "en-us")])
    assert quantity in raw and "d'aS" in raw  # as the leaflet's text would be read: "one dash eight hundred"
    assert quantity not in spoken and "d'aS" not in spoken


def test_the_pronunciation_key_is_read_as_the_name(guide):
    screen = guide.screen("your-medicine")
    said = spoken_form(screen.text, "en", guide.spoken).text
    assert KEY not in said and said.count("inotuzumab ozogamicin") == 2
    # The mark still finds the key on screen while the voice says the name.
    spoken = spoken_form(screen.text, "en", guide.spoken)
    at = said.index("inotuzumab ozogamicin", said.index("like this"))
    start, length = spoken.shown_range(at, len("inotuzumab"))
    assert screen.text[start:start + length] == KEY


def test_units_and_site_numbers_in_every_language(guide):
    for code in VOICED:
        assert "mg" not in spoken_form("0.9 mg", code).text
    lines = action_lines(guide.screen("emergency-signs"), SITE)
    assert "9 1 1" in spoken_form(lines.heading, "en").text
    assert "8 months" in spoken_form("at least 8 months", "en").text  # quantities stay quantities


SYNTH_CHILD = """
import json, sys, tempfile
from kiosk.speech.espeak import load_library
load_library()
from kiosk.speech.pyttsx3_synthesizer import Pyttsx3Synthesizer
jobs = json.load(sys.stdin)
synthesizer = Pyttsx3Synthesizer()
synthesizer.open()
out = []
with tempfile.TemporaryDirectory() as folder:
    for number, (text, voice) in enumerate(jobs):
        said = synthesizer.synthesize(text, voice, 175, f"{folder}/{number}.wav")
        out.append([[text[w.start:w.start + w.length], w.at_ms] for w in said.words])
synthesizer.close()
print(json.dumps(out))
"""


def test_the_real_voice_says_each_digit_of_the_numbers_in_turn(guide):
    """Synthesised by the real engine (pyttsx3 + espeak-ng): the words it reports hearing, in
    order and in time, are the digits and letters one by one."""
    from kiosk.i18n.catalog import load_catalog

    jobs = []
    for code in ("en", "es", "ar"):
        local = localize(guide, load_catalog(code)) if code != "en" else guide
        screen = local.screen("report-to-fda")
        jobs.append((spoken_form(screen.text, code, guide.spoken).text, VOICE_CANDIDATES[code][0]))
        lines = action_lines(local.screen("infection-signs"), SITE)
        jobs.append((spoken_form(lines.heading, code, guide.spoken).text, VOICE_CANDIDATES[code][0]))
    result = subprocess.run([sys.executable, "-c", SYNTH_CHILD], input=json.dumps(jobs), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for (text, voice), words in zip(jobs, json.loads(result.stdout)):
        heard_words = [word for word, _ in words]
        times = [at for _, at in words]
        assert times == sorted(times), (voice, words)
        if "F D A" in text:
            tail = heard_words[heard_words.index("F") - 4:heard_words.index("F") + 7]
            assert tail == ["1", "8", "0", "0", "F", "D", "A", "1", "0", "8", "8"], (voice, words)
        else:
            digits = [word for word in heard_words if word.isdigit()]
            assert digits == list("15550100199"), (voice, words)
