"""Read the team spec's `people` and `teams[].rotations` dicts (already parsed YAML) into schedule values.

The generator hands over plain mappings; every mistake is reported with the key path that holds it, so
a typo in the spec reads as "rotations[platform-rotation].recurrence.weekly.day: ..." and not a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from versus.schedule.model import (
    MINUTES_PER_DAY,
    WEEKDAYS,
    CoverageTime,
    Frequency,
    Override,
    Person,
    Recurrence,
    Rotation,
    ScheduleError,
)

_CLOCK = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")


def people_from_spec(people: Sequence[Mapping[str, Any]]) -> dict[str, Person]:
    """The spec's `people` list as a dict keyed by alias, in spec order."""
    result: dict[str, Person] = {}
    for index, entry in enumerate(people):
        where = f"people[{index}]"
        alias = _required_str(entry, "alias", where)
        if alias in result:
            raise ScheduleError(f"{where}.alias: {alias!r} is listed twice")
        time_zone = str(entry.get("time_zone", "UTC"))
        _zone(time_zone, f"{where}.time_zone")
        result[alias] = Person(
            alias=alias,
            name=str(entry.get("name") or alias),
            email=str(entry.get("email", "")),
            phone=str(entry.get("phone", "")),
            time_zone=time_zone,
        )
    return result


def rotation_from_spec(spec: Mapping[str, Any]) -> Rotation:
    """One entry of a team's `rotations` list as a Rotation (times read in the rotation's time zone)."""
    name = _required_str(spec, "name", "rotations[?]")
    where = f"rotations[{name}]"
    time_zone = _required_str(spec, "time_zone", where)
    zone = _zone(time_zone, f"{where}.time_zone")
    members = spec.get("members")
    if not isinstance(members, list) or not members or not all(isinstance(m, str) for m in members):
        raise ScheduleError(f"{where}.members: a non-empty list of person aliases is required")
    recurrence = _recurrence(spec.get("recurrence"), f"{where}.recurrence")
    if recurrence.on_calls > len(members):
        raise ScheduleError(
            f"{where}.recurrence.on_calls: {recurrence.on_calls} at once needs at least that many members"
        )
    overrides = tuple(
        _override(entry, zone, f"{where}.overrides[{index}]") for index, entry in enumerate(spec.get("overrides") or [])
    )
    return Rotation(
        name=name,
        time_zone=time_zone,
        start=_local_datetime(spec.get("start"), zone, f"{where}.start"),
        members=tuple(members),
        recurrence=recurrence,
        layer=str(spec.get("layer") or "primary"),
        description=str(spec.get("description", "")),
        overrides=overrides,
    )


def rotations_from_spec(rotations: Sequence[Mapping[str, Any]]) -> list[Rotation]:
    """A team's whole `rotations` list."""
    return [rotation_from_spec(entry) for entry in rotations]


