"""One call per `versus-gen` need, taking the parsed team-spec dicts, so the CLI stays a thin shell.

These functions never read the clock: the CLI passes `now`, which keeps every output reproducible.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from versus.schedule.burden import Burden, burden
from versus.schedule.checks import ineffective_overrides, unknown_contacts
from versus.schedule.engine import on_call_at, shifts, whole_shifts
from versus.schedule.gaps import always, coverage_gaps
from versus.schedule.model import Gap, Person, Rotation, ScheduleError, Shift
from versus.schedule.spec import people_from_spec, rotations_from_spec
from versus.schedule.views.html import html_page
from versus.schedule.views.ics import ics_calendar
from versus.schedule.views.names import who
from versus.schedule.views.text import text_table

CalendarFormat = Literal["text", "ics", "html"]
SpecList = Sequence[Mapping[str, Any]]


def load_schedule(people: SpecList, rotations: SpecList) -> tuple[dict[str, Person], list[Rotation]]:
    """People and rotations from the spec; raises ScheduleError if a rotation names an unknown person."""
    known = people_from_spec(people)
    parsed = rotations_from_spec(rotations)
    problems = unknown_contacts(parsed, known)
    if problems:
        raise ScheduleError("; ".join(problems))
    return known, parsed


def window_shifts(rotations: Sequence[Rotation], start: datetime, end: datetime, *, whole: bool = False) -> list[Shift]:
    """Every rotation's shifts in the window, in time order; `whole` keeps edge-crossing shifts unclipped."""
    pick = whole_shifts if whole else shifts
    found = [s for rotation in rotations for s in pick(rotation, start, end)]
    return sorted(found, key=lambda s: (s.start, s.layer, s.rotation))


def render_calendar(
    people: SpecList,
    rotations: SpecList,
    start: datetime,
    days: int = 14,
    fmt: CalendarFormat = "text",
    *,
    now: datetime | None = None,
    time_zone: str | None = None,
    title: str = "On-call schedule",
) -> str:
    """The schedule for `days` days from `start` as a text table, an iCalendar feed or an HTML page.

    Times are shown in `time_zone`, by default the first rotation's; `now` adds the "now" line or
    marker; the ICS DTSTAMP is `start`, so the same inputs always give the same bytes. Text and ICS
    list shifts that cross the window's edges whole; the HTML grid cuts them at the window.
    """
    known, parsed = load_schedule(people, rotations)
    end = start + timedelta(days=days)
    found = window_shifts(parsed, start, end, whole=fmt != "html")
    zone = time_zone or (parsed[0].time_zone if parsed else "UTC")
    if fmt == "text":
        current = on_call_at(parsed, now) if now is not None else None
        return text_table(found, known, zone, now, current)
    if fmt == "ics":
        return ics_calendar(found, known, stamp=start, name=title)
    if fmt == "html":
        layers = [r.layer for r in parsed]
        return html_page(found, known, zone, start, end, title=title, layers=layers, now=now)
    raise ScheduleError(f"format: {fmt!r} is not one of text, ics, html")


def who_is_on_call(people: SpecList, rotations: SpecList, at: datetime) -> dict[str, tuple[Person, ...]]:
    """Per layer, the people on call at `at` (an empty tuple when nobody is)."""
    known, parsed = load_schedule(people, rotations)
    return {layer: tuple(known[a] for a in aliases) for layer, aliases in on_call_at(parsed, at).items()}


def describe_on_call(people: SpecList, rotations: SpecList, at: datetime) -> str:
    """'primary: Carol Silva; secondary: Erin Novak', the one line `versus-gen oncall` prints."""
    known, parsed = load_schedule(people, rotations)
    current = on_call_at(parsed, at)
    return "; ".join(f"{layer}: {who(aliases, known)}" for layer, aliases in current.items())


def on_call_burden(people: SpecList, rotations: SpecList, start: datetime, days: int = 28) -> list[Burden]:
    """Shifts and hours per person over the window, split into business, off and sleep hours."""
    known, parsed = load_schedule(people, rotations)
    return burden(window_shifts(parsed, start, start + timedelta(days=days)), known)


def burden_table(people: SpecList, rotations: SpecList, start: datetime, days: int = 28) -> str:
    """`on_call_burden` as aligned text columns."""
    known = people_from_spec(people)
    header = f"{'Person':<20} {'Shifts':>6} {'Hours':>8} {'Business':>9} {'Off':>8} {'Sleep':>8}"
    lines = [header]
    for row in on_call_burden(people, rotations, start, days):
        name = known[row.alias].name if row.alias in known else row.alias
        lines.append(
            f"{name:<20} {row.shifts:>6} {row.hours:>8.1f} {row.business_hours:>9.1f} "
            f"{row.off_hours:>8.1f} {row.sleep_hours:>8.1f}"
        )
    return "\n".join(lines) + "\n"


def find_gaps(
    rotations: SpecList,
    start: datetime,
    weeks: int = 4,
    active: Callable[[datetime], bool] = always,
) -> list[Gap]:
    """Hours in which the route is active (see `time_interval_active`) but nobody is on call."""
    return coverage_gaps(rotations_from_spec(rotations), active, start.astimezone(UTC), weeks)


def schedule_warnings(people: SpecList, rotations: SpecList) -> list[str]:
    """Problems worth a warning that do not stop generation: unknown people, overrides that change nothing."""
    known = people_from_spec(people)
    parsed = rotations_from_spec(rotations)
    return unknown_contacts(parsed, known) + [p for r in parsed for p in ineffective_overrides(r)]
