"""QSettings for geometry and preferences (never user data)."""

from __future__ import annotations

from PySide6.QtCore import QSettings


def app_settings() -> QSettings:
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Anfrage-Desk", "Anfrage-Desk"
    )
