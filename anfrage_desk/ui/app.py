"""Start the GUI: application object, error hook, database, main window, first start."""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTimer, QTranslator, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from anfrage_desk import APP_NAME, __version__, resources
from anfrage_desk.paths import log_dir
from anfrage_desk.store import Database, StoreUnavailable, open_db
from anfrage_desk.store.db import is_read_only_location
from anfrage_desk.store.lock import DatabaseLock, held_elsewhere_message, unavailable_message
from anfrage_desk.ui import messages

log = logging.getLogger("anfrage_desk")


def log_file(db_path: Path) -> Path:
    return log_dir(db_path) / "anfrage-desk.log"


def setup_logging(db_path: Path) -> Path | None:
    path = log_file(db_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def install_excepthook(db_path: Path) -> None:
    """Unexpected exceptions: log them and tell the user briefly where the log is."""
    path = log_file(db_path)

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("Unerwarteter Fehler:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        if QApplication.instance() is not None:
            messages.show_error(
                QApplication.activeWindow(),
                f"Ein unerwarteter Fehler ist aufgetreten. Ihre gespeicherten Daten sind nicht "
                f"betroffen.\n\nDetails stehen im Protokoll:\n{path}",
            )

    sys.excepthook = hook


def create_app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    install_german(app)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("anfrage-desk")  # bundle/linux/anfrage-desk.desktop
    app.setWindowIcon(QIcon(str(resources.path("icons", "anfrage-desk.png"))))
    return app


_translators: list[QTranslator] = []  # kept alive as long as the application


def install_german(app: QApplication) -> bool:
    """Qt's own German (standard buttons, file dialog, context menus, calendar) from the
    translations folder of the PySide6 wheel; German dates and numbers. Idempotent."""
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    if _translators:
        return True
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_de",):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _translators.append(translator)
    if not _translators:
        log.warning("Qt-Übersetzungen nicht gefunden in %s", folder)
    return bool(_translators)


def open_database(db_path: Path, check_later: bool = False) -> Database | None:
    """Open with a quick integrity check; problems go to a German dialog (no traceback).

    With ``check_later`` the check of a file that needs no migration is left to
    ``check_in_background`` (the window paints meanwhile; writes wait for the check)."""
    try:
        return open_db(db_path, check=True, check_later=check_later)
    except StoreUnavailable as exc:
        return _unavailable(db_path, exc)


def _unavailable(db_path: Path, exc: StoreUnavailable) -> Database | None:
    recover = _recovery_handler()
    if recover is not None:
        return recover(db_path, exc)
    messages.show_error(None, str(exc), title="Datenbank nicht verfügbar")
    return None


def _recovery_handler():  # type: ignore[no-untyped-def]
    try:
        from anfrage_desk.ui.recovery import recover_database
    except ImportError:
        return None
    return recover_database


def offer_example(window: object) -> None:
    from anfrage_desk.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    if window.inquiry_list.model.rowCount() or window.db.read_only:
        return
    if messages.confirm(
        window,
        "Die Datenbank ist noch leer. Möchten Sie ein Beispiel laden? Es enthält die Anfrage "
        "„Strategie zur Künstlichen Intelligenz“ an den Kreis Recklinghausen mit dem "
        "Antwortschreiben vom 15.05.2024. Sie können es später im Papierkorb löschen.",
        title="Willkommen bei Anfrage-Desk",
        ok="Beispiel laden",
        cancel="Leer beginnen",
    ):
        window.load_example()


def acquire_lock(db_path: Path) -> DatabaseLock | None:
    """The single-writer lock; a German message and None when another window holds it.

    On a read-only medium no lock file can be made and none is needed (nobody can write; the
    database opens read-only): the lock is returned unheld. Any other failure to make the lock
    file means "not acquired".
    """
    lock = DatabaseLock(db_path)
    if lock.acquire():
        return lock
    if lock.error is not None:
        if db_path.exists() and is_read_only_location(db_path):
            return lock
        log.warning("Sperrdatei für %s nicht anlegbar: %s", db_path, lock.error)
        messages.show_error(
            None, unavailable_message(db_path, lock.error), title="Datenbank nicht verfügbar"
        )
        return None
    log.info("Datenbank %s ist bereits geöffnet: %s", db_path, lock.owner())
    messages.show_error(
        None,
        held_elsewhere_message(db_path, lock.owner()),
        title="Datenbank bereits geöffnet",
    )
    return None


def check_in_background(window: object, then: Callable[[], None]) -> None:
    """The integrity check left pending by ``open_database(check_later=True)``, in a worker
    thread; ``then`` runs once the file is found sound. A damaged file closes the window
    (no write has happened: every write waits for this check) and ``window.damage`` holds
    the reason for ``run_gui``."""
    from anfrage_desk.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    db = window.db
    if not db.integrity_pending():
        then()
        return
    relay = _CheckRelay(window)

    def work() -> None:
        message = ""
        try:
            db.check_integrity()
        except Exception as exc:  # damaged or unreadable: the window closes, run_gui tells
            message = str(exc) or "Die Datenbank ist beschädigt."
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            relay.done.emit(message)

    def finish(message: str) -> None:
        if not message:
            then()
            return
        window.damage = StoreUnavailable(message)
        window.discard_and_close()

    relay.done.connect(finish)
    threading.Thread(target=work, name="integrity-check", daemon=True).start()


class _CheckRelay(QObject):
    done = Signal(str)  # "" when the file is sound, else the German message


def start_daily_backup(window: object) -> None:
    controller = getattr(window, "backup_actions", None)
    if controller is not None:
        controller.start_daily_backup()


def start_app(log_for: Path) -> QApplication | None:
    """The application with its log (beside ``log_for``'s data), error hook and resources
    checked; None after a German message when the installation is incomplete."""
    app = create_app()
    setup_logging(log_for)
    install_excepthook(log_for)
    try:
        resources.check()
    except resources.MissingResource as exc:
        log.error("%s", exc)
        messages.show_error(None, str(exc), title="Anfrage-Desk unvollständig installiert")
        return None
    return app


def run_gui(db_path: Path) -> int:
    if str(db_path).startswith(("postgresql://", "postgres://")):  # team mode: a server
        from anfrage_desk.ui.team_start import run_team_gui

        return run_team_gui(db_path)  # type: ignore[arg-type]
    app = start_app(db_path)
    if app is None:
        return 1
    lock = acquire_lock(db_path)
    if lock is None:
        return 1
    try:
        db = open_database(db_path, check_later=True)
        while db is not None:
            code, damage = _run_window(app, db)
            db.close()
            if damage is None:
                return code
            log.error("Integritätsprüfung beim Start: %s", damage)
            db = _unavailable(db_path, damage)  # restore a backup, or tell and quit
        return 1
    finally:
        lock.release()


def _run_window(app: QApplication, db: Database) -> tuple[int, StoreUnavailable | None]:
    """Paint the window first; rows, integrity check, backup and OParl watch follow."""
    from anfrage_desk.ui.external_changes import ExternalChanges
    from anfrage_desk.ui.main_window import MainWindow
    from anfrage_desk.ui.oparl_watch import start_watch

    window = MainWindow(db, background=True)
    ExternalChanges(window)
    window.show()
    window.rows_loaded.connect(lambda: offer_example(window))

    def sound() -> None:
        window.install_features()  # the backup and the watch are features' commands
        start_daily_backup(window)
        start_watch(window)

    QTimer.singleShot(0, lambda: check_in_background(window, sound))
    code = app.exec()
    return int(code), window.damage
