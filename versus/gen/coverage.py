"""Coverage: an on-call route that can page while its team's primary rotation has nobody on call pages
into the void. Uses the schedule engine (`versus.schedule`) with Alertmanager's time-interval semantics.
"""

from __future__ import annotations

from datetime import datetime

from versus.gen.problems import Problem
from versus.gen.spec_model import Route, Team, TeamSpec
from versus.schedule import Gap, ScheduleError
from versus.schedule.facade import find_gaps
from versus.schedule.gaps import route_active

PRIMARY_LAYER = "primary"


def coverage_problems(spec: TeamSpec, start: datetime, weeks: int = 4) -> list[Problem]:
    """One problem per on-call route whose active hours the team's primary rotations leave uncovered."""
    problems = []
    intervals = spec.raw.get("alertmanager", {}).get("time_intervals", {})
    for team_index, team in enumerate(spec.teams):
        rotations = [
            raw
            for raw, rotation in zip(spec.raw["teams"][team_index].get("rotations", []), team.rotations, strict=True)
            if rotation.layer == PRIMARY_LAYER
        ]
        if not rotations:
            continue
        for route in team.routes:
            if route.oncall:
                try:
                    active = route_active(intervals, [route.during] if route.during else [])
                    gaps = find_gaps(rotations, start, weeks, active)
                except ScheduleError as error:
                    problems.append(Problem(spec.source, route.spec_path, f"cannot compute coverage: {error}"))
                    continue
                if gaps:
                    problems.append(Problem(spec.source, route.spec_path, _describe(team, route, gaps, weeks)))
    return problems


def _describe(team: Team, route: Route, gaps: list[Gap], weeks: int) -> str:
    hours = sum(gap.uncovered.total_seconds() for gap in gaps) / 3600
    names = ", ".join(r.name for r in team.rotations if r.layer == PRIMARY_LAYER)
    when = f"during {route.during}" if route.during else "at any time"
    return (
        f"pages {when}, but {names} leaves {hours:g} hour(s) uncovered in the {weeks} weeks checked; "
        f"first gap {gaps[0].start:%Y-%m-%d %H:%M} UTC"
    )
