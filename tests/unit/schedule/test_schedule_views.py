"""The text table, the iCalendar feed and the HTML page, rendered from the seed-like platform team."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from versus.schedule import ScheduleError, render_calendar

NEW_YORK = ZoneInfo("America/New_York")
PEOPLE = [
    {"alias": "alice", "name": "Alice Nguyen", "time_zone": "America/New_York"},
    {"alias": "bob", "name": "Bob <Okafor>", "time_zone": "America/New_York"},
    {"alias": "carol", "name": "Carol Silva", "time_zone": "America/Chicago"},
    {"alias": "dave", "name": "Dave Kim", "time_zone": "America/New_York"},
    {"alias": "erin", "name": "Erin Novak", "time_zone": "Europe/London"},
    {"alias": "frank", "name": "Frank Osei", "time_zone": "Europe/London"},
]
ROTATIONS = [
    {
        "name": "platform-rotation",
        "layer": "primary",
        "time_zone": "America/New_York",
        "start": "2026-01-05T09:00:00",
        "members": ["alice", "bob", "carol", "dave"],
        "recurrence": {"weekly": {"day": "monday", "at": "09:00"}},
        "overrides": [
            {
                "contact": "dave",
                "replaces": "bob",
                "from": "2026-01-14T09:00:00",
                "to": "2026-01-16T09:00:00",
                "reason": "Bob on vacation",
            },
        ],
    },
    {
        "name": "platform-secondary",
        "layer": "secondary",
        "time_zone": "America/New_York",
        "start": "2026-01-01T09:00:00",
        "members": ["erin", "frank"],
        "recurrence": {"monthly": {"day": 1, "at": "09:00"}},
    },
]
START = datetime(2026, 1, 5, tzinfo=NEW_YORK)


def test_text_table_lists_shifts_in_local_time_with_a_now_line():
    now = datetime(2026, 1, 15, 12, tzinfo=NEW_YORK)
    text = render_calendar(PEOPLE, ROTATIONS, START, 14, "text", now=now)
    lines = text.splitlines()
    assert lines[0] == "Times in America/New_York"
    assert lines[1].split() == ["Start", "End", "Layer", "Rotation", "On", "call"]
    assert "Mon 2026-01-12 09:00  Wed 2026-01-14 09:00  primary    platform-rotation   Bob <Okafor>" in text
    assert "Dave Kim (override for Bob <Okafor>: Bob on vacation)" in text
    assert lines[-1] == "Now (Thu 2026-01-15 12:00 EST): primary: Dave Kim; secondary: Erin Novak"


def test_ics_round_trips_with_stable_uids():
    first = render_calendar(PEOPLE, ROTATIONS, START, 14, "ics")
    assert render_calendar(PEOPLE, ROTATIONS, START, 14, "ics") == first
    events = Calendar.from_ical(first).walk("VEVENT")
    summaries = [str(e["SUMMARY"]) for e in events]
    assert summaries == [
        "On call: Erin Novak (secondary)",
        "On call: Alice Nguyen (primary)",
        "On call: Bob <Okafor> (primary)",
        "On call: Dave Kim (primary, override)",
        "On call: Bob <Okafor> (primary)",
    ]
    assert events[0].decoded("DTSTART") == datetime(2026, 1, 1, 14, tzinfo=UTC)  # whole, not clipped
    override = events[3]
    assert override.decoded("DTSTART") == datetime(2026, 1, 14, 14, tzinfo=UTC)
    assert override.decoded("DTEND") == datetime(2026, 1, 16, 14, tzinfo=UTC)
    assert "override" in [str(c) for c in override["CATEGORIES"].cats]
    assert "Bob on vacation" in str(override["DESCRIPTION"])
    assert all(
        e.decoded("DTSTART").tzinfo is not None and e.decoded("DTSTART").utcoffset() == timedelta(0) for e in events
    )
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_ics_uids_do_not_depend_on_the_window():
    narrow = Calendar.from_ical(render_calendar(PEOPLE, ROTATIONS, START + timedelta(days=7), 7, "ics"))
    wide = Calendar.from_ical(render_calendar(PEOPLE, ROTATIONS, START, 14, "ics"))
    bob = next(e for e in wide.walk("VEVENT") if str(e["SUMMARY"]).startswith("On call: Bob"))
    assert str(bob["UID"]) in {str(e["UID"]) for e in narrow.walk("VEVENT")}


def test_html_is_self_contained_escaped_and_marks_overrides():
    page = render_calendar(PEOPLE, ROTATIONS, START, 14, "html", now=datetime(2026, 1, 15, 12, tzinfo=NEW_YORK))
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert "Bob &lt;Okafor&gt;" in page and "Bob <Okafor>" not in page
    assert page.count('<div class="block override"') == 3  # Wed 14 09:00 to Fri 16 09:00, cut at midnights
    assert page.count("<h2>Week of") == 2 and page.count("<h3>primary</h3>") == 2
    assert 'class="now"' in page
    assert "override (replacement on call)" in page


def test_unknown_format_is_an_error():
    with pytest.raises(ScheduleError, match="format"):
        render_calendar(PEOPLE, ROTATIONS, START, 7, "pdf")  # type: ignore[arg-type]
