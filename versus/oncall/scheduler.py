"""The escalation scheduler: claims due escalations from Redis and pages through the provider.

Every `versus serve` process runs one (see `versus.store.due_loop`). The due times live in a Redis sorted
set, never in this process: a claim is a Lua script, so exactly one process takes each item, and a restart
finds overdue items and fires them at once.
"""

import asyncio
import logging
import random
import time
from typing import Any

from redis.exceptions import RedisError

from versus.drill.rehearsal import rehearse
from versus.oncall.providers import Provider, ProviderError
from versus.store.due_loop import DueLoop
from versus.store.incidents import IncidentStore

log = logging.getLogger("versus.oncall")
REDIS_ATTEMPTS = 8


class EscalationScheduler(DueLoop):
    def __init__(
        self,
        store: IncidentStore,
        provider: Provider,
        *,
        lease_ms: int = 60_000,
        concurrency: int = 32,
        max_idle_seconds: float = 0.5,
        backoff_base_seconds: float = 2.0,
        backoff_cap_seconds: float = 300.0,
        give_up_after_seconds: float = 3600.0,
    ) -> None:
        super().__init__(max_idle_seconds)
        self.store = store
        self.provider = provider
        self.lease_ms = lease_ms
        self.concurrency = concurrency
        self._running: set[asyncio.Task[None]] = set()
        self.backoff_base_seconds = backoff_base_seconds
        self.backoff_cap_seconds = backoff_cap_seconds
        self.give_up_after_seconds = give_up_after_seconds

    async def run_once(self) -> float:
        """Claim as much due work as there are free slots and start it; return how long to sleep.

        Claiming only for free slots keeps a claimed item from waiting behind others in this process
        while another process has capacity to take it.
        """
        free = self.concurrency - len(self._running)
        if free <= 0:
            await asyncio.wait(self._running, return_when=asyncio.FIRST_COMPLETED)
            return 0.0
        try:
            claimed = await self.store.claim_escalations(lease_ms=self.lease_ms, limit=free)
            if claimed:
                for incident in claimed:
                    self.held[str(incident["id"])] = str(incident["claims"])
                    task = asyncio.create_task(self.escalate(incident))
                    self._running.add(task)
                    task.add_done_callback(self._running.discard)
                return 0.0
            next_due = await self.store.next_escalation_due_ms()
        except RedisError as exc:
            log.warning("escalation scheduler: Redis unavailable (%s); retrying in 1 s", exc)
            return 1.0
        return self.sleep_until(next_due)

    def in_flight(self) -> set[asyncio.Task[None]]:
        return set(self._running)

    async def release(self, item_id: str, token: str) -> bool:
        return await self.store.release_escalation(item_id, token)

    async def escalate(self, claimed: dict[str, Any]) -> None:
        """Escalate one claimed incident; once done (not cancelled), this process no longer holds its claim."""
        await self._escalate(claimed)
        self.held.pop(str(claimed["id"]), None)

    async def _escalate(self, claimed: dict[str, Any]) -> None:
        """Escalate one claimed incident, riding out a Redis restart.

        Redis trouble mid-way is retried here, within the claim's lease, instead of leaving the item to
        be claimed again when the lease runs out: the provider call is idempotent, so a repeat is safe.
        A retry reads the incident again, since a failed attempt may have changed it.
        """
        incident_id = str(claimed["id"])
        incident: dict[str, Any] | None = claimed
        for attempt in range(REDIS_ATTEMPTS):
            try:
                if incident is None:
                    incident = await self.store.get(incident_id)
                await self._escalate_once(incident_id, incident)
                return
            except RedisError as exc:
                incident = None
                log.warning("escalation of %s: Redis unavailable (%s); attempt %d", incident_id, exc, attempt + 1)
                await asyncio.sleep(min(0.2 * 2**attempt, 5.0))
        log.error("escalation of %s left to be claimed again after its lease: Redis kept failing", incident_id)

    async def _escalate_once(self, incident_id: str, incident: dict[str, Any] | None) -> None:
        if incident is None:
            await self.store.finish_escalation(incident_id, "failed", "incident record expired")
            return
        rehearsal = rehearse(incident, self.provider)
        if rehearsal is not None:
            await self.store.finish_escalation(incident_id, rehearsal.outcome, rehearsal.detail)
            log.info("drill incident %s: %s", incident_id, rehearsal.detail)
            return
        try:
            record = await self.provider.start(incident)
        except ProviderError as exc:
            await self._failed(incident, exc)
            return
        await self.store.finish_escalation(incident_id, "escalated", record)
        log.info("escalated incident %s: %s", incident_id, record)

    async def _failed(self, incident: dict[str, object], exc: ProviderError) -> None:
        incident_id = str(incident["id"])
        attempts = int(str(incident.get("attempts", 0)))
        started = int(str(incident.get("due_at", incident["created_at"]))) / 1000
        if exc.retryable and time.time() - started < self.give_up_after_seconds:
            delay = min(self.backoff_cap_seconds, self.backoff_base_seconds * 2**attempts)
            delay *= random.uniform(0.8, 1.2)
            log.warning("escalation of %s failed (%s); retry %d in %.1f s", incident_id, exc, attempts + 1, delay)
            await self.store.finish_escalation(incident_id, "retry", str(exc), retry_in_ms=int(delay * 1000))
            return
        log.error("escalation of %s failed for good: %s", incident_id, exc)
        await self.store.finish_escalation(incident_id, "failed", str(exc))
