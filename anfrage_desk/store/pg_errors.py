"""psycopg's errors as German StoreUnavailable sentences (the server's side of ``errors.py``)."""

from __future__ import annotations

from typing import Any

from anfrage_desk.store.errors import LOCKED, NEWER, OTHER, UNREACHABLE, StoreUnavailable

NO_RIGHTS = "no_rights"
CONFLICT = "conflict"


def no_rights(address: Any, user: str) -> StoreUnavailable:
    who = f"Die Anmeldung „{user}“" if user else "Ihre Anmeldung"
    return StoreUnavailable(
        f"{who} hat keine Rechte an der Anfrage-Desk-Datenbank {address.name}. Bitte bitten Sie "
        "die IT-Betreuung, Sie in die Bürogruppe aufzunehmen (siehe README, „Teambetrieb“); es "
        "wurde nichts gespeichert.",
        NO_RIGHTS,
    )


def unreachable(address: Any, detail: str = "", opening: bool = False) -> StoreUnavailable:
    """``opening``: at the start nothing was changed yet, so no change can have been lost."""
    more = f" ({detail})" if detail else ""
    saved = (
        "."
        if opening
        else "; die letzte Änderung wurde nicht gespeichert, alles Frühere ist auf dem Server "
        "erhalten."
    )
    return StoreUnavailable(
        f"Der Datenbankserver für {address.name} ist nicht erreichbar{more}. Bitte prüfen Sie "
        f"die Netzwerkverbindung oder fragen Sie die IT-Betreuung, ob der Server läuft{saved}",
        UNREACHABLE,
    )


def translate(exc: Exception, address: Any, opening: bool = False) -> StoreUnavailable:
    """One German sentence for a psycopg error; programming errors stay visible as such."""
    import psycopg
    from psycopg import errors as e

    user = getattr(address, "user", "")
    if isinstance(exc, e.InsufficientPrivilege):
        return no_rights(address, user)
    if isinstance(exc, (e.InvalidPassword, e.InvalidAuthorizationSpecification)):
        return StoreUnavailable(
            f"Die Anmeldung am Datenbankserver für {address.name} ist fehlgeschlagen: "
            "Benutzername oder Passwort stimmen nicht. Bitte prüfen Sie Ihre Zugangsdaten "
            "(Datei → Mit Server verbinden …).",
            NO_RIGHTS,
        )
    if isinstance(exc, e.InvalidCatalogName):
        return StoreUnavailable(
            f"Auf dem Server gibt es die Datenbank {address.name} nicht. Bitte prüfen Sie den "
            "Namen der Datenbank oder bitten Sie die IT-Betreuung, sie anzulegen (siehe README, "
            "„Teambetrieb“).",
            OTHER,
        )
    if isinstance(exc, (e.LockNotAvailable, e.DeadlockDetected, e.SerializationFailure)):
        return StoreUnavailable(
            f"Die Daten in {address.name} werden gerade von einem anderen Platz geändert. Bitte "
            "versuchen Sie es gleich noch einmal; es wurde nichts gespeichert.",
            LOCKED,
        )
    if isinstance(exc, psycopg.OperationalError):
        text = str(exc)
        if "password authentication failed" in text or "no password supplied" in text:
            return translate(e.InvalidPassword(text), address)
        if "permission denied" in text:
            return no_rights(address, user)
        if 'database "' in text and "does not exist" in text:
            return translate(e.InvalidCatalogName(text), address)
        return unreachable(address, opening=opening)
    if isinstance(exc, (psycopg.InterfaceError,)) and "closed" in str(exc):
        return unreachable(address, "die Verbindung wurde getrennt")
    if isinstance(exc, e.AdminShutdown | e.CrashShutdown | e.CannotConnectNow):
        return unreachable(address, "der Server wurde neu gestartet")
    raise exc


def newer_schema(address: Any, version: int, known: int) -> StoreUnavailable:
    return StoreUnavailable(
        f"Die Datenbank {address.name} wurde mit einer neueren Version von Anfrage-Desk "
        f"eingerichtet (Schema {version}, diese Version kennt {known}). Bitte aktualisieren Sie "
        "Anfrage-Desk; auf dem Server wurde nichts verändert.",
        NEWER,
    )
