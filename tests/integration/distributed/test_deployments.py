"""The whole path (intake -> Slack -> escalation -> ack -> delivery) on a Redis Cluster and under Sentinel,
with `min_replicas_to_ack: 1`, so every script also proves it runs in one slot and every change reaches
a replica before it is acted on."""

import time
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import redis

from tests.fakes.aws import FakeAwsService, IncidentManagerState
from tests.fakes.slack import FakeSlack
from tests.integration.receiver.test_intake import SEED_BODY
from tests.support.receiver import Receiver
from tests.support.redis_cluster import ClusterSetup, SentinelSetup, wait_until
from versus.oncall.ack import AckSigner
from versus.store.keys import Keys


def whole_path(
    receiver: Receiver,
    client: "redis.Redis | redis.RedisCluster",
    keys: Keys,
    aws: FakeAwsService,
    slack: FakeSlack,
) -> None:
    paged = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=0.01")
    acked = receiver.post({**SEED_BODY, "ServiceName": "other"}, query="oncall_enable=true&oncall_wait_minutes=1")
    assert (paged.status_code, acked.status_code) == (202, 202), (paged.text, acked.text)
    paged_id, acked_id = paged.json()["id"], acked.json()["id"]

    secret = client.get(keys.ack_secret)
    assert secret, "the receiver keeps its generated ack secret in Redis"
    link = urlsplit(AckSigner(str(secret).encode(), "https://versus.example.com", 24).url(acked_id))
    assert httpx.post(f"{receiver.url}{link.path}?{link.query}").status_code == 200

    escalated = receiver.wait_for(paged_id, lambda incident: incident["escalation"] == "escalated")
    cancelled = receiver.incident(acked_id)
    assert (cancelled["escalation"], cancelled["cancelled_reason"]) == ("cancelled", "acknowledged")
    [started] = aws.calls_of("StartIncident")
    assert escalated["incident_arn"]

    def all_sent() -> bool:
        statuses = []
        for incident_id in (paged_id, acked_id):
            count = int(str(client.hget(keys.incident(incident_id), "delivery_seq")))
            statuses += [client.hget(keys.delivery(f"{incident_id}:{seq}"), "status") for seq in range(1, count + 1)]
        return statuses == ["sent"] * 4  # created + escalated, created + acknowledged

    wait_until("every delivery sent", all_sent, timeout=20)
    assert len(slack.messages()) == 2
    time.sleep(1)
    assert len(aws.calls_of("StartIncident")) == 1, started


def test_whole_path_on_redis_cluster(
    redis_cluster: ClusterSetup,
    distributed_receiver: Any,
    key_prefix: str,
    fake_incident_manager: tuple[FakeAwsService, IncidentManagerState, str],
    fake_slack: FakeSlack,
) -> None:
    receiver = distributed_receiver({"url": redis_cluster.url, "cluster": True, "min_replicas_to_ack": 1})
    client = redis_cluster.client()
    try:
        whole_path(receiver, client, Keys(key_prefix), fake_incident_manager[0], fake_slack)
        assert len({client.keyslot(key) for key in client.scan_iter(match=f"{key_prefix}*")}) == 1
    finally:
        client.close()


def test_whole_path_under_sentinel(
    redis_sentinel: SentinelSetup,
    distributed_receiver: Any,
    key_prefix: str,
    sentinel_client: redis.Redis,
    fake_incident_manager: tuple[FakeAwsService, IncidentManagerState, str],
    fake_slack: FakeSlack,
) -> None:
    sentinel = {"master": SentinelSetup.MASTER, "nodes": redis_sentinel.nodes}
    receiver = distributed_receiver({"sentinel": sentinel, "min_replicas_to_ack": 1})
    whole_path(receiver, sentinel_client, Keys(key_prefix), fake_incident_manager[0], fake_slack)


@pytest.mark.parametrize("deployment", ["cluster", "sentinel"])
def test_intake_answers_503_when_no_replica_acknowledges(
    deployment: str, redis_cluster: ClusterSetup, redis_sentinel: SentinelSetup, distributed_receiver: Any
) -> None:
    """Asking for more replicas than exist: nothing can be promised, so Alertmanager is told to retry."""
    section: dict[str, Any]
    if deployment == "cluster":
        section = {"url": redis_cluster.url, "cluster": True}
    else:
        section = {"sentinel": {"master": SentinelSetup.MASTER, "nodes": redis_sentinel.nodes}}
    receiver = distributed_receiver({**section, "min_replicas_to_ack": 2, "replica_ack_timeout_ms": 50})
    response = receiver.post(SEED_BODY)
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert "replica" in response.json()["error"]
