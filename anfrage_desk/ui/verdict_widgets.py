"""Small pieces the answer review and the import preview share: verdict colours and chips,
and the answer editor that highlights the reasons of a verdict in the text.

Signals of AnswerEditor: mark_evasive_requested(str phrase).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QLabel, QTextEdit, QToolTip, QWidget

from anfrage_desk.model import UNRATED_LABEL, Reason, Verdict

# (text colour, background) per verdict; None = not rated yet.
VERDICT_COLORS: dict[Verdict | None, tuple[str, str]] = {
    Verdict.CLEAR: ("#1b5e20", "#dcefdc"),
    Verdict.PARTIAL: ("#7a4f00", "#fdecc0"),
    Verdict.VAGUE: ("#9a1c1c", "#f9d9d6"),
    Verdict.MISSING: ("#4a2a6b", "#e6dcf2"),
    None: ("#4d4d4d", "#e4e4e4"),
}
# Background of a highlighted reason span in the answer text.
SPAN_BACKGROUND = "#ffd966"


def verdict_label(verdict: Verdict | None) -> str:
    return verdict.label if verdict else UNRATED_LABEL


def verdict_brushes(verdict: Verdict | None) -> tuple[QColor, QColor]:
    fg, bg = VERDICT_COLORS.get(verdict, VERDICT_COLORS[None])
    return QColor(fg), QColor(bg)


def chip_style(verdict: Verdict | None) -> str:
    fg, bg = VERDICT_COLORS.get(verdict, VERDICT_COLORS[None])
    return (
        f"QLabel {{ color: {fg}; background: {bg}; border-radius: 9px; "
        "padding: 2px 10px; font-weight: 600; }"
    )


class VerdictChip(QLabel):
    """A coloured pill showing a verdict ("ausweichend")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verdict: Verdict | None = None
        self.set_verdict(None)

    def set_verdict(self, verdict: Verdict | None, suffix: str = "") -> None:
        self.verdict = verdict
        self.setText(verdict_label(verdict) + suffix)
        self.setStyleSheet(chip_style(verdict))


def reasons_html(reasons: Sequence[Reason], text: str | None, clear: bool = True) -> str:
    """The reasons as a bulleted list; each quotes its span of the answer when it has one.

    For an answer that is not clear, what is missing or evasive comes first and what the answer
    does give is listed apart under "Gegeben", so the two are not read as one argument.
    """
    if not reasons:
        return ""
    missing = [r for r in reasons if not r.gives]
    if clear or not missing or len(missing) == len(reasons):
        return _reason_list(reasons, text)
    given = [r for r in reasons if r.gives]
    return (
        _reason_list(missing, text)
        + "<p style='margin:4px 0 0 0'>"
        + "Gegeben:"
        + "</p>"
        + _reason_list(given, text)
    )


def _reason_list(reasons: Sequence[Reason], text: str | None) -> str:
    items = []
    for reason in reasons:
        quote = ""
        span = (
            text[reason.start : reason.end]
            if text and 0 <= reason.start < reason.end <= len(text)
            else ""
        )
        if span and span not in reason.message:  # most messages quote their span already
            quote = f" <span style='background:{SPAN_BACKGROUND}'>„{escape(span)}“</span>"
        items.append(f"<li>{escape(reason.message)}{quote}</li>")
    return "<ul style='margin:0; -qt-list-indent:1'>" + "".join(items) + "</ul>"


class AnswerEditor(QTextEdit):
    """Plain-text answer editor; reason spans of the stored text are highlighted.

    The highlights are extra selections, not document formats: they never end up in the
    text, and they disappear as soon as the text differs from the assessed one (the spans
    would point to the wrong words).
    """

    mark_evasive_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self._spans: list[tuple[int, int, str]] = []
        self._assessed_text: str | None = None
        self.textChanged.connect(self._drop_stale_spans)
        self.mark_action = QAction(self.tr("Als ausweichend markieren"), self)
        self.mark_action.setStatusTip(
            self.tr("Die markierte Formulierung künftig als ausweichend werten (alle Antworten)")
        )
        self.mark_action.triggered.connect(self._request_mark)

    def set_answer(self, text: str, assessed_text: str | None, reasons: Sequence[Reason]) -> None:
        """Show ``text``; highlight ``reasons`` if it is the text they were computed for."""
        if self.toPlainText() != text:
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)
        self._assessed_text = assessed_text
        self._spans = [
            (r.start, r.end, r.message)
            for r in reasons
            if assessed_text and 0 <= r.start < r.end <= len(assessed_text)
        ]
        self._apply_spans()

    def highlighted_spans(self) -> list[tuple[int, int]]:
        return [
            (s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in self.extraSelections()
        ]

    def _drop_stale_spans(self) -> None:
        self._apply_spans()

    def _apply_spans(self) -> None:
        if self.toPlainText() != (self._assessed_text or ""):
            self.setExtraSelections([])
            return
        selections = []
        for start, end, message in self._spans:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(SPAN_BACKGROUND))
            fmt.setToolTip(message)
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = fmt  # type: ignore[attr-defined]
            selections.append(selection)
        self.setExtraSelections(selections)

    def reason_at(self, position: int) -> str | None:
        if self.toPlainText() != (self._assessed_text or ""):
            return None
        found = [m for s, e, m in self._spans if s <= position < e]
        return "\n".join(found) if found else None

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            message = self.reason_at(self.cursorForPosition(event.pos()).position())
            if message:
                QToolTip.showText(event.globalPos(), message, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def selected_phrase(self) -> str:
        return " ".join(self.textCursor().selectedText().replace("\u2029", " ").split())

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        menu.addSeparator()
        self.mark_action.setEnabled(len(self.selected_phrase()) >= 4 and not self.isReadOnly())
        menu.addAction(self.mark_action)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _request_mark(self) -> None:
        phrase = self.selected_phrase()
        if phrase:
            self.mark_evasive_requested.emit(phrase)


class FileDropFilter(QObject):
    """Event filter that accepts one dropped local file and hands its path on."""

    def __init__(self, parent: QObject, on_file: object) -> None:
        super().__init__(parent)
        self._on_file = on_file

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            mime = event.mimeData()  # type: ignore[attr-defined]
            if mime.hasUrls() and any(u.isLocalFile() for u in mime.urls()):
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        if kind == QEvent.Type.Drop:
            mime = event.mimeData()  # type: ignore[attr-defined]
            files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
            if files:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                self._on_file(files[0])  # type: ignore[operator]
                return True
        return False


__all__ = [
    "AnswerEditor",
    "FileDropFilter",
    "VerdictChip",
    "chip_style",
    "reasons_html",
    "verdict_brushes",
    "verdict_label",
    "Qt",
]
