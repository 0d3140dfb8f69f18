"""SIGTERM hand-over: a replica that stops gives its claimed escalation back at once, so another replica
pages within about a second of the grace period instead of after the claim's 60 s lease.

Two real `versus serve` processes share the suite's real Redis; the first is stuck in a StartIncident
call that the fake AWS endpoint leaves unanswered when SIGTERM arrives. Run with `-s` to see the time.
"""

import json
import signal
import time

import redis

from tests.integration.receiver.test_intake import SEED_BODY

GRACE_SECONDS = 1.0


def test_sigterm_releases_a_claimed_escalation_to_another_replica(
    oncall_receiver, fake_incident_manager, record_property, redis_url, key_prefix
):
    service, state, _ = fake_incident_manager
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    service.hold_next(1)
    first = oncall_receiver(name="first", stop_grace_seconds=GRACE_SECONDS, log={"format": "json"})
    incident_id = first.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=0").json()["id"]
    deadline = time.monotonic() + 10
    while not service.calls_of("StartIncident") and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(service.calls_of("StartIncident")) == 1, "the first replica claimed and called StartIncident"
    second = oncall_receiver(name="second")
    time.sleep(1.0)
    key = f"{key_prefix}incident:{incident_id}"
    assert client.hmget(key, "escalation", "claims") == ["escalating", "1"], "the lease keeps the second away"

    assert first.process is not None
    stopped = time.monotonic()
    first.process.send_signal(signal.SIGTERM)
    taken = second.wait_for(incident_id, lambda i: i["escalation"] == "escalated", timeout=20)
    handover = time.monotonic() - stopped
    record_property("sigterm_handover_seconds", round(handover, 2))
    print(f"\nSIGTERM to escalated by the other replica: {handover:.2f} s (grace {GRACE_SECONDS:g} s, lease 60 s)")

    assert client.hget(key, "claims") == "2"
    assert taken["escalated_at"]
    tokens = [call["clientToken"] for call in service.calls_of("StartIncident")]
    assert tokens == [f"versus-{incident_id}"] * 2
    service.release_held()
    assert first.process.wait(timeout=30) == 0
    assert len(state.records) == 1, "the repeated call carried the same clientToken: one incident"

    lines = [json.loads(line) for line in first.log().splitlines() if line.strip()]
    assert {"time", "level", "logger", "message"} <= set(lines[0])
    assert any(line["message"].startswith(f"released {incident_id}") for line in lines)
