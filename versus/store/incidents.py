"""Incidents in Redis: one hash per incident, written only through the atomic scripts."""

import json
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from versus.config.model import ANONYMOUS
from versus.intake.payload import Alert
from versus.oncall.decision import Decision
from versus.store.keys import Keys
from versus.store.replication import ReplicaAck
from versus.store.scripts import Client, ScriptRunner, load

DAY_MS = 86_400_000
IDENTITY_TTL_MS = 3 * DAY_MS


def now_ms() -> int:
    """This process's wall clock, for callers that show or compare times; the scripts use Redis's own."""
    return int(time.time() * 1000)


RECORD = load("versus.store", "record")
ACKNOWLEDGE = load("versus.store", "acknowledge")
CLAIM_ESCALATIONS = load("versus.store", "claim_escalations")
FINISH_ESCALATION = load("versus.store", "finish_escalation")
RESOLVE = load("versus.store", "resolve")
RELEASE_CLAIM = load("versus.store", "release_claim")


@dataclass(frozen=True)
class Recorded:
    incident_id: str
    result: str  # created | updated | resolved


@dataclass(frozen=True)
class AckResult:
    outcome: str  # acknowledged | late | already | missing
    acknowledged_at_ms: int | None
    acknowledged_by: str


@dataclass(frozen=True)
class ResolveResult:
    outcome: str  # resolved | already | missing
    resolved_at_ms: int | None
    resolved_by: str


class IncidentStore:
    def __init__(
        self,
        client: Client,
        keys: Keys,
        *,
        channels: Sequence[str] = (),
        retention_days: float = 90.0,
        default_backend: str = "aws_incident_manager",
        resolve_backends: Sequence[str] = (),
        acknowledge_backends: Sequence[str] = (),
        replica_ack: ReplicaAck | None = None,
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
        self.scripts = ScriptRunner(client, keys, replica_ack or ReplicaAck())

    def common_args(self) -> dict[str, Any]:
        """The arguments every script takes (see `versus/store/lua/common.lua`)."""
        return {
            "ttl_ms": self.retention_ms,
            "retention_ms": self.retention_ms,
            "channels": self.channels,
            "default_backend": self.default_backend,
            "resolve_backends": self.resolve_backends,
            "acknowledge_backends": self.acknowledge_backends,
        }

    async def record(
        self,
        alert: Alert,
        decision: Decision,
        *,
        drill: bool = False,
        drill_page: bool = False,
        slack_channel_id: str = "",
        source: str = ANONYMOUS,
    ) -> Recorded:
        """Create or update the incident for `alert`; returns only once Redis (and, with
        `redis.min_replicas_to_ack`, that many replicas) has it.

        A drill runs the whole pipeline but the scheduler only rehearses its page, unless `drill_page`.
        `slack_channel_id` (from `?slack_channel_id=`) sends this incident's messages to another channel.
        `source` is the intake credential's name, stored as the incident's `source` field.
        """
        args = self._record_args(alert, decision, drill, drill_page, slack_channel_id, source)
        incident_id, result = await self.scripts.run(RECORD, **args)
        return Recorded(incident_id=incident_id, result=result)

    async def record_all(
        self,
        alerts: Sequence[tuple[Alert, Decision]],
        *,
        drill: bool = False,
        drill_page: bool = False,
        slack_channel_id: str = "",
        source: str = ANONYMOUS,
    ) -> list[Recorded]:
        """Record every alert of one request in one MULTI/EXEC: all of them or none, even if the caller
        hangs up or Redis fills up half way (each script refuses before its first write when Redis is out
        of memory, and the transaction runs whole once EXEC is sent)."""
        if len(alerts) == 1:
            alert, decision = alerts[0]
            one = await self.record(
                alert, decision, drill=drill, drill_page=drill_page, slack_channel_id=slack_channel_id, source=source
            )
            return [one]
        calls = [
            self._record_args(alert, decision, drill, drill_page, slack_channel_id, source)
            for alert, decision in alerts
        ]
        replies = await self.scripts.run_all(RECORD, calls)
        return [Recorded(incident_id=incident_id, result=result) for incident_id, result in replies]

    def _record_args(
        self, alert: Alert, decision: Decision, drill: bool, drill_page: bool, slack_channel_id: str, source: str
    ) -> dict[str, Any]:
        args = self.common_args()
        if decision.enabled and not alert.resolved:
            args["escalate_in_ms"] = int(decision.wait_minutes * 60_000)
        return {
            **args,
            "id": uuid.uuid4().hex,
            "identity": alert.identity or "",
            "resolved": alert.resolved,
            "payload": alert.payload_json(),
            "decision": json.dumps(decision.to_json()),
            "warnings": json.dumps(list(decision.warnings)),
            "summary": json.dumps(alert.summary),
            "source": source,
            "format": alert.source,
            "identity_ttl_ms": IDENTITY_TTL_MS,
            "drill": drill,
            "drill_page": drill_page,
            "slack_channel_id": slack_channel_id,
        }

    async def get(self, incident_id: str) -> dict[str, Any] | None:
        raw = cast(dict[str, str], await self.client.hgetall(self.keys.incident(incident_id)))  # type: ignore[misc]
        return decode_incident(raw) if raw else None

    async def acknowledge(self, incident_id: str, by: str) -> AckResult:
        outcome, at, who = await self.scripts.run(ACKNOWLEDGE, **self.common_args(), id=incident_id, by=by)
        return AckResult(outcome=outcome, acknowledged_at_ms=int(at) if at else None, acknowledged_by=who)

    async def resolve(self, incident_id: str, by: str) -> ResolveResult:
        """Resolve by hand; a pending escalation is cancelled in the same atomic step."""
        outcome, at, who = await self.scripts.run(RESOLVE, **self.common_args(), id=incident_id, by=by)
        return ResolveResult(outcome=outcome, resolved_at_ms=int(at) if at else None, resolved_by=who)

    async def release_escalation(self, incident_id: str, token: str) -> bool:
        """Make a claimed escalation due now, if claim number `token` is still the latest (see DueLoop.stop)."""
        return await self.release_claim("escalations_due", "incidents", incident_id, token)

    async def release_claim(self, due: str, items: str, item_id: str, token: str) -> bool:
        """Give claim `token` on `item_id` back to the due set `due` (a `Keys` name), if it is still the latest."""
        args = {**self.common_args(), "due": due, "items": items, "id": item_id, "token": token}
        return bool(await self.scripts.run(RELEASE_CLAIM, strict=False, **args))

    async def claim_escalations(self, *, lease_ms: int, limit: int) -> list[dict[str, Any]]:
        """Claim due escalations for this process; returns the claimed incidents as `get` would."""
        claimed: list[list[str]] = await self.scripts.run(
            CLAIM_ESCALATIONS, strict=False, **self.common_args(), lease_ms=lease_ms, limit=limit
        )
        return [decode_incident(dict(zip(flat[::2], flat[1::2], strict=True))) for flat in claimed]

    async def finish_escalation(self, incident_id: str, outcome: str, detail: str, retry_in_ms: int = 0) -> bool:
        done = await self.scripts.run(
            FINISH_ESCALATION,
            strict=False,
            **self.common_args(),
            id=incident_id,
            outcome=outcome,
            detail=detail,
            retry_in_ms=retry_in_ms,
        )
        return bool(done)

    async def next_escalation_due_ms(self) -> int | None:
        first = await self.client.zrange(self.keys.escalations_due, 0, 0, withscores=True)  # type: ignore[misc]
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
