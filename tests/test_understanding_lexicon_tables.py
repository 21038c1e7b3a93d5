"""Words a config adds reach every table the understanding builds from the lexicon.

`LEXICON.add` (a config's `understanding.lexicon`) grows the lexicon's own containers in place, after the
understanding's modules were imported. A table a module built from them at import (a union of word sets, a table's
keys, the words of one meaning) is a copy: unless it is built again (`Lexicon.derived`, `Lexicon.on_change`), the
config's words never reach the rule that reads it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from assistant.config import load_config
from assistant.understand.lexicon import LEXICON, SECTIONS

# One new word (or phrase, entry, need, effect) for every section of the lexicon, as a config's inline `lexicon:`;
# in a grouped table one for each meaning it has ("white_steps": a "cooler" and a "warmer"), as a table may keep
# the words of one meaning only.
_ADDED = {"words": "[zq{0}]", "phrases": '["zq {0}"]', "map": '{{zq{0}: "on"}}', "numbers": "{{zq{0}: 7}}",
          "hints": '[{{words: [zq{0}], intent: "on", types: [light]}}]',
          "effects": '[{{types: [light], makes: {{"on": [zq{0}]}}}}]'}


def _adding_a_word_to_every_section() -> str:
    lines = []
    for section, kind in SECTIONS.items():
        if kind.startswith("grouped"):
            meanings = sorted(set(LEXICON.table(section).values()))
            added = "{" + ", ".join(f"{json.dumps(m)}: [zq{section}{i}]" for i, m in enumerate(meanings)) + "}"
        else:
            added = _ADDED[kind.split()[0]].format(section)
        lines.append(f"    {section}: {added}")
    return "\n".join(lines)


# Every module-level table of the understanding (and its classes'), as text the same in any process.
_TABLES = textwrap.dedent("""
    import importlib, json, pkgutil, re, sys
    import assistant.understand
    from assistant.config import load_config
    from assistant.understand.lexicon import LEXICON

    def canon(value):
        if isinstance(value, (set, frozenset)):
            return sorted(canon(v) for v in value)
        if isinstance(value, dict):
            return sorted([canon(k), canon(v)] for k, v in value.items())
        if isinstance(value, (list, tuple)):
            return [canon(v) for v in value]
        if isinstance(value, re.Pattern):
            return value.pattern
        return value if isinstance(value, (str, int, float, type(None))) else type(value).__name__

    added = load_config(sys.argv[2]).understanding.lexicon
    if sys.argv[1] == "before":
        LEXICON.add(added)
    modules = [importlib.import_module(m.name)
               for m in pkgutil.walk_packages(assistant.understand.__path__, "assistant.understand.")]
    if sys.argv[1] == "after":
        LEXICON.add(added)
    tables = {}
    for module in modules:
        named = dict(vars(module))
        for name, value in vars(module).items():
            if isinstance(value, type) and value.__module__ == module.__name__:
                named.update((f"{name}.{n}", v) for n, v in vars(value).items())
        tables.update((f"{module.__name__}.{name}", canon(value)) for name, value in named.items()
                      if isinstance(value, (set, frozenset, dict, list, tuple, str, re.Pattern)))
    print(json.dumps(tables))
""")


def _tables(added: str, config: Path) -> dict[str, object]:
    """The understanding's tables, with the config's words added `before` its modules are imported or `after`."""
    said = subprocess.run([sys.executable, "-c", _TABLES, added, str(config)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONHASHSEED": "0"})
    assert said.returncode == 0, said.stderr
    return json.loads(said.stdout)


def test_every_table_built_from_the_lexicon_holds_the_words_a_config_adds(tmp_path: Path) -> None:
    """Built at import with the config's words, or built before them and given them since: the same tables."""
    config = tmp_path / "config.yaml"
    config.write_text("understanding:\n  use_llm: false\n  lexicon:\n" + _adding_a_word_to_every_section() + "\n"
                      "devices:\n  - {id: tv, name: tv, area: lounge, type: media_player}\n", encoding="utf-8")
    assert load_config(config).understanding.lexicon is not None  # every section's words are read
    before, after = _tables("before", config), _tables("after", config)
    assert before.keys() == after.keys()
    assert [name for name in before if before[name] != after[name]] == []
