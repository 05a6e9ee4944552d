"""Builds the QApplication, the guide and the main window. Nothing else makes a QApplication."""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import __version__, logs
from kiosk.config import Config, ConfigError, load_config
from kiosk.content import ContentError, Guide, load_guide
from kiosk.readiness import guide_blocked
from kiosk.recovery import EXIT_CANNOT_GO_ON, Recovery
from kiosk.ui.lockdown import Lockdown
from kiosk.ui.theme import load_fonts

log = logging.getLogger(__name__)

APP_NAME = "Medicine guide kiosk"
AFTER_FIRST_PAINT_MS = 50


def create_application(argv: Sequence[str] = ()) -> QApplication:
    """The one QApplication, with the bundled fonts loaded."""
    from kiosk.ui.theme import FONT_FAMILY

    if sys.platform.startswith("linux") and not any(os.environ.get(name) for name in ("LC_ALL", "LC_CTYPE", "LANG")):
        # A bare session (systemd, env -i) has no locale; Qt then warns at every start and
        # switches to C.UTF-8 itself. Say it first. (The kiosk's language is its own setting.)
        os.environ["LC_CTYPE"] = "C.UTF-8"
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "kiosk", *argv])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Infusion center patient education")
    families = load_fonts()
    if FONT_FAMILY not in families:
        log.warning("bundled font %s did not load; falling back to the system font", FONT_FAMILY)
    font = app.font()
    font.setFamily(FONT_FAMILY)
    app.setFont(font)
    return app


def load_or_explain() -> tuple[Guide | None, str]:
    """The guide, or None and the one-line reason it cannot be shown."""
    try:
        return load_guide(), ""
    except ContentError as error:
        return None, str(error)


EXIT_CONTENT_ERROR = 3  # the guide file is wrong: a restart will not fix it
EXIT_CONFIG_ERROR = 4  # the settings file is wrong: neither will a restart
EXIT_NOT_REVIEWED = 5  # the guide is a draft and the settings do not allow drafts
EXIT_MEANINGS = {0: "normal end", EXIT_CONTENT_ERROR: "the guide file is wrong",
                 EXIT_CONFIG_ERROR: "the settings file is wrong",
                 EXIT_NOT_REVIEWED: "the guide is not reviewed and drafts are not allowed",
                 EXIT_CANNOT_GO_ON: "too many errors: restart me"}


def build_window(guide: Guide | None, reason: str = "", config: Config | None = None) -> QWidget:
    from kiosk.ui.language_switcher import LanguageSwitcher
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.screens.out_of_order import OutOfOrderScreen

    if guide is None:
        return OutOfOrderScreen(reason)
    from kiosk.ui.display import Display
    from kiosk.ui.theme import TEXT_SCALES

    config = config or Config()
    # A translation not yet reviewed is offered only where the site allows drafts.
    languages = LanguageSwitcher(guide, config["languages.enabled"],
                                 reviewed_only=config["languages.hide_unreviewed"]
                                 or not config["content.allow_unreviewed"])
    step = [round(scale * 100) for scale in TEXT_SCALES].index(config["display.text_size"])
    display = Display(text_step=step, high_contrast=config["display.high_contrast"])
    window = MainWindow(guide, display=display, languages=languages, settings=config, pin_gate=staff_pin_gate(config))
    languages.setParent(window)
    window.set_language(config["languages.default"])
    return window


def staff_pin_gate(config: Config):
    """The PIN pad's gate: the hash from the PIN file, wrong tries kept across restarts."""
    from kiosk.admin.pin import PinGate
    from kiosk.admin.pin_file import LOCKOUT_FILE, load_pin_hash
    from kiosk.resources import data_dir

    if config["admin.pin_hash"]:
        log.warning("admin PIN: %s still has a pin_hash line, which is no longer read (every account can read "
                    "that file); run `kiosk set-pin` as root to set the PIN in its own file", config.file)
    return PinGate(load_pin_hash(config.file), state_file=data_dir() / LOCKOUT_FILE)


