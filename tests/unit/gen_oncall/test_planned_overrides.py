"""The spec's planned overrides as AWS overrides: one per changed stretch, with everyone on call in it."""

from datetime import UTC, datetime

from versus.rotation_overrides import PlannedOverride, planned_overrides

EARLY = datetime(2026, 1, 1, tzinfo=UTC)


def weekly(**changes: object) -> dict:
    rotation: dict = {
        "name": "platform-rotation",
        "time_zone": "America/New_York",
        "start": "2026-01-05T09:00:00",
        "members": ["alice", "bob", "carol", "dave"],
        "recurrence": {"weekly": {"day": "monday", "at": "09:00"}},
    }
    return rotation | changes


def test_the_seed_vacation_is_one_override(seed_data):
    rotations = seed_data["teams"][0]["rotations"]
    assert planned_overrides(rotations, EARLY) == [
        PlannedOverride(
            rotation="platform-rotation",
            contacts=("dave",),
            replaced=("bob",),
            start=datetime(2026, 12, 16, 14, tzinfo=UTC),
            end=datetime(2026, 12, 21, 14, tzinfo=UTC),
            reason="Bob on vacation",
        )
    ]


def test_an_override_across_a_handoff_only_covers_the_replaced_persons_part():
    override = {"contact": "dave", "replaces": "bob", "from": "2026-01-14T09:00:00", "to": "2026-01-21T09:00:00"}
    (planned,) = planned_overrides([weekly(overrides=[override])], EARLY)
    assert (planned.start, planned.end) == (
        datetime(2026, 1, 14, 14, tzinfo=UTC),
        datetime(2026, 1, 19, 14, tzinfo=UTC),
    )


def test_with_two_on_call_the_aws_override_keeps_the_other_one():
    rotation = weekly(
        recurrence={"weekly": {"day": "monday", "at": "09:00"}, "on_calls": 2},
        overrides=[{"contact": "dave", "replaces": "bob", "from": "2026-01-06T09:00:00", "to": "2026-01-07T09:00:00"}],
    )
    (planned,) = planned_overrides([rotation], EARLY)
    assert planned.contacts == ("alice", "dave")


def test_coverage_gives_one_override_per_covered_stretch():
    business = {day: [{"start": "08:00", "end": "18:00"}] for day in ("monday", "tuesday", "wednesday")}
    rotation = weekly(
        recurrence={"weekly": {"day": "monday", "at": "09:00"}, "coverage": business},
        overrides=[{"contact": "dave", "from": "2026-01-05T00:00:00", "to": "2026-01-08T00:00:00"}],
    )
    planned = planned_overrides([rotation], EARLY)
    assert [(p.start.day, p.start.hour, p.end.hour, p.contacts) for p in planned] == [
        (5, 14, 23, ("dave",)),  # from the rotation's start at 09:00 to 18:00 EST
        (6, 13, 23, ("dave",)),
        (7, 13, 23, ("dave",)),
    ]


def test_stretches_that_have_ended_are_left_out_and_started_ones_keep_their_start():
    rotation = weekly(
        overrides=[
            {"contact": "dave", "replaces": "alice", "from": "2026-01-06T09:00:00", "to": "2026-01-07T09:00:00"},
            {"contact": "dave", "replaces": "bob", "from": "2026-01-13T09:00:00", "to": "2026-01-15T09:00:00"},
        ]
    )
    (planned,) = planned_overrides([rotation], datetime(2026, 1, 14, tzinfo=UTC))
    assert planned.start == datetime(2026, 1, 13, 14, tzinfo=UTC)


def test_rotations_without_overrides_give_nothing():
    assert planned_overrides([weekly()], EARLY) == []
