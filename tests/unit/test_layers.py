"""The layers hold: nothing imports from a layer above it, and the parts IT staff tools and the
settings need load without Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KIOSK = ROOT / "kiosk"

# Lowest first. A module may import from its own layer and the ones before it.
LAYERS = [
    ("data", ("kiosk.__version__", "kiosk.resources", "kiosk.config", "kiosk.content", "kiosk.i18n",
              "kiosk.readiness", "kiosk.admin", "kiosk.stats", "kiosk.usage_recorder", "kiosk.logs", "kiosk.recovery")),
    ("speech", ("kiosk.speech",)),
    ("ui", ("kiosk.ui",)),
    ("programs", ("kiosk.app", "kiosk.__main__", "kiosk.check", "kiosk.self_test", "kiosk.screenshots",
                  "kiosk.contact_sheet",
                  "kiosk.metrics")),
]
# Tools IT staff run where no screen is: they may use Qt's font and SVG readers, never the UI.
NO_UI = ("kiosk.check",)


def layer_of(module: str) -> int:
    for index, (_name, prefixes) in enumerate(LAYERS):
        if any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes):
            return index
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def kiosk_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("kiosk")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kiosk"):
            found |= {f"{node.module}.{alias.name}" if node.module == "kiosk" else node.module for alias in node.names}
    return found


def modules():
    for path in sorted(KIOSK.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path


def test_no_module_imports_from_a_layer_above_it():
    wrong = []
    for module, path in modules():
        if module in ("kiosk", "kiosk.__init__"):
            continue
        for imported in kiosk_imports(path):
            if imported == "kiosk":
                continue
            if layer_of(imported) > layer_of(module):
                wrong.append(f"{module} imports {imported}")
    assert not wrong, "\n".join(wrong)


def test_the_check_imports_no_ui():
    for module, path in modules():
        if module in NO_UI:
            assert not [m for m in kiosk_imports(path) if layer_of(m) >= layer_of("kiosk.ui")], module


def test_the_layer_check_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from kiosk.ui.theme import FONT_FAMILY\n")
    assert layer_of(next(iter(kiosk_imports(bad)))) > layer_of("kiosk.config")


def test_settings_offering_and_the_pin_file_load_without_qt():
    code = (
        "import sys; sys.modules['PySide6'] = None\n"  # any PySide6 import now fails
        "import kiosk.config, kiosk.admin.pin_file, kiosk.i18n.offer\n"
        "from kiosk.content import load_guide\n"
        "offer = kiosk.i18n.offer.LanguageOffer(load_guide(), ('en', 'es', 'ar'))\n"
        "print(offer.available(), kiosk.config.Config()['languages.default'])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['en', 'es', 'ar'] en"
