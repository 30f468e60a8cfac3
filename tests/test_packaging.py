"""Packaging files: pinned versions, license."""

from __future__ import annotations

import configparser
import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement


ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


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
