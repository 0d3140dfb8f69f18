"""Issue 12, finding 4: Redis must keep what it is given. An eviction policy stops `versus serve` at
start-up (unless explicitly allowed); a full Redis under noeviction refuses new alerts loudly (503 with the
reason, /readyz 503, a metric, an ERROR line) while escalations already accepted still page."""

import subprocess
import sys

import httpx
import pytest
import redis

from tests.conftest import seed_config
from tests.fakes.slack import FakeSlack
from tests.integration.receiver.test_intake import SEED_BODY
from tests.support.redis_server import RedisServer


def private_redis(tmp_path, *extra_args: str) -> RedisServer:
    (tmp_path / "redis").mkdir()
    server = RedisServer(tmp_path / "redis", appendonly=False, extra_args=extra_args)
    server.start()
    return server


@pytest.fixture
def lru_redis(tmp_path):
    server = private_redis(tmp_path, "--maxmemory-policy", "volatile-lru", "--rename-command", "CONFIG", "")
    yield server
    server.stop()


def serve_once(tmp_path, config: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "config.yaml"
    path.write_text(config)
    return subprocess.run(
        [sys.executable, "-m", "versus", "serve", "--config", str(path), "--port", "1"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "SLACK_TOKEN": "xoxb-test", "SLACK_CHANNEL_ID": "C0TEST"},
    )


def test_an_eviction_policy_stops_serve_unless_allowed(tmp_path, lru_redis, make_receiver, key_prefix):
    refused = serve_once(tmp_path, seed_config(lru_redis.url, key_prefix))
    assert refused.returncode == 2, refused.stdout + refused.stderr
    [line] = [line for line in (refused.stdout + refused.stderr).splitlines() if "cannot start" in line]
    assert "maxmemory-policy is volatile-lru (read with INFO memory (CONFIG is disabled))" in line
    assert "set redis.allow_eviction: true" in line
    assert "Traceback" not in refused.stderr

    receiver = make_receiver(seed_config(lru_redis.url, key_prefix, redis={"allow_eviction": True}))
    assert "redis.allow_eviction is true" in receiver.log()
    assert httpx.get(f"{receiver.url}/readyz").status_code == 200
    assert receiver.post(SEED_BODY).status_code == 202


def test_a_full_redis_refuses_new_alerts_but_accepted_pages_still_fire(
    tmp_path, make_receiver, key_prefix, fake_incident_manager
):
    service, _, aws_url = fake_incident_manager
    server = private_redis(tmp_path, "--maxmemory-policy", "noeviction")
    slack = FakeSlack().start()
    try:
        # No rate limit: its counter would be the first write refused; here the recording itself must be.
        alert = {"slack": {"enable": True, "api_url": slack.url}, "rate_limit": {"alerts_per_minute": 0}}
        config = seed_config(server.url, key_prefix, alert=alert)
        receiver = make_receiver(config, env={"AWS_ENDPOINT_URL_SSM_INCIDENTS": aws_url})
        accepted = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=0.05").json()
        assert receiver.incident(accepted["id"])["escalation"] == "pending"
        slack.wait_for_messages(1)
        [message] = slack.messages()

        client = redis.Redis.from_url(server.url)
        for index in range(40):
            client.set(f"filler:{index}", "x" * 50_000)
        client.config_set("maxmemory", int(client.info("memory")["used_memory"]) - 1_000_000)
        with pytest.raises(redis.exceptions.OutOfMemoryError):
            client.set("one-more", "x")

        full = receiver.post(SEED_BODY)
        assert full.status_code == 503
        assert full.headers["Retry-After"] == "5"
        assert "out of memory" in full.json()["error"]
        array = receiver.post([{"ServiceName": f"s{i}"} for i in range(20)])
        assert array.status_code == 503
        assert client.zcard(f"{key_prefix}incidents:by_time") == 1
        ready = httpx.get(f"{receiver.url}/readyz")
        assert ready.status_code == 503
        assert "out of memory" in ready.json()["redis"]
        scraped = httpx.get(f"{receiver.url}/metrics").text
        assert 'versus_intake_refusals_total{reason="redis_out_of_memory"} 2.0' in scraped
        assert "ERROR" in receiver.log() and "Redis is out of memory" in receiver.log()

        escalated = receiver.wait_for(accepted["id"], lambda i: i["escalation"] == "escalated", timeout=15)
        assert len(service.calls_of("StartIncident")) == 1
        assert escalated["incident_arn"]
        slack.wait_for_replies(message["ts"], 1)
        assert "Traceback" not in receiver.log()
    finally:
        slack.stop()
        server.stop()
