"""Packaging files: pinned versions, license, Linux .desktop entry, icons for all platforms."""

from __future__ import annotations

import configparser
import re
import struct
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from PySide6.QtGui import QImage

from anfrage_desk import resources

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGING = ROOT / "bundle"


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"not an exact pin: {line}"
            pins[name.strip().lower()] = version.strip()
    return pins


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_dependency_and_extra_is_pinned_within_its_range() -> None:
    project = PYPROJECT["project"]
    pins = _pins()
    requirements = [*project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        requirements += extra
    for line in requirements:
        requirement = Requirement(line)
        name = _normal(requirement.name)
        assert name in pins, f"{name} fehlt in constraints.txt (make lock)"
        assert requirement.specifier.contains(pins[name], prereleases=True), (line, pins[name])


def test_make_installs_with_the_constraints() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line]
    assert installs and all("-c constraints.txt" in line for line in installs if "-e" in line)
    assert re.search(r"^\t\$\(INSTALL\) -e '\.\[test,dev\]'$", makefile, re.MULTILINE)
    assert re.search(r"^lock:", makefile, re.MULTILINE)


def test_license_is_an_spdx_expression_with_its_file() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert not any("License ::" in c for c in project.get("classifiers", []))


def test_desktop_entry_starts_the_installed_command_with_the_icon() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(PACKAGING / "linux" / "anfrage-desk.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Anfrage-Desk"
    assert entry["Exec"].split()[0] in PYPROJECT["project"]["scripts"]
    assert entry["Icon"] == resources.path("icons", "anfrage-desk.png").stem
    assert entry["Categories"].endswith(";") and entry["Keywords"].endswith(";")
    # the window belongs to this entry: QGuiApplication.setDesktopFileName in ui/app.py
    assert entry["StartupWMClass"] == "anfrage-desk"
    assert 'setDesktopFileName("anfrage-desk")' in (
        ROOT / "anfrage_desk" / "ui" / "app.py"
    ).read_text(encoding="utf-8")


def _png_sizes_in_ico(data: bytes) -> list[int]:
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for n in range(count):
        width, _, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * n)
        image = QImage.fromData(data[offset : offset + length], "PNG")
        assert not image.isNull()
        assert image.width() == (width or 256)
        sizes.append(image.width())
    return sizes


def test_windows_icon_holds_small_and_large_images() -> None:
    sizes = _png_sizes_in_ico((PACKAGING / "anfrage-desk.ico").read_bytes())
    assert {16, 32, 48, 256} <= set(sizes)


def test_macos_icon_holds_png_images_up_to_512() -> None:
    data = (PACKAGING / "anfrage-desk.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)
    sizes, offset = [], 8
    while offset < len(data):
        length = struct.unpack_from(">I", data, offset + 4)[0]
        image = QImage.fromData(data[offset + 8 : offset + length], "PNG")
        assert not image.isNull()
        sizes.append(image.width())
        offset += length
    assert max(sizes) == 512 and 32 in sizes


def test_window_icon_is_square_and_large_enough() -> None:
    image = QImage(str(resources.path("icons", "anfrage-desk.png")))
    assert image.width() == image.height() == 256
