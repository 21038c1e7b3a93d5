"""Where the assistant keeps what it must remember between runs (accepted devices, scheduled commands)."""

from __future__ import annotations

import os
from pathlib import Path


def state_dir() -> Path:
    """`$ASSISTANT_STATE_DIR`, else `$XDG_STATE_HOME/assistant`, else `~/.local/state/assistant` (for the
    service, whose HOME is /var/lib/assistant, and for `sudo -u assistant assistant ...` alike:
    /var/lib/assistant/.local/state/assistant)."""
    if os.environ.get("ASSISTANT_STATE_DIR"):
        return Path(os.environ["ASSISTANT_STATE_DIR"])
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "assistant"
