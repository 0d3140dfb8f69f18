"""What the escalation scheduler does for a drill instead of paging.

The drill goes through the same claim and finish as a real escalation (so it proves the scheduler, the
lease and the ack race work), and ends `escalated` with a `drill_result` saying what a real page would have
done in the configured back end (which response plan, PagerDuty service or incident.io alert source), and
no incident record. A drill the back end could not page fails as the real page would.
"""

from dataclasses import dataclass
from typing import Any

from versus.oncall.providers import Provider, ProviderError

DRILLED = "drilled"
"""finish_escalation outcome: escalated, by rehearsal."""
FAILED = "failed"


@dataclass(frozen=True)
class Rehearsal:
    outcome: str
    detail: str


def rehearse(incident: dict[str, Any], provider: Provider) -> Rehearsal | None:
    """None when the provider must really be called: not a drill, or a drill that asked for a real page."""
    if not incident.get("drill") or incident.get("drill_page"):
        return None
    try:
        return Rehearsal(DRILLED, provider.rehearse(incident))
    except ProviderError as exc:
        return Rehearsal(FAILED, f"drill: {exc} (a real page would fail too)")
