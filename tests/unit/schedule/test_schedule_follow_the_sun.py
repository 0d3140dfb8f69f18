"""Follow-the-sun: three rotations in their own zones, 8 local hours each, as one primary layer.

The Incident Manager user guide (Creating an on-call schedule and rotation, "Accounting for Daylight
Savings Time (DST) changes") says rotations in different zones can leave a one-hour gap or overlap when
their DST changes differ. Both halves are checked: in January the three rotations cover every UTC hour
exactly once; between the US change (8 March 2026) and the UK change (29 March 2026) New York's block
slides an hour earlier, overlapping London's and leaving 23:00-24:00 UTC uncovered.
"""

from datetime import UTC, datetime, timedelta

from versus.schedule import coverage_gaps, on_call_at, rotation_from_spec, shifts

EVERY_DAY = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def office(name: str, zone: str, start: str, end: str, members: list[str]) -> dict:
    return {
        "name": name,
        "layer": "primary",
        "time_zone": zone,
        "start": f"2026-01-05T{start}:00",
        "members": members,
        "recurrence": {
            "weekly": {"day": "monday", "at": start},
            "coverage": {day: [{"start": start, "end": end}] for day in EVERY_DAY},
        },
    }


ROTATIONS = [
    rotation_from_spec(office("tokyo", "Asia/Tokyo", "09:00", "17:00", ["kenji", "yuki"])),
    rotation_from_spec(office("london", "Europe/London", "08:00", "16:00", ["erin", "frank"])),
    rotation_from_spec(office("new-york", "America/New_York", "11:00", "19:00", ["alice", "bob"])),
]


def hours(start: datetime, count: int) -> list[datetime]:
    return [start + timedelta(hours=h, minutes=30) for h in range(count)]


def test_every_hour_of_january_is_covered_exactly_once():
    start = datetime(2026, 1, 5, tzinfo=UTC)
    for at in hours(start, 14 * 24):
        holders = [r.name for r in ROTATIONS for s in shifts(r, at, at + timedelta(minutes=1)) if s.contacts]
        assert len(holders) == 1, (at, holders)
    assert coverage_gaps(ROTATIONS, start=start, weeks=2) == []


def test_each_office_covers_its_own_eight_local_hours():
    start = datetime(2026, 1, 5, tzinfo=UTC)
    by_office = {r.name: shifts(r, start, start + timedelta(days=1)) for r in ROTATIONS}
    assert [(s.start.hour, s.end.hour) for s in by_office["tokyo"]] == [(0, 8)]
    assert [(s.start.hour, s.end.hour) for s in by_office["london"]] == [(8, 16)]
    assert [(s.start.hour, s.end.hour) for s in by_office["new-york"]] == [(16, 0)]
    assert on_call_at(ROTATIONS, datetime(2026, 1, 5, 3, tzinfo=UTC)) == {"primary": ("kenji",)}
    assert on_call_at(ROTATIONS, datetime(2026, 1, 5, 12, tzinfo=UTC)) == {"primary": ("erin",)}
    assert on_call_at(ROTATIONS, datetime(2026, 1, 5, 20, tzinfo=UTC)) == {"primary": ("alice",)}


def test_uneven_dst_changes_open_a_gap_and_an_overlap():
    start = datetime(2026, 3, 16, tzinfo=UTC)
    gaps = coverage_gaps(ROTATIONS, start=start, weeks=1)
    assert [(g.start, g.end) for g in gaps] == [
        (start + timedelta(days=d, hours=23), start + timedelta(days=d, hours=24)) for d in range(7)
    ]
    both = on_call_at(ROTATIONS, datetime(2026, 3, 16, 15, 30, tzinfo=UTC))
    assert both == {"primary": ("erin", "alice")}
