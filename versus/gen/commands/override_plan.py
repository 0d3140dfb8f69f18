"""The spec's planned overrides of some teams, from now on, for `versus-gen override apply` (AWS or PagerDuty)."""

from __future__ import annotations

from versus.gen.commands import oncall
from versus.gen.problems import InputError, Problem
from versus.gen.spec_model import Team, TeamSpec
from versus.rotation_overrides import planned_overrides
from versus.rotation_overrides.planned import PlannedOverride
from versus.schedule import ScheduleError


def teams_planned_overrides(spec: TeamSpec, teams: list[Team]) -> list[PlannedOverride]:
    raw_teams = {team["name"]: team for team in spec.raw["teams"]}
    try:
        return [
            item
            for team in teams
            for item in planned_overrides(raw_teams[team.name].get("rotations", []), oncall.current_time())
        ]
    except ScheduleError as error:
        raise InputError([Problem(spec.source, "teams", str(error))]) from error
