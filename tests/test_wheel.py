"""The built wheel, installed into a fresh venv outside the checkout, works like the checkout.

Builds the wheel once per session, installs it with the pinned versions of constraints.txt (from
pip's cache or PyPI) and runs the installed `anfrage-desk` from a folder outside the checkout,
so nothing can be read from the source tree by accident.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from anfrage_desk import __version__, resources
from anfrage_desk.assess.phrases import KINDS, default_phrasebook
from anfrage_desk.cli import main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
CORPUS_LETTERS = ["01-kreistag-radwege", "04-rat-schulsanierung", "09-bezirk-parkraum"]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
# one real letter per kind: Bundestag, Stadt Karlsruhe (with its Anfrage), Landtag Niedersachsen
SHARED_LETTERS = [
    ("bundestag/21-1065.txt", None),
    ("karlsruhe/2015-0112/stellungnahme.txt", "karlsruhe/2015-0112/anfrage.txt"),
    ("niedersachsen/19-11137.txt", None),
]

pytestmark = pytest.mark.install


class Installed:
    """The installed app in its own venv; commands run in ``cwd``, outside the checkout."""

    def __init__(self, venv: Path, cwd: Path, wheel: Path, build_log: str) -> None:
        self.venv, self.cwd, self.wheel, self.build_log = venv, cwd, wheel, build_log
        bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
        self.python = bin_dir / "python"
        self.command = bin_dir / "anfrage-desk"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        self.env.pop("ANFRAGE_DESK_DB", None)

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.command), *args],
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )


def _pip(python: Path, *args: str, cwd: Path) -> str:
    result = subprocess.run(
        [str(python), "-m", "pip", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    # a clean copy: setuptools builds in-tree and would package stale files left in build/
    source = base / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".*", "build", "dist", "bench", "tests", "*.egg-info", "__pycache__", "*.sqlite*"
        ),
    )
    wheels = base / "wheels"
    build_log = _pip(
        Path(sys.executable),
        "wheel",
        "--no-deps",
        "--wheel-dir",
        str(wheels),
        str(source),
        cwd=base,
    )
    (wheel,) = wheels.glob("anfrage_desk-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(base / "venv")], check=True, timeout=300)
    installed = Installed(base / "venv", base / "elsewhere", wheel, build_log)
    installed.cwd.mkdir()
    _pip(
        installed.python,
        *("install", "--quiet", "-c", str(ROOT / "constraints.txt"), str(wheel)),
        cwd=base,
    )
    return installed


def _checkout(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 0
    return capsys.readouterr().out


def test_wheel_builds_without_deprecation_warnings(installed: Installed) -> None:
    log = installed.build_log.lower()
    assert "deprecat" not in log, installed.build_log
    assert "license" not in log, installed.build_log


def test_wheel_carries_every_shipped_file(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as archive:
        names = set(archive.namelist())
    assert {f"anfrage_desk/resources/{name}" for name in resources.REQUIRED} <= names
    assert not any(name.startswith(("resources/", "tests/")) for name in names)


def test_installed_package_lives_in_the_venv_and_loads_every_phrase(installed: Installed) -> None:
    where = subprocess.run(
        [str(installed.python), "-c", "import anfrage_desk; print(anfrage_desk.__file__)"],
        cwd=installed.cwd,
        env=installed.env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert Path(where.strip()).is_relative_to(installed.venv)
    result = installed.run("--version")
    assert result.returncode == 0, result.stderr
    count = len(default_phrasebook().patterns)
    assert result.stdout.startswith(f"Anfrage-Desk {__version__} ")
    assert f"{count} Phrasenmuster aus {len(KINDS)} Listen geladen" in result.stdout
    assert str(installed.venv) in result.stdout  # read from site-packages, not from here


def test_analyze_json_equals_the_checkout_on_the_sample(
    installed: Installed, sample_letter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = installed.run("analyze", str(sample_letter), "--json")
    assert result.returncode == 0, result.stderr
    expected = _checkout(["analyze", str(sample_letter), "--json"], capsys)
    assert json.loads(result.stdout) == json.loads(expected)
    verdicts = {item["label"]: item["verdict"] for item in json.loads(expected)["items"]}
    assert verdicts["3"] == "vague"  # the phrase lists are in use, not only the split


@pytest.mark.parametrize("name", CORPUS_LETTERS)
def test_analyze_json_equals_the_checkout_on_corpus_letters(
    installed: Installed, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    letter, inquiry = CORPUS / f"{name}.txt", CORPUS / f"{name}.inquiry.txt"
    argv = ["analyze", str(letter), "--inquiry", str(inquiry), "--json"]
    result = installed.run(*argv)
    assert result.returncode == 0, result.stderr
    expected = json.loads(_checkout(argv, capsys))
    assert json.loads(result.stdout) == expected
    assert any(item["reasons"] for item in expected["items"])


@pytest.mark.parametrize(("answer", "inquiry"), SHARED_LETTERS)
def test_analyze_json_equals_the_checkout_on_real_letters(
    installed: Installed, answer: str, inquiry: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    if not (SHARED_CORPUS / answer).exists():
        pytest.skip("../shared/corpus fehlt")
    argv = ["analyze", str(SHARED_CORPUS / answer), "--json"]
    if inquiry:
        argv += ["--inquiry", str(SHARED_CORPUS / inquiry)]
    result = installed.run(*argv)
    assert result.returncode == 0, result.stderr
    expected = json.loads(_checkout(argv, capsys))
    assert json.loads(result.stdout) == expected
    assert len(expected["items"]) >= 3


def _text(path: Path) -> str:
    document = Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_every_letter_kind_exports_from_the_installed_app(
    installed: Installed, sample_letter: Path
) -> None:
    db = installed.cwd / "desk.sqlite"
    out = installed.cwd / "briefe"
    out.mkdir()
    late = installed.cwd / "spaet.txt"
    late.write_text("Radwege am Bahnhof\n\n1. Wie viele Stellplätze gibt es?\n", encoding="utf-8")
    script = f"""
from pathlib import Path
from anfrage_desk.services.drafting import export_inquiry_letter
from anfrage_desk.services.example import load_example
from anfrage_desk.store import open_db
db = open_db(Path({str(db)!r}))
inquiry_id, _ = load_example(db)  # the example shipped in the package
export_inquiry_letter(db, inquiry_id, Path({str(out / "anfrage.docx")!r}))
print(inquiry_id)
"""
    made = subprocess.run(
        [str(installed.python), "-c", script],
        cwd=installed.cwd,
        env=installed.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    example_id = made.stdout.strip()
    steps = [
        ("export-followup", example_id, str(out / "nachfrage.docx")),
        ("add-inquiry", str(late), "--submitted", "2024-01-02"),
        ("export-reminder", "3", str(out / "erinnerung.docx"), "--today", "2024-06-01"),
    ]
    for step in steps:
        result = installed.run("--db", str(db), *step)
        assert result.returncode == 0, (step, result.stderr)
    assert "Strategie zur Künstlichen Intelligenz" in _text(out / "anfrage.docx")
    assert "Mit freundlichen Grüßen" in _text(out / "anfrage.docx")
    followup = _text(out / "nachfrage.docx")
    assert "Nachfrage zu unserer Anfrage" in followup  # subject from letters/nachfrage.ini
    assert "konkreten Zeitpunkt" in followup  # the [no_date] text for the vague Q3
    assert "Radwege am Bahnhof" in _text(out / "erinnerung.docx")
