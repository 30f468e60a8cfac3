"""Is the database on a network share? SQLite's locking and WAL do not work there.

Linux: the file system type of the mount holding the file (``/proc/self/mountinfo``), macOS:
``mount``'s list (the same names ``statfs`` gives in ``f_fstypename``), Windows: a UNC path or
a drive whose type is ``DRIVE_REMOTE``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from anfrage_desk.store.errors import StoreUnavailable

MOUNTINFO = Path("/proc/self/mountinfo")
NETWORK_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "9p",
        "fuse.sshfs",
        "sshfs",
        "afpfs",
        "webdav",
        "davfs",
        "fuse.davfs2",
        "ncpfs",
        "afs",
        "ceph",
        "glusterfs",
        "fuse.glusterfs",
        "fuse.rclone",
        "lustre",
    }
)
NETWORK = "network"


def _unescape(field: str) -> str:
    """mountinfo writes space, tab, newline and backslash as octal escapes."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def linux_fs_type(path: Path, mountinfo: str) -> str | None:
    """The file system type of the mount that holds ``path`` (longest mount point wins)."""
    best: tuple[int, str] | None = None
    target = str(path)
    for line in mountinfo.splitlines():
        left, sep, right = line.partition(" - ")
        fields = left.split()
        if not sep or len(fields) < 5:
            continue
        point = _unescape(fields[4])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= best[0]):
            best = (len(point), right.split()[0] if right.split() else "")
    return best[1] if best else None


def _mac_fs_type(path: Path) -> str | None:
    try:
        out = subprocess.run(["/sbin/mount"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    best: tuple[int, str] | None = None
    for line in out.splitlines():
        # "//user@server/share on /Volumes/share (smbfs, nodev, nosuid, mounted by user)"
        _, on, rest = line.partition(" on ")
        point, paren, options = rest.rpartition(" (")
        if not on or not paren:
            continue
        inside = str(path) == point or str(path).startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > best[0]):
            best = (len(point), options.split(",")[0].strip())
    return best[1] if best else None


def _windows_is_remote(path: Path) -> bool:
    text = str(path)
    if text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\")):
        return True
    import ctypes

    drive = path.drive or text[:2]
    if not drive:
        return False
    drive_remote = 4
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return bool(kernel32.GetDriveTypeW(drive + "\\") == drive_remote)


def network_share(path: Path) -> str | None:
    """The kind of network file system holding ``path`` ("cifs", "nfs", …), None when local."""
    path = Path(path).expanduser().resolve()
    existing = path if path.exists() else path.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if sys.platform == "win32":
        return "smb" if _windows_is_remote(existing) else None
    if sys.platform == "darwin":
        kind = _mac_fs_type(existing)
    else:
        try:
            kind = linux_fs_type(existing, MOUNTINFO.read_text(encoding="utf-8"))
        except OSError:
            return None
    return kind if kind and kind.lower() in NETWORK_TYPES else None


def refuse_network_share(path: Path) -> None:
    """StoreUnavailable (German, with the hint to team mode) for a database on a network share."""
    kind = network_share(path)
    if kind is None:
        return
    raise StoreUnavailable(
        f"Die Datenbank {path} liegt auf einem Netzlaufwerk ({kind}). Dort funktionieren die "
        "Sperren von SQLite nicht zuverlässig, und gleichzeitige Änderungen können die Datei "
        "beschädigen. Bitte legen Sie die Datenbank auf einen lokalen Datenträger. Wenn mehrere "
        "Personen gemeinsam arbeiten sollen, nutzen Sie den Teammodus mit einem "
        "PostgreSQL-Server (--db postgresql://…).",
        NETWORK,
    )
