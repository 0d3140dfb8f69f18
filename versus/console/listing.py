"""The incident list: filters from the query string, open incidents first, one page of rows.

Sorting and filtering run over the process's `IncidentIndex` (kept current from the event stream), so a
request costs Redis one read of the new events and one pipeline of `page_size` hashes, however many
incidents there are.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

import redis.asyncio as aioredis

from versus.console.index import Entry, IncidentIndex
from versus.store.incidents import decode_incident
from versus.store.keys import Keys

STATES = ("pending", "failed", "escalated", "firing", "acknowledged", "resolved")
STATE_FILTERS = ("open", *STATES)
SEVERITIES = ("critical", "error", "warning", "info")
_QUERY_LIMIT = 100
ROW_FIELDS = (
    "id", "status", "escalation", "summary", "decision", "drill", "created_at", "due_at", "acknowledged_at",
    "acknowledged_by", "acknowledged_late", "escalated_at", "incident_arn", "drill_result", "failed_at",
    "resolved_at", "resolved_by",
)  # fmt: skip
"""What a row shows; the payload (up to the body limit per incident) is read only by the incident page."""


@dataclass(frozen=True)
class Filters:
    team: str = ""
    severity: str = ""
    state: str = ""
    drill: str = ""
    q: str = ""
    page: int = 1

    @classmethod
    def from_query(cls, args: Mapping[str, str]) -> "Filters":
        """Unknown values are dropped rather than refused: a stale bookmark still shows a list."""
        page = args.get("page", "1")
        return cls(
            team=args.get("team", "").strip()[:_QUERY_LIMIT],
            severity=args.get("severity", "").strip().lower()[:_QUERY_LIMIT],
            state=args.get("state", "") if args.get("state", "") in STATE_FILTERS else "",
            drill=args.get("drill", "") if args.get("drill", "") in ("yes", "no") else "",
            q=args.get("q", "").strip().lower()[:_QUERY_LIMIT],
            page=max(1, min(int(page), 1_000_000)) if page.isdigit() else 1,
        )

    def query(self, **changes: str | int) -> dict[str, str | int]:
        """These filters as query parameters (blanks left out), with `changes` applied."""
        values: dict[str, str | int] = {
            "team": self.team, "severity": self.severity, "state": self.state, "drill": self.drill, "q": self.q,
        }  # fmt: skip
        values.update(changes)
        return {key: value for key, value in values.items() if value and not (key == "page" and value == 1)}


@dataclass(frozen=True)
class Page:
    incidents: list[dict[str, Any]]
    total: int
    counts: dict[str, int]
    page: int
    pages: int
    filters: Filters
    window: int
    teams: list[str] = field(default_factory=list)


def state_of(incident: Mapping[str, Any]) -> str:
    """The list's state of one incident; the same rule as the Lua script's."""
    if incident.get("status") == "resolved":
        return "resolved"
    if "acknowledged_at" in incident:
        return "acknowledged"
    escalation = incident.get("escalation")
    if escalation == "pending":
        return "pending"
    if escalation in ("escalating", "escalated"):
        return "escalated"
    return "failed" if escalation == "failed" else "firing"


def _matches(entry: Entry, filters: Filters) -> bool:
    return (
        (not filters.team or entry.team == filters.team)
        and (not filters.severity or entry.severity == filters.severity)
        and (not filters.drill or entry.drill == (filters.drill == "yes"))
        and (not filters.q or filters.q in entry.alertname or filters.q in entry.service)
    )


class IncidentList:
    def __init__(self, client: "aioredis.Redis", keys: Keys, *, page_size: int, window: int) -> None:
        self.client = client
        self.keys = keys
        self.page_size = page_size
        self.window = window
        self.index = IncidentIndex(client, keys, window)

    async def page(self, filters: Filters) -> Page:
        await self.index.refresh()
        buckets: dict[str, list[str]] = {state: [] for state in STATES}
        counts = dict.fromkeys(STATES, 0)
        narrowed = bool(filters.team or filters.severity or filters.drill or filters.q)
        for incident_id, entry in self.index.newest_first():
            if narrowed and not _matches(entry, filters):
                continue
            state = entry.state
            counts[state] += 1
            buckets[state].append(incident_id)
        if filters.state == "open":
            buckets["resolved"] = []
        elif filters.state:
            buckets = {filters.state: buckets[filters.state]}
        ordered = [incident_id for state in STATES for incident_id in buckets.get(state, [])]
        offset = (filters.page - 1) * self.page_size
        ids = ordered[offset : offset + self.page_size]
        async with self.client.pipeline(transaction=False) as pipe:
            for incident_id in ids:
                pipe.hmget(self.keys.incident(incident_id), ROW_FIELDS)
            rows = cast(list[list[str | None]], await pipe.execute())
        hashes = [{k: v for k, v in zip(ROW_FIELDS, row, strict=True) if v is not None} for row in rows]
        incidents = [decode_incident(raw) for raw in hashes if raw]
        for incident in incidents:
            incident["state"] = state_of(incident)
        pages = max(1, -(-len(ordered) // self.page_size))
        return Page(incidents, len(ordered), counts, filters.page, pages, filters, self.window)
