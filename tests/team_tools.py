"""tools/team_db.py for the team tests: the admin's script, loaded as a module."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def team_db() -> ModuleType:
    spec = importlib.util.spec_from_file_location("team_db", ROOT / "tools" / "team_db.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["team_db"] = module
    spec.loader.exec_module(module)
    return module


def run_team_db(office: Any, *args: str) -> int:
    names = office.office
    common = ["--database", names.database, "--owner", names.owner, "--group", names.group]
    return int(team_db().main([*common, *args]))
