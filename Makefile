# make run: set up .venv and ingest the bundled sample; make test: the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE_DB := sample.db

.PHONY: run test bench clean

run: $(VENV)/.installed
	rm -f $(SAMPLE_DB) $(SAMPLE_DB)-wal $(SAMPLE_DB)-shm
	$(BIN)/newsweave --db $(SAMPLE_DB) ingest src/newsweave/sample/articles
	$(BIN)/newsweave --db $(SAMPLE_DB) stories

test: $(VENV)/.installed
	$(BIN)/python -m pytest

bench: $(VENV)/.installed
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/facts.py

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) $(SAMPLE_DB) $(SAMPLE_DB)-wal $(SAMPLE_DB)-shm
