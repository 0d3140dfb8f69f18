"""Alertmanager weekday ranges count from Sunday: `sunday:saturday` is the whole week, `saturday:sunday` is refused.

Alertmanager (Go's time.Weekday) numbers Sunday 0 to Saturday 6 and rejects a range whose start comes
after its end, so the schedule engine must agree or coverage checks answer for a config that
Alertmanager would not load. 2026-12-06 is a Sunday.
"""

from datetime import UTC, datetime, timedelta

import pytest

from versus.schedule import ScheduleError, coverage_gaps, rotation_from_spec, time_interval_active

SUNDAY = datetime(2026, 12, 6, 12, tzinfo=UTC)
WEEK = [SUNDAY + timedelta(days=offset) for offset in range(7)]


def days_active(weekdays: list[str]) -> list[str]:
    active = time_interval_active([{"weekdays": weekdays}])
    return [f"{day:%a}" for day in WEEK if active(day)]


def test_sunday_to_saturday_is_the_whole_week():
    assert days_active(["sunday:saturday"]) == ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]


def test_a_range_from_sunday_covers_the_start_of_the_week():
    assert days_active(["sunday:tuesday"]) == ["Sun", "Mon", "Tue"]


def test_a_range_ending_on_saturday_does_not_reach_sunday():
    assert days_active(["thursday:saturday"]) == ["Thu", "Fri", "Sat"]


def test_monday_to_friday_is_unchanged():
    assert days_active(["monday:friday"]) == ["Mon", "Tue", "Wed", "Thu", "Fri"]


def test_a_weekend_is_two_single_days():
    assert days_active(["saturday", "sunday"]) == ["Sun", "Sat"]


def test_names_are_case_insensitive_like_alertmanager():
    assert days_active(["Sunday:Monday"]) == ["Sun", "Mon"]


@pytest.mark.parametrize("backwards", ["saturday:sunday", "friday:monday", "monday:sunday"])
def test_a_range_that_runs_backwards_is_refused(backwards):
    with pytest.raises(ScheduleError, match=r"time_intervals\[0\]\.weekdays: .* runs backwards"):
        time_interval_active([{"weekdays": [backwards]}])


def test_the_weekday_is_taken_in_the_interval_location():
    """Sunday 23:30 in New York is already Monday in UTC; the location decides which day it is."""
    late_sunday = datetime(2026, 12, 7, 4, 30, tzinfo=UTC)
    assert time_interval_active([{"weekdays": ["sunday"], "location": "America/New_York"}])(late_sunday)
    assert not time_interval_active([{"weekdays": ["sunday"]}])(late_sunday)


def test_a_weekend_route_finds_no_gap_in_a_weekend_rotation():
    """Coverage checks a route active `sunday` plus `saturday` against a rotation covering exactly those days."""
    rotation = rotation_from_spec(
        {
            "name": "weekend",
            "time_zone": "UTC",
            "start": "2026-12-05T00:00:00",
            "members": ["alice", "bob"],
            "recurrence": {
                "weekly": {"day": "saturday", "at": "00:00"},
                "coverage": {day: [{"start": "00:00", "end": "24:00"}] for day in ("saturday", "sunday")},
            },
        }
    )
    weekend = time_interval_active([{"weekdays": ["sunday", "saturday"]}])
    assert coverage_gaps([rotation], weekend, datetime(2026, 12, 5, tzinfo=UTC), weeks=2) == []
    whole_week = time_interval_active([{"weekdays": ["sunday:saturday"]}])
    gaps = coverage_gaps([rotation], whole_week, datetime(2026, 12, 5, tzinfo=UTC), weeks=2)
    assert len(gaps) == 2 * 5 * 24
