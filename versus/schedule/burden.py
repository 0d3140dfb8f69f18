"""On-call burden: how much on-call time each person carries, and how much of it costs evenings or sleep.

Hours are counted in each person's own time zone, because a 03:00 page in London is a night for Erin
even when the rotation runs on New York time. Business hours are Monday-Friday 09:00-18:00, sleep
hours 22:00-07:00 every day; off hours are the rest, so the three always add up to the total.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from versus.schedule.model import Person, Shift, to_utc

BUSINESS_START, BUSINESS_END = 9, 18
SLEEP_START, SLEEP_END = 22, 7
_CUT_HOURS = (0, SLEEP_END, BUSINESS_START, BUSINESS_END, SLEEP_START)


@dataclass(frozen=True)
class Burden:
    """One person's share of a window; the hour figures are floats of hours."""

    alias: str
    shifts: int
    hours: float
    business_hours: float
    off_hours: float
    sleep_hours: float


def hour_kind(local: datetime) -> str:
    """'business', 'sleep' or 'off' for a local wall-clock instant."""
    if local.hour >= SLEEP_START or local.hour < SLEEP_END:
        return "sleep"
    if local.weekday() < 5 and BUSINESS_START <= local.hour < BUSINESS_END:
        return "business"
    return "off"


def burden(shift_list: Iterable[Shift], people: Mapping[str, Person]) -> list[Burden]:
    """Per person (spec order, then unknown aliases alphabetically): shifts, hours and their split.

    A person unknown to `people` is counted in UTC.
    """
    totals: dict[str, dict[str, timedelta]] = {}
    counts: dict[str, int] = {}
    for shift in shift_list:
        for alias in shift.contacts:
            zone = ZoneInfo(people[alias].time_zone if alias in people else "UTC")
            split = totals.setdefault(alias, {"business": timedelta(), "off": timedelta(), "sleep": timedelta()})
            counts[alias] = counts.get(alias, 0) + 1
            for kind, length in _split(shift.start, shift.end, zone):
                split[kind] += length
    order = [a for a in people if a in totals] + sorted(a for a in totals if a not in people)
    return [
        Burden(
            alias=alias,
            shifts=counts[alias],
            hours=_hours(sum(totals[alias].values(), timedelta())),
            business_hours=_hours(totals[alias]["business"]),
            off_hours=_hours(totals[alias]["off"]),
            sleep_hours=_hours(totals[alias]["sleep"]),
        )
        for alias in order
    ]


def _split(start: datetime, end: datetime, zone: ZoneInfo) -> list[tuple[str, timedelta]]:
    """Cut [start, end) at every local category edge and classify each piece by its first instant."""
    cuts = {start, end}
    day = start.astimezone(zone).date() - timedelta(days=1)
    while day <= end.astimezone(zone).date():
        for hour in _CUT_HOURS:
            instant = to_utc(datetime(day.year, day.month, day.day, hour), zone)
            if start < instant < end:
                cuts.add(instant)
        day += timedelta(days=1)
    edges = sorted(cuts)
    return [(hour_kind(lo.astimezone(zone)), hi - lo) for lo, hi in pairwise(edges)]


def _hours(length: timedelta) -> float:
    return round(length / timedelta(hours=1), 2)
