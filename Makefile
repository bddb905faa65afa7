# make run   — create .venv, install requirements.txt, start the app
# make test  — create .venv, install runtime + dev requirements, run every test
# make mutate — mutation test cards/ ui/ figures/ userdata/ against the fast tests, print the score
#               (make mutate PATHS=cards/ limits the run; files or folders;
#                make mutate SAMPLE=400 [SEED=1] runs a random sample: minutes, not hours)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
PATHS ?=

.PHONY: run test lint format bench mutate clean

$(PY):
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed, found " + sys.version' 
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

run: $(VENV)/.runtime
	$(PY) -m streamlit run streamlit_app.py --server.port $(PORT)

test: $(VENV)/.dev
	$(PY) -m pytest

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

bench: $(VENV)/.dev
	$(PY) -m bench

mutate: $(VENV)/.dev
	$(PY) tools/mutation_score.py --run $(if $(SAMPLE),--sample $(SAMPLE) --seed $(or $(SEED),0)) $(PATHS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis tests/screenshots mutants
