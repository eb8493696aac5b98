# Two commands set up everything: `make lab` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Keep Jupyter's and IPython's per-user state out of the user's home during tests.
TEST_ENV := JUPYTER_CONFIG_DIR=$(CURDIR)/.jupyter-test/config JUPYTER_DATA_DIR=$(CURDIR)/.jupyter-test/data \
            JUPYTER_RUNTIME_DIR=$(CURDIR)/.jupyter-test/runtime IPYTHONDIR=$(CURDIR)/.jupyter-test/ipython \
            JUPYTER_PLATFORM_DIRS=1 PYDEVD_DISABLE_FILE_VALIDATION=1
NBVAL := --nbval --nbval-sanitize-with notebooks/sanitize.cfg --nbval-current-env

.PHONY: lab test lint bench mutants mutants-sample notebooks check-notebooks data-dictionary navigation teacher-kit handouts look clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: $(BIN)/python requirements.txt pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# The handouts' JavaScript (Vega, Vega-Lite, vega-embed) and axe-core for the browser tests, from web/package-lock.json.
web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# JupyterLab at the first notebook, with no news pop-up; as root it adds --allow-root and says so (tools/lab.py).
lab: $(VENV)/.runtime
	$(BIN)/python tools/lab.py

test: $(VENV)/.dev web/node_modules/.installed
	mkdir -p .jupyter-test
	$(TEST_ENV) $(BIN)/python -m pytest tests notebooks $(NBVAL)

lint: $(VENV)/.dev
	$(BIN)/ruff check helpers tests tools benchmarks notebooks

bench: $(VENV)/.dev
	$(BIN)/python benchmarks/run.py

# Mutation testing: plant each small bug mutmut can make in helpers/, run the tests that reach it, and count
# the bugs the tests catch, per module (tools/mutation_report.py; targets there). Not in CI.
# `make mutants` runs every mutant: a day on two cores. It resumes where it stopped (mutmut keeps each result
# and re-runs a mutant when its function or its tests change); FRESH=1 starts afresh, and
# `make mutants ONLY='helpers.sentiment*'` runs the mutants of one module.
# `make mutants-sample` scores every module from a random sample of its mutants (K per module, default 150;
# MODULES='data exercises' to draw from some only): about an hour for the whole of helpers/ at K=30.
mutants: $(VENV)/.mutants
	$(if $(FRESH),rm -rf mutants)
	mkdir -p .jupyter-test
	$(TEST_ENV) $(BIN)/mutmut run $(ONLY) || true
	$(BIN)/python tools/mutation_report.py

mutants-sample: $(VENV)/.mutants
	mkdir -p .jupyter-test
	test -n "$$(ls mutants/helpers/*.meta 2>/dev/null)" || $(TEST_ENV) $(BIN)/mutmut run 'generate-only*' || true
	$(TEST_ENV) $(BIN)/python tools/mutation_sample.py --per-module $(or $(K),150) $(MODULES) || true
	$(BIN)/python tools/mutation_report.py

$(VENV)/.mutants: $(VENV)/.dev requirements-mutants.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-mutants.txt
	touch $@

# Re-execute every notebook in place from a clean kernel (outputs are committed; nbval compares them).
notebooks: $(VENV)/.dev
	mkdir -p .jupyter-test
	$(TEST_ENV) $(BIN)/python tools/execute_notebooks.py notebooks/[0-9]*.ipynb

# Outputs are reproducible: re-executing every notebook leaves the committed files byte for byte
# unchanged (run it on a clean checkout; it rewrites notebooks/ in place, as `make notebooks` does).
check-notebooks: notebooks
	git diff --exit-code --stat -- notebooks/

# Every chart of every notebook (and each explorer's first view) as PNG at its real size, and one contact
# sheet, in build/look/ (git-ignored): look at it before committing a chart.
look: $(VENV)/.dev
	$(BIN)/python tools/look.py

data-dictionary: $(VENV)/.runtime
	$(BIN)/python tools/generate_data_dictionary.py

# Navigation bars, the map of the notebooks and the glossary links (markdown cells only; outputs are untouched).
navigation: $(VENV)/.runtime
	$(BIN)/python tools/generate_contents.py
	$(BIN)/python tools/add_navigation.py
	$(BIN)/python tools/link_glossary.py

# The answer key, the worksheets and the exit-ticket sheet in docs/, from the exercises and the data.
teacher-kit: $(VENV)/.runtime
	$(BIN)/python tools/teacher_kit.py

# The static, offline edition of the notebooks in site/ (pages, worksheets and teacher's edition as PDF).
handouts: $(VENV)/.dev web/node_modules/.installed
	$(BIN)/python tools/build_handouts.py --out site

clean:
	rm -rf $(VENV) .jupyter-test .pytest_cache web/node_modules site build/look mutants
