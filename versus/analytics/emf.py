"""CloudWatch Embedded Metric Format: the same outcomes as JSON log lines that CloudWatch turns into metrics.

Nothing here calls AWS: the lines go to stdout, where the CloudWatch agent, Lambda or ECS's awslogs driver
picks them up. Names, units and dimension keys are the dashboard module's contract
(`terraform/modules/dashboard/README.md`) and must match it exactly; one line per event. Deliveries and
config warnings stay out: the dashboard does not plot them, and every custom metric costs money.
`OnCallPages` (by person) is not emitted: the receiver does not know whom AWS Incident Manager engages.
"""

import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from versus.analytics.outcomes import ACKNOWLEDGED, ESCALATED, RECEIVED, RESOLVED, Outcome

INCIDENTS_RECEIVED = "IncidentsReceived"
TIME_TO_ACKNOWLEDGE = "TimeToAcknowledge"
TIME_TO_RESOLVE = "TimeToResolve"
ESCALATIONS = "Escalations"


def emf_record(outcomes: Sequence[Outcome], namespace: str) -> dict[str, Any] | None:
    """One EMF object for one event's outcomes, or None when the event has nothing to measure."""
    directives: list[dict[str, Any]] = []
    record: dict[str, Any] = {}

    def metric(name: str, unit: str, value: float, dimensions: dict[str, str]) -> None:
        directives.append(
            {"Namespace": namespace, "Dimensions": [sorted(dimensions)], "Metrics": [{"Name": name, "Unit": unit}]}
        )
        record.update(dimensions)
        record[name] = value

    for outcome in outcomes:
        if outcome.kind == RECEIVED:
            metric(INCIDENTS_RECEIVED, "Count", 1, {"Service": outcome.service})
        elif outcome.kind == ACKNOWLEDGED and outcome.seconds is not None:
            metric(TIME_TO_ACKNOWLEDGE, "Seconds", outcome.seconds, {})
        elif outcome.kind == RESOLVED and outcome.seconds is not None:
            metric(TIME_TO_RESOLVE, "Seconds", outcome.seconds, {})
        elif outcome.kind == ESCALATED:
            metric(ESCALATIONS, "Count", 1, {"Result": outcome.result})
    if not directives:
        return None
    return {"_aws": {"Timestamp": outcomes[0].at_ms, "CloudWatchMetrics": directives}, **record}


class EmfWriter:
    """Writes each record as a single line, flushed at once, so lines of several workers never interleave."""

    def __init__(self, namespace: str, stream: TextIO | None = None) -> None:
        self.namespace = namespace
        self.stream = stream or sys.stdout

    def write(self, outcomes: Sequence[Outcome]) -> None:
        record = emf_record(outcomes, self.namespace)
        if record is not None:
            self.stream.write(json.dumps(record, separators=(",", ":")) + "\n")
            self.stream.flush()
