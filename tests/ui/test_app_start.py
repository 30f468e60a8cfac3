"""Start of the GUI: a broken install is refused with a dialog; icon, name and version."""

from __future__ import annotations

import shutil
from pathlib import Path

from anfrage_desk import APP_NAME, __version__, resources
from anfrage_desk.ui import app
from anfrage_desk.ui.actions import Action
from anfrage_desk.ui.main_window import MainWindow


def test_missing_resource_stops_the_start_with_a_dialog_and_a_log_line(
    db_path: Path, tmp_path: Path, no_dialogs, monkeypatch
) -> None:
    broken = tmp_path / "installed"
    shutil.copytree(resources.path(), broken, ignore=shutil.ignore_patterns("*.py*"))
    (broken / "phrases" / "deferral.txt").unlink()
    monkeypatch.setattr(resources, "path", lambda *parts: broken.joinpath(*parts))
    monkeypatch.setattr(app, "install_excepthook", lambda path: None)
    logged: list[str] = []
    monkeypatch.setattr(app.log, "error", lambda fmt, *args: logged.append(fmt % args))

    assert app.run_gui(db_path) == 1

    assert [kind for kind, _ in no_dialogs] == ["error"]
    assert "phrases/deferral.txt fehlt" in no_dialogs[0][1]
    assert "phrases/deferral.txt fehlt" in logged[0]
    assert not db_path.exists()  # nothing was opened, let alone written


def test_application_carries_icon_name_and_version(qapp) -> None:
    application = app.create_app()
    assert not application.windowIcon().isNull()
    assert application.applicationName() == APP_NAME
    assert application.applicationVersion() == __version__


def test_about_names_the_app_and_its_version(qtbot, db, no_dialogs) -> None:
    window = MainWindow(db, features=[])
    qtbot.addWidget(window)
    about = window.actions_[Action.ABOUT]
    assert about in window.menus["Hilfe"].actions()  # Hilfe → Über Anfrage-Desk
    about.trigger()
    assert no_dialogs[-1][0] == "notify"
    assert f"{APP_NAME} {__version__}" in no_dialogs[-1][1]
