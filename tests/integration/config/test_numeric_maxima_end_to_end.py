"""The largest accepted value of every setting that reaches Redis works end to end: a real `versus serve` with
all of them at their maximum records an incident in a real Redis (the stream trim's MINID stays valid),
schedules its escalation and signs its ack link."""

import redis
import yaml

from tests.conftest import seed_config

MAXIMA = {
    "alert": {"max_body_bytes": 104857600, "delivery": {"give_up_after_seconds": 604800, "max_backoff_seconds": 3600}},
    "oncall": {"wait_minutes": 1440, "ack_expiry_hours": 720},
    "history": {"retention_days": 3650},
}


def test_every_redis_bound_setting_at_its_maximum_records_an_incident(make_receiver, redis_server, key_prefix):
    document = yaml.safe_load(seed_config(redis_server.url, key_prefix, **MAXIMA))
    document["redis"] = {"host": "127.0.0.1", "port": redis_server.port, "db": 15, "key_prefix": key_prefix}
    receiver = make_receiver(yaml.safe_dump(document), env={"AWS_ENDPOINT_URL_SSM_INCIDENTS": "http://127.0.0.1:9"})
    response = receiver.post({"Logs": "max settings", "Severity": "critical"}, query="oncall_enable=true")
    assert response.status_code == 202, response.text
    body = response.json()
    assert body["decision"]["wait_minutes"] == 1440
    assert "exp=" in body["ack_url"]
    assert receiver.incident(body["id"])["escalation"] == "pending"
    db15 = redis.Redis(port=redis_server.port, db=15)
    assert db15.exists(f"{key_prefix}incident:{body['id']}") == 1
    assert db15.xlen(f"{key_prefix}events") >= 1
    assert redis.Redis(port=redis_server.port, db=0).exists(f"{key_prefix}incident:{body['id']}") == 0
