"""One inquiry opened: a header and tabs (Anfrage, Antworten, Nachfragen …).

Feature modules register tabs with ``register_tab``; each tab widget has ``load(inquiry_id)``
and ``refresh(changes)`` and may have ``flush()`` (save pending edits before leaving).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from anfrage_desk.services import Changes
from anfrage_desk.store import inquiries

if TYPE_CHECKING:
    from anfrage_desk.ui.main_window import MainWindow


class InquiryTab(Protocol):
    def load(self, inquiry_id: int) -> None: ...
    def refresh(self, changes: Changes) -> None: ...


TabFactory = Callable[["MainWindow"], QWidget]
TAB_FACTORIES: list[tuple[str, str, TabFactory]] = []


def register_tab(key: str, title: str, factory: TabFactory) -> None:
    if all(existing != key for existing, _, _ in TAB_FACTORIES):
        TAB_FACTORIES.append((key, title, factory))


class InquiryPage(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.inquiry_id: int | None = None
        self.back_button = QPushButton(self.tr("← Zur Liste"))
        self.back_button.setToolTip(self.tr("Zurück zur Anfragenliste (Alt+Links)"))
        self.back_button.setShortcut("Alt+Left")
        self.back_button.clicked.connect(lambda: window.show_page("inquiries"))
        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-size: 17px; font-weight: 600;")
        self.title_label.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Ansichten der Anfrage"))
        self.tab_widgets: dict[str, QWidget] = {}
        # Tabs of the features this window was built with, in the order of its feature list.
        order = [f"anfrage_desk.ui.{name}" for name in window.features]
        tabs = [t for t in TAB_FACTORIES if getattr(t[2], "__module__", "") in order]
        tabs.sort(key=lambda t: order.index(t[2].__module__))
        for key, title, factory in tabs:
            widget = factory(window)
            self.tab_widgets[key] = widget
            self.tabs.addTab(widget, self.tr(title))
        head = QHBoxLayout()
        head.addWidget(self.back_button)
        head.addWidget(self.title_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)

    def load(self, inquiry_id: int, tab: str | None = None) -> None:
        self.flush()
        self.inquiry_id = inquiry_id
        self._update_title()
        for widget in self.tab_widgets.values():
            widget.load(inquiry_id)  # type: ignore[attr-defined]
        if tab and tab in self.tab_widgets:
            self.tabs.setCurrentWidget(self.tab_widgets[tab])

    def flush(self) -> None:
        for widget in self.tab_widgets.values():
            flush = getattr(widget, "flush", None)
            if flush is not None:
                flush()

    def refresh(self, changes: Changes) -> None:
        if self.inquiry_id is None:
            return
        if changes.everything or self.inquiry_id in changes.inquiries:
            self._update_title()
        for widget in self.tab_widgets.values():
            widget.refresh(changes)  # type: ignore[attr-defined]

    def _update_title(self) -> None:
        if self.inquiry_id is None:
            return
        inquiry = inquiries.get_inquiry(self.window_.db, self.inquiry_id)
        if inquiry is None:
            self.title_label.setText(self.tr("(gelöscht)"))
            return
        prefix = f"{inquiry.reference} · " if inquiry.reference else ""
        self.title_label.setText(prefix + (inquiry.title or self.tr("(ohne Titel)")))
