"""The loop shared by the per-process workers that take due items from a Redis sorted set.

The escalation scheduler and the notification outbox both keep their work in Redis, claim it with a Lua
script and run in every `versus serve` process. Between claims they sleep until the earliest due time,
at most `max_idle_seconds`, or until `wake()` says new work is due now, so an idle service costs one
cheap Redis call per interval, whatever the number of pending items.
"""

import asyncio
import contextlib
import logging
import time

log = logging.getLogger("versus.store")


class DueLoop:
    def __init__(self, max_idle_seconds: float) -> None:
        self.max_idle_seconds = max_idle_seconds
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Look for due work now instead of at the end of the current sleep."""
        self._wake.set()

    async def run(self) -> None:
        """Never ends on its own: an unexpected error (e.g. from a client library in the middle of a
        failover) is logged and the loop looks again a second later, since a dead loop pages nobody."""
        while True:
            try:
                delay = await self.run_once()
            except Exception:
                log.exception("%s: unexpected error; looking again in 1 s", type(self).__name__)
                delay = 1.0
            if delay > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), delay)
                self._wake.clear()

    async def run_once(self) -> float:
        """Claim and start what is due; return how long to sleep before looking again."""
        raise NotImplementedError

    def sleep_until(self, next_due_ms: int | None) -> float:
        """Seconds to sleep when nothing was claimed: until the next due item, at most the idle interval."""
        if next_due_ms is None:
            return self.max_idle_seconds
        return min(max(next_due_ms / 1000 - time.time(), 0.0), self.max_idle_seconds)
