"""Weekly rotation, Monday 09:00 America/New_York, across both 2026 DST changes.

AWS WeeklySetting: DayOfWeek + HandOffTime, "the time of day when a weekly recurring on-call shift
rotation begins", in the rotation's TimeZoneId. The handoff stays at 09:00 on the wall clock; the UTC
instant moves (EST = UTC-5, EDT = UTC-4; DST 2026: 8 March and 1 November).
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from versus.schedule import on_call_at, rotation_from_spec, shifts

NEW_YORK = ZoneInfo("America/New_York")


def weekly(start: str) -> dict:
    return {
        "name": "platform-rotation",
        "layer": "primary",
        "time_zone": "America/New_York",
        "start": start,
        "members": ["alice", "bob", "carol"],
        "recurrence": {"weekly": {"day": "monday", "at": "09:00"}, "every": 1, "on_calls": 1},
    }


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_spring_forward_keeps_the_handoff_at_nine_local():
    rotation = rotation_from_spec(weekly("2026-03-02T09:00:00"))
    found = shifts(rotation, utc(2026, 3, 2), utc(2026, 3, 24))
    assert [(s.contacts, s.start, s.end) for s in found] == [
        (("alice",), utc(2026, 3, 2, 14), utc(2026, 3, 9, 13)),
        (("bob",), utc(2026, 3, 9, 13), utc(2026, 3, 16, 13)),
        (("carol",), utc(2026, 3, 16, 13), utc(2026, 3, 23, 13)),
        (("alice",), utc(2026, 3, 23, 13), utc(2026, 3, 24)),
    ]
    assert found[0].end - found[0].start == timedelta(hours=167)
    assert {s.start.astimezone(NEW_YORK).hour for s in found} == {9}


def test_fall_back_gives_a_169_hour_week():
    rotation = rotation_from_spec(weekly("2026-10-26T09:00:00"))
    first, second = shifts(rotation, utc(2026, 10, 26), utc(2026, 11, 9, 14))
    assert (first.contacts, first.start, first.end) == (("alice",), utc(2026, 10, 26, 13), utc(2026, 11, 2, 14))
    assert first.end - first.start == timedelta(hours=169)
    assert (second.contacts, second.start, second.end) == (("bob",), utc(2026, 11, 2, 14), utc(2026, 11, 9, 14))


def test_turns_far_from_the_start_follow_member_order():
    rotation = rotation_from_spec(weekly("2026-01-05T09:00:00"))
    at = datetime(2026, 12, 14, 9, 0, tzinfo=NEW_YORK)
    # 49 weeks after 5 January: 49 % 3 = 1 -> bob, from exactly 09:00 local
    assert on_call_at([rotation], at) == {"primary": ("bob",)}
    assert on_call_at([rotation], at - timedelta(seconds=1)) == {"primary": ("alice",)}


def test_start_between_handoffs_gives_a_short_first_turn():
    rotation = rotation_from_spec(weekly("2026-01-07T12:00:00"))
    first = shifts(rotation, utc(2026, 1, 1), utc(2026, 1, 20))[0]
    assert (first.contacts, first.start, first.end) == (("alice",), utc(2026, 1, 7, 17), utc(2026, 1, 12, 14))


def test_nobody_is_on_call_before_the_rotation_starts():
    rotation = rotation_from_spec(weekly("2026-03-02T09:00:00"))
    assert shifts(rotation, utc(2026, 2, 1), utc(2026, 3, 1)) == []
    assert on_call_at([rotation], utc(2026, 3, 1)) == {"primary": ()}


def test_a_handoff_in_the_skipped_hour_happens_when_the_clock_resumes():
    # 02:30 does not exist on 8 March 2026 in New York; the handoff happens at 03:30 EDT (07:30 UTC)
    spec = weekly("2026-03-06T02:30:00") | {"recurrence": {"daily": {"at": "02:30"}}}
    found = shifts(rotation_from_spec(spec), utc(2026, 3, 7), utc(2026, 3, 10))
    assert [(s.contacts, s.start, s.end) for s in found] == [
        (("alice",), utc(2026, 3, 7), utc(2026, 3, 7, 7, 30)),
        (("bob",), utc(2026, 3, 7, 7, 30), utc(2026, 3, 8, 7, 30)),
        (("carol",), utc(2026, 3, 8, 7, 30), utc(2026, 3, 9, 6, 30)),
        (("alice",), utc(2026, 3, 9, 6, 30), utc(2026, 3, 10)),
    ]


def test_a_handoff_in_the_repeated_hour_happens_the_first_time():
    # 01:30 happens twice on 1 November 2026; the handoff is at the first, 01:30 EDT (05:30 UTC)
    spec = weekly("2026-10-31T01:30:00") | {"recurrence": {"daily": {"at": "01:30"}}}
    first, second = shifts(rotation_from_spec(spec), utc(2026, 10, 31, 5, 30), utc(2026, 11, 2, 6, 30))
    assert (first.start, first.end) == (utc(2026, 10, 31, 5, 30), utc(2026, 11, 1, 5, 30))
    assert (second.start, second.end) == (utc(2026, 11, 1, 5, 30), utc(2026, 11, 2, 6, 30))
    assert second.duration == timedelta(hours=25)
