"""GUI fixtures: a QSettings folder of its own, a main window on a real database file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from anfrage_desk.services.common import set_clock
from anfrage_desk.ui.operation import DB_POOL


@pytest.fixture(autouse=True)
def german_qt(qapp) -> None:
    """As the shipped app starts: Qt's own dialogs and menus in German."""
    from anfrage_desk.ui.app import install_german

    assert install_german(qapp)


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> Iterator[None]:
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )
    yield
    DB_POOL.waitForDone(10000)
    set_clock(None)


@pytest.fixture
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Replace ui/messages.py dialogs; record what would have been shown."""
    from anfrage_desk.ui import messages

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        messages, "show_error", lambda parent, msg, title="Fehler": shown.append(("error", msg))
    )
    monkeypatch.setattr(
        messages,
        "warn_letter",
        lambda parent, path, problems: problems and shown.append(("warning", "\n".join(problems))),
    )
    monkeypatch.setattr(
        messages, "notify", lambda parent, msg, title="": shown.append(("notify", msg))
    )
    monkeypatch.setattr(
        messages,
        "confirm",
        lambda parent, msg, title="", ok="", cancel="": shown.append(("confirm", msg)) or True,
    )
    return shown
