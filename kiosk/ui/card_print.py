"""Print the "When to get help" card: lay out its text (kiosk/content/card.py) and send it to a
printer the operating system knows (CUPS on Linux), on A4, Letter or an 80 mm receipt roll.

The text's shape gives the layout: the first line is the title; each block after a blank line
starts with its heading, then the action's words, then "- " signs, a line among the signs
being a screen's heading; a line of "=" starts the English copy (on sheets on a page of its
own, on a roll after a rule). The patient's copy is drawn right to left in Arabic (the numbers
keep their order: the text holds left-to-right marks), the English copy left to right, each in
the bundled fonts of its script.

Qt hands the finished job to the print system and does not say whether it was taken, so the
printer is checked first (known, not stopped): docs/printing.md. QtPrintSupport is imported
only when a card is printed, never at start-up.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextListFormat,
)

from kiosk.content.card import BULLET, SEPARATOR
from kiosk.i18n.codes import SOURCE_LANGUAGE
from kiosk.i18n.languages import language as language_info
from kiosk.ui.theme import LINE_SPACING, font_families, load_fonts

log = logging.getLogger(__name__)

DOC_NAME = "When to get help"  # the job's title in the print queue (staff see it)
RECEIPT_WIDTH_MM = 80.0
RECEIPT_SLACK_MM = 2.0  # a driver's "80 mm" roll may be declared 79.5 or 82 mm wide
# A number written in groups ("+1 555 010 0142") is kept on one line: a patient reading it across
# a line break may dial it wrong. (Between a hyphen and a digit no line is broken anyway.)
GROUPED_NUMBER = re.compile(r"\+?\d+(?: \d+)+")
NO_BREAK_SPACE = "\u00a0"


class PrintFailed(Exception):
    """The card was not printed. str() is one plain line for the staff log."""


@dataclass(frozen=True)
class Paper:
    """A paper the card is printed on. Sizes in millimetres, type in points."""

    page: str  # a QPageSize id ("A4", "Letter"), or "" for the receipt roll (as long as the card)
    margins_mm: tuple[float, float, float, float]  # left, top, right, bottom
    body_pt: float
    heading_pt: float
    title_pt: float


PAPERS = {
    # 72 mm of an 80 mm roll is printable; a little more paper after the text so the tear bar
    # does not cut the last line.
    "receipt-80mm": Paper("", (4, 4, 4, 10), body_pt=11, heading_pt=13, title_pt=16),
    # Large print for older eyes, on as many pages as 12 pt takes (two a language): 14 pt on A4,
    # 13 pt on Letter (18 mm shorter; at 14 pt most languages would take a fifth page).
    "a4": Paper("A4", (15, 15, 15, 15), body_pt=14, heading_pt=17, title_pt=22),
    "letter": Paper("Letter", (15, 15, 15, 15), body_pt=13, heading_pt=16, title_pt=21),
}


def print_card(text: str, language: str, printer: str, paper: str) -> None:
    """Print `text` (card_text: the patient's `language`, then English) on `printer`, a
    print-system queue name, on `paper` (a key of PAPERS). Raises PrintFailed."""
    from PySide6.QtPrintSupport import QPrinter

    if paper not in PAPERS:
        raise PrintFailed(f"unknown paper {paper!r} (card.paper): use one of {', '.join(PAPERS)}")
    started = time.perf_counter()
    info = ready_printer(printer)
    device = QPrinter(QPrinter.PrinterMode.HighResolution)
    device.setPrinterName(printer)
    if not device.isValid():
        raise PrintFailed(f"printer {printer!r} cannot be used by Qt's print support")
    device.setDocName(DOC_NAME)
    device.setFullPage(False)
    sheet = PAPERS[paper]
    document = card_document(text, language, sheet, device)
    pages = _set_page(device, info, document, sheet, printer)
    painter = QPainter()
    if not painter.begin(device):
        raise PrintFailed(f"printer {printer!r} could not start the job")
    try:
        _draw(painter, device, document, pages)
    finally:
        done = painter.end()
    if not done:
        raise PrintFailed(f"printer {printer!r}: the job could not be finished")
    log.info("card sent to %r on %s: %d page(s), %.0f ms", printer, paper, pages,
             (time.perf_counter() - started) * 1000)


def ready_printer(printer: str):
    """The QPrinterInfo of `printer`, known to the system and not stopped; else PrintFailed."""
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    if not printer:
        raise PrintFailed("no printer is set (card.printer)")
    info = QPrinterInfo.printerInfo(printer)
    if info.isNull():
        known = QPrinterInfo.availablePrinterNames()
        if not known:
            raise PrintFailed(f"printer {printer!r}: the system knows no printers (is the print service, "
                              "CUPS, running?)")
        raise PrintFailed(f"printer {printer!r} is not known to the system; it knows: {', '.join(known)} "
                          "(set card.printer to one of these)")
    if info.state() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise PrintFailed(f"printer {printer!r} is stopped or in error; start it again in the print "
                          f"service (CUPS: cupsenable {printer})")
    return info


# --- layout -------------------------------------------------------------------------------


def card_document(text: str, language: str, paper: Paper, device) -> QTextDocument:
    """The card as a document laid out for `device` (its resolution: type sizes in points)."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDocumentMargin(0)
    document.setUndoRedoEnabled(False)
    document.setIndentWidth(_points(paper.body_pt * 1.5))  # the bullets' room (Qt's 40 px is wide on a roll)
    load_fonts(everything=True, language=language)
    own, english = _sections(text)
    cursor = QTextCursor(document)
    _section(cursor, own, language, paper, first=True)
    if english:
        if paper.page:
            # On sheets the English copy starts a page of its own: the patient keeps their pages,
            # a nurse or an emergency worker reads the English ones.
            _section(cursor, english, SOURCE_LANGUAGE, paper, first=False, new_page=True)
        else:
            _rule(cursor, paper)
            _section(cursor, english, SOURCE_LANGUAGE, paper, first=False)
    return document


def _sections(text: str) -> tuple[list[str], list[str]]:
    """The patient's lines and the English lines (empty when the card is one language)."""
    lines = text.splitlines()
    if SEPARATOR in lines:
        at = lines.index(SEPARATOR)
        return _trim(lines[:at]), _trim(lines[at + 1:])
    return _trim(lines), []


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def _section(cursor: QTextCursor, lines: list[str], language: str, paper: Paper, first: bool,
             new_page: bool = False) -> None:
    direction = Qt.LayoutDirection.RightToLeft if _rtl(language) else Qt.LayoutDirection.LeftToRight
    families = list(font_families(language))

    lists: list = []  # the list the signs in a row go into (one at most)

    def block(line: str, size: float, bold: bool, space_before: float = 0, sign: bool = False,
              page_break: bool = False) -> None:
        shape = QTextBlockFormat()
        if page_break:
            shape.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        shape.setLayoutDirection(direction)
        # Lines 1.5 times the type size apart (as on the screen), whatever the script's font says:
        # Noto Sans Arabic's own line height is half as tall again as Latin's.
        shape.setLineHeight(_points(size * LINE_SPACING), QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        shape.setTopMargin(_points(space_before))
        letters = QTextCharFormat()
        letters.setFontFamilies(families)
        letters.setFontPointSize(size)
        letters.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        if cursor.position() == 0 and cursor.block().length() == 1:
            cursor.setBlockFormat(shape)
            cursor.setBlockCharFormat(letters)
        else:
            cursor.insertBlock(shape, letters)
        if not sign:
            lists.clear()
        elif lists:
            lists[0].add(cursor.block())
        else:
            # A bullet list: Qt puts the bullets on the side the block's direction starts.
            bullets = QTextListFormat()
            bullets.setStyle(QTextListFormat.Style.ListDisc)
            bullets.setIndent(1)
            lists.append(cursor.createList(bullets))
        cursor.insertText(GROUPED_NUMBER.sub(lambda found: found.group(0).replace(" ", NO_BREAK_SPACE), line),
                          letters)

    blocks = _blocks(lines)
    title, *rest = blocks[0]
    block(title, paper.title_pt, bold=True, space_before=0 if first or new_page else paper.body_pt,
          page_break=new_page)
    for line in rest:
        block(line, paper.body_pt, bold=False)
    for lines_of_block in blocks[1:]:
        heading, *body = lines_of_block
        block(heading, paper.heading_pt, bold=True, space_before=paper.body_pt)
        seen_sign = False
        for line in body:
            if line.startswith(BULLET):
                block(line[len(BULLET):], paper.body_pt, bold=False, sign=True)
                seen_sign = True
            else:
                # The action's words before the signs (what to do: the most important line);
                # among the signs, the heading of the screen the next signs come from.
                block(line, paper.body_pt, bold=True, space_before=paper.body_pt / 3 if seen_sign else 0)


def _blocks(lines: list[str]) -> list[list[str]]:
    """The lines in blocks, split at blank lines; none empty."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block] or [[""]]


def _rule(cursor: QTextCursor, paper: Paper) -> None:
    """A line across the page between the patient's copy and the English one."""
    shape = QTextBlockFormat()
    shape.setProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth, _points(1))
    shape.setTopMargin(_points(paper.body_pt))
    cursor.insertBlock(shape, QTextCharFormat())


def _points(points: float) -> float:
    """`points` in the units of a block's margins: pixels at 96 per inch, which the layout
    scales to the device it lays out for (fonts in points are scaled by the device alone)."""
    return points * 96 / 72


def _rtl(language: str) -> bool:
    try:
        return language_info(language).rtl
    except KeyError:
        return False


# --- pages --------------------------------------------------------------------------------


def _set_page(device, info, document: QTextDocument, paper: Paper, printer: str) -> int:
    """Give `device` its page and `document` its page height; the number of pages."""
    left, top, right, bottom = paper.margins_mm
    margins = QMarginsF(left, top, right, bottom)
    if paper.page:
        size = QPageSize(getattr(QPageSize.PageSizeId, paper.page))
    else:
        size = _receipt_size(device, info, document, paper, printer)
    device.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter))
    area = device.pageLayout().paintRectPixels(device.resolution())
    document.setPageSize(QSizeF(area.width(), area.height()))
    return document.pageCount()


