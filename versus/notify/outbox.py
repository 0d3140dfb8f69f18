"""The outbox worker: sends queued deliveries, retries with capped backoff, gives up after a deadline.

Every `versus serve` process runs one, like the escalation scheduler: due times live in the Redis
sorted set `{prefix}outbox:due`, a Lua script claims items with a lease, and nothing is held in memory,
so a restart loses nothing and any number of processes can share the work.

Delivery guarantee (what a reader of the channel can rely on):
- Every delivery is attempted until the channel accepts it or `give_up_after_seconds` (counted from
  when it was queued) has passed; a give-up is logged, counted (`{prefix}outbox:stats`) and written to
  the events stream as `notify_failed`. Acceptance is written as `notified`.
- A delivery the channel accepted is recorded before it leaves the outbox, and is never sent again.
- A crash (or lost lease) between the channel's acceptance and the record cannot make a duplicate
  either: before any non-idempotent send the claimer marks the delivery "sending" (fenced by its claim
  token), and whoever claims a marked delivery first looks in the channel for a message carrying this
  delivery's id (Slack message metadata) and records that message instead of sending another. A failed
  look-up is retried, never skipped. Marking renews the lease, and a send is bounded by its HTTP timeout
  (10 s, well under the 60 s lease), so no other process can claim the delivery while a send is in flight.
- So each delivery is shown once, with two stated limits: if Slack's history did not yet list a message
  it had accepted, the look-up would miss it and the message would be posted a second time; and a
  delivery given up after an unanswered send (a timeout) may in fact have arrived.
- Deliveries of one incident claimed together are sent in the order they were queued; each one renders
  the incident's current state, so the message converges on the truth whatever the order.
"""

import asyncio
import json
import logging
import random
import time
from collections import defaultdict
from collections.abc import Mapping

from redis.exceptions import RedisError

from versus.notify.channel import Attempt, Channel, ClaimLost, Deferred, DeliveryError
from versus.notify.deliveries import Delivery, DeliveryStore, epoch_ms
from versus.store.due_loop import DueLoop

log = logging.getLogger("versus.notify")


