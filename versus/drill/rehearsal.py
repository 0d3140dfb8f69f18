"""What the escalation scheduler does for a drill instead of paging.

The drill goes through the same claim and finish as a real escalation (so it proves the scheduler, the
lease and the ack race work), and ends `escalated` with a `drill_result` saying which response plan a real
page would have started, and no incident ARN. A drill without a response plan fails as the real page would.
"""

from dataclasses import dataclass
from typing import Any

DRILLED = "drilled"
"""finish_escalation outcome: escalated, by rehearsal."""
FAILED = "failed"


@dataclass(frozen=True)
class Rehearsal:
    outcome: str
    detail: str


def would_start(plan_arn: str) -> str:
    return f"would start incident with {plan_arn}"


def rehearse(incident: dict[str, Any]) -> Rehearsal | None:
    """None when the provider must really be called: not a drill, or a drill that asked for a real page."""
    if not incident.get("drill") or incident.get("drill_page"):
        return None
    decision = incident.get("decision") or {}
    plan = decision.get("response_plan_arn")
    if not plan:
        return Rehearsal(FAILED, "drill: no response plan ARN for this incident (a real page would fail too)")
    return Rehearsal(DRILLED, would_start(str(plan)))
