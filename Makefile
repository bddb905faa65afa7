# make run   — create .venv, install requirements.txt, start the app
# make test  — create .venv, install runtime + dev requirements, run every test
# make mutate — mutation test cards/ ui/ figures/ userdata/ against the fast tests, print the score
#               (make mutate PATHS=cards/ limits the run; files or folders;
#                make mutate SAMPLE=400 [SEED=1] runs a random sample: minutes, not hours)
# make serve  — PROCESSES Streamlit processes (default: one per core) behind nginx on SERVE_PORT
#               (default 8080) with sticky sessions; installs Debian's nginx first when missing
# make load   — a load test: SESSIONS (60) students, TRAINING (20) of them training live, for
#               SECONDS (60); its own server, or URL=http://127.0.0.1:8080 PIDS='…' (make serve)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
PATHS ?=
PROCESSES ?= $(shell nproc 2>/dev/null || echo 2)
SERVE_PORT ?= 8080
AFFINITY ?= cookie
SESSIONS ?= 60
TRAINING ?= 20
SECONDS ?= 60
URL ?=
PIDS ?=

.PHONY: run test lint format bench mutate serve load clean

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

serve: $(VENV)/.runtime
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y nginx; \
	  else echo "nginx is missing: sudo apt-get install -y nginx"; exit 1; fi; }
	$(PY) -m tools.serve --processes $(PROCESSES) --port $(SERVE_PORT) --affinity $(AFFINITY)

load: $(VENV)/.runtime
	$(PY) -m bench.load --sessions $(SESSIONS) --training $(TRAINING) --seconds $(SECONDS) \
	  $(if $(URL),--url $(URL)) $(if $(PIDS),--pids "$(PIDS)")

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis tests/screenshots mutants