class OutboxWorker(DueLoop):
    def __init__(
        self,
        deliveries: DeliveryStore,
        channels: Mapping[str, Channel],
        *,
        lease_ms: int = 60_000,
        batch: int = 100,
        concurrency: int = 8,
        max_idle_seconds: float = 0.5,
        backoff_base_seconds: float = 1.0,
        max_backoff_seconds: float = 300.0,
        give_up_after_seconds: float = 3600.0,
        defer_seconds: float = 1.0,
    ) -> None:
        super().__init__(max_idle_seconds)
        self.deliveries = deliveries
        self.channels = dict(channels)
        self.lease_ms = lease_ms
        self.batch = batch
        self.backoff_base_seconds = backoff_base_seconds
        self.max_backoff_seconds = max_backoff_seconds
        self.give_up_after_seconds = give_up_after_seconds
        self.defer_seconds = defer_seconds
        self._slots = asyncio.Semaphore(concurrency)

    async def run_once(self) -> float:
        """Claim and send what is due; return how long to sleep before looking again."""
        try:
            claimed = await self.deliveries.claim(lease_ms=self.lease_ms, limit=self.batch)
            if claimed:
                self.held.update(claimed)
                await asyncio.gather(*(self._send_in_order(group) for group in _by_incident(claimed)))
                return 0.0
            next_due = await self.deliveries.next_due_ms()
        except RedisError as exc:
            log.warning("outbox: Redis unavailable (%s); retrying in 1 s", exc)
            return 1.0
        return self.sleep_until(next_due)

    async def _send_in_order(self, claims: list[tuple[str, str]]) -> None:
        async with self._slots:
            for delivery_id, token in claims:
                try:
                    await self.process(delivery_id, token)
                except RedisError as exc:
                    log.warning("outbox: delivery %s left for its lease to expire: %s", delivery_id, exc)
                except Exception:
                    log.exception("outbox: delivery %s left for its lease to expire", delivery_id)
                self.held.pop(delivery_id, None)

    async def release(self, item_id: str, token: str) -> bool:
        return await self.deliveries.release(item_id, token)

    async def process(self, delivery_id: str, token: str) -> None:
        delivery = await self.deliveries.load(delivery_id, token)
        if delivery is None:
            return
        incident = await self.deliveries.store.get(delivery.incident_id)
        channel = self.channels.get(delivery.channel)
        if incident is None or channel is None:
            why = "the incident record has expired" if incident is None else f"no channel {delivery.channel!r}"
            await self._give_up(delivery, why)
            return
        overdue = time.time() >= self._deadline(delivery)
        try:
            attempt = Attempt(delivery, self.deliveries, overdue=overdue, lease_ms=self.lease_ms)
            sent = await channel.deliver(attempt, incident)
        except Deferred:
            await self.deliveries.finish(delivery, "defer", "", next_ms=epoch_ms(time.time() + self.defer_seconds))
            return
        except ClaimLost:
            log.info("outbox: delivery %s was claimed by another process; leaving it", delivery.id)
            return
        except DeliveryError as exc:
            await self._failed(delivery, exc)
            return
        except Exception as exc:
            log.exception("outbox: delivery %s raised unexpectedly", delivery.id)
            await self._failed(delivery, DeliveryError(f"internal error: {exc!r}", retryable=True))
            return
        recorded = await self.deliveries.finish(
            delivery, "sent", json.dumps(sent.detail), incident_fields=sent.incident_fields
        )
        if recorded:
            log.info(
                "sent %s %s for incident %s: %s", delivery.channel, delivery.kind, delivery.incident_id, sent.detail
            )
        else:
            log.warning("outbox: delivery %s was sent but re-claimed meanwhile; its claimer will find it", delivery.id)

    def _deadline(self, delivery: Delivery) -> float:
        return delivery.created_at_ms / 1000 + self.give_up_after_seconds

    def backoff(self, attempts: int) -> float:
        """Capped exponential backoff with ±20 % jitter, so replicas retrying together spread out."""
        delay = min(self.max_backoff_seconds, self.backoff_base_seconds * 2 ** min(attempts, 32))
        return delay * random.uniform(0.8, 1.2)

    async def _failed(self, delivery: Delivery, exc: DeliveryError) -> None:
        now = time.time()
        deadline = self._deadline(delivery)
        if not exc.retryable or now >= deadline:
            await self._give_up(delivery, str(exc))
            return
        if exc.retry_after is not None:
            next_at = now + exc.retry_after
            if next_at > deadline:
                await self._give_up(delivery, f"{exc} (asked to wait {exc.retry_after:g} s, past the give-up time)")
                return
        else:
            next_at = min(now + self.backoff(delivery.attempts), deadline)
        log.warning(
            "outbox: %s %s for incident %s failed (%s); attempt %d in %.1f s",
            delivery.channel, delivery.kind, delivery.incident_id, exc, delivery.attempts + 2, next_at - now,
        )  # fmt: skip
        await self.deliveries.finish(delivery, "retry", str(exc), next_ms=epoch_ms(next_at))

    async def _give_up(self, delivery: Delivery, why: str) -> None:
        log.error(
            "outbox: gave up on %s %s for incident %s after %d attempt(s): %s",
            delivery.channel, delivery.kind, delivery.incident_id, delivery.attempts + 1, why,
        )  # fmt: skip
        first_message = {f"{delivery.channel}_error": why} if delivery.kind == "created" else {}
        await self.deliveries.finish(delivery, "failed", why, incident_fields=first_message)


def _by_incident(claimed: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """One ordered list per incident, so changes to one message never race each other in this process."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for delivery_id, token in claimed:
        groups[delivery_id.rsplit(":", 1)[0]].append((delivery_id, token))
    for group in groups.values():
        group.sort(key=lambda claim: int(claim[0].rsplit(":", 1)[-1]))
    return list(groups.values())
