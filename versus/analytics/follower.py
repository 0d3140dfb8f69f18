"""Follow the event stream and turn each event into metric outcomes, exactly once across all processes.

Every `versus serve` worker (and replica) joins one Redis consumer group on `{prefix}events`, so each event
is handed to exactly one of them, which counts it in its own Prometheus values (summed at scrape, see
`prometheus.py`) and writes its EMF line. The group starts at the stream's end when first created: counters
describe what happened while metrics were on; older history is the report's business.

An entry is acknowledged (XACK) after it has been counted. Entries a dead consumer left unacknowledged for
`reclaim_after_ms` are claimed by a live one (XAUTOCLAIM), so a crash loses nothing: delivery is at least
once, and a crash between counting and XACK can count up to one batch twice. Each process is a consumer of
its own name; joining forgets consumers that have been idle for a day with nothing pending, so restarts do
not pile names up in the group (a live one that is forgotten is re-created by its next read).
"""

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Callable, Sequence
from typing import cast

import redis.asyncio as aioredis
from redis.exceptions import RedisError, ResponseError

from versus.analytics.events import Event, parse_event, parse_summary
from versus.analytics.labels import LabelBounds
from versus.analytics.outcomes import RECEIVED, IncidentContext, Outcome, outcomes
from versus.store.keys import Keys

log = logging.getLogger("versus.analytics")

GROUP = "versus-analytics"
_CONTEXT_FIELDS = ("created_at", "summary", "drill", "cancelled_reason")
Sink = Callable[[Sequence[Outcome]], None]
_Entries = list[tuple[str, dict[str, str]]]  # the client decodes responses (see versus.store.connection)


class EventFollower:
    def __init__(
        self,
        client: "aioredis.Redis",
        keys: Keys,
        sinks: Sequence[Sink],
        *,
        bounds: LabelBounds | None = None,
        batch: int = 100,
        block_ms: int = 500,
        reclaim_after_ms: int = 60_000,
        forget_idle_after_ms: int = 86_400_000,
    ) -> None:
        self.client = client
        self.keys = keys
        self.sinks = list(sinks)
        self.bounds = bounds or LabelBounds()
        self.batch = batch
        self.block_ms = block_ms
        self.reclaim_after_ms = reclaim_after_ms
        self.forget_idle_after_ms = forget_idle_after_ms
        self.consumer = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"

    async def join(self) -> None:
        """Create the group at the stream's end if it does not exist yet (MKSTREAM: before any event)."""
        try:
            await self.client.xgroup_create(self.keys.events, GROUP, id="$", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise
        for consumer in await self.client.xinfo_consumers(self.keys.events, GROUP):
            if consumer["pending"] == 0 and consumer["idle"] >= self.forget_idle_after_ms:
                await self.client.xgroup_delconsumer(self.keys.events, GROUP, consumer["name"])

    async def run(self) -> None:
        while True:
            try:
                await self.join()
                while True:
                    await self.run_once()
            except RedisError as exc:
                log.warning("metrics: event stream unavailable (%s); retrying in 1 s", exc)
                await asyncio.sleep(1.0)
            except Exception:
                log.exception("metrics: counting an event failed; its entry stays pending and is reclaimed")
                await asyncio.sleep(1.0)

    async def run_once(self) -> int:
        """Count what a dead consumer left behind, then wait briefly for new events; return how many."""
        reclaimed = await self.client.xautoclaim(
            self.keys.events, GROUP, self.consumer, self.reclaim_after_ms, "0-0", count=self.batch
        )
        entries = cast(_Entries, reclaimed[1])
        if not entries:
            answer = cast(
                list[tuple[str, _Entries]],
                await self.client.xreadgroup(
                    GROUP, self.consumer, {self.keys.events: ">"}, count=self.batch, block=self.block_ms
                ),
            )
            entries = [entry for _, stream_entries in answer or [] for entry in stream_entries]
        for entry_id, fields in entries:
            event = parse_event(fields or {})
            if event is not None:
                await self._count(event)
            await self.client.xack(self.keys.events, GROUP, entry_id)
        return len(entries)

    async def _count(self, event: Event) -> None:
        values = cast(list[str | None], await self.client.hmget(self.keys.incident(event.incident), _CONTEXT_FIELDS))
        raw = dict(zip(_CONTEXT_FIELDS, values, strict=True))
        summary = event.summary if event.name == RECEIVED else parse_summary(raw.get("summary"))
        found = outcomes(event, IncidentContext.from_hash(raw, summary), self.bounds)
        if found:
            for sink in self.sinks:
                sink(found)
