"""The rotation engine: turns, clipped to shift coverage, with overrides applied, as UTC shifts.

Pure functions of a Rotation and a window; nothing here reads a clock or a file. Outside the coverage
hours (`ShiftCoverages`) nobody is on call; a turn keeps counting through uncovered days, because AWS
counts the recurrence in calendar days, weeks or months, not in covered ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from versus.schedule.model import MINUTES_PER_DAY, Rotation, ScheduleError, Shift, to_utc
from versus.schedule.recurrence import Handoffs

Interval = tuple[datetime, datetime]


def shifts(rotation: Rotation, start: datetime, end: datetime) -> list[Shift]:
    """The shifts of `rotation` that overlap [start, end), clipped to the window, in time order."""
    start, end = _utc(start, "start"), _utc(end, "end")
    if end <= start:
        return []
    window = (max(start, rotation.start.astimezone(UTC)), end)
    if window[1] <= window[0]:
        return []
    covered = coverage_intervals(rotation, *window)
    handoffs = Handoffs(rotation)
    result: list[Shift] = []
    turn = handoffs.turn_before(window[0])
    first_piece = 0
    while handoffs.boundary(turn) < window[1]:
        turn_start, turn_end = handoffs.boundary(turn), handoffs.boundary(turn + 1)
        contacts = handoffs.contacts(turn)
        while first_piece < len(covered) and covered[first_piece][1] <= turn_start:
            first_piece += 1
        for piece_start, piece_end in covered[first_piece:]:
            if piece_start >= turn_end:
                break
            lo, hi = max(piece_start, turn_start), min(piece_end, turn_end)
            if lo < hi:
                result.append(Shift(rotation.name, rotation.layer, contacts, lo, hi))
        turn += 1
    return _apply_overrides(rotation, result)


def whole_shifts(rotation: Rotation, start: datetime, end: datetime) -> list[Shift]:
    """Like `shifts`, but a shift crossing the window's edges is returned whole, not clipped.

    Calendar exports want this: a shift keeps its real start (and so its UID) whatever window it is
    exported in.
    """
    start, end = _utc(start, "start"), _utc(end, "end")
    handoffs = Handoffs(rotation)
    first = handoffs.turn_before(start)
    while handoffs.boundary(first + 1) <= start:
        first += 1
    last = max(first + 1, handoffs.turn_before(end))
    while handoffs.boundary(last) < end:
        last += 1
    wide = shifts(rotation, handoffs.boundary(first), handoffs.boundary(last))
    return [s for s in wide if s.start < end and s.end > start]


def on_call_at(rotations: Iterable[Rotation], at: datetime) -> dict[str, tuple[str, ...]]:
    """Who is on call at `at`, per layer; a layer with nobody on call maps to an empty tuple.

    Several rotations may serve one layer (follow-the-sun); their contacts are joined in rotation order.
    """
    at = _utc(at, "at")
    result: dict[str, tuple[str, ...]] = {}
    for rotation in rotations:
        now = [s for s in shifts(rotation, at, at + timedelta(seconds=1)) if s.start <= at < s.end]
        contacts = result.get(rotation.layer, ())
        for shift in now:
            contacts += tuple(c for c in shift.contacts if c not in contacts)
        result[rotation.layer] = contacts
    return result


def coverage_intervals(rotation: Rotation, start: datetime, end: datetime) -> list[Interval]:
    """Covered stretches within [start, end) in UTC; touching ones merge, so all-day coverage is one piece."""
    coverage = rotation.recurrence.coverage
    if not coverage:
        return [(start, end)]
    zone = rotation.zone
    first_day = start.astimezone(zone).date() - timedelta(days=1)
    last_day = end.astimezone(zone).date()
    pieces: list[Interval] = []
    day = first_day
    while day <= last_day:
        midnight = datetime.combine(day, datetime.min.time())
        for window in coverage:
            if window.weekday != day.weekday():
                continue
            begin, finish = window.span()
            lo = to_utc(midnight + timedelta(minutes=begin), zone)
            hi = to_utc(midnight + timedelta(minutes=min(finish, 2 * MINUTES_PER_DAY)), zone)
            lo, hi = max(lo, start), min(hi, end)
            if lo < hi:
                pieces.append((lo, hi))
        day += timedelta(days=1)
    return merge(pieces)


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, with overlapping or touching intervals joined."""
    merged: list[Interval] = []
    for lo, hi in sorted(intervals):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _apply_overrides(rotation: Rotation, scheduled: list[Shift]) -> list[Shift]:
    """Split shifts at override edges and swap contacts inside them, overrides applied in spec order.

    An override only changes who covers a shift; it never adds on-call time outside coverage.
    """
    result = scheduled
    for override in rotation.overrides:
        o_start, o_end = override.start.astimezone(UTC), override.end.astimezone(UTC)
        changed: list[Shift] = []
        for shift in result:
            lo, hi = max(shift.start, o_start), min(shift.end, o_end)
            if lo >= hi:
                changed.append(shift)
                continue
            if shift.start < lo:
                changed.append(_slice(shift, shift.start, lo))
            changed.append(_overridden(_slice(shift, lo, hi), override.contact, override.replaces, override.reason))
            if hi < shift.end:
                changed.append(_slice(shift, hi, shift.end))
        result = changed
    return result


def _slice(shift: Shift, start: datetime, end: datetime) -> Shift:
    return Shift(
        shift.rotation,
        shift.layer,
        shift.contacts,
        start,
        end,
        shift.is_override,
        shift.replaced,
        shift.reason,
    )


def _overridden(shift: Shift, contact: str, replaces: str | None, reason: str) -> Shift:
    if replaces is None:
        taken_off = tuple(c for c in shift.contacts if c != contact)
        contacts: tuple[str, ...] = (contact,)
    elif replaces in shift.contacts:
        taken_off = (replaces,)
        swapped = [contact if c == replaces else c for c in shift.contacts]
        contacts = tuple(c for i, c in enumerate(swapped) if c not in swapped[:i])
    else:
        return shift
    if contacts == shift.contacts:
        return shift
    replaced = shift.replaced + tuple(c for c in taken_off if c not in shift.replaced)
    return Shift(shift.rotation, shift.layer, contacts, shift.start, shift.end, True, replaced, reason)


def _utc(value: datetime, name: str) -> datetime:
    if value.tzinfo is None:
        raise ScheduleError(f"{name}: an aware datetime is required (naive times are ambiguous)")
    return value.astimezone(UTC)
