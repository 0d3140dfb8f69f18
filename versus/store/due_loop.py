"""The loop shared by the per-process workers that take due items from a Redis sorted set.

The escalation scheduler and the notification outbox both keep their work in Redis, claim it with a Lua
script and run in every `versus serve` process. Between claims they sleep until the earliest due time,
at most `max_idle_seconds`, or until `wake()` says new work is due now, so an idle service costs one
cheap Redis call per interval, whatever the number of pending items.

On shutdown (`stop`) a worker claims nothing more, lets the work in flight finish for a grace period, and
then gives every claim it still holds back to the due set at once (`release`), so another replica takes it
on its next look instead of waiting for the claim's lease to run out.
"""

import asyncio
import contextlib
import logging
import time

from redis.exceptions import RedisError

log = logging.getLogger("versus.store")


class DueLoop:
    def __init__(self, max_idle_seconds: float) -> None:
        self.max_idle_seconds = max_idle_seconds
        self._wake = asyncio.Event()
        self._stopping = False
        self.held: dict[str, str] = {}
        """Claims this process holds and has not finished: item id → claim token."""

    def wake(self) -> None:
        """Look for due work now instead of at the end of the current sleep."""
        self._wake.set()

    async def run(self) -> None:
        """Until `stop`: an unexpected error (e.g. from a client library in the middle of a failover) is
        logged and the loop looks again a second later, since a dead loop pages nobody."""
        while not self._stopping:
            try:
                delay = await self.run_once()
            except Exception:
                log.exception("%s: unexpected error; looking again in 1 s", type(self).__name__)
                delay = 1.0
            if delay > 0 and not self._stopping:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), delay)
                self._wake.clear()

    async def run_once(self) -> float:
        """Claim and start what is due; return how long to sleep before looking again."""
        raise NotImplementedError

    def in_flight(self) -> set["asyncio.Task[None]"]:
        """Work started by `run_once` that outlives it (none unless a subclass says so)."""
        return set()

    async def release(self, item_id: str, token: str) -> bool:
        """Give one claim back: due now, if the claim is still this process's. True when it was given back."""
        raise NotImplementedError

    async def stop(self, runner: "asyncio.Task[None]", grace_seconds: float) -> None:
        """Claim nothing more, let work in flight finish within `grace_seconds`, then release what is left."""
        self._stopping = True
        self.wake()
        deadline = time.monotonic() + grace_seconds
        for waiting in ({runner}, self.in_flight()):
            if waiting:
                await asyncio.wait(waiting, timeout=max(deadline - time.monotonic(), 0.0))
        unfinished = [task for task in {runner, *self.in_flight()} if not task.done()]
        for task in unfinished:
            task.cancel()
        await asyncio.gather(*unfinished, return_exceptions=True)
        for item_id, token in list(self.held.items()):
            try:
                released = await self.release(item_id, token)
            except RedisError as exc:
                log.warning("could not release %s on shutdown (%s); it is taken again after its lease", item_id, exc)
                continue
            if released:
                log.info("released %s on shutdown: another process takes it now", item_id)
        self.held.clear()

    def sleep_until(self, next_due_ms: int | None) -> float:
        """Seconds to sleep when nothing was claimed: until the next due item, at most the idle interval."""
        if next_due_ms is None:
            return self.max_idle_seconds
        return min(max(next_due_ms / 1000 - time.time(), 0.0), self.max_idle_seconds)
