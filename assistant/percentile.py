"""One percentile for every figure the CLI prints, so p90 means the same in each benchmark."""

from __future__ import annotations

import math
from collections.abc import Iterable


def nearest_rank(values: Iterable[float], q: float) -> float:
    """The smallest value with at least a share `q` of the values at or below it (nearest-rank; no interpolation,
    so every printed figure is one that was measured). NaN for no values."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]
