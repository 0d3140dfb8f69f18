"""The schedule's value types: people, rotations as AWS Incident Manager defines them, and computed shifts.

Everything here is a frozen dataclass so a rotation read from the team spec can be shared, hashed and
compared freely; the engine only ever derives new values from these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 24 * 60
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class ScheduleError(ValueError):
    """A rotation, override or person that cannot describe a real schedule; the message names the spot."""


class Frequency(StrEnum):
    """The unit of `RecurrenceSettings`: DailySettings, WeeklySettings or MonthlySettings."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


@dataclass(frozen=True)
class Person:
    """A contact: who gets paged, and the time zone their business and sleep hours are counted in."""

    alias: str
    name: str
    email: str = ""
    phone: str = ""
    time_zone: str = "UTC"


@dataclass(frozen=True)
class CoverageTime:
    """One `ShiftCoverages` entry: on `weekday` (0 = Monday), covered from minute `start` to `end`.

    Minutes rather than `datetime.time` because coverage may end at 24:00, and an end at or before the
    start means the coverage runs past midnight into the next day.
    """

    weekday: int
    start_minute: int
    end_minute: int

    def span(self) -> tuple[int, int]:
        """The covered minutes relative to that day's midnight; the end may exceed one day."""
        end = self.end_minute
        if end <= self.start_minute:
            end += MINUTES_PER_DAY
        return self.start_minute, end


@dataclass(frozen=True)
class Recurrence:
    """`RecurrenceSettings`: when contacts hand off, how many periods a turn lasts, who is on call at once.

    `weekday` (0 = Monday) is only for weekly and `day_of_month` only for monthly recurrences. An empty
    `coverage` means the rotation covers every hour (AWS: no ShiftCoverages).
    """

    frequency: Frequency
    handoff: time
    weekday: int | None = None
    day_of_month: int | None = None
    every: int = 1
    on_calls: int = 1
    coverage: tuple[CoverageTime, ...] = ()


@dataclass(frozen=True)
class Override:
    """A period in which `contact` takes the place of `replaces`, or of everybody scheduled if it is None."""

    contact: str
    start: datetime
    end: datetime
    replaces: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class Rotation:
    """One AWS Incident Manager rotation (CreateRotation), plus the layer it serves and its overrides.

    `start` is aware, in the rotation's own time zone; member order is the shift order.
    """

    name: str
    time_zone: str
    start: datetime
    members: tuple[str, ...]
    recurrence: Recurrence
    layer: str = "primary"
    description: str = ""
    overrides: tuple[Override, ...] = ()

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


@dataclass(frozen=True)
class Shift:
    """A stretch of time in which `contacts` are on call for `rotation`; start and end are aware UTC.

    `is_override` marks a stretch changed by an override; `replaced` names who it took off call.
    """

    rotation: str
    layer: str
    contacts: tuple[str, ...]
    start: datetime
    end: datetime
    is_override: bool = False
    replaced: tuple[str, ...] = ()
    reason: str = ""

    @property
    def duration(self) -> timedelta:
        return self.end - self.start


@dataclass(frozen=True)
class Gap:
    """An hour slot in which alerts may page (the route is active) but some of it has nobody on call."""

    start: datetime
    end: datetime
    uncovered: timedelta = field(default=timedelta(hours=1))

    def hour_of_week(self, time_zone: str = "UTC") -> int:
        """0 for Monday 00:00-01:00 in `time_zone`, 167 for Sunday 23:00-24:00."""
        local = self.start.astimezone(ZoneInfo(time_zone))
        return local.weekday() * 24 + local.hour


def to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    """A wall-clock time in `zone` as aware UTC (fold 0: first of a repeated hour; skipped ones move on)."""
    return local.replace(tzinfo=zone).astimezone(UTC)
