"""The "When to get help" card printed through the operating system's print service, as a site
prints it: a private CUPS server (cupsd as root, its configuration, spool and socket in a
temporary folder; clients reach it through CUPS_SERVER), PDF printers on it, and the PDF read
back with pdftotext and pdfinfo.

Two PDF printers, both with cups-pdf's printer description (its page sizes, 80 mm rolls too):
- KioskPDF hands the job on as PDF, to a file: what a printer that takes PDF receives. The text
  checks read it.
- KioskCupsPDF is cups-pdf itself (the virtual printer docs/printing.md has staff test with). It
  turns the job into PostScript and back, and its PDF has no readable text (pdftotext gives
  symbols), so only its page is checked.
A third queue has sheets only (cups-filters' generic PDF printer, printing to /dev/null).
Needs root, cups, printer-driver-cups-pdf and poppler-utils (`./dev.sh test` installs them):
skipped without, failed under CI.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import html
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.content import Action
from kiosk.content.actions import SiteNumbers
from kiosk.content.card import card_text
from kiosk.i18n.offer import LanguageOffer
from tests.e2e.desktop import require

SITE = SiteNumbers("1-555-010-0199", "+1 555 010 0142", "911")
FILE_QUEUE = "KioskPDF"
CUPS_PDF_QUEUE = "KioskCupsPDF"
SHEETS_QUEUE = "KioskSheets"  # a printer with sheets only: no 80 mm paper, no sizes of one's own
CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd")
SHEETS_PPD = Path("/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd")
CUPS_PDF_CONFIG_DIR = Path("/etc/cups")  # where cups-pdf reads cups-pdf-<instance>.conf (built in)
START_TIMEOUT = 5  # seconds for cupsd to answer
JOB_TIMEOUT = 15  # seconds for a job to come out as a PDF
MM_PER_PT = 25.4 / 72
PROGRAMS = ("cupsd", "lpadmin", "lpstat", "cupsenable", "cupsdisable", "cupsaccept", "cupsreject",
            "pdftotext", "pdfinfo")


def missing() -> list[str]:
    gone = [name for name in PROGRAMS if shutil.which(name) is None and not Path("/usr/sbin", name).exists()]
    if not CUPS_PDF_PPD.is_file():
        gone.append("cups-pdf's PPD (printer-driver-cups-pdf)")
    if not SHEETS_PPD.is_file():
        gone.append("the generic PDF printer's PPD (cups-filters)")
    if os.geteuid() != 0:
        gone.append("root (cupsd and cups-pdf run as root)")
    return gone


# --- the private print server ----------------------------------------------------------------


class PrintServer:
    """cupsd on a socket of its own, with the two queues; started once for the module."""

    def __init__(self) -> None:
        # Not under pytest's tmp_path: cupsd runs its filters as the user lp, who must reach
        # the spool through every parent folder.
        self.folder = Path(tempfile.mkdtemp(prefix="kiosk-cups-"))
        self.folder.chmod(0o755)
        self.socket = self.folder / "cups.sock"
        self.output = self.folder / "out" / "card.pdf"  # KioskPDF's file
        self.cups_pdf_out = self.folder / "cups-pdf"  # where cups-pdf writes
        self.instance = f"kiosk-test-{os.getpid()}"
        self.cups_pdf_config = CUPS_PDF_CONFIG_DIR / f"cups-pdf-{self.instance}.conf"
        self.process: subprocess.Popen | None = None

    def start(self) -> PrintServer:
        conf = self.folder / "conf"
        for name in ("conf", "spool", "cache", "state", "log", "out", "cups-pdf"):
            (self.folder / name).mkdir(mode=0o755)
        (self.folder / "spool" / "tmp").mkdir(mode=0o1777)
        (conf / "cupsd.conf").write_text(f"""Listen {self.socket}
LogLevel debug
Browsing Off
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
""")
        # FileDevice: a queue may write to a file (KioskPDF).
        (conf / "cups-files.conf").write_text(f"""ServerRoot {conf}
