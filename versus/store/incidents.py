"""Incidents in Redis: one hash per incident, written only through the atomic scripts."""

import json
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import redis.asyncio as aioredis

from versus.intake.payload import Alert
from versus.oncall.decision import Decision
from versus.store.keys import Keys
from versus.store.scripts import Scripts

DAY_MS = 86_400_000
IDENTITY_TTL_MS = 3 * DAY_MS


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass(frozen=True)
class Recorded:
    incident_id: str
    result: str  # created | updated | resolved


@dataclass(frozen=True)
class AckResult:
    outcome: str  # acknowledged | late | already | missing
    acknowledged_at_ms: int | None
    acknowledged_by: str


class IncidentStore:
    def __init__(
        self,
        client: "aioredis.Redis",
        keys: Keys,
        *,
        channels: Sequence[str] = (),
        retention_days: float = 90.0,
        default_backend: str = "aws_incident_manager",
        resolve_backends: Sequence[str] = (),
        acknowledge_backends: Sequence[str] = (),
    ) -> None:
        """`resolve_backends` / `acknowledge_backends`: the paging back ends whose incident is resolved when
        the alert resolves / acknowledged when someone acknowledges after the page (through the outbox's
        "provider" channel). An incident pages through the back end its decision names, else the default."""
        self.client = client
        self.keys = keys
        self.channels = list(channels)
        self.retention_ms = int(retention_days * DAY_MS)
        self.default_backend = default_backend
        self.resolve_backends = list(resolve_backends)
        self.acknowledge_backends = list(acknowledge_backends)
        self.scripts = Scripts(client)

    def context(self, now: int | None = None) -> str:
        return json.dumps(
            {
                "prefix": self.keys.prefix,
                "now": now_ms() if now is None else now,
                "ttl_ms": self.retention_ms,
                "retention_ms": self.retention_ms,
                "channels": self.channels,
                "default_backend": self.default_backend,
                "resolve_backends": self.resolve_backends,
                "acknowledge_backends": self.acknowledge_backends,
            }
        )

    async def record(
        self,
        alert: Alert,
        decision: Decision,
        *,
        drill: bool = False,
        drill_page: bool = False,
        slack_channel_id: str = "",
    ) -> Recorded:
        """Create or update the incident for `alert`; returns only once Redis has it.

        A drill runs the whole pipeline but the scheduler only rehearses its page, unless `drill_page`.
        `slack_channel_id` (from `?slack_channel_id=`) sends this incident's messages to another channel.
        """
        now = now_ms()
        due = ""
        if decision.enabled and not alert.resolved:
            due = str(now + int(decision.wait_minutes * 60_000))
        incident_id, result = await self.scripts.record(
            args=[
                self.context(now),
                uuid.uuid4().hex,
                alert.identity or "",
                "1" if alert.resolved else "0",
                alert.payload_json(),
                json.dumps(decision.to_json()),
                json.dumps(list(decision.warnings)),
                json.dumps(alert.summary),
                alert.source,
                due,
                IDENTITY_TTL_MS,
                "1" if drill else "0",
                "1" if drill_page else "0",
                slack_channel_id,
            ]
        )
        return Recorded(incident_id=incident_id, result=result)

    async def get(self, incident_id: str) -> dict[str, Any] | None:
        raw = cast(dict[str, str], await self.client.hgetall(self.keys.incident(incident_id)))
        return decode_incident(raw) if raw else None

    async def acknowledge(self, incident_id: str, by: str) -> AckResult:
        outcome, at, who = await self.scripts.acknowledge(args=[self.context(), incident_id, by])
        return AckResult(outcome=outcome, acknowledged_at_ms=int(at) if at else None, acknowledged_by=who)

    async def claim_escalations(self, *, lease_ms: int, limit: int) -> list[dict[str, Any]]:
        """Claim due escalations for this process; returns the claimed incidents as `get` would."""
        claimed: list[list[str]] = await self.scripts.claim_escalations(args=[self.context(), lease_ms, limit])
        return [decode_incident(dict(zip(flat[::2], flat[1::2], strict=True))) for flat in claimed]

    async def finish_escalation(self, incident_id: str, outcome: str, detail: str, next_ms: int = 0) -> bool:
        done = await self.scripts.finish_escalation(args=[self.context(), incident_id, outcome, detail, next_ms])
        return bool(done)

    async def next_escalation_due_ms(self) -> int | None:
        first = await self.client.zrange(self.keys.escalations_due, 0, 0, withscores=True)
        return int(first[0][1]) if first else None


_JSON_FIELDS = ("payload", "decision", "warnings", "summary")
_INT_FIELDS = (
    "created_at", "updated_at", "resolved_at", "due_at", "claimed_at", "escalated_at", "failed_at",
    "acknowledged_at", "notifications", "claims", "attempts", "delivery_seq",
)  # fmt: skip
_BOOL_FIELDS = ("drill", "drill_page", "acknowledged_late")


def decode_incident(raw: dict[str, str]) -> dict[str, Any]:
    """Turn the stored hash into typed JSON-ready values (times stay epoch milliseconds)."""
    incident: dict[str, Any] = dict(raw)
    for name in _JSON_FIELDS:
        if name in incident:
            incident[name] = json.loads(incident[name])
    for name in _INT_FIELDS:
        if name in incident:
            incident[name] = int(incident[name])
    for name in _BOOL_FIELDS:
        incident[name] = incident.get(name) == "1"
    return incident