def _recurrence(spec: object, where: str) -> Recurrence:
    if not isinstance(spec, Mapping):
        raise ScheduleError(f"{where}: a mapping with one of daily, weekly or monthly is required")
    kinds = [kind for kind in Frequency if kind.value in spec]
    if len(kinds) != 1:
        raise ScheduleError(f"{where}: exactly one of daily, weekly or monthly is required")
    frequency = kinds[0]
    settings = spec[frequency.value]
    if not isinstance(settings, Mapping):
        raise ScheduleError(f"{where}.{frequency.value}: a mapping is required")
    handoff = _clock(settings.get("at"), f"{where}.{frequency.value}.at")
    if handoff >= MINUTES_PER_DAY:
        raise ScheduleError(f"{where}.{frequency.value}.at: a handoff time must be before 24:00")
    weekday = None
    day_of_month = None
    if frequency is Frequency.WEEKLY:
        weekday = _weekday(settings.get("day"), f"{where}.weekly.day")
    if frequency is Frequency.MONTHLY:
        day_of_month = settings.get("day")
        if not isinstance(day_of_month, int) or not 1 <= day_of_month <= 31:
            raise ScheduleError(f"{where}.monthly.day: a day of the month 1-31 is required")
    return Recurrence(
        frequency=frequency,
        handoff=time(handoff // 60, handoff % 60),
        weekday=weekday,
        day_of_month=day_of_month,
        every=_count(spec.get("every", 1), f"{where}.every", maximum=100),
        on_calls=_count(spec.get("on_calls", 1), f"{where}.on_calls", maximum=30),
        coverage=_coverage(spec.get("coverage"), f"{where}.coverage"),
    )


def _coverage(spec: object, where: str) -> tuple[CoverageTime, ...]:
    if spec is None:
        return ()
    if not isinstance(spec, Mapping):
        raise ScheduleError(f"{where}: a mapping of weekday to [{{start, end}}] is required")
    result: list[CoverageTime] = []
    for day, windows in spec.items():
        weekday = _weekday(day, f"{where}")
        if not isinstance(windows, list):
            raise ScheduleError(f"{where}.{day}: a list of {{start, end}} is required")
        for index, window in enumerate(windows):
            at = f"{where}.{day}[{index}]"
            if not isinstance(window, Mapping):
                raise ScheduleError(f"{at}: a mapping with start and end is required")
            result.append(
                CoverageTime(
                    weekday,
                    _clock(window.get("start"), f"{at}.start"),
                    _clock(window.get("end"), f"{at}.end"),
                )
            )
    return tuple(sorted(result, key=lambda c: (c.weekday, c.start_minute)))


def _override(spec: object, zone: ZoneInfo, where: str) -> Override:
    if not isinstance(spec, Mapping):
        raise ScheduleError(f"{where}: a mapping with contact, from and to is required")
    start = _local_datetime(spec.get("from"), zone, f"{where}.from")
    end = _local_datetime(spec.get("to"), zone, f"{where}.to")
    if end <= start:
        raise ScheduleError(f"{where}.to: must be after from")
    replaces = spec.get("replaces")
    return Override(
        contact=_required_str(spec, "contact", where),
        start=start,
        end=end,
        replaces=str(replaces) if replaces is not None else None,
        reason=str(spec.get("reason", "")),
    )


def _required_str(spec: Mapping[str, Any], key: str, where: str) -> str:
    value = spec.get(key)
    if not isinstance(value, str) or not value:
        raise ScheduleError(f"{where}.{key}: a non-empty string is required")
    return value


def _zone(name: str, where: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ScheduleError(f"{where}: {name!r} is not an IANA time zone") from exc


def _local_datetime(value: object, zone: ZoneInfo, where: str) -> datetime:
    """A spec time: naive ones are wall-clock time in the rotation's zone (YAML may give a datetime)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError as exc:
            raise ScheduleError(f"{where}: {value!r} is not an ISO 8601 date-time") from exc
    if not isinstance(value, datetime):
        raise ScheduleError(f"{where}: an ISO 8601 date-time such as 2026-01-05T09:00:00 is required")
    if value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value.astimezone(zone)


def _clock(value: object, where: str) -> int:
    match = _CLOCK.match(value) if isinstance(value, str) else None
    if match is None:
        raise ScheduleError(f"{where}: a time of day HH:MM is required, got {value!r}")
    minutes = int(match.group(1)) * 60 + int(match.group(2))
    if minutes > MINUTES_PER_DAY:
        raise ScheduleError(f"{where}: {value!r} is past 24:00")
    return minutes


def _weekday(value: object, where: str) -> int:
    name = value.lower() if isinstance(value, str) else ""
    for index, day in enumerate(WEEKDAYS):
        if name in (day, day[:3]):
            return index
    raise ScheduleError(f"{where}: {value!r} is not a day of the week (monday … sunday)")


def _count(value: object, where: str, *, maximum: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= maximum:
        raise ScheduleError(f"{where}: a whole number from 1 to {maximum} is required")
    return value
