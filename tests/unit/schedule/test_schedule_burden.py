"""On-call burden per person, counted in each person's own time zone.

Business hours are Monday-Friday 09:00-18:00, sleep hours 22:00-07:00, off hours the rest.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from versus.schedule import Burden, Person, Shift, burden

PEOPLE = {
    "alice": Person("alice", "Alice Nguyen", time_zone="America/New_York"),
    "erin": Person("erin", "Erin Novak", time_zone="Europe/London"),
}


def shift(contacts: tuple[str, ...], start: datetime, hours: int) -> Shift:
    return Shift("r", "primary", contacts, start, start + timedelta(hours=hours))


def test_a_24_7_week_splits_into_45_business_63_sleep_60_off():
    monday = datetime(2026, 1, 5, tzinfo=ZoneInfo("America/New_York"))
    (alice,) = burden([shift(("alice",), monday.astimezone(UTC), 168)], PEOPLE)
    assert alice == Burden("alice", 1, 168.0, 45.0, 60.0, 63.0)


def test_the_same_shift_weighs_differently_in_another_time_zone():
    # 14:00-22:00 UTC on a Monday: 09:00-17:00 in New York, 14:00-22:00 in London
    start = datetime(2026, 1, 5, 14, tzinfo=UTC)
    alice, erin = burden([shift(("alice", "erin"), start, 8)], PEOPLE)
    assert (alice.business_hours, alice.off_hours, alice.sleep_hours) == (8.0, 0.0, 0.0)
    assert (erin.business_hours, erin.off_hours, erin.sleep_hours) == (4.0, 4.0, 0.0)


def test_night_shift_on_a_weekend_is_sleep_and_off_time():
    saturday_evening = datetime(2026, 1, 10, 20, tzinfo=ZoneInfo("Europe/London")).astimezone(UTC)
    (erin,) = burden([shift(("erin",), saturday_evening, 14)], PEOPLE)
    assert erin == Burden("erin", 1, 14.0, 0.0, 5.0, 9.0)


def test_dst_night_is_counted_in_real_hours():
    # 1 November 2026 in New York: 00:00-06:00 local is 7 real hours (01:00-02:00 happens twice)
    start = datetime(2026, 11, 1, tzinfo=ZoneInfo("America/New_York")).astimezone(UTC)
    (alice,) = burden([shift(("alice",), start, 7)], PEOPLE)
    assert (alice.hours, alice.sleep_hours) == (7.0, 7.0)


def test_people_in_spec_order_then_unknown_contacts():
    start = datetime(2026, 1, 5, 14, tzinfo=UTC)
    rows = burden([shift(("zed",), start, 1), shift(("erin",), start, 1), shift(("alice",), start, 2)], PEOPLE)
    assert [(r.alias, r.shifts, r.hours) for r in rows] == [("alice", 1, 2.0), ("erin", 1, 1.0), ("zed", 1, 1.0)]
