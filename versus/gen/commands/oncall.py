"""`versus-gen oncall SPEC [--team T] [--at TIME] [--from TIME] [--days N] [--format F] [--burden] [-o FILE]`.

A thin shell over `versus.schedule`: it picks a team's rotations out of the spec, reads the clock (the
schedule functions never do, so their output stays reproducible) and writes what they render.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, time, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from versus.gen.output import write_output
from versus.gen.problems import InputError, Problem, Severity
from versus.gen.spec import load_spec
from versus.gen.spec_model import TeamSpec
from versus.schedule import (
    ScheduleError,
    burden_table,
    render_calendar,
    schedule_warnings,
    who_is_on_call,
)

DEFAULT_DAYS = 14
TIME_HELP = (
    "Times are ISO 8601 (2026-12-14T09:00, 2026-12-14T09:00-05:00, 2026-12-14T14:00Z) or 'now'. A time "
    "without an offset is wall-clock time in the time zone of the team's first rotation."
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "oncall",
        help="who is on call, a calendar of shifts (text, iCalendar, HTML), or the on-call burden",
        description="Without --from, --days or --burden: who is on call per layer, now or --at TIME. With "
        "--from or --days: the shifts of that window (overrides in the spec included). With --burden: "
        "hours on call per person in the window, split into business, off and sleep hours counted in "
        "each person's own time zone.",
        epilog=TIME_HELP,
    )
    parser.add_argument("spec", type=Path, help="team spec (YAML)")
    parser.add_argument("--team", help="team name (needed for a calendar or burden when the spec has several teams)")
    parser.add_argument("--at", metavar="TIME", help="who is on call at TIME (default: now); in a calendar, marks TIME")
    parser.add_argument(
        "--from",
        dest="start",
        metavar="TIME",
        help="first instant of the window (default: today 00:00 in the team's time zone)",
    )
    parser.add_argument(
        "--days", type=_days, metavar="N", help=f"length of the window in days (default: {DEFAULT_DAYS})"
    )
    parser.add_argument(
        "--format", choices=("text", "ics", "html"), default="text", help="calendar format (default: text)"
    )
    parser.add_argument("--burden", action="store_true", help="hours on call per person in the window")
    parser.add_argument("-o", "--output", type=Path, help="write here (default: standard output)")
    parser.set_defaults(run=run)


def current_time() -> datetime:
    """The one place this command reads the clock; tests replace it."""
    return datetime.now(UTC)


def parse_time(text: str, zone: tzinfo | None, option: str) -> datetime:
    """An aware instant from ISO 8601 text or 'now'; a naive time is wall-clock time in `zone`.

    Without a zone a naive time is refused rather than guessed: an override an hour off pages the
    wrong person.
    """
    if text.strip().lower() == "now":
        return current_time()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(
            [Problem(option, "", f"{text!r} is not an ISO 8601 date-time such as 2026-12-14T09:00")]
        ) from None
    if parsed.tzinfo is not None:
        return parsed
    if zone is None:
        raise InputError(
            [Problem(option, "", f"{text!r} has no UTC offset; add one (2026-12-14T09:00-05:00, 2026-12-14T14:00Z)")]
        )
    return parsed.replace(tzinfo=zone)


def run(args: argparse.Namespace) -> int:
    spec = load_spec(args.spec)
    calendar = args.start is not None or args.days is not None or args.burden or args.format != "text"
    if args.burden and args.format != "text":
        raise InputError([Problem("--burden", "", "the burden is a text table; leave out --format")])
    if not calendar:
        teams = [_team(spec, args.team)] if args.team else [i for i, t in enumerate(spec.teams) if t.rotations]
        write_output("".join(_who(spec, index, args.at) for index in teams), args.output)
        return 0
    index = _team(spec, args.team) if args.team else _only_team(spec)
    people, rotations = _schedule_input(spec, index)
    zone = _zone(spec, index)
    start = (
        parse_time(args.start, zone, "--from")
        if args.start
        else datetime.combine(current_time().astimezone(zone).date(), time(), zone)
    )
    days = args.days or DEFAULT_DAYS
    with _schedule_problems(spec, index):
        if args.burden:
            text = burden_table(people, rotations, start, days)
        else:
            at = parse_time(args.at, zone, "--at") if args.at else None
            title = f"{spec.teams[index].display_name} on call"
            text = render_calendar(people, rotations, start, days, args.format, now=at, title=title)
    write_output(text, args.output)
    return 0


def _who(spec: TeamSpec, index: int, at_text: str | None) -> str:
    """'Platform on call at Mon 2026-12-14 12:00 EST' and one line per layer."""
    people, rotations = _schedule_input(spec, index)
    zone = _zone(spec, index)
    at = parse_time(at_text, zone, "--at") if at_text else current_time()
    with _schedule_problems(spec, index):
        current = who_is_on_call(people, rotations, at)
    lines = [f"{spec.teams[index].display_name} on call at {at.astimezone(zone):%a %Y-%m-%d %H:%M %Z}"]
    width = max((len(layer) for layer in current), default=0)
    for layer, persons in current.items():
        lines.append(f"  {layer:<{width}}  {', '.join(p.name for p in persons) or 'nobody'}")
    return "\n".join(lines) + "\n"


def _team(spec: TeamSpec, name: str) -> int:
    for index, team in enumerate(spec.teams):
        if team.name == name:
            return index
    known = ", ".join(team.name for team in spec.teams)
    raise InputError([Problem("--team", "", f"{name!r} is not a team in {spec.source} (teams: {known})")])


def _only_team(spec: TeamSpec) -> int:
    if len(spec.teams) == 1:
        return 0
    known = ", ".join(team.name for team in spec.teams)
    raise InputError([Problem("--team", "", f"{spec.source} has several teams ({known}); name one")])


def _schedule_input(spec: TeamSpec, index: int) -> tuple[Sequence[Mapping[str, Any]], Sequence[Mapping[str, Any]]]:
    """The raw people and the team's raw rotations, which is what the schedule functions take.

    Warnings (an override that changes nothing, say) go to standard error: the output stays clean for
    pipes and files, and the person running the command still sees them.
    """
    people = spec.raw.get("people", [])
    rotations = spec.raw["teams"][index].get("rotations", [])
    if not rotations:
        raise InputError([Problem(spec.source, f"teams[{index}]", "the team has no rotations")])
    with _schedule_problems(spec, index):
        for message in schedule_warnings(people, rotations):
            print(Problem(spec.source, f"teams[{index}]", message, Severity.WARNING), file=sys.stderr)
    return people, rotations


def _zone(spec: TeamSpec, index: int) -> ZoneInfo:
    """The team's first rotation's time zone: where naive times are read and calendars are shown."""
    return ZoneInfo(spec.teams[index].rotations[0].time_zone)


@contextmanager
def _schedule_problems(spec: TeamSpec, index: int) -> Iterator[None]:
    """Turn a ScheduleError into an InputError pinned to the team, so the CLI exits 2 with the key path."""
    try:
        yield
    except ScheduleError as error:
        raise InputError([Problem(spec.source, f"teams[{index}]", str(error))]) from error


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        days = 0
    if not 1 <= days <= 366:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days from 1 to 366")
    return days
