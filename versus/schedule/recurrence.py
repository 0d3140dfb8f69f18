"""Handoff instants of a rotation: where one contact's turn ends and the next one's begins.

AWS Incident Manager counts recurrences in the rotation's own time zone: a weekly Monday 09:00 handoff
stays at 09:00 on the wall clock through daylight-saving changes, so its UTC instant moves by an hour.
The handoff occurrences after `StartTime` are numbered 1, 2, …; with `RecurrenceMultiplier` k a turn
ends at every k-th occurrence. A start between occurrences gives a first turn that runs to the k-th
occurrence after it. All arithmetic is on local wall-clock values; only the results become UTC.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta

from versus.schedule.model import Frequency, Rotation, to_utc


def _month_day(year: int, month: int, day: int) -> date:
    """`day` of that month, or its last day in a shorter month (a 31st in April hands off on the 30th)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


class Handoffs:
    """Numbered handoff boundaries of one rotation; boundary 0 is the rotation's start."""

    def __init__(self, rotation: Rotation) -> None:
        self._rotation = rotation
        self._recurrence = rotation.recurrence
        self._zone = rotation.zone
        self._start_local = rotation.start.astimezone(self._zone).replace(tzinfo=None)
        self._first = self._first_occurrence()

    def _first_occurrence(self) -> datetime:
        recurrence = self._recurrence
        start = self._start_local
        candidate = datetime.combine(start.date(), recurrence.handoff)
        if recurrence.frequency is Frequency.DAILY:
            return candidate if candidate > start else candidate + timedelta(days=1)
        if recurrence.frequency is Frequency.WEEKLY:
            assert recurrence.weekday is not None
            candidate += timedelta(days=(recurrence.weekday - start.weekday()) % 7)
            return candidate if candidate > start else candidate + timedelta(days=7)
        assert recurrence.day_of_month is not None
        year, month = start.year, start.month
        while True:
            candidate = datetime.combine(_month_day(year, month, recurrence.day_of_month), recurrence.handoff)
            if candidate > start:
                return candidate
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)

    def occurrence(self, n: int) -> datetime:
        """The n-th handoff occurrence (n ≥ 1) after the start, as local wall-clock time."""
        recurrence = self._recurrence
        if recurrence.frequency is Frequency.DAILY:
            return self._first + timedelta(days=n - 1)
        if recurrence.frequency is Frequency.WEEKLY:
            return self._first + timedelta(weeks=n - 1)
        assert recurrence.day_of_month is not None
        months = self._first.year * 12 + self._first.month - 1 + n - 1
        day = _month_day(months // 12, months % 12 + 1, recurrence.day_of_month)
        return datetime.combine(day, recurrence.handoff)

    def boundary(self, index: int) -> datetime:
        """Boundary `index` as aware UTC: 0 is the start, i is occurrence i·every."""
        if index == 0:
            return self._rotation.start.astimezone(UTC)
        return to_utc(self.occurrence(index * self._recurrence.every), self._zone)

    def turn_before(self, at: datetime) -> int:
        """A turn index whose start is at or before `at` (the engine walks forward from it)."""
        local = at.astimezone(self._zone).replace(tzinfo=None)
        if local < self._first:
            return 0
        delta = local - self._first
        frequency = self._recurrence.frequency
        if frequency is Frequency.DAILY:
            passed = delta.days
        elif frequency is Frequency.WEEKLY:
            passed = delta.days // 7
        else:
            passed = (local.year - self._first.year) * 12 + local.month - self._first.month
        return max(0, (passed + 1) // self._recurrence.every - 1)

    def contacts(self, turn: int) -> tuple[str, ...]:
        """Who is on call in turn `turn`: `on_calls` consecutive members, continuing round the list."""
        members = self._rotation.members
        count = self._recurrence.on_calls
        return tuple(members[(turn * count + offset) % len(members)] for offset in range(count))
