"""A module imported on first use of one of its names.

The assessment and the splitter take ~150 ms to import (regular expressions, fitted weights,
stemmer); the window's first paint needs neither. Modules that use them write

    if TYPE_CHECKING:
        from anfrage_desk import assess
    else:
        assess = lazy_module("anfrage_desk.assess")

and call ``assess.assess_items(...)`` as before.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class _LazyModule:
    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        module: ModuleType = importlib.import_module(self._name)
        return getattr(module, attr)

    def __repr__(self) -> str:
        return f"<lazy module {self._name}>"


def lazy_module(name: str) -> Any:
    return _LazyModule(name)
