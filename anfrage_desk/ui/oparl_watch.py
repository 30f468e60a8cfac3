"""The council's information system in the main window: menu entries for importing from OParl,
and the answer watch — shortly after start and every N hours while the app runs, submitted
inquiries that came from OParl are checked for a published answer, which is imported and
announced in the Übersicht ("2 neue Antworten, 1 davon unklar").

No request is sent unless a Gremium is connected. The watch runs quietly off the GUI thread;
a failure shows in the status bar, never as a popup.

Signals of AnswerNotice: show_requested().
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QVBoxLayout, QWidget

from anfrage_desk.model import InquiryRow
from anfrage_desk.progress import Progress
from anfrage_desk.services import oparl as service
from anfrage_desk.services.oparl_sync import WatchResult, watch_job
from anfrage_desk.ui.oparl_connect import watch_hours
from anfrage_desk.ui.operation import Operation
from anfrage_desk.ui.overview import Notice

if TYPE_CHECKING:
    from anfrage_desk.ui.main_window import MainWindow

FIRST_CHECK_MS = 5000
"""After start, once the window is up and the first paint is done."""

NOTICE_STYLE = """
#answerNotice { background: #e8f1fb; border: 1px solid #9bbce0; border-radius: 6px; }
#answerNotice QLabel { color: #0d2f55; font-size: 14px; }
#answerNotice QToolButton { border: none; color: #0d2f55; font-size: 16px; padding: 0 6px; }
"""


class AnswerNotice(Notice):
    """ "2 neue Antworten, 1 davon unklar – Anzeigen", dismissible; in the Übersicht."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("answerNotice", NOTICE_STYLE, parent)
        self.inquiry_ids: set[int] = set()
        self.text = ""

    def add(self, result: WatchResult, total: WatchResult) -> None:
        self.inquiry_ids |= {a.inquiry_id for a in result.answers}
        self.text = total.notice()
        self.label.setText(
            self.tr("<b>{text}.</b> &nbsp;<a href='answers'>Anzeigen</a>").format(text=self.text)
        )
        self.setVisible(bool(self.inquiry_ids))

    def dismiss(self) -> None:
        self.inquiry_ids = set()
        self.setVisible(False)


class OparlCommands(QObject):
    """Menu entries, the watch timer and the notice of one main window (``window.oparl``)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.running: Operation | None = None
        self.seen = WatchResult()
        self.last_problem = ""
        self.notice = AnswerNotice()
        self.notice.show_requested.connect(self.show_new_answers)
        overview = window.pages.get("overview")
        layout = overview.layout() if overview is not None else None
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(1, self.notice)  # below the overdue banner

        self.import_action = QAction(self.tr("Aus dem &Ratsinformationssystem übernehmen …"), self)
        self.import_action.setStatusTip(
            self.tr("Eine Anfrage mit ihrer veröffentlichten Antwort aus OParl übernehmen")
        )
        self.import_action.triggered.connect(self.ask_import_paper)
        self.history_action = QAction(self.tr("&Frühere Anfragen übernehmen …"), self)
        self.history_action.setStatusTip(
            self.tr("Alle Anfragen der Fraktion in einem Zeitraum aus OParl übernehmen")
        )
        self.history_action.triggered.connect(self.ask_import_history)
        self.check_action = QAction(self.tr("Jetzt nach neuen &Antworten sehen"), self)
        self.check_action.setStatusTip(
            self.tr("Im Ratsinformationssystem nach veröffentlichten Antworten sehen")
        )
        self.check_action.triggered.connect(self.check_now)
        menu = window.menus["Datei"]
        menu.addSeparator()
        for action in (self.import_action, self.history_action, self.check_action):
            menu.addAction(action)
            action.setEnabled(not window.db.read_only)

        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check_now)

    def start_watch(self) -> None:
        """Check shortly after start, then every N hours (run_gui calls this once)."""
        if self.window_.db.read_only:
            return
        QTimer.singleShot(FIRST_CHECK_MS, self, self.check_now)
        self.timer.start(watch_hours() * 3600 * 1000)

    # -- importing
    def ask_import_paper(self) -> None:
        from anfrage_desk.ui.oparl_import import PaperImportDialog

        PaperImportDialog(self.window_).open()

    def ask_import_history(self) -> None:
        from anfrage_desk.ui.oparl_import import HistoryDialog

        HistoryDialog(self.window_).open()

    # -- the watch
    def check_now(self) -> bool:
        """Start a quiet check; False when nothing is to be checked (or one runs already)."""
        interval = watch_hours() * 3600 * 1000
        if self.timer.isActive() and self.timer.interval() != interval:
            self.timer.start(interval)
        if self.running is not None or not service.has_connections(self.window_.db):
            return False
        path = self.window_.db_path

        def work(progress: Progress) -> WatchResult:
            return watch_job(path, progress)

        op = Operation(self.window_, self.tr("Neue Antworten werden gesucht …"), work, quiet=True)
        op.succeeded.connect(self._checked)
        op.failed.connect(self._failed)
        op.finished.connect(self._finished)
        self.running = op
        op.start()
        return True

    def _finished(self) -> None:
        self.running = None

    def _failed(self, message: str) -> None:
        self.last_problem = message
        self.window_.statusBar().showMessage(message, 15000)

    def _checked(self, result: object) -> None:
        assert isinstance(result, WatchResult)
        if result.problems:
            self._failed(result.problems[0])
        if not result.answers:
            return
        if not self.notice.inquiry_ids:
            self.seen = WatchResult()
        self.seen = WatchResult(self.seen.answers + result.answers)
        self.notice.add(result, self.seen)
        self.window_.broadcast(result.changes)
        self.window_.statusBar().showMessage(self.notice.text, 15000)

    def show_new_answers(self) -> None:
        ids = set(self.notice.inquiry_ids)

        def is_new(row: InquiryRow, _today: object) -> bool:
            return row.id in ids

        self.window_.inquiry_list.set_predicate(is_new, self.tr("neue Antworten aus OParl"))
        self.window_.show_page("inquiries")


def install(window: MainWindow) -> None:
    window.oparl = OparlCommands(window)  # type: ignore[attr-defined]


def start_watch(window: object) -> None:
    """The answer watch of the app's window (not of windows made in tests)."""
    commands = getattr(window, "oparl", None)
    if isinstance(commands, OparlCommands):
        commands.start_watch()
