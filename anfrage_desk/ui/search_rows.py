"""The search page's pieces: item roles, hit rows that mark up their snippet on demand, the
rich-text delegate, the result tree and the search field."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeyEvent,
    QPainter,
    QPalette,
    QStandardItem,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
)

from anfrage_desk.services import search as service

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
INQUIRY_ROLE = Qt.ItemDataRole.UserRole + 2
TAB_ROLE = Qt.ItemDataRole.UserRole + 3
KEY_ROLE = Qt.ItemDataRole.UserRole + 4
MARK = '<span style="background-color:#ffe08a; color:#1a1a1a;">'

Index = QModelIndex | QPersistentModelIndex


def marked_html(snippet: service.Snippet) -> str:
    """Escape the snippet and wrap its highlight spans."""
    out: list[str] = ["… " if snippet.cut_start else ""]
    pos = 0
    for start, end in snippet.spans:
        if start < pos:
            continue
        out.append(html.escape(snippet.text[pos:start]))
        out.append(MARK + html.escape(snippet.text[start:end]) + "</span>")
        pos = end
    out.append(html.escape(snippet.text[pos:]))
    out.append(" …" if snippet.cut_end else "")
    return "".join(out)


def de_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


class HtmlDelegate(QStyledItemDelegate):
    """Paints the item's HTML_ROLE rich text (highlighted snippets), wrapped to the column."""

    CACHED = 256

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view
        self._docs: dict[tuple[str, int, str], QTextDocument] = {}

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        """The row's laid-out rich text; kept for the next call at the same width (the view
        asks for a row's size hint more than once before painting it)."""
        text = str(index.data(HTML_ROLE) or html.escape(str(index.data() or "")))
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        width = self._view.viewport().width() - self._view.indentation() * (depth + 1) - 8
        key = (text, max(200, width), option.font.key())
        doc = self._docs.get(key)
        if doc is None:
            if len(self._docs) >= self.CACHED:
                self._docs.clear()
            doc = QTextDocument()
            doc.setDefaultFont(option.font)
            doc.setDocumentMargin(3)
            doc.setHtml(text)
            doc.setTextWidth(key[1])
            self._docs[key] = doc
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        opt.text = ""
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(rect.translated(-rect.topLeft()))
        context = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:  # type: ignore[attr-defined]
            color = opt.palette.color(QPalette.ColorRole.HighlightedText)  # type: ignore[attr-defined]
            context.palette.setColor(QPalette.ColorRole.Text, color)
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)


class HitItem(QStandardItem):
    """A hit's row: its snippet is cut and marked up when the view first asks for it (for the
    rows it lays out and paints), not for every hit when the result arrives."""

    def __init__(self, hit: service.HitView) -> None:
        super().__init__()
        self.hit = hit
        self._html: str | None = None

    def data(self, role: int = Qt.ItemDataRole.UserRole + 1) -> Any:
        if role == HTML_ROLE:
            if self._html is None:
                label = html.escape(self.hit.label)
                self._html = (
                    f'<span style="color:#555; font-weight:600;">{label}:</span> '
                    + marked_html(self.hit.snippet)
                )
            return self._html
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self.hit.label}: {self.hit.snippet.text}"
        return super().data(role)


def _is_return_override(event: QEvent) -> bool:
    return (
        event.type() == QEvent.Type.ShortcutOverride
        and isinstance(event, QKeyEvent)
        and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
    )


class ResultTree(QTreeView):
    """Keeps Return/Enter for itself (the window's "Anfrage öffnen" shortcut also uses Return)."""

    def event(self, event: QEvent) -> bool:
        if _is_return_override(event):
            event.accept()
            return True
        return super().event(event)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # snippets re-wrap to the new width


class SearchField(QLineEdit):
    """Return searches at once; Down moves into the results."""

    go = Signal()
    down = Signal()

    def event(self, event: QEvent) -> bool:
        if _is_return_override(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.go.emit()
            return
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        super().keyPressEvent(event)
