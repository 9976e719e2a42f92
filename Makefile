# Two commands (README): `make run` checks an article, `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ARTICLE ?= corpora/mt-style-peppermint-irritable-bowel.txt

.PHONY: run test eval bench model clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/claimcheck check "$(ARTICLE)"

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest

eval: $(VENV)/.installed
	$(BIN)/claimcheck eval corpora/

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/throughput.py

# Train the number model again (claimcheck/data/number_model.json) after the rules or the corpus
# change: it reads the numbers the rules leave. Prints its cross-validated precision first.
model: $(VENV)/.installed
	$(BIN)/python -m claimcheck.nlp.number_model_train corpora/

clean:
	rm -rf $(VENV) build *.egg-info
