"""The outbox in Redis: claim due deliveries, fence each send with the claim token, record outcomes.

Deliveries are enqueued by the store's own scripts (intake, ack, escalation), in the same atomic step
as the state change they announce; this module only consumes them. Every state change here is a Lua
script too, so a claim, a "may have sent" marker and an outcome can never be half-written.
"""

import contextlib
import time
from dataclasses import dataclass
from typing import Any, cast

from redis.exceptions import OutOfMemoryError

from versus.analytics.events import parse_summary
from versus.notify.priority import ANONYMOUS, Queued
from versus.store.incidents import IncidentStore
from versus.store.keys import Keys
from versus.store.scripts import load

CLAIM = load("versus.notify", "claim_deliveries")
MARK_SENDING = load("versus.notify", "mark_sending")
FINISH = load("versus.notify", "finish_delivery")
MARK_DIGESTED = load("versus.notify", "mark_digested")

_INCIDENT_FIELDS = (
    "escalation", "due_at", "summary", "source", "slack_channel_id", "slack_channel", "slack_ts", "status",
    "digested_at",
)  # fmt: skip


SERVED_TTL_MS = 600_000
"""A destination's fair-share counts are forgotten after ten minutes without a send."""


def stats_key(keys: Keys) -> str:
    """Hash of `{channel}:sent|retried|failed|rate_limited|digested` counters."""
    return keys.outbox_stats


def lag_key(keys: Keys) -> str:
    """Hash: per outbox channel, the age in seconds of its oldest due delivery (written by the workers)."""
    return f"{keys.prefix}outbox:lag"


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
    rate_limited: int = 0
    digested: int = 0


