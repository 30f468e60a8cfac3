"""argparse in German, with global options that work before and after the sub-command.

``anfrage-desk --db F overdue`` and ``anfrage-desk overdue --db F`` mean the same: every
sub-command's parser is a :class:`CommandParser`, which adds the global options itself, so a
sub-command added later with ``sub.add_parser(...)`` takes them without further code.

argparse builds its messages from English templates; :func:`german` translates the ones a user
can meet (tests/test_cli_contract.py checks them on the Python it runs on). A template a later
Python words differently still reaches the user, in English, inside the German line.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from anfrage_desk import APP_NAME, __version__
from anfrage_desk.paths import DB_ENV

# Exit codes of every sub-command (README, "Headless commands").
EXIT_OK = 0
EXIT_REFUSED = 1  # the request was understood but refused: bad file, unknown id, database
EXIT_USAGE = 2  # the command line itself is wrong

_TRANSLATIONS: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.+)", r"es fehlt: \1"),
    (r"unrecognized arguments: (.+)", r"unbekannte Angabe: \1"),
    (
        r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.+)\)",
        r"unbekannter Befehl „\2“ (möglich: \3)",
    ),
    (r"argument (\S+): invalid choice: '?([^' ]*)'?.*", r"unbekannter Befehl „\2“"),
    (r"argument (\S+): expected one argument", r"\1 braucht einen Wert"),
    (r"argument (\S+): expected at most one argument", r"\1 nimmt höchstens einen Wert"),
    (r"argument (\S+): ignored explicit argument '(.*)'", r"\1 nimmt keinen Wert („\2“)"),
    (r"argument (\S+): invalid (\w+) value: '(.*)'", r"\1: „\3“ ist kein gültiger Wert"),
    (r"argument (\S+): not allowed with argument (\S+)", r"\1 geht nicht zusammen mit \2"),
    (r"ambiguous option: (\S+) could match (.+)", r"mehrdeutige Angabe \1 (passt zu \2)"),
    (r"argument (\S+): (.+)", r"\1: \2"),
)


def german(message: str) -> str:
    """argparse's English message in German; our own (already German) texts pass unchanged."""
    for pattern, replacement in _TRANSLATIONS:
        if re.fullmatch(pattern, message, flags=re.DOTALL):
            german_message = re.sub(pattern, replacement, message, flags=re.DOTALL)
            return german_message.replace("'", "") if "choice" in pattern else german_message
    return message


class _HelpFormatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "Aufruf: " if prefix is None else prefix)


class GermanParser(argparse.ArgumentParser):
    """German headings, help and error texts; a usage error exits with :data:`EXIT_USAGE`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs.setdefault("allow_abbrev", False)  # "--js" is not "--json": a stable contract
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "Argumente"
        self._optionals.title = "Optionen"
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help="diese Hilfe zeigen"
        )

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("title", "Befehle")
        kwargs.setdefault("parser_class", CommandParser)
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"Fehler: {german(message)}. Hilfe: {self.prog} --help\n")


class CommandParser(GermanParser):
    """A sub-command's parser: it carries the global options too (see module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_global_options(self, in_command=True)


class _VersionAction(argparse.Action):
    """``--version``: the version and how many phrase patterns the assessment has loaded."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.pop("default", None)
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object, **__: object) -> None:
        from anfrage_desk import resources
        from anfrage_desk.assess.phrases import KINDS, PHRASE_DIR, default_phrasebook

        try:
            resources.check()
            count = len(default_phrasebook().patterns)
        except (resources.MissingResource, ValueError) as exc:
            parser.exit(EXIT_REFUSED, f"Fehler: {exc}\n")
        py = sys.version_info
        sys.stdout.write(
            f"{APP_NAME} {__version__} (Python {py.major}.{py.minor}.{py.micro})\n"
            f"{count} Phrasenmuster aus {len(KINDS)} Listen geladen ({PHRASE_DIR})\n"
        )
        parser.exit(EXIT_OK)


def add_global_options(parser: argparse.ArgumentParser, *, in_command: bool = False) -> None:
    """The options every invocation takes, before the sub-command or after it.

    After the sub-command they default to SUPPRESS, so that leaving them out there keeps the
    value given before the sub-command (argparse copies a sub-parser's defaults over it).
    """
    default = argparse.SUPPRESS if in_command else None
    parser.add_argument(
        "--db",
        metavar="PFAD",
        default=default,
        help=f"Datenbankdatei (SQLite); sonst ${DB_ENV}, sonst der Benutzerdatenordner",
    )
    parser.add_argument(
        "--version",
        action=_VersionAction,
        help="Version und Zahl der geladenen Phrasenmuster zeigen",
    )
