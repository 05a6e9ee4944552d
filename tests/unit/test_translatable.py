"""Every UI string is marked for translation, and Qt's own extractor finds them."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "kiosk").rglob("*.py"))
# Methods that put text in front of a patient or an assistive technology.
TEXT_SETTERS = {"setText", "setAccessibleName", "setAccessibleDescription", "setWindowTitle", "setToolTip"}
# Widgets whose first argument is visible text.
TEXT_CONSTRUCTORS = {"BigButton", "QLabel", "QPushButton"}


def literal_texts(tree: ast.AST):
    """(line, text) of string literals passed straight to a text setter, not through tr()."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in TEXT_SETTERS | TEXT_CONSTRUCTORS and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value.strip():
                yield node.lineno, first.value
            if isinstance(first, ast.JoinedStr):  # an f-string of words would escape translation
                words = "".join(v.value for v in first.values if isinstance(v, ast.Constant))
                if any(ch.isalpha() for ch in words):
                    yield node.lineno, ast.unparse(first)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_untranslated_literal_reaches_the_screen(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = list(literal_texts(tree))
    assert not found, f"{path.name}: wrap these in self.tr(): {found}"


def test_the_literal_finder_finds_literals():
    tree = ast.parse('label.setText("Hello")\nb = BigButton("Go")\nlabel.setText(f"Hi {x}")\n'
                     'label.setText(self.tr("Fine"))')
    assert [text for _, text in literal_texts(tree)] == ["Hello", "Go", "f'Hi {x}'"]


def lupdate() -> str:
    tool = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    assert tool, "pyside6-lupdate comes with PySide6-Essentials"
    return tool


def test_qt_linguist_extracts_the_ui_strings(tmp_path):
    ts = tmp_path / "kiosk_en.ts"
    result = subprocess.run([lupdate(), *map(str, SOURCES), "-ts", str(ts)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    sources = {element.text for element in ET.parse(ts).getroot().iter("source")}
    expected = {"Touch to start", "Home", "Back", "Next", "Text size", "High contrast", "Choose a topic",
                "{current} of {total}", "Draft: not yet checked by a pharmacist.", "All topics",
                "Next topic: {topic}", "More about: {topic}", "Learn about your medicine",
                "This guide is not available right now"}
    assert expected <= sources, f"not extracted: {expected - sources}"
