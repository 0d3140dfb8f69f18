"""Overrides: a contact takes over the scheduled one for a period (Incident Manager CreateRotationOverride).

"During the override period, notifications are sent to the replacement contact instead of the regularly
scheduled engineer" (the seed guide). Override times are read in the rotation's time zone. An override
only swaps people within covered time; it never adds on-call hours outside ShiftCoverages.
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from versus.schedule import ineffective_overrides, on_call_at, rotation_from_spec, shifts

NEW_YORK = ZoneInfo("America/New_York")


def rotation(overrides: list[dict], **recurrence: object) -> dict:
    return {
        "name": "platform-rotation",
        "layer": "primary",
        "time_zone": "America/New_York",
        "start": "2026-01-05T09:00:00",
        "members": ["alice", "bob", "carol", "dave"],
        "recurrence": {"weekly": {"day": "monday", "at": "09:00"}, **recurrence},
        "overrides": overrides,
    }


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=NEW_YORK)


VACATION = {
    "contact": "dave",
    "replaces": "bob",
    "from": "2026-01-14T09:00:00",
    "to": "2026-01-16T09:00:00",
    "reason": "Bob on vacation",
}


def test_replacement_covers_the_period_and_the_shift_is_split():
    found = shifts(rotation_from_spec(rotation([VACATION])), local(2026, 1, 12, 9), local(2026, 1, 19, 9))
    assert [(s.contacts, s.start.astimezone(NEW_YORK), s.end.astimezone(NEW_YORK), s.is_override) for s in found] == [
        (("bob",), local(2026, 1, 12, 9), local(2026, 1, 14, 9), False),
        (("dave",), local(2026, 1, 14, 9), local(2026, 1, 16, 9), True),
        (("bob",), local(2026, 1, 16, 9), local(2026, 1, 19, 9), False),
    ]
    assert found[1].replaced == ("bob",)
    assert found[1].reason == "Bob on vacation"


def test_on_call_at_sees_the_replacement():
    parsed = rotation_from_spec(rotation([VACATION]))
    assert on_call_at([parsed], local(2026, 1, 15, 3)) == {"primary": ("dave",)}
    assert on_call_at([parsed], local(2026, 1, 16, 9)) == {"primary": ("bob",)}


def test_override_across_a_handoff_only_replaces_the_named_contact():
    crossing = VACATION | {"from": "2026-01-18T00:00:00", "to": "2026-01-20T00:00:00"}
    found = shifts(rotation_from_spec(rotation([crossing])), local(2026, 1, 18), local(2026, 1, 20))
    assert [(s.contacts, s.is_override) for s in found] == [(("dave",), True), (("carol",), False)]


def test_override_without_replaces_takes_everybody_off():
    everyone = {"contact": "erin", "from": "2026-01-06T00:00:00", "to": "2026-01-07T00:00:00", "reason": "drill"}
    parsed = rotation_from_spec(rotation([everyone], on_calls=2))
    (during,) = [s for s in shifts(parsed, local(2026, 1, 6), local(2026, 1, 7))]
    assert (during.contacts, during.replaced, during.is_override) == (("erin",), ("alice", "bob"), True)


def test_with_two_on_call_the_other_stays():
    parsed = rotation_from_spec(
        rotation(
            [VACATION | {"replaces": "alice", "from": "2026-01-06T00:00:00", "to": "2026-01-07T00:00:00"}], on_calls=2
        )
    )
    assert on_call_at([parsed], local(2026, 1, 6, 12)) == {"primary": ("dave", "bob")}


def test_override_outside_coverage_adds_no_on_call_time():
    business = rotation([VACATION | {"from": "2026-01-17T00:00:00", "to": "2026-01-18T00:00:00"}])
    business["recurrence"]["coverage"] = {"monday": [{"start": "09:00", "end": "17:00"}]}
    parsed = rotation_from_spec(business)
    assert shifts(parsed, local(2026, 1, 17), local(2026, 1, 18)) == []
    assert on_call_at([parsed], datetime(2026, 1, 17, 17, tzinfo=UTC)) == {"primary": ()}


def test_an_override_for_someone_not_on_call_is_reported():
    parsed = rotation_from_spec(rotation([VACATION | {"from": "2026-01-20T09:00:00", "to": "2026-01-26T09:00:00"}]))
    assert all(not s.is_override for s in shifts(parsed, local(2026, 1, 19), local(2026, 1, 27)))
    (problem,) = ineffective_overrides(parsed)
    assert "'bob' is not on call" in problem and "overrides[0]" in problem
    assert ineffective_overrides(rotation_from_spec(rotation([VACATION]))) == []
