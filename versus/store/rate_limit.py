"""Intake's rate limit per credential, counted in Redis so that every process and replica shares it.

A fixed one-minute window per credential name. Each process reads the window's count from Redis once (its
first request in the window), then admits against that count plus what it admitted since, and adds its
own admissions to the shared counter in the background (at most `FLUSH_SECONDS` later, one INCRBY for
many requests), so a request costs no extra Redis round trip and no extra fsync. A single process is
exact; several replicas may together overshoot by what they admit within `FLUSH_SECONDS`, which is fine
for what the limit is for: one caller cannot flood the others. Counts not yet added when a process
stops are lost (at most `FLUSH_SECONDS` of them).
The answer past the limit is 503 with Retry-After: Alertmanager retries 5xx and drops a notification on
any 4xx, so a 429 would lose alerts.
"""

import asyncio
import logging
import math
from dataclasses import dataclass

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from versus.store.incidents import now_ms
from versus.store.keys import Keys

WINDOW_MS = 60_000
FLUSH_SECONDS = 0.2
log = logging.getLogger("versus.intake")


@dataclass
class _Window:
    number: int
    shared: int = 0  # the window's count in Redis, as last read
    pending: int = 0  # admitted here, not yet added to Redis
    flushing: bool = False


class IntakeRateLimit:
    def __init__(self, client: "aioredis.Redis", keys: Keys, alerts_per_minute: int) -> None:
        self.client = client
        self.keys = keys
        self.limit = alerts_per_minute
        self._windows: dict[str, _Window] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    async def admit(self, scope: str, alerts: int) -> int | None:
        """None when the alerts may be recorded; otherwise the seconds until the window ends."""
        if self.limit <= 0:
            return None
        now = now_ms()
        number = now // WINDOW_MS
        window = self._windows.get(scope)
        if window is None or window.number != number:
            shared = await self.client.get(self.keys.intake_rate(scope, number))
            window = self._windows.get(scope)  # another request may have started the window meanwhile
            if window is None or window.number != number:
                window = self._windows[scope] = _Window(number, shared=int(shared or 0))
        if window.shared + window.pending + alerts > self.limit:
            return max(1, math.ceil(((number + 1) * WINDOW_MS - now) / 1000))
        window.pending += alerts
        if not window.flushing:
            window.flushing = True
            task = asyncio.get_running_loop().create_task(self._flush(scope, window))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return None

    async def _flush(self, scope: str, window: _Window) -> None:
        await asyncio.sleep(FLUSH_SECONDS)
        added, window.pending, window.flushing = window.pending, 0, False
        key = self.keys.intake_rate(scope, window.number)
        try:
            async with self.client.pipeline(transaction=False) as pipe:
                pipe.incrby(key, added)
                pipe.pexpire(key, 2 * WINDOW_MS)
                shared, _ = await pipe.execute()
        except RedisError as exc:
            window.pending += added
            log.warning("intake rate limit: cannot update the shared count (%s); keeping it here", exc)
            return
        window.shared = int(shared)

    async def close(self) -> None:
        """Stop the background additions (what they still held is lost: at most FLUSH_SECONDS of counts)."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
