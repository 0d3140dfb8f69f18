"""Fold the event stream into one record per incident: when it came, was acknowledged, resolved, paged.

The window rule makes a report reproducible: an incident belongs to [since, until) if it was received
then, and only what happened to it before `until` counts, so the same window always gives the same answer,
however late the report is run.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from versus.analytics.events import Event
from versus.analytics.outcomes import ACKNOWLEDGED, ESCALATED, ESCALATION_FAILED, RECEIVED, RESOLVED


@dataclass
class IncidentHistory:
    incident: str
    received_at_ms: int
    summary: dict[str, str] = field(default_factory=dict)
    escalates: bool = False
    drill: bool = False
    acknowledged_at_ms: int | None = None
    acknowledged_late: bool = False
    resolved_at_ms: int | None = None
    escalated: bool = False
    escalation_failed: bool = False

    @property
    def team(self) -> str:
        return self.summary.get("team") or "unknown"

    @property
    def service(self) -> str:
        return self.summary.get("service") or "unknown"

    @property
    def severity(self) -> str:
        return (self.summary.get("severity") or "unknown").lower()

    @property
    def seconds_to_acknowledge(self) -> float | None:
        return None if self.acknowledged_at_ms is None else (self.acknowledged_at_ms - self.received_at_ms) / 1000

    @property
    def seconds_to_resolve(self) -> float | None:
        return None if self.resolved_at_ms is None else (self.resolved_at_ms - self.received_at_ms) / 1000

    @property
    def resolved_before_ack(self) -> bool:
        """Resolved with nobody acknowledging first: the alert went away by itself (a false-positive signal)."""
        return self.resolved_at_ms is not None and (
            self.acknowledged_at_ms is None or self.acknowledged_at_ms > self.resolved_at_ms
        )


def incident_histories(events: Iterable[Event], since_ms: int, until_ms: int) -> list[IncidentHistory]:
    """Incidents received in [since_ms, until_ms), in order of arrival, with their changes before until_ms."""
    found: dict[str, IncidentHistory] = {}
    for event in sorted(events, key=lambda e: e.at_ms):
        if event.at_ms >= until_ms:
            break
        if event.name == RECEIVED:
            if since_ms <= event.at_ms and event.incident not in found:
                found[event.incident] = IncidentHistory(
                    incident=event.incident,
                    received_at_ms=event.at_ms,
                    summary=event.summary,
                    escalates=event.escalates,
                    drill=event.drill,
                )
            continue
        history = found.get(event.incident)
        if history is None:
            continue
        if event.name == ACKNOWLEDGED and history.acknowledged_at_ms is None:
            history.acknowledged_at_ms = event.at_ms
            history.acknowledged_late = event.late
        elif event.name == RESOLVED and history.resolved_at_ms is None:
            history.resolved_at_ms = event.at_ms
        elif event.name == ESCALATED:
            history.escalated = True
        elif event.name == ESCALATION_FAILED:
            history.escalation_failed = True
    return list(found.values())
