# One command runs the app (make run), one runs every check (make test); each sets itself up.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run demo test lint bench screenshots translations lock bundle clean

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { echo "Python 3.11 is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

run: $(STAMP)  ## start the desktop app on the demo vault
	$(BIN)/python main.py --demo

test: $(STAMP)  ## lint, layer contracts and the whole test suite (offscreen)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

lint: $(STAMP)  ## format the code, then lint
	$(BIN)/ruff format .
	$(BIN)/ruff check .
	$(BIN)/lint-imports

bench: $(STAMP)  ## performance figures (100 000 participants; takes a few minutes)
	$(BIN)/python benchmarks/vault.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/ui.py

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py

translations: $(STAMP)  ## refresh .ts from the sources and compile .qm
	$(BIN)/python scripts/translations.py

lock: $(STAMP)
	{ echo "# Generated from the pins in pyproject.toml (runtime + dev) with 'make lock'; install with pip install -r."; \
	  $(BIN)/python -m pip freeze --exclude-editable; } > requirements.lock

bundle: $(STAMP)  ## one-folder desktop bundle in dist/
	$(BIN)/pyinstaller --noconfirm build.spec

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
