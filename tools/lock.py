"""Refresh ``constraints.txt``: the exact versions `make run`, `make test` and `make dist` install.

    make lock

asks pip's resolver (``pip install --dry-run --ignore-installed --report``) for the newest
versions that satisfy pyproject.toml with all extras, on this platform and Python, and writes
them as ``name==version`` lines. Nothing is installed. Review the diff, run `make test`, commit.

A constraints file only narrows what a requirement may resolve to; a package that another
platform needs (colorama for pytest on Windows, pefile for PyInstaller) and that is not listed
here stays unpinned there.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "constraints.txt"
EXTRAS = "test,dev,dist,team"
PROJECT = "anfrage-desk"

HEADER = f"""\
# Exact versions for `make run`, `make test` and `make dist` (pip install -c constraints.txt).
# Written by `make lock` (tools/lock.py) from pyproject.toml with the extras [{EXTRAS}],
# resolved on Linux, Python {sys.version_info.major}.{sys.version_info.minor}. Do not edit by hand.
"""


def resolve() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [
                *(sys.executable, "-m", "pip", "install", "--quiet", "--dry-run"),
                *("--ignore-installed", "--report", str(report), f".[{EXTRAS}]"),
            ],
            cwd=ROOT,
            check=True,
        )
        data = json.loads(report.read_text(encoding="utf-8"))
    pins: dict[str, str] = {}
    for item in data["install"]:
        name = item["metadata"]["name"].lower().replace("_", "-")
        if name != PROJECT:
            pins[name] = item["metadata"]["version"]
    return dict(sorted(pins.items()))


def main() -> int:
    pins = resolve()
    TARGET.write_text(
        HEADER + "".join(f"{name}=={version}\n" for name, version in pins.items()),
        encoding="utf-8",
    )
    print(f"{TARGET.name}: {len(pins)} Pakete festgelegt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