def run(*, windowed: bool = False, size: tuple[int, int] | None = None,
        quit_after_ms: int | None = None, config_file=None, report_first_paint: bool = False) -> int:
    app = create_application()
    status_on_error = 0
    try:
        config = load_config(config_file)
        guide, reason = load_or_explain()
        if guide is None:
            status_on_error = EXIT_CONTENT_ERROR
        elif blocked := guide_blocked(guide, config["content.allow_unreviewed"]):
            guide, reason, status_on_error = None, blocked, EXIT_NOT_REVIEWED
    except ConfigError as error:
        # Like a broken guide: patients see "ask a member of staff", staff see this line.
        config, guide, reason, status_on_error = Config(), None, str(error), EXIT_CONFIG_ERROR
    # The start line names the site (settings: site.name; never patient data): which terminal this is.
    logs.set_site(config["site.name"])
    logging.getLogger("kiosk").info("kiosk %s starting; site=%s; log file %s", __version__,
                                    json.dumps(config["site.name"], ensure_ascii=False), logs.log_file())
    if guide is None:
        what = "settings" if status_on_error == EXIT_CONFIG_ERROR else "guide"
        what = "content review" if status_on_error == EXIT_NOT_REVIEWED else what
        print(f"kiosk: the {what} cannot be used: {reason}", file=sys.stderr)
        log.error("%s error: %s", what, reason)
    window = build_window(guide, reason, config)
    if windowed or size:
        width, height = size or (1280, 800)
        window.resize(width, height)
        window.show()
    else:
        # Frameless, on top, covering the screen even where no window manager honours
        # "full screen" (a bare X session); where one does, showFullScreen() does the rest.
        window.setWindowFlags(window.windowFlags() | Qt.WindowType.FramelessWindowHint
                              | Qt.WindowType.WindowStaysOnTopHint)
        window.setGeometry(QGuiApplication.primaryScreen().geometry())
        window.showFullScreen()
    watch_stop_signals(app, window)
    lockdown = lock_down(window, config)
    if guide is not None:
        recovery = Recovery(window.recover, app.exit)
        recovery.install()

        def staff_exit() -> None:
            log.info("exit chosen in the admin screen")
            lockdown.unlocked = True
            app.exit(0)

        window.exit_requested.connect(staff_exit)

        def start_stats() -> None:  # after the first paint: opening the database syncs to disk
            stats = open_stats(config)
            window.session.attach_stats(stats)
            app.aboutToQuit.connect(stats.close)

        after_first_paint(window, lambda: (attach_speech(window, app), start_stats(),
                                           load_fonts(everything=True), window.languages.preload()))
    # --- fleet health (kiosk/metrics.py): node_exporter's textfile, when metrics.textfile_dir is set.
    # A second after the first paint: speech and statistics have started by then (and, started
    # first, they close first at the end, before the last write).
    if config["metrics.textfile_dir"]:
        from kiosk.metrics import FIRST_WRITE_MS, start_metrics

        after_first_paint(window, lambda: QTimer.singleShot(FIRST_WRITE_MS, window,
                                                            lambda: start_metrics(app, window, config, guide)))
    # ---
    if report_first_paint:  # the same clock in every process: bench/ subtracts its own start time
        _FirstPaint(window, lambda: (print(f"first_paint {time.monotonic():.6f}", flush=True), app.exit(0)), 0)
    if quit_after_ms is not None:
        QTimer.singleShot(quit_after_ms, lambda: app.exit(0))  # exit(), not quit(): windows may refuse to close
    status = app.exec()
    # A content or settings error is not fixed by a restart: its own exit code says so.
    status = status_on_error or status
    # Said in the log: a compositor such as cage does not pass the code on to systemd.
    log.info("kiosk ending with exit code %d (%s)", status, EXIT_MEANINGS.get(status, "unexpected"))
    return status


def lock_down(window: QWidget, config: Config) -> Lockdown:
    """Patients cannot close or leave the program: not the guide, nor the "ask a member of
    staff" notice shown when it cannot be used."""
    lockdown = Lockdown(window, window)
    if hasattr(window, "set_lockdown"):
        window.set_lockdown(lockdown)  # the main window's own event filter asks it
    else:
        window.lockdown = lockdown
        lockdown.watch_application()
    lockdown.hide_cursor(config["display.hide_cursor"])
    return lockdown


STOP_SIGNALS = ("SIGTERM", "SIGHUP")  # systemctl stop / restart; a closed terminal


def watch_stop_signals(app: QApplication, window: QWidget) -> None:
    """End on SIGTERM or SIGHUP as the admin screen's Exit does: the session closed as
    "stopped", speech files removed, the last log line with the exit code."""
    import signal

    def stop(signum, _frame) -> None:
        stop_for(app, window, signal.Signals(signum).name)

    for name in STOP_SIGNALS:
        if hasattr(signal, name):  # Windows has no SIGHUP
            signal.signal(getattr(signal, name), stop)
    # Python runs a signal handler only when it gets control: while Qt waits for events it
    # would not, so a quiet timer hands it control four times a second.
    ticker = QTimer(app)
    ticker.timeout.connect(lambda: None)
    ticker.start(250)


def stop_for(app: QApplication, window: QWidget, reason: str) -> None:
    log.info("stopping on %s (the service was stopped or restarted)", reason)
    stats = getattr(getattr(window, "session", None), "stats", None)  # (no session when out of order)
    if stats is not None:
        stats.end_session("stopped")
    lockdown = getattr(window, "lockdown", None)
    if lockdown is not None:
        lockdown.unlocked = True
    app.exit(0)


def open_stats(config: Config):
    """The usage statistics recorder. It opens and writes its database in a thread of its
    own, so a full disk or a locked or damaged file is logged and never reaches a patient."""
    from kiosk.usage_recorder import UsageRecorder

    return UsageRecorder(retention_days=config["stats.retention_days"])


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback, delay_ms: int = AFTER_FIRST_PAINT_MS):
        super().__init__(widget)
        self.callback, self.delay_ms = callback, delay_ms
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            # A short pause: the rest of the first frame (children, the flush) goes out first.
            QTimer.singleShot(self.delay_ms, self.callback)
        return False


def after_first_paint(widget: QWidget, callback) -> None:
    """Run `callback` just after `widget` is first painted: what can wait, waits for it."""
    _FirstPaint(widget, callback)


def attach_speech(window, app: QApplication) -> None:
    """Start the read-aloud service once the first screen is up (QtMultimedia and the
    speech engine take a moment), and stop it cleanly when the program ends."""
    from kiosk.speech.service import ReadAloud

    speech = ReadAloud()
    speech.set_rate(window.settings["speech.rate"])
    speech.set_volume(window.settings["speech.volume"])
    window.attach_speech(speech)
    app.aboutToQuit.connect(speech.shutdown)
    if not speech.available():
        log.warning("read-aloud unavailable: %s", speech.unavailable_reason())


def has_display() -> bool:
    """False when Qt would abort for want of a screen (Linux without X11 or Wayland)."""
    if not sys.platform.startswith("linux"):
        return True
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return True  # offscreen, vnc, eglfs, linuxfb...: no desktop session needed
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


