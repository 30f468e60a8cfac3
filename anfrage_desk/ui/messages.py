"""All dialogs go through here, so tests can replace them (monkeypatch this module)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, message: str, title: str = "Fehler") -> None:
    QMessageBox.critical(parent, title, message)


def notify(parent: QWidget | None, message: str, title: str = "Anfrage-Desk") -> None:
    QMessageBox.information(parent, title, message)


def warn_letter(parent: QWidget | None, path: object, problems: list[str]) -> None:
    """After a letter was saved that cannot be sent as it is: say what is missing."""
    if problems:
        lines = "\n".join(f"• {p}" for p in problems)
        QMessageBox.warning(
            parent,
            "Brief unvollständig",
            f"Der Brief wurde gespeichert ({path}), kann so aber nicht verschickt werden:\n\n"
            f"{lines}",
        )


def confirm(
    parent: QWidget | None,
    message: str,
    title: str = "Bitte bestätigen",
    ok: str = "OK",
    cancel: str = "Abbrechen",
) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, message, parent=parent)
    yes = box.addButton(ok, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes)
    box.exec()
    return box.clickedButton() is yes
