"""The incident list: filters from the query string, one page chosen in Redis, rows ready to render.

The by-time index (a sorted set the store keeps) is walked by a read-only Lua script that classifies
and filters the newest `list_window` incidents and returns only the page's ids, so a request costs one
round trip plus one pipeline of `page_size` hashes, however many incidents match.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, cast

import redis.asyncio as aioredis
from redis.commands.core import AsyncScript

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


def _source() -> str:
    return resources.files("versus.console").joinpath("lua", "list_incidents.lua").read_text(encoding="utf-8")


class IncidentList:
    def __init__(self, client: "aioredis.Redis", keys: Keys, *, page_size: int, window: int) -> None:
        self.client = client
        self.keys = keys
        self.page_size = page_size
        self.window = window
        self.script: AsyncScript = client.register_script(_source())

    async def page(self, filters: Filters) -> Page:
        offset = (filters.page - 1) * self.page_size
        criteria = {"team": filters.team, "severity": filters.severity, "state": filters.state,
                    "drill": filters.drill, "q": filters.q}  # fmt: skip
        total, ids, flat = await self.script(
            keys=[self.keys.incidents_by_time],
            args=[self.keys.incident(""), self.window, json.dumps(criteria), offset, self.page_size],
        )
        counts = {str(name): int(count) for name, count in zip(flat[::2], flat[1::2], strict=True)}
        async with self.client.pipeline(transaction=False) as pipe:
            for incident_id in ids:
                pipe.hmget(self.keys.incident(incident_id), ROW_FIELDS)
            rows = cast(list[list[str | None]], await pipe.execute())
        hashes = [{k: v for k, v in zip(ROW_FIELDS, row, strict=True) if v is not None} for row in rows]
        incidents = [decode_incident(raw) for raw in hashes if raw]
        for incident in incidents:
            incident["state"] = state_of(incident)
        pages = max(1, -(-int(total) // self.page_size))
        return Page(incidents, int(total), counts, filters.page, pages, filters, self.window)
