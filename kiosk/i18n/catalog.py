"""One gettext PO catalog per language (i18n/<code>.po): UI strings and guide text.

No Qt here. A catalog is read with polib; an entry that is fuzzy (its English changed
since it was translated) or empty counts as missing, never as a translation.

Each catalog says who reviewed it in its header:
    X-Review-Status: machine-drafted | reviewed
    X-Reviewed-By: name and qualification of the medical translator
    X-Review-Date: YYYY-MM-DD
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib

from kiosk import resources

TEMPLATE = "kiosk.pot"
GUIDE_CONTEXT = "guide:"  # msgctxt prefix of guide text; UI strings use their Qt class name
REVIEWED = "reviewed"
MACHINE_DRAFTED = "machine-drafted"
REVIEW_STATUSES = (MACHINE_DRAFTED, REVIEWED)
UNREVIEWED_WORDS = "machine-drafted, not reviewed by a qualified medical translator"
# The catalog's Language header where it says more than the kiosk's code (the script).
HEADER_LANGUAGE = {"zh": "zh_Hans"}


class CatalogError(Exception):
    """A catalog that cannot be used. str() is one line: file, line, problem, fix."""

    def __init__(self, file: Path | str, line: int | None, problem: str, fix: str):
        self.file, self.line, self.problem, self.fix = str(file), line, problem, fix
        where = f"{file}:{line}" if line else str(file)
        super().__init__(f"{where}: {problem} — {fix}")


@dataclass(frozen=True)
class Review:
    status: str
    by: str = ""
    date: dt.date | None = None

    @property
    def reviewed(self) -> bool:
        return self.status == REVIEWED

    def describe(self) -> str:
        if self.reviewed:
            return f"reviewed by {self.by} on {self.date.isoformat() if self.date else '?'}"
        return UNREVIEWED_WORDS


@dataclass
class Catalog:
    language: str
    path: Path
    review: Review
    translations: dict[tuple[str, str], str] = field(default_factory=dict)  # (context, English)
    stale: set[tuple[str, str]] = field(default_factory=set)  # fuzzy: English changed since
    missing: set[tuple[str, str]] = field(default_factory=set)  # never translated

    def get(self, context: str, english: str) -> str | None:
        """The translation, or None when there is no usable one (missing or stale)."""
        return self.translations.get((context, english))

    def gaps(self, guide: bool | None = None) -> set[tuple[str, str]]:
        """Keys without a usable translation; `guide` True/False keeps guide/UI keys only."""
        keys = self.stale | self.missing
        if guide is None:
            return keys
        return {key for key in keys if key[0].startswith(GUIDE_CONTEXT) == guide}


def catalog_path(language: str) -> Path:
    return resources.i18n_dir() / f"{language}.po"


def template_path() -> Path:
    return resources.i18n_dir() / TEMPLATE


_POLIB_LINE = re.compile(r"line (\d+)")


# polib forgives a missing quote (it reads on into the next line); a catalog edited by
# hand must be refused instead, at the line that is wrong.
_QUOTED = r'"(?:[^"\\]|\\.)*"'
_KEYWORD = r"(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)"
_PO_LINE = re.compile(rf"^(?:#.*|(?:#~ )?{_KEYWORD} {_QUOTED}|(?:#~ )?{_QUOTED}|)$")


def _check_syntax(path: Path, text: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        if not _PO_LINE.match(line.strip()):
            raise CatalogError(path, number, f"not valid PO syntax: {line.strip()[:60]!r}",
                               "each line is a comment, a keyword with one \"quoted\" text, or a \"quoted\" "
                               "continuation; check the quotes (a PO editor such as Poedit shows the fault)")


def read_po(path: Path) -> polib.POFile:
    """polib's reader, with its errors turned into one clear CatalogError."""
    if not path.is_file():
        raise CatalogError(path, None, "file not found", "run `python -m kiosk.i18n update` to create it")
    try:
        text = path.read_text(encoding="utf-8")  # read once: checked here, then parsed by polib
        _check_syntax(path, text)
        return polib.pofile(text, encoding="utf-8", check_for_duplicates=True)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        text = str(error)
        found = _POLIB_LINE.search(text)
        raise CatalogError(path, int(found.group(1)) if found else None, f"not a valid PO file ({text})",
                           "open it in a PO editor (Poedit, Lokalize) or fix the quoting on that line") from None


# Catalogs read this run, by file and its state on disk: every window, check and language
# list asks for them, and a catalog is never changed once read (a changed file is read again).
_read: dict[tuple[str, str, int, int], Catalog] = {}


def load_catalog(language: str, path: Path | None = None) -> Catalog:
    path = path or catalog_path(language)
    try:
        stat = path.stat()
    except OSError:
        return _load_catalog(language, path)  # says what is wrong, in one line
    key = (language, str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _read:
        _read[key] = _load_catalog(language, path)
    return _read[key]


def _load_catalog(language: str, path: Path) -> Catalog:
    po = read_po(path)
    meta = po.metadata
    declared = meta.get("Language", "")
    expected = HEADER_LANGUAGE.get(language, language)
    if declared != expected:
        raise CatalogError(path, 1, f"header says Language: {declared!r}, expected {expected!r}",
                           f"set the header line to \"Language: {expected}\\n\"")
    status = meta.get("X-Review-Status", "").strip()
    if status not in REVIEW_STATUSES:
        raise CatalogError(path, 1, f"X-Review-Status is {status!r}",
                           f"set it to one of: {', '.join(REVIEW_STATUSES)}")
    date = None
    date_text = meta.get("X-Review-Date", "").strip()
    if date_text:
        try:
            date = dt.date.fromisoformat(date_text)
        except ValueError:
            raise CatalogError(path, 1, f"X-Review-Date {date_text!r} is not a date",
                               "write it as YYYY-MM-DD") from None
    by = meta.get("X-Reviewed-By", "").strip()
    if status == REVIEWED and not (by and date):
        raise CatalogError(path, 1, "marked reviewed without X-Reviewed-By and X-Review-Date",
                           "name the medical translator and the date of the review")
    catalog = Catalog(language, path, Review(status, by, date))
    for entry in po:
        if entry.obsolete:
            continue
        key = (entry.msgctxt or "", entry.msgid)
        if entry.fuzzy:
            catalog.stale.add(key)
        elif not entry.msgstr.strip():
            catalog.missing.add(key)
        else:
            catalog.translations[key] = entry.msgstr
    return catalog


def guide_context(topic_id: str, screen_id: str | None = None, part: str = "title") -> str:
    """The msgctxt of one piece of guide text: stable ids, so a translation follows its
    screen, and a changed English sentence is caught as stale rather than lost."""
    if screen_id is None:
        return f"{GUIDE_CONTEXT}{topic_id}:{part}"
    return f"{GUIDE_CONTEXT}{topic_id}/{screen_id}:{part}"
