"""The on-call page: per team of the spec, who is on call now per layer, the next handoff, two weeks ahead.

Reuses the schedule engine (`versus.schedule`) and its HTML calendar; the spec is read once at start-up.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import escape

from versus.gen.spec import load_spec
from versus.gen.spec_model import TeamSpec
from versus.schedule import ScheduleError, load_schedule, render_calendar, who_is_on_call, window_shifts

DAYS = 14


@dataclass(frozen=True)
class Handoff:
    at: datetime
    layer: str
    to: tuple[str, ...]


@dataclass(frozen=True)
class TeamOnCall:
    name: str
    display_name: str
    layers: dict[str, tuple[str, ...]]
    next_handoff: Handoff | None
    time_zone: str
    problem: str = ""


class OnCallSpec:
    """The teams of one spec, with their raw people and rotations, as the schedule functions take them."""

    def __init__(self, spec: TeamSpec) -> None:
        self.spec = spec
        people: Sequence[Mapping[str, Any]] = spec.raw.get("people", [])
        self.people = people
        self.teams = {
            team.name: (index, team.display_name, spec.raw["teams"][index].get("rotations", []))
            for index, team in enumerate(spec.teams)
            if team.rotations
        }

    @classmethod
    def load(cls, path: str) -> "OnCallSpec":
        return cls(load_spec(path))

    def now(self, at: datetime) -> list[TeamOnCall]:
        return [self._team(name, at) for name in self.teams]

    def _team(self, name: str, at: datetime) -> TeamOnCall:
        index, display, rotations = self.teams[name]
        zone = self.spec.teams[index].rotations[0].time_zone
        try:
            known, parsed = load_schedule(self.people, rotations)
            layers = {layer: tuple(p.name for p in persons) for layer, persons in who_is_on_call(
                self.people, rotations, at).items()}  # fmt: skip
            upcoming = [s for s in window_shifts(parsed, at, at + timedelta(days=DAYS)) if s.start > at]
        except ScheduleError as error:
            return TeamOnCall(name, display, {}, None, zone, problem=str(error))
        handoff = None
        if upcoming:
            first = upcoming[0]
            names = tuple(known[c].name if c in known else c for c in first.contacts)
            handoff = Handoff(first.start, first.layer, names)
        return TeamOnCall(name, display, layers, handoff, zone)

    def calendar(self, name: str, at: datetime) -> str | None:
        """The schedule's own HTML calendar of the next two weeks; None for a team not in the spec."""
        if name not in self.teams:
            return None
        index, display, rotations = self.teams[name]
        zone = ZoneInfo(self.spec.teams[index].rotations[0].time_zone)
        start = datetime.combine(at.astimezone(zone).date(), time(), zone)
        try:
            return render_calendar(self.people, rotations, start, DAYS, "html", now=at, title=f"{display} on call")
        except ScheduleError as error:
            return f"<!doctype html><title>On call</title><p>{escape(str(error))}</p>"
