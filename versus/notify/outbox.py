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

Storms (see `priority.py`, `ratelimit.py`, `digest.py`): each pass reads the due deliveries with what the
order needs of their incidents, orders them per destination (pending escalations by due time, then other
critical, then the rest; sources taking turns) and sends the head of each Slack channel's queue only when
Slack's rate limit for that channel and method has room, so on-call alerts go out first and Slack is not
provoked into 429s. Queued `updated` deliveries of one incident collapse into the send that renders its
current state. What would wait longer than `digest_after_seconds` is summarised in the channel's digest
message until its own message follows; one still unposted at the give-up time is given up.
"""

import asyncio
import json
import logging
import random
import time
from collections.abc import Mapping
from typing import cast

from redis.exceptions import RedisError

from versus.notify.channel import Attempt, Channel, ClaimLost, Deferred, DeliveryError, RateLimited
from versus.notify.deliveries import Delivery, DeliveryStore, epoch_ms
from versus.notify.digest import digest
from versus.notify.priority import PENDING_ESCALATION, Group, Queued, order, surplus
from versus.notify.ratelimit import POST_MESSAGE, UPDATE
from versus.notify.slack import SlackChannel
from versus.store.due_loop import DueLoop

log = logging.getLogger("versus.notify")
DIGEST_REFRESH_SECONDS = 10.0
"""A digest is rewritten at most this often (chat.update is limited per workspace)."""
DIGEST_LOCK_MS = 15_000


class OutboxWorker(DueLoop):
    def __init__(
        self,
        deliveries: DeliveryStore,
        channels: Mapping[str, Channel],
        *,
        lease_ms: int = 60_000,
        batch: int = 100,
        scan: int = 5000,
        concurrency: int = 8,
        max_idle_seconds: float = 0.5,
        backoff_base_seconds: float = 1.0,
        max_backoff_seconds: float = 300.0,
        give_up_after_seconds: float = 3600.0,
        defer_seconds: float = 1.0,
        digest_after_seconds: float = 60.0,
        digest_newest: int = 5,
        digest_refresh_seconds: float = DIGEST_REFRESH_SECONDS,
    ) -> None:
        super().__init__(max_idle_seconds)
        self.deliveries = deliveries
        self.channels = dict(channels)
        slack = self.channels.get("slack")
        self.slack = slack if isinstance(slack, SlackChannel) else None
        self.lease_ms = lease_ms
        self.batch = batch
        self.scan = scan
        self.backoff_base_seconds = backoff_base_seconds
        self.max_backoff_seconds = max_backoff_seconds
        self.give_up_after_seconds = give_up_after_seconds
        self.defer_seconds = defer_seconds
        self.digest_after_seconds = digest_after_seconds
        self.digest_newest = digest_newest
        self.digest_refresh_seconds = digest_refresh_seconds
        self._slots = asyncio.Semaphore(concurrency)

    async def run_once(self) -> float:
        """Send the head of each destination's queue that its rate limit allows; return how long to sleep."""
        try:
            defaults = {"slack": self.slack.config.channel_id} if self.slack else {}
            queued = await self.deliveries.queued(self.scan, defaults)
            now = epoch_ms()
            await self.deliveries.record_lag(_lag(queued, now, self.channels))
            queues = order(queued, await self.deliveries.served(sorted({e.target for e in queued})))
            expired = [g for groups in queues.values() for g in groups if self._expired(g, now)]
            picked, wait = await self._pick(queues, {id(g) for g in expired})
            await self.deliveries.serve([(g.first.target, g.first.source) for g in picked])
            if not picked and not expired:
                await self._refresh_digests(queues, now)
                return min(wait, self.sleep_until(await self.deliveries.next_due_ms()))
        except RedisError as exc:
            log.warning("outbox: Redis unavailable (%s); retrying in 1 s", exc)
            return 1.0
        sends = [*(self._send_group(g) for g in picked), *(self._expire(g) for g in expired)]
        await asyncio.gather(*sends, self._refresh_digests_logged(queues, now))
        return 0.0

    async def _pick(self, queues: dict[str, list[Group]], skip: set[int]) -> tuple[list[Group], float]:
        """The groups to send now, and (when a rate limit holds a queue back) the seconds until it allows one."""
        picked: list[Group] = []
        wait = self.max_idle_seconds
        for target, groups in queues.items():
            ready = [g for g in groups if id(g) not in skip]
            if not ready:
                continue
            if ready[0].first.channel != "slack" or self.slack is None:
                picked += ready[: self.batch]
                continue
            method = UPDATE if ready[0].first.posted else POST_MESSAGE
            wait_ms, room = await self.slack.limiter.room(method, target)
            if wait_ms == 0:
                picked += ready[: min(room, self.batch)]
            else:
                wait = min(wait, wait_ms / 1000)
        return picked, wait

    def _expired(self, group: Group, now_ms: int) -> bool:
        """Still waiting behind a backlog for its first message at the give-up time (shown in the digest)."""
        first = group.first
        return (
            first.channel == "slack"
            and first.digested
            and not first.posted
            and group.klass != PENDING_ESCALATION
            and now_ms / 1000 >= group.queued_at_ms / 1000 + self.give_up_after_seconds
        )

    async def _send_group(self, group: Group) -> None:
        """Send one incident's queued deliveries in order; its `updated` ones collapse into those sends."""
        send, collapsed = group.split()
        claims = dict(await self.deliveries.claim([e.delivery_id for e in group.entries], lease_ms=self.lease_ms))
        self.held.update(claims)
        async with self._slots:
            all_sent = True
            for entry in send:
                token = claims.get(entry.delivery_id)
                all_sent = token is not None and await self._process_logged(entry, token) and all_sent
                self.held.pop(entry.delivery_id, None)
            for entry in collapsed:
                token = claims.get(entry.delivery_id)
                delivery = await self.deliveries.load(entry.delivery_id, token) if token else None
                if delivery is not None:
                    if all_sent:
                        await self.deliveries.finish(delivery, "sent", json.dumps({"collapsed": True}))
                    else:
                        await self.deliveries.finish(delivery, "defer", "", next_ms=self._later())
                self.held.pop(entry.delivery_id, None)

    async def release(self, item_id: str, token: str) -> bool:
        return await self.deliveries.release(item_id, token)

    async def _expire(self, group: Group) -> None:
        claims = await self.deliveries.claim([e.delivery_id for e in group.entries], lease_ms=self.lease_ms)
        self.held.update(claims)
        for delivery_id, token in claims:
            delivery = await self.deliveries.load(delivery_id, token)
            if delivery is not None:
                await self._give_up(delivery, "still queued behind a backlog at the give-up time (see the digest)")
            self.held.pop(delivery_id, None)

    async def _process_logged(self, entry: Queued, token: str) -> bool:
        try:
            return await self.process(entry.delivery_id, token)
        except RedisError as exc:
            log.warning("outbox: delivery %s left for its lease to expire: %s", entry.delivery_id, exc)
        except Exception:
            log.exception("outbox: delivery %s left for its lease to expire", entry.delivery_id)
        return False

    async def _refresh_digests_logged(self, queues: dict[str, list[Group]], now_ms: int) -> None:
        """Alongside the sends, so a digest waiting for its rate limit never holds back an on-call message."""
        try:
            await self._refresh_digests(queues, now_ms)
        except RedisError as exc:
            log.warning("outbox: digests not refreshed now: %s", exc)

    async def _refresh_digests(self, queues: dict[str, list[Group]], now_ms: int) -> None:
        if self.slack is None:
            return
        rate = self.slack.limiter.limits[POST_MESSAGE].per_second
        for target, groups in queues.items():
            if groups[0].first.channel == "slack":
                found = surplus(groups, now_ms=now_ms, per_second=rate, bound_seconds=self.digest_after_seconds)
                await self._refresh_digest(target, found, now_ms)
        for open_digest in await self.deliveries.client.smembers(self.deliveries.digests_key):
            if str(open_digest) not in queues:
                await self._refresh_digest(str(open_digest), [], now_ms)

    async def _refresh_digest(self, target: str, groups: list[Group], now_ms: int) -> None:
        """Post, rewrite or close the digest of one Slack channel; then record who it shows."""
        assert self.slack is not None
        key = self.deliveries.digest_key(target)
        client = self.deliveries.client
        state = cast(dict[str, str], await client.hgetall(key))
        if not groups and not state:
            return
        if state and now_ms - int(state.get("updated_at", 0)) < self.digest_refresh_seconds * 1000:
            return
        made = digest(groups, newest=self.digest_newest)
        if state.get("text") == made.text or not await client.set(f"{key}:lock", "1", px=DIGEST_LOCK_MS, nx=True):
            return
        try:
            ts = await self.slack.post_digest(target, state.get("ts"), made.text)
        except DeliveryError as exc:
            log.warning("outbox: digest for %s not sent now (%s); trying again later", target, exc)
            return
        finally:
            await client.delete(f"{key}:lock")
        if groups:
            await client.hset(key, mapping={"ts": ts, "text": made.text, "updated_at": str(epoch_ms())})
            await client.sadd(self.deliveries.digests_key, target)
            await self.deliveries.mark_digested("slack", target, made.incident_ids)
        else:
            await client.delete(key)
            await client.srem(self.deliveries.digests_key, target)

    async def process(self, delivery_id: str, token: str) -> bool:
        """Try one claimed delivery; True when the channel took it and that is recorded."""
        delivery = await self.deliveries.load(delivery_id, token)
        if delivery is None:
            return False
        incident = await self.deliveries.store.get(delivery.incident_id)
        channel = self.channels.get(delivery.channel)
        if incident is None or channel is None:
            why = "the incident record has expired" if incident is None else f"no channel {delivery.channel!r}"
            await self._give_up(delivery, why)
            return False
        overdue = time.time() >= self._deadline(delivery)
        try:
            attempt = Attempt(delivery, self.deliveries, overdue=overdue, lease_ms=self.lease_ms)
            sent = await channel.deliver(attempt, incident)
        except Deferred:
            await self.deliveries.finish(delivery, "defer", "", next_ms=self._later())
            return False
        except ClaimLost:
            log.info("outbox: delivery %s was claimed by another process; leaving it", delivery.id)
            return False
        except RateLimited as exc:
            await self.deliveries.count(delivery.channel, "rate_limited")
            await self.deliveries.finish(delivery, "defer", "", next_ms=epoch_ms(time.time() + (exc.retry_after or 1)))
            return False
        except DeliveryError as exc:
            await self._failed(delivery, exc)
            return False
        except Exception as exc:
            log.exception("outbox: delivery %s raised unexpectedly", delivery.id)
            await self._failed(delivery, DeliveryError(f"internal error: {exc!r}", retryable=True))
            return False
        recorded = await self.deliveries.finish(
            delivery, "sent", json.dumps(sent.detail), incident_fields=sent.incident_fields
        )
        if recorded:
            log.info(
                "sent %s %s for incident %s: %s", delivery.channel, delivery.kind, delivery.incident_id, sent.detail
            )
        else:
            log.warning("outbox: delivery %s was sent but re-claimed meanwhile; its claimer will find it", delivery.id)
        return recorded

    def _later(self) -> int:
        return epoch_ms(time.time() + self.defer_seconds)

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
            await self.deliveries.count(delivery.channel, "rate_limited")
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
        await self.deliveries.finish(delivery, "retry", str(exc), next_ms=epoch_ms(next_at), clear_sending=exc.not_sent)

    async def _give_up(self, delivery: Delivery, why: str) -> None:
        log.error(
            "outbox: gave up on %s %s for incident %s after %d attempt(s): %s",
            delivery.channel, delivery.kind, delivery.incident_id, delivery.attempts + 1, why,
        )  # fmt: skip
        first_message = {f"{delivery.channel}_error": why} if delivery.kind == "created" else {}
        await self.deliveries.finish(delivery, "failed", why, incident_fields=first_message)


def _lag(queued: list[Queued], now_ms: int, channels: Mapping[str, Channel]) -> dict[str, float]:
    """Per outbox channel, the age in seconds of its oldest due delivery (0 when none is due)."""
    lag = dict.fromkeys(channels, 0.0)
    for entry in queued:
        lag[entry.channel] = max(lag.get(entry.channel, 0.0), (now_ms - entry.created_at_ms) / 1000)
    return lag
