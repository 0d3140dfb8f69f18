"""Each escalation fires exactly once: across kill -9, several processes, throttling and Redis restarts."""

import statistics
import time
from datetime import datetime

import httpx
import pytest

from tests.conftest import seed_config
from tests.integration.receiver.test_intake import SEED_BODY
from tests.support.redis_server import RedisServer


def tokens(service) -> list[str]:
    return [call["clientToken"] for call in service.calls_of("StartIncident")]


def test_kill_9_during_the_wait_then_restart_pages_exactly_once(oncall_receiver, fake_incident_manager):
    service, _, _ = fake_incident_manager
    receiver = oncall_receiver()
    incident_id = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=0.03").json()["id"]
    receiver.kill()
    time.sleep(2.5)
    assert tokens(service) == []

    restarted = oncall_receiver(name="restarted")
    restarted.wait_for(incident_id, lambda i: i["escalation"] == "escalated", timeout=5)
    assert tokens(service) == [f"versus-{incident_id}"]
    time.sleep(1.0)
    assert len(tokens(service)) == 1


def test_three_processes_share_1000_due_escalations_exactly_once(
    oncall_receiver, fake_incident_manager, record_property
):
    service, _, _ = fake_incident_manager
    receivers = [oncall_receiver(name=f"replica-{n}") for n in range(3)]
    ids: list[str] = []
    started = time.monotonic()
    for batch in range(10):
        body = [{**SEED_BODY, "ServiceName": f"svc-{batch}-{n}"} for n in range(100)]
        reply = receivers[batch % 3].post(body, query="oncall_enable=true&oncall_wait_minutes=0.1")
        ids.extend(item["id"] for item in reply.json()["incidents"])
    print(f"recorded 1000 incidents in {time.monotonic() - started:.1f} s")
    deadline = time.monotonic() + 60
    while len(tokens(service)) < 1000 and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1.0)
    sent = tokens(service)
    assert len(sent) == 1000
    assert len(set(sent)) == 1000
    assert set(sent) == {f"versus-{i}" for i in ids}
    incidents = [receivers[0].incident(i) for i in ids]
    assert {i["escalation"] for i in incidents} == {"escalated"}
    for moment in ("claimed_at", "escalated_at"):
        lateness = sorted(epoch_ms(i[moment]) - epoch_ms(i["due_at"]) for i in incidents)
        p50, p99 = statistics.median(lateness), lateness[int(len(lateness) * 0.99) - 1]
        record_property(f"{moment}_lateness_ms", (p50, p99))
        print(f"{moment} - due_at over 1000 escalations, 3 processes: p50 {p50:.0f} ms, p99 {p99:.0f} ms")


def epoch_ms(iso: str) -> float:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000


def test_throttling_then_success_opens_one_incident(oncall_receiver, fake_incident_manager):
    service, state, _ = fake_incident_manager
    service.throttle_next(2)
    receiver = oncall_receiver()
    incident_id = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=0").json()["id"]
    incident = receiver.wait_for(incident_id, lambda i: i["escalation"] == "escalated", timeout=20)
    assert tokens(service) == [f"versus-{incident_id}"] * 3
    assert len(state.records) == 1
    assert incident["attempts"] == 3
    assert "ThrottlingException" in incident["last_error"]


def test_server_errors_are_retried_with_the_same_token(oncall_receiver, fake_incident_manager):
    service, state, _ = fake_incident_manager
    service.fail_next(1, 500, "InternalServerException")
    receiver = oncall_receiver()
    incident_id = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=0").json()["id"]
    receiver.wait_for(incident_id, lambda i: i["escalation"] == "escalated", timeout=20)
    assert tokens(service) == [f"versus-{incident_id}"] * 2
    assert len(state.records) == 1


def test_access_denied_is_recorded_not_retried(oncall_receiver, fake_incident_manager):
    service, _, _ = fake_incident_manager
    service.deny_next(1)
    receiver = oncall_receiver()
    incident_id = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=0").json()["id"]
    incident = receiver.wait_for(incident_id, lambda i: i["escalation"] == "failed", timeout=5)
    assert incident["escalation_error"].startswith("start_incident: AccessDeniedException: not authorized")
    time.sleep(1)
    assert len(tokens(service)) == 1
    assert "escalation of" in receiver.log() and "failed for good" in receiver.log()


@pytest.fixture
def own_redis(tmp_path):
    (tmp_path / "own-redis").mkdir()
    server = RedisServer(tmp_path / "own-redis")
    server.start()
    yield server
    server.stop()


def test_redis_restarted_during_the_wait_loses_nothing(make_receiver, own_redis, key_prefix, fake_incident_manager):
    service, _, aws_url = fake_incident_manager
    receiver = make_receiver(seed_config(own_redis.url, key_prefix), env={"AWS_ENDPOINT_URL_SSM_INCIDENTS": aws_url})
    incident_id = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=0.04").json()["id"]
    own_redis.stop()
    time.sleep(1.0)
    own_redis.start()
    incident = receiver.wait_for(incident_id, lambda i: i["escalation"] == "escalated", timeout=10)
    assert tokens(service) == [f"versus-{incident_id}"]
    assert incident["payload"] == SEED_BODY
    assert httpx.get(f"{receiver.url}/readyz").status_code == 200
