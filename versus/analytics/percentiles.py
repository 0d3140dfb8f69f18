"""Medians and p90s for the report, with one stated definition: the nearest-rank percentile.

The p-th percentile of n sorted values is the value at rank ceil(p/100 × n) (1-based): the smallest value
that at least p % of the values do not exceed. It is always one of the observed times, never an
interpolation, so "median time to acknowledge: 4m" means somebody really took 4 minutes. The median is
the 50th percentile by the same rule (for an even count, the lower of the two middle values).
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass


def nearest_rank(values: Sequence[float], percent: float) -> float:
    if not values:
        raise ValueError("no values: a percentile of nothing is undefined")
    if not 0 < percent <= 100:
        raise ValueError(f"percent must be in (0, 100], not {percent}")
    ordered = sorted(values)
    return ordered[math.ceil(percent / 100 * len(ordered)) - 1]


@dataclass(frozen=True)
class Spread:
    """Count, median and p90 of a group of durations in seconds."""

    count: int
    median: float
    p90: float


def spread(values: Sequence[float]) -> Spread | None:
    """None for an empty group, so a report says "no data" rather than a made-up zero."""
    if not values:
        return None
    return Spread(count=len(values), median=nearest_rank(values, 50), p90=nearest_rank(values, 90))