def _receipt_size(device, info, document: QTextDocument, paper: Paper, printer: str) -> QPageSize:
    """80 mm wide and as long as the card (at most the printer's longest page)."""
    left, top, right, bottom = paper.margins_mm
    mm_per_px = 25.4 / device.resolution()
    width_mm = RECEIPT_WIDTH_MM
    if not info.supportsCustomPageSizes():
        # A driver with fixed sizes only: its longest page about 80 mm wide.
        rolls = [size for size in info.supportedPageSizes()
                 if abs(size.size(QPageSize.Unit.Millimeter).width() - RECEIPT_WIDTH_MM) <= RECEIPT_SLACK_MM]
        if not rolls:
            raise PrintFailed(f"printer {printer!r} has no 80 mm paper: set card.paper to \"a4\" or \"letter\"")
        return max(rolls, key=lambda size: size.size(QPageSize.Unit.Millimeter).height())
    document.setTextWidth((width_mm - left - right) / mm_per_px)
    height_mm = document.size().height() * mm_per_px + top + bottom + 1
    longest = info.maximumPhysicalPageSize().size(QPageSize.Unit.Millimeter).height()
    if longest > 0:
        height_mm = min(height_mm, longest)
    return QPageSize(QSizeF(width_mm, height_mm), QPageSize.Unit.Millimeter, "",
                     QPageSize.SizeMatchPolicy.ExactMatch)


def _draw(painter: QPainter, device, document: QTextDocument, pages: int) -> None:
    page = document.pageSize()
    for number in range(pages):
        if number:
            device.newPage()
        painter.save()
        painter.translate(0, -number * page.height())
        document.drawContents(painter, QRectF(0, number * page.height(), page.width(), page.height()))
        painter.restore()
