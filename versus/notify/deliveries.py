"""The outbox in Redis: claim due deliveries, fence each send with the claim token, record outcomes.

Deliveries are enqueued by the store's own scripts (intake, ack, escalation), in the same atomic step
as the state change they announce; this module only consumes them. Every state change here is a Lua
script too, so a claim, a "may have sent" marker and an outcome can never be half-written.
"""

import time
from dataclasses import dataclass
from typing import cast

from versus.store.incidents import IncidentStore
from versus.store.scripts import load

CLAIM = load("versus.notify", "claim_deliveries")
MARK_SENDING = load("versus.notify", "mark_sending")
FINISH = load("versus.notify", "finish_delivery")


@dataclass(frozen=True)
class Delivery:
    """One queued message for one channel, as claimed (with its claim token)."""

    id: str
    incident_id: str
    channel: str
    kind: str
    attempts: int
    created_at_ms: int
    token: str
    sending_since_ms: int | None


@dataclass(frozen=True)
class Stats:
    """Counts per channel since the Redis data began: for the metrics exporter and `versus` reports."""

    sent: int
    retried: int
    failed: int


class DeliveryStore:
    def __init__(self, store: IncidentStore) -> None:
        self.store = store
        self.client = store.client
        self.keys = store.keys
        self.scripts = store.scripts

    async def claim(self, *, lease_ms: int, limit: int) -> list[tuple[str, str]]:
        """(delivery id, claim token) pairs now leased to this process."""
        flat: list[str] = await self.scripts.run(
            CLAIM, strict=False, **self.store.common_args(), lease_ms=lease_ms, limit=limit
        )
        return list(zip(flat[::2], flat[1::2], strict=True))

    async def load(self, delivery_id: str, token: str) -> Delivery | None:
        raw = cast(dict[str, str], await self.client.hgetall(self.keys.delivery(delivery_id)))
        if not raw or raw.get("claims") != token:
            return None
        sending = raw.get("sending_since")
        return Delivery(
            id=delivery_id,
            incident_id=raw["incident_id"],
            channel=raw["channel"],
            kind=raw["kind"],
            attempts=int(raw.get("attempts", 0)),
            created_at_ms=int(raw["created_at"]),
            token=token,
            sending_since_ms=int(sending) if sending else None,
        )

    async def mark_sending(self, delivery: Delivery, *, lease_ms: int) -> bool:
        """Mark and renew the lease. False when another process has claimed the delivery since: do not send."""
        marked = await self.scripts.run(
            MARK_SENDING,
            strict=False,
            **self.store.common_args(),
            id=delivery.id,
            token=delivery.token,
            lease_ms=lease_ms,
        )
        return bool(marked)

    async def finish(
        self,
        delivery: Delivery,
        outcome: str,
        detail: str,
        *,
        next_ms: int = 0,
        incident_fields: dict[str, str] | None = None,
    ) -> bool:
        """outcome: sent | retry | defer | failed. False when the claim was lost (nothing written)."""
        finished = await self.scripts.run(
            FINISH,
            strict=False,
            **self.store.common_args(),
            id=delivery.id,
            token=delivery.token,
            outcome=outcome,
            detail=detail,
            next_ms=next_ms,
            incident_fields=incident_fields or {},
        )
        return bool(finished)

    async def release(self, delivery_id: str, token: str) -> bool:
        """Make a claimed delivery due now, if claim number `token` is still the latest (see DueLoop.stop)."""
        return await self.store.release_claim("outbox_due", "deliveries", delivery_id, token)

    async def next_due_ms(self) -> int | None:
        first = await self.client.zrange(self.keys.outbox_due, 0, 0, withscores=True)
        return int(first[0][1]) if first else None

    async def pending(self) -> int:
        return int(await self.client.zcard(self.keys.outbox_due))

    async def stats(self, channel: str) -> Stats:
        raw = cast(dict[str, str], await self.client.hgetall(self.keys.outbox_stats))
        return Stats(
            sent=int(raw.get(f"{channel}:sent", 0)),
            retried=int(raw.get(f"{channel}:retried", 0)),
            failed=int(raw.get(f"{channel}:failed", 0)),
        )


def epoch_ms(seconds: float | None = None) -> int:
    return int((time.time() if seconds is None else seconds) * 1000)