RequestRoot {self.folder / "spool"}
TempDir {self.folder / "spool" / "tmp"}
CacheDir {self.folder / "cache"}
StateDir {self.folder / "state"}
ErrorLog {self.folder / "log" / "error_log"}
AccessLog {self.folder / "log" / "access_log"}
PageLog {self.folder / "log" / "page_log"}
SystemGroup root
ServerBin /usr/lib/cups
DataDir /usr/share/cups
FileDevice Yes
""")
        self.run_cupsd()
        # cups-pdf's description, the job kept as PDF (cupsd's pdftopdf applies the page size).
        ppd = self.folder / "pdf-printer.ppd"
        keep_pdf = r'\1\n*cupsFilter2: "application/vnd.cups-pdf application/pdf 0 -"'
        ppd.write_text(re.sub(r"(?m)^(\*ModelName:.*)$", keep_pdf, CUPS_PDF_PPD.read_text(errors="replace"), count=1))
        self.output.touch()  # cupsd writes into a file, never creates one
        self.lpadmin(FILE_QUEUE, f"file://{self.output}", ppd)
        self.cups_pdf_config.write_text(f"Out {self.cups_pdf_out}\nAnonDirName {self.cups_pdf_out}\n"
                                        f"Spool {self.folder / 'cups-pdf-spool'}\nLog {self.folder / 'log'}\nLabel 1\n")
        self.lpadmin(CUPS_PDF_QUEUE, f"cups-pdf:/{self.instance}", CUPS_PDF_PPD)
        self.lpadmin(SHEETS_QUEUE, "file:///dev/null", SHEETS_PPD)
        return self

    def run_cupsd(self, queues: tuple[str, ...] = ()) -> None:
        """Start cupsd; back when it answers and lists `queues` (a restarted cupsd answers
        a few milliseconds before it lists the queues it had)."""
        conf = self.folder / "conf"
        self.socket.unlink(missing_ok=True)
        command = ["cupsd", "-f", "-c", str(conf / "cupsd.conf"), "-s", str(conf / "cups-files.conf")]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=self.env())
        deadline = time.monotonic() + START_TIMEOUT
        while self.lpstat("-r").returncode != 0 or (queues and self.lpstat("-p", ",".join(queues)).returncode != 0):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"cupsd did not start: {self.process.stderr.read().decode(errors='replace')}"
                                   if self.process.poll() is not None else f"cupsd did not answer in {START_TIMEOUT} s")
            time.sleep(0.02)

    def stop_cupsd(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(10)

    def stop(self) -> None:
        self.stop_cupsd()
        self.cups_pdf_config.unlink(missing_ok=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    def env(self) -> dict[str, str]:
        return dict(os.environ, CUPS_SERVER=str(self.socket))

    def run(self, *command: str) -> subprocess.CompletedProcess:
        return subprocess.run(command, capture_output=True, text=True, env=self.env(), timeout=10)

    def lpstat(self, *args: str) -> subprocess.CompletedProcess:
        return self.run("lpstat", *args)

    def lpadmin(self, queue: str, device: str, ppd: Path) -> None:
        # A cupsd that has just answered lpstat may still refuse an admin connection for a moment
        # on a loaded machine ("Unable to connect to server"): tried again for up to START_TIMEOUT.
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            done = self.run("lpadmin", "-p", queue, "-E", "-v", device, "-P", str(ppd))
            if done.returncode == 0 or "Unable to connect" not in done.stderr or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert done.returncode == 0, done.stderr

    def pending(self, queue: str) -> str:
        return self.lpstat("-o", queue).stdout.strip()

    def log_tail(self, lines: int = 15) -> str:
        log = self.folder / "log" / "error_log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else "(no log)"

    def wait_for_file_job(self) -> Path:
        """KioskPDF's PDF, once its job is done."""
        deadline = time.monotonic() + JOB_TIMEOUT
        while True:
            data = self.output.read_bytes()
            if data.rstrip().endswith(b"%%EOF") and not self.pending(FILE_QUEUE):
                return self.output
            if time.monotonic() > deadline:
                pytest.fail(f"no PDF from {FILE_QUEUE} in {JOB_TIMEOUT} s ({len(data)} bytes; queue: "
                            f"{self.pending(FILE_QUEUE) or 'empty'}); cupsd's log ends:\n{self.log_tail()}")
            time.sleep(0.05)

    def wait_for_cups_pdf(self, before: set[Path]) -> Path:
        """The PDF cups-pdf writes for the job just sent (none of `before`)."""
        deadline = time.monotonic() + JOB_TIMEOUT
        while True:
            new = set(self.cups_pdf_out.glob("*.pdf")) - before
            if new and not self.pending(CUPS_PDF_QUEUE):
                return new.pop()
            if time.monotonic() > deadline:
                pytest.fail(f"cups-pdf wrote no PDF in {JOB_TIMEOUT} s (queue: "
                            f"{self.pending(CUPS_PDF_QUEUE) or 'empty'}); cupsd's log ends:\n{self.log_tail()}")
            time.sleep(0.05)


