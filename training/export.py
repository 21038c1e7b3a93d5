"""Turn the PEFT adapter from `training.finetune` into a GGUF LoRA adapter that llama.cpp loads beside the
base GGUF (`lora_path`).

The converter is llama.cpp's own `convert_lora_to_gguf.py`, taken from the llama-cpp-python sdist of the
version the assistant runs, with the `gguf-py` vendored beside it: PyPI's `gguf` package lags behind the
converter and fails on it.

    python -m training.export --llama-version 0.3.36 build/train models/smollm2-135m-home-lora.gguf
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
from pathlib import Path

NEEDED = ("convert_lora_to_gguf.py", "convert_hf_to_gguf.py", "conversion/", "gguf-py/")


def sdist(version: str, folder: Path) -> Path:
    """The llama-cpp-python source archive, fetched with pip unless it is already in `folder`."""
    found = sorted(folder.glob(f"llama_cpp_python-{version}.tar.gz"))
    if found:
        return found[0]
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                    f"llama-cpp-python=={version}", "-d", str(folder)], check=True)
    return sorted(folder.glob(f"llama_cpp_python-{version}.tar.gz"))[0]


def converter(archive: Path, folder: Path) -> Path:
    """Unpack just the converter, its model classes and its gguf-py; returns the llama.cpp folder holding them."""
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if "/vendor/llama.cpp/" in m.name
                   and any(m.name.split("/vendor/llama.cpp/", 1)[1].startswith(n) for n in NEEDED)]
        tar.extractall(folder, members=members, filter="data")
    return next(folder.glob("*/vendor/llama.cpp"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trained", type=Path, help="the --out folder of training.finetune (lora/ and base/)")
    parser.add_argument("adapter", type=Path, help="the GGUF adapter to write")
    parser.add_argument("--llama-version", required=True, help="the llama-cpp-python version the assistant runs")
    parser.add_argument("--outtype", default="q8_0", choices=("q8_0", "f16", "f32"))
    args = parser.parse_args()
    llama_cpp = converter(sdist(args.llama_version, args.trained), args.trained / "llama.cpp")
    env = {**os.environ, "PYTHONPATH": str(llama_cpp / "gguf-py")}
    subprocess.run([sys.executable, str(llama_cpp / "convert_lora_to_gguf.py"), "--base", str(args.trained / "base"),
                    "--outtype", args.outtype, "--outfile", str(args.adapter), str(args.trained / "lora")],
                   check=True, env=env)
    print(f"{args.adapter}: {args.adapter.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
