# The two commands of the README: `make run` and `make test`. Both set up .venv on a fresh machine,
# with the exact versions of constraints.txt (`make lock` refreshes it).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALL := $(BIN)/python -m pip install --quiet -c constraints.txt

.PHONY: run test lint eval bench dist dist-check lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml constraints.txt | $(BIN)/python
	$(INSTALL) -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml constraints.txt | $(BIN)/python
	$(INSTALL) -e '.[test,dev]'
	touch $@ $(VENV)/.installed-run

$(VENV)/.installed-dist: pyproject.toml constraints.txt | $(BIN)/python
	$(INSTALL) -e '.[dist]'
	touch $@

run: $(VENV)/.installed-run
	$(BIN)/anfrage-desk

test: $(VENV)/.installed-dev
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check anfrage_desk tests tools bundle
	$(BIN)/ruff format --check anfrage_desk tests tools bundle
	$(BIN)/mypy

eval: $(VENV)/.installed-run
	$(BIN)/python tools/eval.py

bench: $(VENV)/.installed-dev
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py

# The standalone app: dist/anfrage-desk/ runs without Python (PyInstaller, one folder).
dist: $(VENV)/.installed-dist
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller bundle/anfrage-desk.spec

# Starts the built bundle headless: --version, analyze on the sample letter, the GUI offscreen.
dist-check: $(VENV)/.installed-dist
	QT_QPA_PLATFORM=offscreen $(BIN)/python bundle/check_bundle.py dist/anfrage-desk

# Refresh constraints.txt from pyproject.toml (newest versions that fit); review, test, commit.
lock: | $(BIN)/python
	$(BIN)/python tools/lock.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
