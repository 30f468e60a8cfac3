"""German words for operating-system errors.

``OSError.strerror`` is the C library's English text ("No space left on device"); a German
message must not carry it. ``describe`` names the cause in German, from the error number.
"""

from __future__ import annotations

import errno

_CAUSES = {
    errno.ENOSPC: "der Datenträger ist voll",
    errno.EDQUOT: "das Speicherkontingent ist erschöpft",
    errno.EFBIG: "die Datei wird zu groß für diesen Datenträger oder diese Sitzung",
    errno.EROFS: "der Datenträger ist schreibgeschützt",
    errno.EACCES: "keine Berechtigung",
    errno.EPERM: "keine Berechtigung",
    errno.ENOENT: "die Datei oder der Ordner existiert nicht",
    errno.ENOTDIR: "ein Teil des Pfads ist kein Ordner",
    errno.EISDIR: "das ist ein Ordner",
    errno.EEXIST: "die Datei existiert bereits",
    errno.EIO: "Ein-/Ausgabefehler des Datenträgers",
    errno.ENXIO: "das Gerät ist nicht erreichbar",
    errno.ENODEV: "das Gerät ist nicht erreichbar",
    errno.ESTALE: "die Netzwerkverbindung zur Datei ist verloren gegangen",
    errno.ETIMEDOUT: "Zeitüberschreitung beim Zugriff",
    errno.EHOSTDOWN: "der Rechner mit der Datei ist nicht erreichbar",
    errno.EHOSTUNREACH: "der Rechner mit der Datei ist nicht erreichbar",
    errno.EBUSY: "die Datei wird gerade benutzt",
    errno.ETXTBSY: "die Datei wird gerade benutzt",
    errno.EMFILE: "zu viele offene Dateien",
    errno.ENAMETOOLONG: "der Dateiname ist zu lang",
    errno.ELOOP: "zu viele symbolische Verknüpfungen",
    errno.EINVAL: "ungültiger Dateiname oder Zugriff",
}

DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
READ_ONLY = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def describe(exc: OSError) -> str:
    """The cause of ``exc`` in German (lower case, no full stop)."""
    if exc.errno in _CAUSES:
        return _CAUSES[exc.errno]
    if isinstance(exc, PermissionError):
        return "keine Berechtigung"
    if isinstance(exc, FileNotFoundError):
        return "die Datei oder der Ordner existiert nicht"
    name = errno.errorcode.get(exc.errno or 0)
    return f"Fehler des Betriebssystems {name}" if name else "Fehler des Betriebssystems"
