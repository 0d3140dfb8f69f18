"""An in-process index of the newest incidents, kept current from the event stream.

The list must stay fast at 10,000 incidents and must not hold Redis up while it sorts them. So each
process keeps, per incident, the little the list sorts and filters on (creation time, team, severity,
alert name, service, drill, and how far it has got: acknowledged, escalated, failed, resolved). It is
loaded once from the by-time index and the incident hashes, then brought up to date on every request by
reading only the events written since (`XRANGE` after the last id seen). Summary fields never change after
creation, and every state change the list shows writes an event (see `versus/store/lua/`), so the index
agrees with Redis as of the request. Rows are still read from the hashes, so what a row says is the truth.
"""

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import redis.asyncio as aioredis

from versus.analytics.events import Event, parse_event, parse_summary
from versus.analytics.outcomes import ACKNOWLEDGED, ESCALATED, ESCALATION_FAILED, RECEIVED, RESOLVED
from versus.store.keys import Keys

_CHUNK = 1_000
_FIELDS = ("created_at", "summary", "drill", "due_at", "status", "escalation", "acknowledged_at")
StreamEntries = list[tuple[str, dict[str, str]]]  # the client decodes responses (see versus.store.connection)


@dataclass
class Entry:
    created_at: int
    team: str
    severity: str
    alertname: str  # lower case, for search
    service: str  # lower case, for search
    drill: bool
    escalates: bool
    acknowledged: bool = False
    escalation: str = ""  # "" (not yet), escalated or failed
    resolved: bool = False

    @property
    def state(self) -> str:
        """The list's state, the same rule as `listing.state_of` applies to a hash."""
        if self.resolved:
            return "resolved"
        if self.acknowledged:
            return "acknowledged"
        if self.escalation:
            return self.escalation
        return "pending" if self.escalates else "firing"


def _entry(created_at: int, summary: dict[str, str], drill: bool, escalates: bool) -> Entry:
    return Entry(
        created_at=created_at,
        team=summary.get("team", ""),
        severity=summary.get("severity", "").lower(),
        alertname=summary.get("alertname", "").lower(),
        service=summary.get("service", "").lower(),
        drill=drill,
        escalates=escalates,
    )


class IncidentIndex:
    """The newest `window` incidents, newest last (dict order is creation order)."""

    def __init__(self, client: "aioredis.Redis", keys: Keys, window: int) -> None:
        self.client = client
        self.keys = keys
        self.window = window
        self.entries: dict[str, Entry] = {}
        self.last_event: str | None = None
        self._lock = asyncio.Lock()

    def newest_first(self) -> Iterator[tuple[str, Entry]]:
        return reversed(self.entries.items())

    async def refresh(self) -> None:
        async with self._lock:
            if self.last_event is None:
                await self._load()
            await self._follow()
            await self._forget_expired()

    async def _load(self) -> None:
        """Every incident of the window from the hashes; events after the stream's end at this moment follow."""
        last = cast(StreamEntries, await self.client.xrevrange(self.keys.events, count=1))
        self.last_event = last[0][0] if last else "0-0"
        ids = cast(list[str], await self.client.zrange(self.keys.incidents_by_time, -self.window, -1))
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            async with self.client.pipeline(transaction=False) as pipe:
                for incident_id in chunk:
                    pipe.hmget(self.keys.incident(incident_id), _FIELDS)
                rows = cast(list[list[str | None]], await pipe.execute())
            for incident_id, row in zip(chunk, rows, strict=True):
                created, summary, drill, due, status, escalation, acknowledged = row
                if created is None:
                    continue  # expired between the two reads
                entry = _entry(int(created), parse_summary(summary), drill == "1", due is not None)
                entry.resolved = status == "resolved"
                entry.acknowledged = acknowledged is not None
                entry.escalation = {"escalating": "", "escalated": "escalated", "failed": "failed"}.get(
                    escalation or "", ""
                )
                self.entries[incident_id] = entry

    async def _follow(self) -> None:
        while True:
            found = cast(
                StreamEntries, await self.client.xrange(self.keys.events, min=f"({self.last_event}", count=_CHUNK)
            )
            for entry_id, fields in found:
                event = parse_event(fields)
                if event is not None:
                    self._apply(event)
                self.last_event = entry_id
            if len(found) < _CHUNK:
                return

    def _apply(self, event: Event) -> None:
        if event.name == RECEIVED:
            if event.incident not in self.entries:
                self.entries[event.incident] = _entry(event.at_ms, event.summary, event.drill, event.escalates)
                if len(self.entries) > self.window:
                    del self.entries[next(iter(self.entries))]
            return
        entry = self.entries.get(event.incident)
        if entry is None:
            return
        if event.name == ACKNOWLEDGED:
            entry.acknowledged = True
        elif event.name == RESOLVED:
            entry.resolved = True
        elif event.name == ESCALATED:
            entry.escalation = "escalated"
        elif event.name == ESCALATION_FAILED:
            entry.escalation = "failed"

    async def _forget_expired(self) -> None:
        """Drop the oldest entries whose hashes Redis has expired (retention), a few at a time."""
        while self.entries:
            oldest = next(iter(self.entries))
            if await self.client.exists(self.keys.incident(oldest)):
                return
            del self.entries[oldest]
