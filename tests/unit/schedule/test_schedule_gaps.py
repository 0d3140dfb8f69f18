"""Coverage gaps and Alertmanager time_intervals.

A route active during an Alertmanager time interval (weekdays, times, location, …) pages only then; a
gap is an hour in which the route is active but no rotation has anybody on call.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from versus.schedule import ScheduleError, coverage_gaps, rotation_from_spec, route_active, time_interval_active

NEW_YORK = ZoneInfo("America/New_York")
BUSINESS_HOURS = [
    {
        "weekdays": ["monday:friday"],
        "times": [{"start_time": "08:00", "end_time": "18:00"}],
        "location": "America/New_York",
    }
]


def app_rotation(end: str = "18:00") -> dict:
    return {
        "name": "app-rotation",
        "time_zone": "America/New_York",
        "start": "2026-01-05T08:00:00",
        "members": ["mallory", "niaj", "olivia"],
        "recurrence": {
            "daily": {"at": "08:00"},
            "coverage": {
                d: [{"start": "08:00", "end": end}] for d in ("monday", "tuesday", "wednesday", "thursday", "friday")
            },
        },
    }


def test_business_hours_interval_matches_alertmanager_semantics():
    active = time_interval_active(BUSINESS_HOURS)
    assert active(datetime(2026, 1, 5, 8, tzinfo=NEW_YORK))
    assert active(datetime(2026, 1, 5, 17, 59, tzinfo=NEW_YORK))
    assert not active(datetime(2026, 1, 5, 18, tzinfo=NEW_YORK))
    assert not active(datetime(2026, 1, 10, 12, tzinfo=NEW_YORK))
    assert active(datetime(2026, 7, 6, 12, tzinfo=UTC))  # 08:00 EDT
    assert not active(datetime(2026, 1, 5, 12, tzinfo=UTC))  # 07:00 EST


def test_months_days_of_month_and_years():
    last_days = time_interval_active([{"days_of_month": ["-3:-1"], "months": ["december"], "years": ["2026"]}])
    assert last_days(datetime(2026, 12, 29, tzinfo=UTC))
    assert not last_days(datetime(2026, 12, 28, tzinfo=UTC))
    assert not last_days(datetime(2027, 12, 31, tzinfo=UTC))
    assert time_interval_active([{"months": ["1:3"]}])(datetime(2026, 2, 1, tzinfo=UTC))


def test_rotation_that_matches_the_route_has_no_gaps():
    rotation = rotation_from_spec(app_rotation())
    start = datetime(2026, 1, 5, tzinfo=NEW_YORK)
    assert coverage_gaps([rotation], time_interval_active(BUSINESS_HOURS), start, weeks=4) == []


def test_an_always_active_route_finds_nights_and_weekends():
    rotation = rotation_from_spec(app_rotation())
    gaps = coverage_gaps([rotation], start=datetime(2026, 1, 5, tzinfo=NEW_YORK), weeks=1)
    assert len(gaps) == 168 - 5 * 10
    assert {g.hour_of_week("America/New_York") for g in gaps} == set(range(168)) - {
        day * 24 + hour for day in range(5) for hour in range(8, 18)
    }


def test_a_partly_covered_hour_is_a_gap_with_the_missing_minutes():
    rotation = rotation_from_spec(app_rotation(end="17:30"))
    gaps = coverage_gaps([rotation], time_interval_active(BUSINESS_HOURS), datetime(2026, 1, 5, tzinfo=NEW_YORK), 1)
    assert [(g.start.astimezone(NEW_YORK).hour, g.uncovered) for g in gaps] == [(17, timedelta(minutes=30))] * 5


def test_start_before_the_rotation_is_a_gap():
    rotation = rotation_from_spec(app_rotation())
    gaps = coverage_gaps([rotation], time_interval_active(BUSINESS_HOURS), datetime(2026, 1, 1, tzinfo=NEW_YORK), 1)
    assert {g.start.astimezone(NEW_YORK).date().isoformat() for g in gaps} == {"2026-01-01", "2026-01-02"}


def test_gaps_need_an_aware_start():
    with pytest.raises(ScheduleError):
        coverage_gaps([rotation_from_spec(app_rotation())], start=datetime(2026, 1, 5))


def test_route_active_joins_named_intervals():
    intervals = {
        "business-hours": BUSINESS_HOURS,
        "saturday": [{"weekdays": ["saturday"], "location": "America/New_York"}],
    }
    active = route_active(intervals, ["business-hours", "saturday"])
    assert active(datetime(2026, 1, 10, 3, tzinfo=NEW_YORK))
    assert active(datetime(2026, 1, 5, 9, tzinfo=NEW_YORK))
    assert not active(datetime(2026, 1, 11, 9, tzinfo=NEW_YORK))
    assert route_active(intervals, [])(datetime(2026, 1, 11, 9, tzinfo=NEW_YORK))
    with pytest.raises(ScheduleError, match="weekends not in time_intervals"):
        route_active(intervals, ["weekends"])
