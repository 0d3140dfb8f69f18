"""Properties of one rotation's shifts, for any recurrence, coverage, zone and window.

Shifts never overlap and come in time order, and they cover exactly the rotation's coverage hours in
the window. The oracle is independent of the engine: it asks, instant by instant, whether the local
wall clock is inside a coverage window. Days touching a DST change are left to the worked examples,
because there a wall-clock time can be missing or repeated and "inside" needs the engine's own rule.
"""

import itertools
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from versus.schedule import Override, Rotation, on_call_at, rotation_from_spec, shifts
from versus.schedule.model import MINUTES_PER_DAY, WEEKDAYS

ZONES = ["UTC", "America/New_York", "Europe/London", "Asia/Tokyo", "Australia/Lord_Howe", "America/St_Johns"]
clock = st.integers(0, 47).map(lambda half_hours: f"{half_hours // 2:02d}:{half_hours % 2 * 30:02d}")


@st.composite
def rotations(draw: st.DrawFn) -> Rotation:
    kind = draw(st.sampled_from(["daily", "weekly", "monthly"]))
    settings_: dict[str, object] = {"at": draw(clock)}
    if kind == "weekly":
        settings_["day"] = draw(st.sampled_from(WEEKDAYS))
    if kind == "monthly":
        settings_["day"] = draw(st.integers(1, 31))
    members = draw(st.lists(st.sampled_from("abcdef"), min_size=1, max_size=5, unique=True))
    recurrence: dict[str, object] = {
        kind: settings_,
        "every": draw(st.integers(1, 3)),
        "on_calls": draw(st.integers(1, len(members))),
    }
    windows = st.lists(st.fixed_dictionaries({"start": clock, "end": clock}), min_size=1, max_size=2)
    coverage = draw(st.none() | st.dictionaries(st.sampled_from(WEEKDAYS), windows, min_size=1))
    if coverage is not None:
        recurrence["coverage"] = coverage
    start = draw(st.datetimes(datetime(2025, 1, 1), datetime(2027, 12, 31))).replace(second=0, microsecond=0)
    return rotation_from_spec(
        {
            "name": "r",
            "time_zone": draw(st.sampled_from(ZONES)),
            "start": start.isoformat(),
            "members": members,
            "recurrence": recurrence,
        }
    )


def covered_by_spec(rotation: Rotation, at: datetime) -> bool:
    """Whether the wall clock at `at` is inside a coverage window (and the rotation has started)."""
    if at < rotation.start:
        return False
    if not rotation.recurrence.coverage:
        return True
    local = at.astimezone(rotation.zone)
    minute = local.hour * 60 + local.minute
    for window in rotation.recurrence.coverage:
        begin, end = window.span()
        if window.weekday == local.weekday() and begin <= minute < end:
            return True
        if window.weekday == (local.weekday() - 1) % 7 and begin <= minute + MINUTES_PER_DAY < end:
            return True
    return False


def near_dst_change(rotation: Rotation, at: datetime) -> bool:
    offsets = {(at + timedelta(hours=h)).astimezone(rotation.zone).utcoffset() for h in range(-50, 51, 2)}
    return len(offsets) > 1


@settings(max_examples=150, deadline=None)
@given(
    rotation=rotations(),
    offset=st.integers(-3 * 24, 60 * 24),
    length=st.integers(1, 10 * 24),
)
def test_shifts_never_overlap_and_cover_exactly_the_coverage_hours(rotation: Rotation, offset: int, length: int):
    start = rotation.start.astimezone(UTC) + timedelta(hours=offset, minutes=7)
    end = start + timedelta(hours=length)
    found = shifts(rotation, start, end)

    for shift in found:
        assert start <= shift.start < shift.end <= end
        assert len(shift.contacts) == rotation.recurrence.on_calls
        assert set(shift.contacts) <= set(rotation.members)
    for before, after in itertools.pairwise(found):
        assert before.end <= after.start

    at = start
    while at < end:
        inside = [s for s in found if s.start <= at < s.end]
        assert len(inside) <= 1
        if not near_dst_change(rotation, at):
            assert bool(inside) == covered_by_spec(rotation, at), at
        expected = inside[0].contacts if inside else ()
        assert on_call_at([rotation], at) == {"primary": expected}
        at += timedelta(minutes=97)


@settings(max_examples=60, deadline=None)
@given(rotation=rotations(), split=st.integers(1, 20 * 24 - 1))
def test_a_window_split_in_two_gives_the_same_on_call_time(rotation: Rotation, split: int):
    start = rotation.start.astimezone(UTC)
    middle, end = start + timedelta(hours=split), start + timedelta(days=20)
    whole = shifts(rotation, start, end)
    halves = shifts(rotation, start, middle) + shifts(rotation, middle, end)
    assert sum((s.duration for s in whole), timedelta()) == sum((s.duration for s in halves), timedelta())
    assert {(s.contacts, s.start) for s in whole} <= {(s.contacts, s.start) for s in halves}


@settings(max_examples=80, deadline=None)
@given(
    rotation=rotations(),
    contact=st.sampled_from("abcz"),
    replaces=st.none() | st.sampled_from("abc"),
    begin=st.integers(0, 10 * 24),
    hours=st.integers(1, 5 * 24),
)
def test_overrides_change_who_but_never_when(
    rotation: Rotation, contact: str, replaces: str | None, begin: int, hours: int
):
    start = rotation.start.astimezone(UTC)
    end = start + timedelta(days=16)
    o_start = start + timedelta(hours=begin)
    override = Override(contact, o_start, o_start + timedelta(hours=hours), replaces, "test")
    plain = shifts(rotation, start, end)
    changed = shifts(replace(rotation, overrides=(override,)), start, end)

    assert sum((s.duration for s in changed), timedelta()) == sum((s.duration for s in plain), timedelta())
    for before, after in pairwise(changed):
        assert before.end <= after.start
    for shift in changed:
        inside = override.start <= shift.start and shift.end <= override.end
        crossing = shift.start < override.end and shift.end > override.start
        assert inside or not crossing, "shifts are split at the override's edges"
        if shift.is_override:
            assert inside and contact in shift.contacts and shift.replaced
            assert len(set(shift.contacts)) == len(shift.contacts)
        if inside and replaces is not None and replaces != contact:
            assert replaces not in shift.contacts
