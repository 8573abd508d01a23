# Two entry points a fresh machine needs: `make demo` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
# pip's output goes to a log, shown only when it fails (it warns about index folders that do
# not exist on some machines, which would drown the one line that matters).
PIP := $(BIN)/pip install -q
PIP_LOG := $(VENV)/pip.log
pip = $(PIP) $(1) > $(PIP_LOG) 2>&1 || { grep -v "^WARNING: Location" $(PIP_LOG); exit 1; }

.PHONY: setup demo test lint typecheck unit system-deps bench clean

$(STAMP): pyproject.toml
	@echo "setting up $(VENV) (first run takes a few minutes)"
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(call pip,--upgrade pip)
	$(call pip,torch==2.13.0)
	$(call pip,-e '.[dev]')
	$(BIN)/python -c "import bot, retrieval, connectors, torch; assert torch.__version__.startswith('2.13.0')"
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	@# set-up: index the bundled runbooks (incremental; the demo re-checks and finds them unchanged)
	$(BIN)/opsdesk index runbooks --quiet
	$(BIN)/opsdesk demo

system-deps:
	@if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null \
	    || ! command -v prometheus-alertmanager >/dev/null; then \
	  echo "installing prometheus and prometheus-alertmanager (Debian packages)"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq prometheus prometheus-alertmanager >/dev/null; \
	fi

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest -m "not slow" -q

test: setup system-deps lint typecheck
	$(BIN)/pytest -q --durations=15

# Each benchmark prints one JSON object; they take minutes, so they are not part of `make test`.
bench: setup system-deps
	$(BIN)/python bench/bench_replay.py tests/scenarios tests/holdout tests/fresh tests/unseen
	$(BIN)/python bench/bench_intake.py
	$(BIN)/python bench/bench_pipeline.py
	$(BIN)/python bench/bench_slack.py --pipeline
	$(BIN)/python bench/bench_fuzz_edges.py
	$(BIN)/python bench/bench_retrieval.py --skip-large
	$(BIN)/python bench/retrieval_eval.py
	$(BIN)/python bench/bench_policy.py
	$(BIN)/python bench/bench_audit.py
	$(BIN)/python bench/bench_remediation.py

clean:
	rm -rf $(VENV) .opsdesk .pytest_cache .mypy_cache .ruff_cache