def forget_server() -> None:
    """Make this process's libcups (the one Qt's print plugin loaded) read CUPS_SERVER again:
    it reads it once per thread, and a test before may have asked the system's server."""
    library = ctypes.util.find_library("cups")
    if library:
        ctypes.CDLL(library).cupsSetServer(None)


@pytest.fixture(scope="module")
def cups():
    require(missing(), "printing tests")
    server = PrintServer()
    before = os.environ.get("CUPS_SERVER")
    try:
        server.start()
        os.environ["CUPS_SERVER"] = str(server.socket)
        forget_server()
        yield server
    finally:
        server.stop()
        if before is None:
            os.environ.pop("CUPS_SERVER", None)
        else:
            os.environ["CUPS_SERVER"] = before
        forget_server()


@pytest.fixture(scope="module")
def offer(guide):
    return LanguageOffer(guide)


def print_timed(text: str, language: str, printer: str, paper: str) -> float:
    """print_card's time in ms: it runs on the patient's screen, which waits for it."""
    from kiosk.ui.card_print import print_card

    started = time.perf_counter()
    print_card(text, language, printer, paper)
    return (time.perf_counter() - started) * 1000


# --- reading the PDF back --------------------------------------------------------------------


def pdf_text(pdf: Path) -> str:
    """The PDF's text, each line in reading order."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True,
                          timeout=20).stdout
    return "\n".join(map(reading_order, text.splitlines()))


RTL_RUN = re.compile("(\u202b[^\u202a-\u202e]*\u202c)")


def reading_order(line: str) -> str:
    """A line as read. pdftotext writes a right-to-left line's runs (each between U+202B and
    U+202C, its letters in reading order) from left to right, as they stand on paper, and splits
    runs at punctuation ("أخبر الممرضة الآن. إذا ..." comes out as "إذا ... .أخبر الممرضة الآن"):
    read from the right, the runs are in order again."""
    if "\u202b" not in line:
        return line
    return "".join(reversed([run for run in RTL_RUN.split(line) if run]))


def page_sizes_mm(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True,
                          check=True, timeout=20).stdout
    return [(float(w) * MM_PER_PT, float(h) * MM_PER_PT)
            for w, h in re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+) pts", info)]


def letters(text: str) -> str:
    """Only the letters and digits, in order: pdftotext gives Arabic in presentation forms, its
    marks and its punctuation moved or mirrored, and breaks lines where the card wraps them."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


PAGE = re.compile(r'<page width="([\d.]+)"')
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


@dataclass
class Line:
    """A printed line: its words as the eye meets them, left to right; where it starts and
    ends, in millimetres from the page's left edge; the page's width."""

    text: str
    left_mm: float
    right_mm: float
    page_mm: float


