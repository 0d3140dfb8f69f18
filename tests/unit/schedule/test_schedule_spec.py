"""Reading the team spec: the seed example's people and rotations, and errors that name the key."""

from datetime import UTC, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from versus.schedule import (
    Frequency,
    ScheduleError,
    describe_on_call,
    load_schedule,
    people_from_spec,
    rotation_from_spec,
    schedule_warnings,
    who_is_on_call,
)

SEED = Path(__file__).resolve().parents[3] / "examples" / "seed-teams.yaml"


@pytest.fixture(scope="module")
def seed() -> dict:
    return yaml.safe_load(SEED.read_text())


def team(seed: dict, name: str) -> dict:
    return next(t for t in seed["teams"] if t["name"] == name)


def test_seed_people_and_rotations_parse(seed: dict):
    people = people_from_spec(seed["people"])
    assert people["erin"].time_zone == "Europe/London"
    assert people["alice"].name == "Alice Nguyen"
    primary, secondary = (rotation_from_spec(r) for r in team(seed, "platform")["rotations"])
    assert primary.recurrence.frequency is Frequency.WEEKLY
    assert (primary.recurrence.weekday, primary.recurrence.handoff) == (0, time(9, 0))
    assert primary.start == datetime(2026, 1, 5, 9, tzinfo=ZoneInfo("America/New_York"))
    assert primary.overrides[0].replaces == "bob"
    assert (secondary.layer, secondary.recurrence.day_of_month) == ("secondary", 1)
    (app,) = (rotation_from_spec(r) for r in team(seed, "application")["rotations"])
    assert len(app.recurrence.coverage) == 5


def test_who_is_on_call_for_the_seed_teams(seed: dict):
    at = datetime(2026, 3, 10, 15, tzinfo=UTC)  # Tuesday 11:00 EDT, week 9 after 5 January
    platform = who_is_on_call(seed["people"], team(seed, "platform")["rotations"], at)
    assert {layer: [p.alias for p in people] for layer, people in platform.items()} == {
        "primary": ["bob"],
        "secondary": ["erin"],  # January erin, February frank, March erin
    }
    assert (
        describe_on_call(seed["people"], team(seed, "application")["rotations"], at) == "primary: Niaj Haddad"
    )  # day 64: 64 % 3 = 1
    night = datetime(2026, 3, 10, 23, 30, tzinfo=UTC)
    assert describe_on_call(seed["people"], team(seed, "application")["rotations"], night) == "primary: nobody"


def test_seed_override_falls_in_bobs_week(seed: dict):
    # 14-21 December 2026 is bob's week (49 weeks after 5 January); dave covers from Wednesday 16th
    rotations = team(seed, "platform")["rotations"]
    assert schedule_warnings(seed["people"], rotations) == []
    monday, thursday = (datetime(2026, 12, day, 12, tzinfo=ZoneInfo("America/New_York")) for day in (14, 17))
    assert describe_on_call(seed["people"], rotations, monday) == "primary: Bob Okafor; secondary: Frank Osei"
    assert describe_on_call(seed["people"], rotations, thursday) == "primary: Dave Kim; secondary: Frank Osei"


def test_unknown_member_is_an_error(seed: dict):
    rotations = [team(seed, "platform")["rotations"][0] | {"members": ["alice", "zoe"]}]
    with pytest.raises(ScheduleError, match=r"rotations\[platform-rotation\].members: 'zoe' is not in people"):
        load_schedule(seed["people"], rotations)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"time_zone": "Mars/Olympus"}, r"time_zone: 'Mars/Olympus' is not an IANA time zone"),
        ({"start": "next monday"}, r"start: 'next monday' is not an ISO 8601"),
        ({"members": []}, r"members: a non-empty list"),
        (
            {"overrides": [{"contact": "dave", "from": "2026-01-02T00:00:00", "to": "2026-01-01T00:00:00"}]},
            r"overrides\[0\].to: must be after from",
        ),
        ({"recurrence": {"daily": {"at": "08:00"}, "coverage": {"moonday": []}}}, r"coverage: 'moonday'"),
        (
            {"recurrence": {"daily": {"at": "08:00"}, "coverage": {"monday": [{"start": "8", "end": "18:00"}]}}},
            r"coverage.monday\[0\].start",
        ),
    ],
)
def test_errors_name_the_key_path(seed: dict, change: dict, message: str):
    with pytest.raises(ScheduleError, match=message):
        rotation_from_spec(team(seed, "platform")["rotations"][0] | change)


def test_yaml_datetimes_are_read_as_local_time():
    parsed = rotation_from_spec(
        {
            "name": "r",
            "time_zone": "Europe/London",
            "start": datetime(2026, 7, 1, 9),
            "members": ["erin"],
            "recurrence": {"daily": {"at": "09:00"}},
        }
    )
    assert parsed.start.astimezone(UTC) == datetime(2026, 7, 1, 8, tzinfo=UTC)


def test_duplicate_people_are_an_error():
    with pytest.raises(ScheduleError, match=r"people\[1\].alias: 'a' is listed twice"):
        people_from_spec([{"alias": "a"}, {"alias": "a"}])