class DeliveryStore:
    def __init__(self, store: IncidentStore) -> None:
        self.store = store
        self.client = store.client
        self.keys = store.keys
        self.scripts = store.scripts

    @property
    def stats_key(self) -> str:
        return stats_key(self.keys)

    @property
    def lag_key(self) -> str:
        return lag_key(self.keys)

    @property
    def digests_key(self) -> str:
        """Set of the Slack channels with a digest message open."""
        return f"{self.keys.prefix}outbox:digests"

    def digest_key(self, slack_channel: str) -> str:
        """Hash: where a Slack channel's digest message is (`ts`) and what it says now (`text`)."""
        return f"{self.keys.prefix}outbox:digest:{slack_channel}"

    async def due(self, limit: int) -> list[str]:
        """The ids of up to `limit` deliveries due now: the earliest half and the latest half, so in a
        backlog longer than `limit` an on-call alert that has just arrived is still seen (and sent first)."""
        now = epoch_ms()
        async with self.client.pipeline(transaction=False) as pipe:
            pipe.zrangebyscore(self.keys.outbox_due, "-inf", now, start=0, num=limit - limit // 2)
            pipe.zrevrangebyscore(self.keys.outbox_due, now, "-inf", start=0, num=limit // 2)
            earliest, latest = await pipe.execute()
        return list(dict.fromkeys(str(i) for i in [*earliest, *reversed(latest)]))

    async def queued(self, limit: int, default_target: dict[str, str]) -> list[Queued]:
        """Up to `limit` due deliveries with what the order needs of each incident (two round trips).
        `default_target`: per outbox channel, where its deliveries go when the incident names nowhere."""
        ids = await self.due(limit)
        if not ids:
            return []
        async with self.client.pipeline(transaction=False) as pipe:
            for delivery_id in ids:
                pipe.hmget(self.keys.delivery(delivery_id), "incident_id", "channel", "kind", "created_at", "status")
            rows = await pipe.execute()
        incident_ids = sorted({row[0] for row in rows if row[0]})
        async with self.client.pipeline(transaction=False) as pipe:
            for incident_id in incident_ids:
                pipe.hmget(self.keys.incident(incident_id), *_INCIDENT_FIELDS)
            incidents = dict(zip(incident_ids, await pipe.execute(), strict=True))
        found = []
        for delivery_id, (incident_id, channel, kind, created_at, status) in zip(ids, rows, strict=True):
            if not incident_id or status or not created_at:
                continue
            incident = dict(zip(_INCIDENT_FIELDS, incidents[incident_id], strict=True))
            found.append(_queued(delivery_id, incident_id, channel, kind, int(created_at), incident, default_target))
        return found

    async def claim(self, delivery_ids: list[str], *, lease_ms: int) -> list[tuple[str, str]]:
        """(delivery id, claim token) pairs now leased to this process: those of `delivery_ids` still due."""
        if not delivery_ids:
            return []
        flat: list[str] = await self.scripts.run(
            CLAIM, strict=False, **self.store.common_args(), ids=delivery_ids, lease_ms=lease_ms
        )
        return list(zip(flat[::2], flat[1::2], strict=True))

    async def mark_digested(self, channel: str, slack_channel: str, incident_ids: list[str]) -> int:
        """Record each incident shown in a digest once (`notified_in_digest` event); returns how many were new."""
        if not incident_ids:
            return 0
        args = {**self.store.common_args(), "ids": incident_ids, "channel": channel, "slack_channel": slack_channel}
        return int(await self.scripts.run(MARK_DIGESTED, strict=False, **args))

    def served_key(self, target: str) -> str:
        """Hash: per source, the sends it was recently given in one destination (for the fair share)."""
        return f"{self.keys.prefix}outbox:served:{target}"

    async def served(self, targets: list[str]) -> dict[str, dict[str, int]]:
        async with self.client.pipeline(transaction=False) as pipe:
            for target in targets:
                pipe.hgetall(self.served_key(target))
            found = await pipe.execute()
        return {t: {str(k): int(v) for k, v in raw.items()} for t, raw in zip(targets, found, strict=True)}

    async def serve(self, picked: list[tuple[str, str]]) -> None:
        """Count one send for each (destination, source); the count lapses after SERVED_TTL_MS unused.
        Advisory, like the lag and the counters: a full Redis skips it rather than hold back the sends."""
        if not picked:
            return
        with contextlib.suppress(OutOfMemoryError):
            async with self.client.pipeline(transaction=False) as pipe:
                for target, source in picked:
                    pipe.hincrby(self.served_key(target), source, 1)
                    pipe.pexpire(self.served_key(target), SERVED_TTL_MS)
                await pipe.execute()

    async def count(self, channel: str, what: str, amount: int = 1) -> None:
        with contextlib.suppress(OutOfMemoryError):
            await self.client.hincrby(self.stats_key, f"{channel}:{what}", amount)

    async def record_lag(self, lag_seconds: dict[str, float]) -> None:
        if lag_seconds:
            with contextlib.suppress(OutOfMemoryError):
                await self.client.hset(self.lag_key, mapping={k: f"{v:.3f}" for k, v in lag_seconds.items()})

    async def lag(self) -> dict[str, float]:
        raw = cast(dict[str, str], await self.client.hgetall(self.lag_key))
        return {channel: float(value) for channel, value in raw.items()}

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
        clear_sending: bool = False,
    ) -> bool:
        """outcome: sent | retry | defer | failed. False when the claim was lost (nothing written).
        `clear_sending` (with retry): the channel refused this attempt's send, so the next claimer need not
        look for an earlier message (keeps the rate-limited history look-up for unanswered sends only)."""
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
            clear_sending=clear_sending,
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
            rate_limited=int(raw.get(f"{channel}:rate_limited", 0)),
            digested=int(raw.get(f"{channel}:digested", 0)),
        )


def epoch_ms(seconds: float | None = None) -> int:
    return int((time.time() if seconds is None else seconds) * 1000)


def _queued(
    delivery_id: str,
    incident_id: str,
    channel: str,
    kind: str,
    created_at_ms: int,
    incident: dict[str, Any],
    default_target: dict[str, str],
) -> Queued:
    summary = parse_summary(incident.get("summary"))
    pending = incident.get("escalation") == "pending" and incident.get("status") != "resolved"
    due = incident.get("due_at")
    posted_in = incident.get("slack_channel")
    target = default_target.get(channel, channel)
    if channel == "slack":
        target = posted_in or incident.get("slack_channel_id") or target
    return Queued(
        delivery_id=delivery_id,
        incident_id=incident_id,
        channel=channel,
        kind=kind,
        seq=int(delivery_id.rsplit(":", 1)[-1]),
        created_at_ms=created_at_ms,
        target=target,
        escalation_due_ms=int(due) if pending and due and due.isdigit() else None,
        critical=summary.get("severity", "").lower() == "critical",
        source=incident.get("source") or ANONYMOUS,
        posted=bool(posted_in and incident.get("slack_ts")),
        digested=bool(incident.get("digested_at")),
        alertname=summary.get("alertname", ""),
        severity=summary.get("severity", ""),
        summary=summary.get("summary", ""),
    )
