"""Intake through a real `versus serve` process and a real Redis."""

import json
import logging

import httpx
import redis

from tests.conftest import seed_config
from tests.unit.intake.test_payload import alertmanager

SEED_BODY = {
    "Logs": "[CRITICAL] This is a critical alert that should not trigger on-call",
    "ServiceName": "test-service",
    "Severity": "critical",
}


def test_seed_alert_is_recorded_before_the_answer(make_receiver, redis_url, key_prefix):
    receiver = make_receiver(seed_config(redis_url, key_prefix))
    response = receiver.post(SEED_BODY)
    assert response.status_code == 202
    body = response.json()
    assert body["result"] == "created"
    assert body["decision"] == {
        "enabled": False,
        "wait_minutes": 2,
        "response_plan": "default",
        "response_plan_arn": "arn:aws:ssm-incidents::123456789012:response-plan/PlatformCriticalPlan",
        "provider": "aws_incident_manager",
    }
    assert body["warnings"] == []
    stored = redis.Redis.from_url(redis_url).hgetall(f"{key_prefix}incident:{body['id']}")
    assert json.loads(stored[b"payload"]) == SEED_BODY
    incident = receiver.incident(body["id"])
    assert incident["status"] == "firing"
    assert incident["escalation"] == "none"
    assert incident["summary"]["service"] == "test-service"
    assert incident["created_at"].endswith("Z")


def test_bad_parameters_never_drop_the_alert(make_receiver, redis_url, key_prefix):
    receiver = make_receiver(seed_config(redis_url, key_prefix))
    response = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=soon&awsim_other_response_plan=x")
    assert response.status_code == 202
    body = response.json()
    assert body["decision"]["enabled"] is True
    assert body["decision"]["wait_minutes"] == 2
    assert len(body["warnings"]) == 2
    incident = receiver.incident(body["id"])
    assert incident["warnings"] == body["warnings"]
    assert incident["escalation"] == "pending"
    assert "oncall_wait_minutes='soon'" in receiver.log()


def test_alertmanager_resends_update_one_incident_and_resolve_cancels(make_receiver, redis_url, key_prefix):
    receiver = make_receiver(seed_config(redis_url, key_prefix))
    first = receiver.post(alertmanager(), query="oncall_enable=true").json()
    again = receiver.post(alertmanager(), query="oncall_enable=true").json()
    assert (first["result"], again["result"]) == ("created", "updated")
    assert first["id"] == again["id"]
    incident = receiver.incident(first["id"])
    assert incident["notifications"] == 2
    assert incident["escalation"] == "pending"
    due = redis.Redis.from_url(redis_url).zrange(f"{key_prefix}escalations:due", 0, -1)
    assert due == [first["id"].encode()]

    resolved = receiver.post(alertmanager(status="resolved"), query="oncall_enable=true").json()
    assert (resolved["id"], resolved["result"]) == (first["id"], "resolved")
    assert resolved["decision"]["enabled"] is False
    incident = receiver.incident(first["id"])
    assert incident["status"] == "resolved"
    assert incident["escalation"] == "cancelled"
    assert incident["cancelled_reason"] == "resolved"
    assert "resolved_at" in incident
    assert redis.Redis.from_url(redis_url).zcard(f"{key_prefix}escalations:due") == 0

    refiring = receiver.post(alertmanager(), query="oncall_enable=true").json()
    assert refiring["result"] == "created"
    assert refiring["id"] != first["id"]


def test_plain_json_is_new_each_time_unless_deduplicated(make_receiver, redis_url, key_prefix):
    receiver = make_receiver(seed_config(redis_url, key_prefix))
    a, b = receiver.post(SEED_BODY).json(), receiver.post(SEED_BODY).json()
    assert a["id"] != b["id"]
    c = receiver.post(SEED_BODY, query="dedup_key=disk-full").json()
    d = receiver.post({**SEED_BODY, "dedup_key": "disk-full"}).json()
    assert (c["id"], d["result"]) == (d["id"], "updated")
    e = receiver.post({**SEED_BODY, "dedup_key": "disk-full", "status": "resolved"}).json()
    assert (e["id"], e["result"]) == (c["id"], "resolved")


def test_an_array_records_each_object(make_receiver, redis_url, key_prefix):
    receiver = make_receiver(seed_config(redis_url, key_prefix))
    body = receiver.post([SEED_BODY, {"ServiceName": "other"}]).json()
    assert [item["result"] for item in body["incidents"]] == ["created", "created"]
    assert receiver.incident(body["incidents"][1]["id"])["summary"]["service"] == "other"


def test_bad_bodies_get_a_clear_4xx(make_receiver, redis_url, key_prefix):
    config = seed_config(redis_url, key_prefix, alert={"max_body_bytes": 2048})
    receiver = make_receiver(config)
    cases = [
        (
            b"{not json",
            400,
            "the body is not JSON: Expecting property name enclosed in double quotes at line 1 column 2",
        ),
        (b'"hello"', 400, "the body is a string; send a JSON object or an array of objects"),
        (b"[1, 2]", 400, "item [0] of the array is a number, not a JSON object"),
        (b'{"x": "' + b"a" * 4096 + b'"}', 413, "the body is larger than 2048 bytes (alert.max_body_bytes)"),
    ]
    for body, status, message in cases:
        response = receiver.post(body, headers={"Content-Type": "application/json"})
        assert (response.status_code, response.json()) == (status, {"error": message})
    assert redis.Redis.from_url(redis_url).zcard(f"{key_prefix}incidents:by_time") == 0


def test_unknown_incident_is_404(make_receiver, redis_url, key_prefix):
    receiver = make_receiver(seed_config(redis_url, key_prefix))
    response = httpx.get(f"{receiver.url}/api/incidents/nope")
    assert response.status_code == 404
    assert response.json() == {"error": "no incident 'nope' (unknown, or past the retention period)"}


def test_debug_body_never_logs_secrets(make_receiver, redis_url, key_prefix, caplog):
    caplog.set_level(logging.DEBUG)
    config = seed_config(redis_url, key_prefix, alert={"slack": {"token": "xoxb-very-secret"}})
    receiver = make_receiver(config, env={"VERSUS_LOG_LEVEL": "DEBUG"})
    receiver.post({"note": "token is xoxb-very-secret", "api_token": "abc123"})
    log = receiver.log()
    assert "intake body:" in log
    assert "xoxb-very-secret" not in log
    assert "abc123" not in log
