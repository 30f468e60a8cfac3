"""Draw the application icon and write it in the formats the three platforms want.

    .venv/bin/python tools/make_icons.py

writes ``anfrage_desk/resources/icons/anfrage-desk.png`` (window icon, Linux .desktop) and
``bundle/anfrage-desk.ico`` (Windows) and ``bundle/anfrage-desk.icns`` (macOS). The
results are committed; run this again only when the drawing changes. ICO and ICNS both hold
PNG images, so no image library beyond Qt is needed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PNG = ROOT / "anfrage_desk" / "resources" / "icons" / "anfrage-desk.png"
ICO = ROOT / "bundle" / "anfrage-desk.ico"
ICNS = ROOT / "bundle" / "anfrage-desk.icns"


def pen(color: str, width: float) -> QPen:
    return QPen(
        QColor(color),
        width,
        Qt.PenStyle.SolidLine,
        Qt.PenCapStyle.RoundCap,
        Qt.PenJoinStyle.RoundJoin,
    )


def draw(size: int) -> QImage:
    """A letter on a blue tile, its lines ending in a green tick and a red question mark."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1f5fa8"))
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    p.setBrush(QColor("#ffffff"))
    p.drawRoundedRect(QRectF(58, 36, 140, 184), 10, 10)
    p.setPen(pen("#9aa9ba", 10))
    for y in (72, 104, 136, 168):
        p.drawLine(QPointF(80, y), QPointF(140, y))
    p.setPen(pen("#2e9d4f", 14))
    p.drawPolyline([QPointF(150, 104), QPointF(162, 116), QPointF(182, 92)])
    p.setPen(pen("#d0342c", 14))
    p.drawArc(QRectF(152, 138, 30, 28), 180 * 16, -250 * 16)
    p.drawLine(QPointF(167, 166), QPointF(167, 176))
    p.drawPoint(QPointF(167, 198))
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(sizes: list[int]) -> bytes:
    images = [png_bytes(draw(s)) for s in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in zip(sizes, images, strict=True):
        entries += struct.pack(
            "<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(blob), offset + len(blobs)
        )
        blobs += blob
    return header + entries + blobs


def icns() -> bytes:
    # PNG-backed types: ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x), ic11 32, ic12 64
    chunks = b""
    for kind, size in (
        (b"ic11", 32),
        (b"ic12", 64),
        (b"ic07", 128),
        (b"ic08", 256),
        (b"ic09", 512),
    ):
        blob = png_bytes(draw(size))
        chunks += kind + struct.pack(">I", 8 + len(blob)) + blob
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    PNG.parent.mkdir(parents=True, exist_ok=True)
    ICO.parent.mkdir(parents=True, exist_ok=True)
    PNG.write_bytes(png_bytes(draw(256)))
    ICO.write_bytes(ico([16, 24, 32, 48, 64, 256]))
    ICNS.write_bytes(icns())
    del app
    for file in (PNG, ICO, ICNS):
        print(f"{file.relative_to(ROOT)}: {file.stat().st_size} Bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