def printed_lines(pdf: Path) -> list[Line]:
    """The lines as they stand on paper, from pdftotext's word boxes (its text order is its own
    guess at the reading order). A word's box is as tall as its font: a line is the words whose
    middles are within 4 points."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True,
                           timeout=20).stdout
    lines = []
    for page in boxes.split("<page ")[1:]:
        width = float(PAGE.match("<page " + page).group(1)) * MM_PER_PT
        words = sorted(((float(top) + float(bottom)) / 2, float(left), float(right), html.unescape(text))
                       for left, top, right, bottom, text in WORD.findall(page))
        groups: list[list[tuple[float, float, str]]] = []
        first = 0.0  # the middle of the line's first word
        for middle, left, right, text in words:
            if not groups or middle - first > 4:
                groups.append([])
                first = middle
            groups[-1].append((left, right, text))
        for group in groups:
            group.sort()
            lines.append(Line(" ".join(text for _, _, text in group), group[0][0] * MM_PER_PT,
                              max(right for _, right, _ in group) * MM_PER_PT, width))
    return lines


def number_order(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit() or ch in "+-")


# --- the card, on paper ----------------------------------------------------------------------

PRINTS = [("en", "a4"), ("es", "a4"), ("ar", "a4"), ("zh", "a4"), ("en", "letter"),
          ("en", "receipt-80mm"), ("es", "receipt-80mm"), ("ar", "receipt-80mm"), ("zh", "receipt-80mm")]
PAGE_MM = {"a4": (210, 297), "letter": (215.9, 279.4)}
MARGIN_MM = {"a4": 15, "letter": 15, "receipt-80mm": 4}


@pytest.mark.parametrize(("code", "paper"), PRINTS, ids=[f"{code}-{paper}" for code, paper in PRINTS])
def test_the_card_prints_in_its_language_then_english(qapp, cups, guide, offer, code, paper):
    local = offer.guide(code)
    cups.output.write_bytes(b"")
    took = print_timed(card_text(local, SITE, english=guide), code, FILE_QUEUE, paper)
    pdf = cups.wait_for_file_job()
    assert took < 2000, f"printing held the screen {took:.0f} ms"
    text = pdf_text(pdf)
    found = letters(text)
    title = letters(local.topic("get-help-now").title)
    assert found.startswith(title), f"the card does not start with its {code} title: {text[:300]!r}"
    now_screens = [screen for screen in local.screens() if screen.action is Action.NOW]
    for screen in now_screens:
        for sign in screen.items or (screen.text,):
            assert letters(sign) in found, f"{code}: {screen.id}'s sign {sign!r} is not on the card"
    english_title = letters(guide.topic("get-help-now").title)
    if code != "en":
        english = found.find(english_title, len(title))
        assert english > found.index(letters(now_screens[0].heading)), "the English copy after the patient's"
        assert letters(guide.screen(now_screens[0].id).items[0]) in found[english:]
    lines = printed_lines(pdf)
    english_at = len(lines) if code == "en" else next(
        (at for at, line in enumerate(lines) if letters(line.text) == english_title), len(lines))
    # Every number in its order on paper, in the patient's copy (right to left in Arabic) and in English.
    for section in (lines[:english_at], lines[english_at:]) if code != "en" else (lines,):
        shown = [number_order(line.text) for line in section]
        for number in (SITE.care_team, SITE.after_hours, SITE.emergency):
            assert any(number_order(number) in line for line in shown), f"{number} is not printed in its order"
    # The patient's title starts at the left margin, or in Arabic ends at the right one; English at the left.
    margin = MARGIN_MM[paper]
    first = lines[0]
    if code == "ar":
        assert first.right_mm == pytest.approx(first.page_mm - margin, abs=1.5), "Arabic from the right"
        assert first.left_mm > margin + 10
        assert sum("\u0600" <= ch <= "\u06ff" for ch in letters(pdf_text(pdf).split(english_title[:3])[0])) > 500
    else:
        assert first.left_mm == pytest.approx(margin, abs=1.5)
    if code != "en":
        assert lines[english_at].left_mm == pytest.approx(margin, abs=1.5), "English from the left"
    sizes = page_sizes_mm(pdf)
    if paper == "receipt-80mm":
        assert len(sizes) == 1 and sizes[0][0] == pytest.approx(80, abs=0.5), sizes
    else:
        assert sizes and all(size == pytest.approx(PAGE_MM[paper], abs=0.5) for size in sizes), sizes


def test_cups_pdf_prints_the_receipt_80_mm_wide(qapp, cups, guide, offer):
    before = set(cups.cups_pdf_out.glob("*.pdf"))
    print_timed(card_text(offer.guide("es"), SITE, english=guide), "es", CUPS_PDF_QUEUE, "receipt-80mm")
    sizes = page_sizes_mm(cups.wait_for_cups_pdf(before))
    assert len(sizes) == 1 and sizes[0][0] == pytest.approx(80, abs=0.5), sizes
    assert sizes[0][1] > 300, "as long as the card"


# --- a printer that cannot print -------------------------------------------------------------


def test_an_unknown_printer_is_named(qapp, cups, guide):
    from kiosk.ui.card_print import PrintFailed

    with pytest.raises(PrintFailed) as failed:
        print_timed(card_text(guide, SITE), "en", "FrontDeskLaser", "a4")
    message = str(failed.value)
    assert "'FrontDeskLaser' is not known" in message and FILE_QUEUE in message and "\n" not in message


def test_no_printer_set_and_an_unknown_paper_fail_in_one_line(qapp, cups, guide):
    from kiosk.ui.card_print import PrintFailed

    with pytest.raises(PrintFailed, match=r"^no printer is set \(card\.printer\)$"):
        print_timed(card_text(guide, SITE), "en", "", "a4")
    with pytest.raises(PrintFailed, match="unknown paper 'a5'.*receipt-80mm, a4, letter"):
        print_timed(card_text(guide, SITE), "en", FILE_QUEUE, "a5")


def test_a_receipt_on_a_printer_without_80_mm_paper_fails_in_one_line(qapp, cups, guide):
    from kiosk.ui.card_print import PrintFailed

    with pytest.raises(PrintFailed, match=f"^printer '{SHEETS_QUEUE}' has no 80 mm paper: set card.paper"):
        print_timed(card_text(guide, SITE), "en", SHEETS_QUEUE, "receipt-80mm")


@contextlib.contextmanager
def queue_changed(cups: PrintServer, change: str, back: str):
    assert cups.run(change, FILE_QUEUE).returncode == 0
    try:
        yield
    finally:
        assert cups.run(back, FILE_QUEUE).returncode == 0


def test_a_stopped_printer_is_refused_before_anything_is_sent(qapp, cups, guide):
    from kiosk.ui.card_print import PrintFailed

    with queue_changed(cups, "cupsdisable", "cupsenable"), pytest.raises(PrintFailed) as failed:
        print_timed(card_text(guide, SITE), "en", FILE_QUEUE, "a4")
    assert f"printer '{FILE_QUEUE}' is stopped" in str(failed.value)
    assert not cups.pending(FILE_QUEUE), "no job left waiting in the stopped queue"


def test_a_queue_that_refuses_jobs_is_not_noticed(qapp, cups, guide):
    # What is true (docs/printing.md): Qt hands the job to CUPS and does not say that it was
    # refused, so a queue set to reject jobs (cupsreject) loses the card without a word.
    cups.output.write_bytes(b"")
    with queue_changed(cups, "cupsreject", "cupsaccept"):
        print_timed(card_text(guide, SITE), "en", FILE_QUEUE, "a4")
        time.sleep(0.3)
    assert not cups.pending(FILE_QUEUE) and cups.output.read_bytes() == b""


def test_no_print_service_then_printing_again_once_it_is_back(qapp, cups, guide):
    from kiosk.ui.card_print import PrintFailed

    cups.stop_cupsd()
    try:
        started = time.perf_counter()
        with pytest.raises(PrintFailed, match="the system knows no printers .is the print service, CUPS, running"):
            print_timed(card_text(guide, SITE), "en", FILE_QUEUE, "a4")
        assert time.perf_counter() - started < 1, "no print service is found out at once"
    finally:
        cups.run_cupsd(queues=(FILE_QUEUE, CUPS_PDF_QUEUE, SHEETS_QUEUE))
    cups.output.write_bytes(b"")
    print_timed(card_text(guide, SITE), "en", FILE_QUEUE, "a4")
    assert "Get help right away" in pdf_text(cups.wait_for_file_job())


# --- the layout, without a printer -----------------------------------------------------------

FLOOR_PT = {"a4": 12, "letter": 12, "receipt-80mm": 10}


@pytest.mark.parametrize("paper", list(FLOOR_PT))
def test_type_is_large_headings_bold_and_each_copy_in_its_direction(qapp, guide, offer, paper):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont
    from PySide6.QtPrintSupport import QPrinter

    from kiosk.ui.card_print import PAPERS, card_document

    device = QPrinter(QPrinter.PrinterMode.HighResolution)
    device.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # no print service needed to lay it out
    arabic = offer.guide("ar")
    document = card_document(card_text(arabic, SITE, english=guide), "ar", PAPERS[paper], device)
    blocks = []
    block = document.begin()
    while block.isValid():
        if block.text():
            shape = block.begin().fragment().charFormat()  # the letters' own format
            bold = shape.fontWeight() >= QFont.Weight.Bold.value
            blocks.append((block.text(), shape.fontPointSize(), bold, block.blockFormat().layoutDirection()))
        block = block.next()
    sizes = {size for _, size, _, _ in blocks}
    assert min(sizes) >= FLOOR_PT[paper]
    title = blocks[0]
    assert title[0] == arabic.topic("get-help-now").title and title[2] and title[1] == max(sizes)
    headings = {screen.heading for screen in arabic.screens() if screen.action in (Action.NOW, Action.RIGHT_AWAY)}
    for text, _, bold, _ in blocks:
        if text in headings:
            assert bold, f"heading {text!r} is not bold"
    english = next(at for at, (text, *_) in enumerate(blocks) if text == guide.topic("get-help-now").title)
    assert {direction for *_, direction in blocks[:english]} == {Qt.LayoutDirection.RightToLeft}
    assert {direction for *_, direction in blocks[english:]} == {Qt.LayoutDirection.LeftToRight}
    assert any(not bold for _, _, bold, _ in blocks), "the signs are not bold"
