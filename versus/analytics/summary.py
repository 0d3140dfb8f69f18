"""The report's numbers, computed from incident histories alone (pure; no clock, no Redis)."""

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from versus.analytics.percentiles import Spread, spread
from versus.analytics.timeline import IncidentHistory
from versus.schedule.burden import Burden


@dataclass(frozen=True)
class ResponseRow:
    """Time to acknowledge and to resolve for one (team, severity)."""

    team: str
    severity: str
    incidents: int
    acknowledge: Spread | None
    resolve: Spread | None


@dataclass(frozen=True)
class PersonRow:
    """Incidents that came in while `person` was a team's primary on-call, and how fast they were acknowledged.

    Who clicked the button is not known (an ack link names no one), so this is the on-call person's load and
    response, as the rotation in the team spec says.
    """

    person: str
    team: str
    incidents: int
    acknowledged: int
    acknowledge: Spread | None


NOBODY = "(nobody on call)"
OnCallLookup = Callable[[IncidentHistory], tuple[str, ...]]


@dataclass(frozen=True)
class TeamBurden:
    team: str
    people: Sequence[Burden]
    names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportSummary:
    since_ms: int
    until_ms: int
    incidents: int
    drills_excluded: int
    by_severity: list[tuple[str, int]]
    by_service: list[tuple[str, int]]
    response: list[ResponseRow]
    paging: int
    escalated: int
    escalation_failed: int
    acknowledged_late: int
    resolved_before_ack: int
    burden: list[TeamBurden] = field(default_factory=list)
    by_on_call: list[PersonRow] = field(default_factory=list)

    @property
    def escalation_rate(self) -> float | None:
        """Share of incidents that really paged somebody; None when there were none."""
        return self.escalated / self.incidents if self.incidents else None


def summarise(
    histories: Sequence[IncidentHistory],
    since_ms: int,
    until_ms: int,
    burden: Sequence[TeamBurden] = (),
    on_call: OnCallLookup | None = None,
) -> ReportSummary:
    real = [h for h in histories if not h.drill]
    groups: dict[tuple[str, str], list[IncidentHistory]] = {}
    for history in real:
        groups.setdefault((history.team, history.severity), []).append(history)
    response = [
        ResponseRow(
            team=team,
            severity=severity,
            incidents=len(members),
            acknowledge=spread([s for h in members if (s := h.seconds_to_acknowledge) is not None]),
            resolve=spread([s for h in members if (s := h.seconds_to_resolve) is not None]),
        )
        for (team, severity), members in sorted(groups.items())
    ]
    return ReportSummary(
        since_ms=since_ms,
        until_ms=until_ms,
        incidents=len(real),
        drills_excluded=len(histories) - len(real),
        by_severity=_counted(h.severity for h in real),
        by_service=_counted(h.service for h in real),
        response=response,
        paging=sum(h.escalates for h in real),
        escalated=sum(h.escalated for h in real),
        escalation_failed=sum(h.escalation_failed and not h.escalated for h in real),
        acknowledged_late=sum(h.acknowledged_late for h in real),
        resolved_before_ack=sum(h.resolved_before_ack for h in real),
        burden=list(burden),
        by_on_call=by_on_call(real, on_call) if on_call else [],
    )


def by_on_call(histories: Sequence[IncidentHistory], on_call: OnCallLookup) -> list[PersonRow]:
    """One row per (person, team), people in order of first appearance; an incident with two people on call
    counts for both, one with nobody on call goes to the NOBODY row."""
    groups: dict[tuple[str, str], list[IncidentHistory]] = {}
    for history in histories:
        for person in on_call(history) or (NOBODY,):
            groups.setdefault((person, history.team), []).append(history)
    rows = []
    for (person, team), members in groups.items():
        times = [s for h in members if (s := h.seconds_to_acknowledge) is not None]
        rows.append(PersonRow(person, team, len(members), len(times), spread(times)))
    return sorted(rows, key=lambda row: (row.person == NOBODY, row.team, row.person))


def _counted(values: Iterable[str]) -> list[tuple[str, int]]:
    """Most frequent first, then by name, so equal counts always come out in the same order."""
    counts = Counter(values)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
