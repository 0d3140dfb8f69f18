"""What the outbox asks of a channel (Slack, the paging provider, …) and what a channel may answer."""

from dataclasses import dataclass, field
from typing import Any, Protocol

from versus.notify.deliveries import Delivery, DeliveryStore


class DeliveryError(Exception):
    """The channel did not take the message. `retryable`: trying later can succeed; `retry_after`: the
    channel said when (Slack's Retry-After), which the outbox honours instead of its own backoff;
    `not_sent`: the channel answered this attempt's send with a refusal, after any look-up for an earlier
    send had found none, so no message of this delivery exists and the next attempt need not look."""

    def __init__(
        self, message: str, *, retryable: bool, retry_after: float | None = None, not_sent: bool = False
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.retry_after = retry_after
        self.not_sent = not_sent


class RateLimited(DeliveryError):
    """Not now: a rate limit (ours, or a pause after Slack's 429) allows `method` again in `retry_after` s.
    The outbox puts the delivery back for then without counting an attempt."""

    def __init__(self, method: str, channel: str, retry_after: float) -> None:
        super().__init__(f"{method}: rate limited in {channel}", retryable=True, retry_after=retry_after)
        self.method = method
        self.channel = channel


class Deferred(Exception):
    """Not yet: this delivery depends on one that has not landed (an update before its message exists)."""


class ClaimLost(Exception):
    """Another process claimed the delivery after this one's lease ran out: stop, send nothing."""


@dataclass(frozen=True)
class Sent:
    """The channel accepted the delivery. `detail` is kept on the delivery (e.g. Slack channel and ts);
    `incident_fields` are written to the incident in the same atomic step (e.g. where its message is)."""

    detail: dict[str, Any]
    incident_fields: dict[str, str] = field(default_factory=dict)


class Attempt:
    """One try at one claimed delivery."""

    def __init__(self, delivery: Delivery, deliveries: DeliveryStore, *, overdue: bool, lease_ms: int) -> None:
        self.delivery = delivery
        self.overdue = overdue
        """Past the give-up time: a channel should stop waiting for other deliveries and send what it can."""
        self._deliveries = deliveries
        self._lease_ms = lease_ms

    async def mark_sending(self) -> None:
        """Call right before a send that is not idempotent (it renews the lease). Raises ClaimLost if the
        lease has gone to another process."""
        if not await self._deliveries.mark_sending(self.delivery, lease_ms=self._lease_ms):
            raise ClaimLost(self.delivery.id)


class Channel(Protocol):
    name: str

    async def deliver(self, attempt: Attempt, incident: dict[str, Any]) -> Sent:
        """Send `attempt.delivery` for `incident` (as stored now). Raises DeliveryError, Deferred or ClaimLost."""
        ...
