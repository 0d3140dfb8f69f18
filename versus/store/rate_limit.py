"""Intake's rate limit per credential, counted in Redis so that every process and replica shares it.

A fixed one-minute window per credential name: each request adds its number of alerts, and once the
window's count passes the limit the request is refused until the next window. Refused work is counted
too, so a caller that keeps flooding stays refused. The answer past the limit is 503 with Retry-After:
Alertmanager retries 5xx and drops a notification on any 4xx, so a 429 would lose alerts.
"""

import math

import redis.asyncio as aioredis

from versus.store.incidents import now_ms
from versus.store.keys import Keys

WINDOW_MS = 60_000


class IntakeRateLimit:
    def __init__(self, client: "aioredis.Redis", keys: Keys, alerts_per_minute: int) -> None:
        self.client = client
        self.keys = keys
        self.limit = alerts_per_minute

    async def admit(self, scope: str, alerts: int) -> int | None:
        """None when the alerts may be recorded; otherwise the seconds until the window ends."""
        if self.limit <= 0:
            return None
        now = now_ms()
        window = now // WINDOW_MS
        key = self.keys.intake_rate(scope, window)
        count = int(await self.client.incrby(key, alerts))
        if count == alerts or count > self.limit:
            # The window's first request gives the counter its expiry (one command on the hot path, not a
            # transaction); a refusal sets it again, so a counter is never left without one for long.
            await self.client.pexpire(key, 2 * WINDOW_MS)
        if count <= self.limit:
            return None
        return max(1, math.ceil(((window + 1) * WINDOW_MS - now) / 1000))
