"""Start-up upgrade from data format 1 (the release before hash-tagged keys), written by that release's own
scripts (tests/data/format1): pending escalations and undelivered messages survive and fire exactly once,
with two receivers starting on the data at the same time."""

import json
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import redis

from tests.fakes.aws import FakeAwsService, IncidentManagerState
from tests.fakes.slack import FakeSlack
from tests.support.receiver import Receiver
from tests.support.redis_cluster import wait_until
from versus.store.keys import Keys
from versus.store.schema import FORMAT_VERSION

FORMAT_1 = Path(__file__).resolve().parents[2] / "data" / "format1"
PLAN = "arn:aws:ssm-incidents::123456789012:response-plan/PlatformCriticalPlan"


class Format1Writer:
    """What intake and the ack link of the format-1 release did, with its scripts and argument order."""

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        prelude = (FORMAT_1 / "prelude.lua").read_text(encoding="utf-8")
        self.record_script = client.register_script(prelude + (FORMAT_1 / "record.lua").read_text(encoding="utf-8"))
        self.ack_script = client.register_script(prelude + (FORMAT_1 / "acknowledge.lua").read_text(encoding="utf-8"))
        self.prefix = prefix

    def context(self) -> str:
        ms = int(time.time() * 1000)
        return json.dumps(
            {"prefix": self.prefix, "now": ms, "ttl_ms": 86_400_000, "retention_ms": 86_400_000,
             "channels": ["slack"], "resolve_provider": False}
        )  # fmt: skip

    def record(self, service: str, due_in_ms: int) -> str:
        payload = {"ServiceName": service, "Severity": "critical", "Logs": "[CRITICAL] written by format 1"}
        summary = {"alertname": service, "service": service, "severity": "critical", "summary": payload["Logs"]}
        decision = {"enabled": True, "wait_minutes": 0.05, "response_plan": "default", "response_plan_arn": PLAN}
        incident_id, result = self.record_script(
            args=[
                self.context(), uuid.uuid4().hex, "", "0", json.dumps(payload), json.dumps(decision), "[]",
                json.dumps(summary), "json", int(time.time() * 1000) + due_in_ms, 259_200_000, "0", "0", "",
            ]
        )  # fmt: skip
        assert result == b"created"
        return incident_id.decode()

    def acknowledge(self, incident_id: str) -> None:
        outcome, _, _ = self.ack_script(args=[self.context(), incident_id, "ack link"])
        assert outcome == b"acknowledged"


def test_format_1_data_is_upgraded_and_fires_exactly_once(
    redis_url: str,
    key_prefix: str,
    distributed_receiver: Any,
    fake_incident_manager: tuple[FakeAwsService, IncidentManagerState, str],
    fake_slack: FakeSlack,
) -> None:
    aws, _, _ = fake_incident_manager
    legacy = key_prefix.removeprefix("{").replace("}", "")  # what format 1 wrote under: `test-…:`
    keys = Keys(legacy)
    assert keys.prefix == key_prefix
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    writer = Format1Writer(redis.Redis.from_url(redis_url), legacy)
    overdue = writer.record("overdue", due_in_ms=-5_000)
    upcoming = writer.record("upcoming", due_in_ms=4_000)
    acknowledged = writer.record("acknowledged", due_in_ms=4_000)
    writer.acknowledge(acknowledged)
    client.set(f"{legacy}ack_secret", "secret-from-format-1")
    written = sorted(client.scan_iter(match=f"{legacy}*"))
    assert f"{legacy}escalations:due" in written and f"{legacy}outbox:due" in written

    receivers: list[Receiver] = []

    def start(name: str) -> None:
        receivers.append(distributed_receiver({"url": redis_url, "key_prefix": legacy}, name=name))

    starts = [threading.Thread(target=start, args=(name,)) for name in ("one", "two")]
    for thread in starts:
        thread.start()
    for thread in starts:
        thread.join()
    assert len(receivers) == 2

    assert client.get(keys.format_version) == str(FORMAT_VERSION)
    assert list(client.scan_iter(match=f"{legacy}*")) == []
    assert client.get(keys.ack_secret) == "secret-from-format-1"
    for incident_id in (overdue, upcoming):
        receivers[0].wait_for(incident_id, lambda incident: incident["escalation"] == "escalated")
    assert receivers[1].incident(acknowledged)["escalation"] == "cancelled"

    # Format 1 queued `created` (and `acknowledged`) deliveries; the new version adds `escalated` ones.
    expected = [(overdue, 1), (overdue, 2), (upcoming, 1), (upcoming, 2), (acknowledged, 1), (acknowledged, 2)]

    def delivered() -> bool:
        statuses = [client.hget(keys.delivery(f"{incident_id}:{seq}"), "status") for incident_id, seq in expected]
        return statuses == ["sent"] * len(expected)

    wait_until("every format-1 and new delivery sent", delivered, timeout=20)
    time.sleep(1.5)
    assert len(aws.calls_of("StartIncident")) == 2
    assert len(fake_slack.messages()) == 3
    assert sum(client.hget(keys.incident(i), "delivery_seq") == "2" for i in (overdue, upcoming, acknowledged)) == 3
    assert client.zcard(keys.outbox_due) == 0 and client.zcard(keys.escalations_due) == 0
    client.close()
