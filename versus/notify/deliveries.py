"""The outbox in Redis: claim due deliveries, fence each send with the claim token, record outcomes.

Deliveries are enqueued by the store's own scripts (intake, ack, escalation), in the same atomic step
as the state change they announce; this module only consumes them. Every state change here is a Lua
script too, so a claim, a "may have sent" marker and an outcome can never be half-written.
"""

import json
import time
from dataclasses import dataclass
from typing import cast

from redis.commands.core import AsyncScript

from versus.store.incidents import IncidentStore
from versus.store.scripts import lua_source


def _source(name: str) -> str:
    return lua_source("versus.notify", name)


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
        client = store.client
        self._claim: AsyncScript = client.register_script(_source("claim_deliveries"))
        self._mark: AsyncScript = client.register_script(_source("mark_sending"))
        self._finish: AsyncScript = client.register_script(_source("finish_delivery"))

    @property
    def stats_key(self) -> str:
        """Hash of `{channel}:sent|retried|failed` counters."""
        return f"{self.keys.prefix}outbox:stats"

    async def claim(self, *, lease_ms: int, limit: int) -> list[tuple[str, str]]:
        """(delivery id, claim token) pairs now leased to this process."""
        flat: list[str] = await self._claim(args=[self.store.context(), lease_ms, limit])
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
        return bool(await self._mark(args=[self.store.context(), delivery.id, delivery.token, lease_ms]))

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
        args: list[str | int] = [
            self.store.context(),
            delivery.id,
            delivery.token,
            outcome,
            detail,
            next_ms,
            json.dumps(incident_fields or {}),
        ]
        return bool(await self._finish(args=args))

    async def release(self, delivery_id: str, token: str) -> bool:
        """Make a claimed delivery due now, if claim number `token` is still the latest (see DueLoop.stop)."""
        keys = [self.keys.outbox_due, self.keys.delivery(delivery_id)]
        return bool(await self.store.scripts.release_claim(keys=keys, args=[delivery_id, token, epoch_ms()]))

    async def next_due_ms(self) -> int | None:
        first = await self.client.zrange(self.keys.outbox_due, 0, 0, withscores=True)
        return int(first[0][1]) if first else None

    async def pending(self) -> int:
        return int(await self.client.zcard(self.keys.outbox_due))

    async def stats(self, channel: str) -> Stats:
        raw = cast(dict[str, str], await self.client.hgetall(self.stats_key))
        return Stats(
            sent=int(raw.get(f"{channel}:sent", 0)),
            retried=int(raw.get(f"{channel}:retried", 0)),
            failed=int(raw.get(f"{channel}:failed", 0)),
        )


def epoch_ms(seconds: float | None = None) -> int:
    return int((time.time() if seconds is None else seconds) * 1000)
