"""Daily rotation with ShiftCoverages 08:00-18:00 Monday to Friday, handoff 08:00 America/New_York.

AWS RecurrenceSettings.ShiftCoverages: "the days of the week that the on-call rotation coverage
includes", a map MON…SUN to CoverageTime start/end; outside it nobody in the rotation is on call.
The daily turn keeps advancing through uncovered weekend days (the multiplier counts calendar days).
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from versus.schedule import on_call_at, rotation_from_spec, shifts

NEW_YORK = ZoneInfo("America/New_York")
BUSINESS = [{"start": "08:00", "end": "18:00"}]


def business_hours() -> dict:
    return {
        "name": "app-rotation",
        "layer": "primary",
        "time_zone": "America/New_York",
        "start": "2026-01-05T08:00:00",
        "members": ["mallory", "niaj", "olivia"],
        "recurrence": {
            "daily": {"at": "08:00"},
            "every": 1,
            "on_calls": 1,
            "coverage": {day: BUSINESS for day in ("monday", "tuesday", "wednesday", "thursday", "friday")},
        },
    }


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=NEW_YORK)


def test_one_ten_hour_shift_per_weekday():
    found = shifts(rotation_from_spec(business_hours()), local(2026, 1, 5), local(2026, 1, 13))
    assert [(s.contacts[0], s.start.astimezone(NEW_YORK), s.end.astimezone(NEW_YORK)) for s in found] == [
        ("mallory", local(2026, 1, 5, 8), local(2026, 1, 5, 18)),
        ("niaj", local(2026, 1, 6, 8), local(2026, 1, 6, 18)),
        ("olivia", local(2026, 1, 7, 8), local(2026, 1, 7, 18)),
        ("mallory", local(2026, 1, 8, 8), local(2026, 1, 8, 18)),
        ("niaj", local(2026, 1, 9, 8), local(2026, 1, 9, 18)),
        # Saturday (olivia) and Sunday (mallory) turns have no coverage
        ("niaj", local(2026, 1, 12, 8), local(2026, 1, 12, 18)),
    ]
    assert found[0].start == datetime(2026, 1, 5, 13, tzinfo=UTC)


def test_nobody_at_night_or_at_the_weekend():
    rotation = rotation_from_spec(business_hours())
    assert on_call_at([rotation], local(2026, 1, 6, 12)) == {"primary": ("niaj",)}
    assert on_call_at([rotation], local(2026, 1, 6, 20)) == {"primary": ()}
    assert on_call_at([rotation], local(2026, 1, 6, 7, 59)) == {"primary": ()}
    assert on_call_at([rotation], local(2026, 1, 6, 18)) == {"primary": ()}
    assert on_call_at([rotation], local(2026, 1, 10, 12)) == {"primary": ()}
    assert on_call_at([rotation], local(2026, 1, 11, 12)) == {"primary": ()}


def test_coverage_follows_local_time_through_dst():
    found = shifts(rotation_from_spec(business_hours()), local(2026, 3, 6), local(2026, 3, 10))
    assert [(s.start, s.end) for s in found] == [
        (datetime(2026, 3, 6, 13, tzinfo=UTC), datetime(2026, 3, 6, 23, tzinfo=UTC)),
        (datetime(2026, 3, 9, 12, tzinfo=UTC), datetime(2026, 3, 9, 22, tzinfo=UTC)),
    ]


def test_overnight_coverage_runs_past_midnight():
    spec = business_hours() | {"name": "nights"}
    spec["recurrence"] = {"daily": {"at": "22:00"}, "coverage": {"friday": [{"start": "22:00", "end": "06:00"}]}}
    (night,) = shifts(rotation_from_spec(spec), local(2026, 1, 5), local(2026, 1, 12))
    assert (night.start.astimezone(NEW_YORK), night.end.astimezone(NEW_YORK)) == (
        local(2026, 1, 9, 22),
        local(2026, 1, 10, 6),
    )


def test_all_day_coverage_is_not_cut_at_midnight():
    spec = business_hours()
    spec["recurrence"] = {
        "weekly": {"day": "monday", "at": "08:00"},
        "coverage": {day: [{"start": "00:00", "end": "24:00"}] for day in ("monday", "tuesday", "wednesday")},
    }
    (only,) = shifts(rotation_from_spec(spec), local(2026, 1, 5), local(2026, 1, 12))
    assert (only.start.astimezone(NEW_YORK), only.end.astimezone(NEW_YORK)) == (local(2026, 1, 5, 8), local(2026, 1, 8))
