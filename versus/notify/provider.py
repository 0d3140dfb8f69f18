"""The "provider" channel: when an escalated alert resolves, resolve the provider's incident record too.

It goes through the outbox, not the request, so a slow or failing AWS call neither delays the answer
to Alertmanager nor gets lost: it is retried with backoff like any delivery. UpdateIncidentRecord to
RESOLVED is idempotent, so a retry after a crash is harmless.
"""

from typing import Any

from versus.notify.channel import Attempt, DeliveryError, Sent
from versus.oncall.providers import Provider, ProviderError


class ProviderChannel:
    name = "provider"

    def __init__(self, provider: Provider) -> None:
        self.provider = provider

    async def deliver(self, attempt: Attempt, incident: dict[str, Any]) -> Sent:
        kind = attempt.delivery.kind
        if kind != "resolve":
            raise DeliveryError(f"the provider channel has no delivery kind {kind!r}", retryable=False)
        record = incident.get("incident_arn")
        if not record:
            raise DeliveryError("the incident has no provider record to resolve", retryable=False)
        try:
            await self.provider.resolve(str(record))
        except ProviderError as exc:
            raise DeliveryError(str(exc), retryable=exc.retryable) from exc
        return Sent({"provider": self.provider.name, "resolved": record})
