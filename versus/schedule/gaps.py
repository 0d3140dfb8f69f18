"""Coverage gaps: hours in which a route can page but no rotation has anybody on call.

A route is active always or only during an Alertmanager `time_interval`; `active` answers that for an
instant, so this module needs no knowledge of routes. `time_interval_active` builds that predicate
from the spec's `alertmanager.time_intervals` entries, with Alertmanager's semantics.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from versus.schedule.engine import merge, shifts
from versus.schedule.model import Gap, Rotation, ScheduleError

_ALERTMANAGER_WEEKDAYS = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
"""Alertmanager numbers weekdays from Sunday (0) to Saturday (6), and a range may not run backwards."""
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


def always(_: datetime) -> bool:
    """The predicate for a route without `active_time_intervals`."""
    return True


def coverage_gaps(
    rotations: Iterable[Rotation],
    active: Callable[[datetime], bool] = always,
    start: datetime | None = None,
    weeks: int = 4,
) -> list[Gap]:
    """Hour slots from `start` over `weeks` weeks, active at their start, not fully covered by any rotation.

    `start` defaults to the earliest rotation start; slots are whole hours counted from `start`.
    """
    rotation_list = list(rotations)
    if start is None:
        if not rotation_list:
            raise ScheduleError("coverage_gaps: a start is needed when there are no rotations")
        start = min(r.start for r in rotation_list)
    if start.tzinfo is None:
        raise ScheduleError("start: an aware datetime is required")
    start = start.astimezone(UTC)
    end = start + timedelta(weeks=weeks)
    covered = merge((s.start, s.end) for r in rotation_list for s in shifts(r, start, end) if s.contacts)
    gaps: list[Gap] = []
    slot = start
    index = 0
    while slot < end:
        slot_end = slot + timedelta(hours=1)
        if active(slot):
            while index < len(covered) and covered[index][1] <= slot:
                index += 1
            seen = timedelta()
            probe = index
            while probe < len(covered) and covered[probe][0] < slot_end:
                seen += min(covered[probe][1], slot_end) - max(covered[probe][0], slot)
                probe += 1
            if seen < slot_end - slot:
                gaps.append(Gap(slot, slot_end, slot_end - slot - seen))
        slot = slot_end
    return gaps


def time_interval_active(entries: Sequence[Mapping[str, Any]]) -> Callable[[datetime], bool]:
    """Alertmanager `time_intervals` semantics: active if any entry matches; within one, all given fields.

    Fields: `weekdays`, `times` (start_time inclusive, end_time exclusive), `days_of_month` (negative
    counts from the month's end), `months`, `years`, `location` (IANA zone, default UTC).
    """
    matchers = [_entry_matcher(entry, f"time_intervals[{index}]") for index, entry in enumerate(entries)]
    return lambda at: any(matcher(at) for matcher in matchers)


def route_active(
    time_intervals: Mapping[str, Sequence[Mapping[str, Any]]], active_time_intervals: Sequence[str]
) -> Callable[[datetime], bool]:
    """A route's `active_time_intervals` (names into the spec's `time_intervals`): active if any is.

    An empty list means the route is always active, as in Alertmanager.
    """
    if not active_time_intervals:
        return always
    missing = [name for name in active_time_intervals if name not in time_intervals]
    if missing:
        raise ScheduleError(f"active_time_intervals: {', '.join(missing)} not in time_intervals")
    checks = [time_interval_active(time_intervals[name]) for name in active_time_intervals]
    return lambda at: any(check(at) for check in checks)


def _entry_matcher(entry: Mapping[str, Any], where: str) -> Callable[[datetime], bool]:
    zone = ZoneInfo(str(entry.get("location") or "UTC"))
    weekdays = _weekday_ranges(entry.get("weekdays"), where)
    months = _ranges(entry.get("months"), _month, where)
    years = _ranges(entry.get("years"), _int, where)
    days = _ranges(entry.get("days_of_month"), _int, where)
    times = [
        (_minutes(t.get("start_time"), where), _minutes(t.get("end_time"), where)) for t in entry.get("times") or []
    ]

    def matches(at: datetime) -> bool:
        local = at.astimezone(zone)
        minute = local.hour * 60 + local.minute
        month_length = (local.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        day_from_end = local.day - month_length.day - 1
        return (
            (weekdays is None or any(lo <= _sunday_based(local) <= hi for lo, hi in weekdays))
            and (months is None or any(lo <= local.month <= hi for lo, hi in months))
            and (years is None or any(lo <= local.year <= hi for lo, hi in years))
            and (days is None or any(_day_in(local.day, day_from_end, lo, hi) for lo, hi in days))
            and (not times or any(lo <= minute < hi for lo, hi in times))
        )

    return matches


def _weekday_ranges(value: object, where: str) -> list[tuple[int, int]] | None:
    """Weekday ranges in Alertmanager's Sunday-start numbering; a backwards range is refused as Alertmanager does.

    So `sunday:saturday` is the whole week, and `saturday:sunday` is an error rather than a silent
    "never" (a weekend is `[saturday, sunday]`).
    """

    def parse(text: str) -> int | None:
        return _ALERTMANAGER_WEEKDAYS.index(text) if text in _ALERTMANAGER_WEEKDAYS else None

    ranges = _ranges(value, parse, where)
    for lo, hi in ranges or []:
        if lo > hi:
            raise ScheduleError(
                f"{where}.weekdays: {_ALERTMANAGER_WEEKDAYS[lo]}:{_ALERTMANAGER_WEEKDAYS[hi]} runs backwards; "
                "Alertmanager weeks run sunday:saturday and it rejects this range (list the days instead)"
            )
    return ranges


def _sunday_based(local: datetime) -> int:
    """Python counts Monday as 0; Alertmanager (Go's time.Weekday) counts Sunday as 0."""
    return (local.weekday() + 1) % 7


def _day_in(day: int, day_from_end: int, lo: int, hi: int) -> bool:
    """Alertmanager allows -1 for the last day; a range is in the same sign convention on both ends."""
    value = day if lo > 0 else day_from_end
    return lo <= value <= hi


def _ranges(value: object, parse: Callable[[str], int | None], where: str) -> list[tuple[int, int]] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise ScheduleError(f"{where}: a list of values or ranges is required, got {value!r}")
    result = []
    for item in value:
        text = str(item).lower()
        lo_text, _, hi_text = text.partition(":") if ":" in text[1:] else (text, "", text)
        lo, hi = parse(lo_text), parse(hi_text)
        if lo is None or hi is None:
            raise ScheduleError(f"{where}: {item!r} is not a value or range")
        result.append((lo, hi))
    return result


def _month(text: str) -> int | None:
    if text in _MONTHS:
        return _MONTHS.index(text) + 1
    return _int(text)


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _minutes(value: object, where: str) -> int:
    if not isinstance(value, str) or ":" not in value:
        raise ScheduleError(f"{where}.times: HH:MM is required, got {value!r}")
    hours, minutes = value.split(":", 1)
    return int(hours) * 60 + int(minutes)
