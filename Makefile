# The two commands a newcomer needs: `make demo` and `make test`.
# Both create .venv and install everything on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= out
# Browser tests drive Debian's Chromium (packages chromium, chromium-driver).
CHROMIUM := /usr/bin/chromium
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install demo test test-fast bench docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,notebooks,app]'
	$(BIN)/python -m sysmap.metrics  # numba: compile the kernels once
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/sysmap demo -o $(OUT)

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver

test: install $(CHROMIUM)
	SYSMAP_REQUIRE_BROWSER=1 $(BIN)/python -m pytest -n 2 -q

# The quick check while you work: leaves out the tests marked slow (the browser tests,
# the documentation build with its notebooks, the wheel install, the 50,000-actor map).
test-fast: install
	$(BIN)/python -m pytest -n 2 -q -m "not slow"

docs: install
	$(BIN)/python -m sphinx -W -b html docs docs/_build/html

bench: install
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .hypothesis
