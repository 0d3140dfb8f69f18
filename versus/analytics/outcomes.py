"""What an event means for monitoring, decided once for both sinks (Prometheus and CloudWatch EMF).

Drills are left out of everything but deliveries: incidents, acknowledgements, times and escalations
describe real alerts and real pages (a drill's page is rehearsed, or a deliberate test), while a drill's
Slack messages are really sent and belong in the delivery figures.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace

from versus.analytics.events import Event
from versus.analytics.labels import LabelBounds

RECEIVED = "received"
ACKNOWLEDGED = "acknowledged"
RESOLVED = "resolved"
ESCALATED = "escalated"
ESCALATION_FAILED = "escalation_failed"
NOTIFIED = "notified"
NOTIFY_FAILED = "notify_failed"

# Escalation results, named as the CloudWatch dashboard's `Result` dimension expects.
STARTED = "started"
FAILED = "failed"
ACKNOWLEDGED_IN_TIME = "acknowledged_in_time"
RESOLVED_IN_TIME = "resolved_in_time"


@dataclass(frozen=True)
class IncidentContext:
    """What the incident's hash says when the event is processed: labels, creation time, how it ended."""

    team: str = ""
    service: str = ""
    severity: str = ""
    created_at_ms: int | None = None
    drill: bool = False
    cancelled_reason: str = ""

    @classmethod
    def from_hash(cls, raw: Mapping[str, str | None], summary: Mapping[str, str]) -> "IncidentContext":
        created = raw.get("created_at") or ""
        return cls(
            team=summary.get("team", ""),
            service=summary.get("service", ""),
            severity=summary.get("severity", ""),
            created_at_ms=int(created) if created.isdigit() else None,
            drill=raw.get("drill") == "1",
            cancelled_reason=raw.get("cancelled_reason") or "",
        )


@dataclass(frozen=True)
class Outcome:
    """One countable fact. `kind` is one of the module's event names; unused fields stay empty."""

    kind: str
    at_ms: int
    team: str = ""
    service: str = ""
    severity: str = ""
    late: bool = False
    seconds: float | None = None
    result: str = ""
    channel: str = ""


def outcomes(event: Event, context: IncidentContext, bounds: LabelBounds) -> list[Outcome]:
    """The facts in one event; labels are bounded here so both sinks see the same values."""
    drill = context.drill or event.drill
    base = Outcome(
        kind=event.name,
        at_ms=event.at_ms,
        team=bounds.team(context.team),
        service=bounds.service(context.service),
        severity=bounds.severity(context.severity),
    )
    elapsed = _seconds_since_creation(event, context)
    if event.name in (NOTIFIED, NOTIFY_FAILED):
        result = "sent" if event.name == NOTIFIED else "failed"
        return [replace(base, kind=NOTIFIED, channel=bounds.channel(event.channel), result=result)]
    if drill:
        return []
    if event.name == RECEIVED:
        return [base]
    if event.name == ACKNOWLEDGED:
        found = [replace(base, late=event.late, seconds=elapsed)]
        if not event.late and context.cancelled_reason == ACKNOWLEDGED:
            found.append(replace(base, kind=ESCALATED, result=ACKNOWLEDGED_IN_TIME))
        return found
    if event.name == RESOLVED:
        found = [replace(base, seconds=elapsed)]
        if context.cancelled_reason == RESOLVED:
            found.append(replace(base, kind=ESCALATED, result=RESOLVED_IN_TIME))
        return found
    if event.name == ESCALATED:
        return [replace(base, result=STARTED)]
    if event.name == ESCALATION_FAILED:
        return [replace(base, kind=ESCALATED, result=FAILED)]
    return []


def _seconds_since_creation(event: Event, context: IncidentContext) -> float | None:
    if context.created_at_ms is None or event.at_ms < context.created_at_ms:
        return None
    return (event.at_ms - context.created_at_ms) / 1000
