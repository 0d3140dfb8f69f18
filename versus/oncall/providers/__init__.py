"""Paging providers: what starts, acknowledges and resolves an incident in an on-call back end.

The scheduler and the outbox see only `Provider`; `registry.build_provider` picks the back end that
`oncall.provider` names. No module outside this package imports a specific back end.
"""

from typing import Any, Protocol

TITLES = {"aws_incident_manager": "AWS Incident Manager", "pagerduty": "PagerDuty", "incident_io": "incident.io"}
"""How people name each back end (messages, reports)."""


def backend_title(incident: dict[str, Any]) -> str:
    """The back end `incident` pages through, as people name it; records older than the choice are AWS's."""
    name = str((incident.get("decision") or {}).get("provider") or "aws_incident_manager")
    return TITLES.get(name, name)


class ProviderError(Exception):
    """A provider call failed. `retryable` says whether trying again later can succeed.

    The message never contains a secret (routing key, API key): it is stored, logged and posted to Slack.
    """

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


class Provider(Protocol):
    name: str
    acknowledges: bool
    """Whether the back end has an acknowledged state that an ack in Versus should set."""

    async def start(self, incident: dict[str, Any]) -> str:
        """Start an incident for `incident` (as stored) and return its record ARN or id.

        Must be idempotent per incident id: a retry, a second replica or a restart never opens a second one.
        """
        ...

    async def resolve(self, incident: dict[str, Any]) -> None:
        """Mark the provider's incident for `incident` (which has its record in `incident_arn`) resolved."""
        ...

    async def acknowledge(self, incident: dict[str, Any]) -> None:
        """Mark the provider's incident acknowledged; only called when `acknowledges` is true."""
        ...

    def rehearse(self, incident: dict[str, Any]) -> str:
        """Say what `start` would do for `incident` (a drill), or raise ProviderError as `start` would."""
        ...

    async def aclose(self) -> None:
        """Release connections and threads at shutdown."""
        ...
