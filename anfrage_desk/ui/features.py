"""The window's feature modules and its pages by key (built on first use)."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from anfrage_desk.ui.main_window import MainWindow

# Feature modules: each has install(window) adding its pages, tabs, menu entries and handlers;
# one that shows on the first page also has install_page(window), run before any install().
FEATURES: list[str] = [
    "inquiry_editor",
    "answer_review",
    "followups",
    "search_view",
    "overview",
    "promises_panel",
    "relearn_dialog",
    "statistics",
    "backup_actions",
    "oparl_watch",
    "team_tab",
    "team_connect",
]
# What the first paint shows (the Übersicht with its sections). At the app's start the other
# features are imported and installed after the first paint, one per turn of the event loop.
FIRST_PAINT: frozenset[str] = frozenset({"overview", "promises_panel"})


def feature(name: str) -> ModuleType:
    """Importing a feature registers its inquiry tabs (register_tab) for the inquiry page."""
    return __import__(f"anfrage_desk.ui.{name}", fromlist=["install"])


class Pages(dict[str, QWidget]):
    """The window's pages by key. A page added as a function is built when first asked for;
    asking for one a feature has still to install (at the start, before the features follow
    the first paint) installs the features first. values() holds the pages built so far."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window

    def __missing__(self, key: str) -> QWidget:
        window = self.window
        factory = window._page_factories.pop(key, None)
        if factory is not None:
            widget = factory()
            self[key] = widget
            window.stack.addWidget(widget)
            return widget
        if not self._install():
            raise KeyError(key)
        return self[key]

    def get(self, key: str, default: QWidget | None = None) -> QWidget | None:  # type: ignore[override]
        try:
            return self[key]
        except KeyError:
            return default

    def _install(self) -> bool:
        """Install the pending features unless they are being installed; True if it did."""
        window = self.window
        if getattr(window, "_menus_done", True) or window._installing:
            return False
        window.install_features()
        return True
