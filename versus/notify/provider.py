"""The "provider" channel: keep the back end's incident in step with Versus after the page went out.

Kind "resolve": the escalated alert resolved, so resolve the provider's incident too. Kind "acknowledge":
someone acknowledged in Versus after the page, so acknowledge it in back ends that have that state
(PagerDuty). Both go through the outbox, not the request, so a slow or failing call neither delays the
answer to Alertmanager nor gets lost: it is retried with backoff like any delivery. Both calls are
idempotent in every back end, so a retry after a crash is harmless.
"""

from typing import Any

from versus.notify.channel import Attempt, DeliveryError, Sent
from versus.oncall.providers import Provider, ProviderError

KINDS = ("resolve", "acknowledge")


class ProviderChannel:
    name = "provider"

    def __init__(self, provider: Provider) -> None:
        self.provider = provider

    async def deliver(self, attempt: Attempt, incident: dict[str, Any]) -> Sent:
        kind = attempt.delivery.kind
        if kind not in KINDS:
            raise DeliveryError(f"the provider channel has no delivery kind {kind!r}", retryable=False)
        record = incident.get("incident_arn")
        if not record:
            raise DeliveryError(f"the incident has no provider record to {kind}", retryable=False)
        try:
            if kind == "resolve":
                await self.provider.resolve(incident)
            else:
                await self.provider.acknowledge(incident)
        except ProviderError as exc:
            raise DeliveryError(str(exc), retryable=exc.retryable) from exc
        return Sent({"provider": self.provider.name, f"{kind}d": record})
