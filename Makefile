# devzone — `make demo` to try it, `make test` to check everything.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DJANGO := DJANGO_SETTINGS_MODULE=devzone.conf.settings $(BIN)/django-admin
PYTEST_WORKERS ?= 2
SOURCES := src tests bench scripts

CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc

.PHONY: demo serve install fonts test lint check test-sqlite test-postgres eval bench messages clean

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade "pip==25.3"
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# PDF briefings embed a CJK font from Debian's packages (reportlab needs TrueType outlines).
fonts:
	@if [ ! -f $(CJK_FONT) ]; then \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	        echo "Installing the CJK font for PDF briefings (fonts-wqy-microhei) ..."; \
	        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null) \
	            || echo "warning: could not install fonts-wqy-microhei; PDF briefings need it"; \
	    else \
	        echo "note: PDF briefings need a CJK font: sudo apt-get install fonts-wqy-microhei"; \
	    fi; \
	fi

demo: install fonts  ## set everything up with demo data and serve on http://127.0.0.1:8000
	$(BIN)/devzone demo

serve: install
	$(BIN)/devzone serve

lint: install
	$(BIN)/ruff check $(SOURCES)
	$(BIN)/ruff format --check $(SOURCES)

check: install
	$(DJANGO) check --fail-level WARNING
	$(DJANGO) makemigrations --check --dry-run
	$(BIN)/python scripts/check_messages.py

test-sqlite: install
	DATABASE_URL= $(BIN)/pytest -n $(PYTEST_WORKERS) -q -p no:cacheprovider

test-postgres: install
	scripts/with-postgres $(BIN)/pytest -n $(PYTEST_WORKERS) -q -p no:cacheprovider

test: lint check test-sqlite test-postgres  ## every check and test, on SQLite and PostgreSQL

eval: install  ## accuracy against the real data in ../shared/data (skips when absent)
	$(BIN)/python scripts/eval_matching.py
	$(BIN)/python scripts/eval_extraction.py

bench: install
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

messages: install  ## update and compile the zh_Hans catalogue
	cd src/devzone && DJANGO_SETTINGS_MODULE=devzone.conf.settings ../../$(BIN)/django-admin makemessages -l zh_Hans --no-obsolete --no-location
	cd src/devzone && DJANGO_SETTINGS_MODULE=devzone.conf.settings ../../$(BIN)/django-admin compilemessages -l zh_Hans

clean:
	rm -rf $(VENV) var .pytest_cache
