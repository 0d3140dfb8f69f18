"""Redis away: intake answers 503 (Alertmanager retries 5xx), readiness says so, and recovery loses nothing."""

import httpx
import pytest

from tests.conftest import seed_config
from tests.integration.receiver.test_intake import SEED_BODY
from tests.support.redis_server import RedisServer


@pytest.fixture
def own_redis(tmp_path):
    server = RedisServer(tmp_path / "redis")
    (tmp_path / "redis").mkdir()
    server.start()
    yield server
    server.stop()


def test_redis_stopped_mid_test_gives_503_then_recovers(make_receiver, own_redis, key_prefix):
    receiver = make_receiver(seed_config(own_redis.url, key_prefix))
    before = receiver.post(SEED_BODY).json()["id"]

    own_redis.stop()
    response = receiver.post(SEED_BODY)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert response.json() == {"error": "the state store (Redis) is unavailable; nothing was recorded, retry later"}
    assert httpx.get(f"{receiver.url}/readyz").status_code == 503
    assert httpx.get(f"{receiver.url}/healthz").status_code == 200

    own_redis.start()
    assert httpx.get(f"{receiver.url}/readyz").json() == {"status": "ready"}
    after = receiver.post(SEED_BODY)
    assert after.status_code == 202
    assert receiver.incident(before)["payload"] == SEED_BODY
    assert receiver.incident(after.json()["id"])["payload"] == SEED_BODY


def test_embedded_redis_persists_across_restarts(make_receiver, tmp_path):
    config = "name: versus\nhost: 127.0.0.1\nredis:\n  data_dir: data/redis\n"
    receiver = make_receiver(config, name="embedded")
    incident_id = receiver.post(SEED_BODY).json()["id"]
    assert "using the embedded Redis at unix://" in receiver.log()
    receiver.stop()

    again = make_receiver(config, name="embedded")
    assert again.incident(incident_id)["payload"] == SEED_BODY
    assert (tmp_path / "embedded" / "data" / "redis" / "appendonlydir").is_dir()
