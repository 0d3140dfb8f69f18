"""RecurrenceMultiplier, NumberOfOnCalls and MonthlySettings, from the RecurrenceSettings reference.

RecurrenceMultiplier: "the number of days, weeks, or months a single rotation lasts".
NumberOfOnCalls: "the number of contacts … on call concurrently during a shift"; consecutive members in
contact order take each turn together.
MonthlySetting: DayOfMonth (1-31) + HandOffTime, "the day of the month when monthly recurring on-call
rotations begin".
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from versus.schedule import ScheduleError, rotation_from_spec, shifts

NEW_YORK = ZoneInfo("America/New_York")


def spec(recurrence: dict, members: list[str], start: str = "2026-01-05T09:00:00") -> dict:
    return {
        "name": "r",
        "time_zone": "America/New_York",
        "start": start,
        "members": members,
        "recurrence": recurrence,
    }


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=NEW_YORK)


def turns(rotation_spec: dict, start: datetime, end: datetime) -> list[tuple[tuple[str, ...], datetime, datetime]]:
    found = shifts(rotation_from_spec(rotation_spec), start, end)
    return [(s.contacts, s.start.astimezone(NEW_YORK), s.end.astimezone(NEW_YORK)) for s in found]


def test_every_two_days_each_person_holds_two_days():
    daily = spec({"daily": {"at": "09:00"}, "every": 2}, ["a", "b"])
    assert turns(daily, local(2026, 1, 5, 9), local(2026, 1, 11, 9)) == [
        (("a",), local(2026, 1, 5, 9), local(2026, 1, 7, 9)),
        (("b",), local(2026, 1, 7, 9), local(2026, 1, 9, 9)),
        (("a",), local(2026, 1, 9, 9), local(2026, 1, 11, 9)),
    ]


def test_every_two_weeks_each_person_holds_a_fortnight():
    fortnight = spec({"weekly": {"day": "monday", "at": "09:00"}, "every": 2}, ["a", "b"])
    assert turns(fortnight, local(2026, 1, 5, 9), local(2026, 2, 2, 9)) == [
        (("a",), local(2026, 1, 5, 9), local(2026, 1, 19, 9)),
        (("b",), local(2026, 1, 19, 9), local(2026, 2, 2, 9)),
    ]


def test_two_on_call_at_once_take_consecutive_members():
    pairs = spec({"weekly": {"day": "monday", "at": "09:00"}, "on_calls": 2}, ["a", "b", "c"])
    assert [t[0] for t in turns(pairs, local(2026, 1, 5, 9), local(2026, 2, 2, 9))] == [
        ("a", "b"),
        ("c", "a"),
        ("b", "c"),
        ("a", "b"),
    ]


def test_monthly_hands_off_on_the_day_of_month():
    monthly = spec({"monthly": {"day": 1, "at": "09:00"}}, ["erin", "frank"], start="2026-01-01T09:00:00")
    assert turns(monthly, local(2026, 1, 1, 9), local(2026, 4, 1, 9)) == [
        (("erin",), local(2026, 1, 1, 9), local(2026, 2, 1, 9)),
        (("frank",), local(2026, 2, 1, 9), local(2026, 3, 1, 9)),
        (("erin",), local(2026, 3, 1, 9), local(2026, 4, 1, 9)),
    ]


def test_monthly_on_the_31st_uses_the_last_day_of_shorter_months():
    monthly = spec({"monthly": {"day": 31, "at": "09:00"}}, ["a", "b"], start="2026-01-31T09:00:00")
    assert [t[2].date().isoformat() for t in turns(monthly, local(2026, 1, 31, 9), local(2026, 5, 1))] == [
        "2026-02-28",
        "2026-03-31",
        "2026-04-30",
        "2026-05-01",
    ]


def test_every_three_months():
    quarterly = spec({"monthly": {"day": 1, "at": "09:00"}, "every": 3}, ["a", "b"], start="2026-01-01T09:00:00")
    assert [t[0][0] for t in turns(quarterly, local(2026, 1, 1, 9), local(2027, 1, 1, 9))] == ["a", "b", "a", "b"]


@pytest.mark.parametrize(
    ("recurrence", "members", "message"),
    [
        ({"weekly": {"day": "funday", "at": "09:00"}}, ["a"], "recurrence.weekly.day"),
        ({"daily": {"at": "9am"}}, ["a"], "recurrence.daily.at"),
        ({"daily": {"at": "09:00"}, "every": 0}, ["a"], "recurrence.every"),
        ({"daily": {"at": "09:00"}, "on_calls": 2}, ["a"], "recurrence.on_calls"),
        ({"daily": {"at": "09:00"}, "weekly": {"day": "monday", "at": "09:00"}}, ["a"], "exactly one"),
        ({"monthly": {"day": 32, "at": "09:00"}}, ["a"], "recurrence.monthly.day"),
    ],
)
def test_bad_recurrence_names_the_key(recurrence: dict, members: list[str], message: str):
    with pytest.raises(ScheduleError, match=message):
        rotation_from_spec(spec(recurrence, members))


def test_utc_times_are_the_local_handoff():
    weekly = spec({"weekly": {"day": "monday", "at": "09:00"}}, ["a"])
    (first,) = shifts(rotation_from_spec(weekly), datetime(2026, 1, 5, 14, tzinfo=UTC), local(2026, 1, 6))
    assert first.start == datetime(2026, 1, 5, 14, tzinfo=UTC)
