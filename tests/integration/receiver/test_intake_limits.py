"""Issue 12, findings 3, 6 and 7: what one request may cost, clean 4xx answers for hostile input, and the
smaller intake items, against a real `versus serve` and a real Redis."""

import json
import time

import httpx
import redis

from tests.conftest import seed_config
from tests.integration.receiver.test_intake import SEED_BODY
from tests.unit.intake.test_payload import alertmanager


def away_from_a_minute_boundary() -> None:
    """Rate-limit windows are calendar minutes: start a test that must stay in one well inside it."""
    into = time.time() % 60
    if into > 45:
        time.sleep(60.5 - into)


def test_one_request_has_a_bounded_cost(make_receiver, redis_url, key_prefix):
    away_from_a_minute_boundary()
    config = seed_config(
        redis_url, key_prefix, alert={"max_alerts_per_request": 50, "rate_limit": {"alerts_per_minute": 60}}
    )
    receiver = make_receiver(config)
    store = redis.Redis.from_url(redis_url)

    flood = receiver.post("[" + ",".join(["{}"] * 100_001) + "]")
    assert flood.status_code == 413
    assert flood.json()["error"] == (
        "the body holds 100001 alerts; at most 50 are accepted per request (alert.max_alerts_per_request);"
        " nothing was recorded"
    )
    assert store.zcard(f"{key_prefix}incidents:by_time") == 0

    batch = receiver.post([{"ServiceName": f"s{i}"} for i in range(50)])
    assert batch.status_code == 202
    assert len({item["id"] for item in batch.json()["incidents"]}) == 50
    assert store.zcard(f"{key_prefix}incidents:by_time") == 50

    assert receiver.post([SEED_BODY] * 10).status_code == 202
    limited = receiver.post(SEED_BODY)
    assert limited.status_code == 503
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert "more than 60 alerts this minute (alert.rate_limit.alerts_per_minute)" in limited.json()["error"]
    assert store.zcard(f"{key_prefix}incidents:by_time") == 60


def test_the_rate_limit_is_shared_by_replicas(make_receiver, redis_url, key_prefix):
    config = seed_config(redis_url, key_prefix, alert={"rate_limit": {"alerts_per_minute": 60}})
    first, second = make_receiver(config, name="first"), make_receiver(config, name="second")
    away_from_a_minute_boundary()
    assert first.post([SEED_BODY] * 50).status_code == 202
    time.sleep(0.6)  # the first replica adds its count to Redis within 0.2 s
    refused = second.post([SEED_BODY] * 20)
    assert refused.status_code == 503
    assert "Retry-After" in refused.headers
    assert second.post([SEED_BODY] * 10).status_code == 202
    assert redis.Redis.from_url(redis_url).zcard(f"{key_prefix}incidents:by_time") == 60


def test_hostile_json_gets_a_clean_400(make_receiver, redis_url, key_prefix):
    receiver = make_receiver(seed_config(redis_url, key_prefix))
    cases = {
        "[" * 100_000 + "]" * 100_000: "the body is not accepted: the JSON is nested deeper than 64 levels",
        '{"a":' * 70 + "1" + "}" * 70: "the body is not accepted: the JSON is nested deeper than 64 levels",
        '{"n": ' + "9" * 5000 + "}": "the body is not accepted: an integer of 5000 digits is longer than 40 digits",
        '{"n": NaN}': "the body is not accepted: NaN is not standard JSON; send numbers as finite values or strings",
        '{"n": -Infinity}': "the body is not accepted: -Infinity is not standard JSON; send numbers as finite values"
        " or strings",
        '{"n": 1e999}': "the body is not accepted: the number 1e999 is out of range for a finite double",
    }
    for body, message in cases.items():
        response = receiver.post(body)
        assert (response.status_code, response.json()) == (400, {"error": message})
    assert redis.Redis.from_url(redis_url).zcard(f"{key_prefix}incidents:by_time") == 0
    assert "Traceback" not in receiver.log()


def test_malformed_ack_links_and_slack_timestamps_are_refused_cleanly(make_receiver, redis_url, key_prefix):
    config = seed_config(redis_url, key_prefix, alert={"slack": {"signing_secret": "slack-signing-secret-0123"}})
    receiver = make_receiver(config)
    incident = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=30").json()
    link = incident["ack_url"].replace("https://versus.example.com", receiver.url)
    base = link.split("?")[0]
    for query in ("exp=soon&sig=ab", "exp=" + "9" * 5000 + "&sig=ab", "exp=²&sig=ab", "exp=1&sig=%C3%A9%C3%A9"):
        for method in ("GET", "POST"):
            response = httpx.request(method, f"{base}?{query}")
            assert response.status_code == 403, (method, query, response.text)
    assert receiver.incident(incident["id"])["escalation"] == "pending"
    for stamp in (b"soon", "１２３".encode(), b"9" * 5000, b"-1"):
        response = httpx.post(
            f"{receiver.url}/slack/interactions",
            content=b"payload=%7B%7D",
            headers={"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=00"},
        )
        assert response.status_code == 401
    assert "Traceback" not in receiver.log()


def test_smaller_intake_findings(make_receiver, redis_url, key_prefix):
    receiver = make_receiver(seed_config(redis_url, key_prefix))

    long_url = receiver.post(SEED_BODY, query="x=" + "a" * 9000)
    assert long_url.status_code == 414
    assert "URL" in long_url.json()["error"]
    assert "body" not in long_url.json()["error"]

    twice = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_enable=false&oncall_wait_minutes=30").json()
    assert twice["decision"]["enabled"] is True
    assert twice["warnings"] == [
        "oncall_enable='true' applied: the parameter was given 2 times ('true', 'false'); only the first counts"
    ]
    assert receiver.incident(twice["id"])["warnings"] == twice["warnings"]

    huge_wait = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=1e308")
    assert huge_wait.status_code == 202
    assert huge_wait.json()["decision"]["wait_minutes"] == 2

    odd_key = receiver.post({**alertmanager(), "groupKey": 42})
    assert odd_key.status_code == 400
    assert odd_key.json()["error"] == "an Alertmanager webhook (version 4) needs groupKey as a string, got a number"
    in_array = receiver.post([alertmanager(), {**alertmanager(), "groupKey": None}])
    assert (
        in_array.json()["error"] == "item [1]: an Alertmanager webhook (version 4) needs groupKey as a string, got null"
    )
    assert redis.Redis.from_url(redis_url).zcard(f"{key_prefix}incidents:by_time") == 2


def test_debug_body_cannot_forge_log_lines(make_receiver, redis_url, key_prefix):
    receiver = make_receiver(seed_config(redis_url, key_prefix), env={"VERSUS_LOG_LEVEL": "DEBUG"})
    forged = "x\n2026-01-01 00:00:00 ERROR versus.oncall: FORGED paged nobody\r\x1b[2J"
    receiver.post(json.dumps({"Logs": forged}, ensure_ascii=False).encode())
    deadline = time.monotonic() + 5
    while "intake body:" not in receiver.log() and time.monotonic() < deadline:
        time.sleep(0.05)
    lines = receiver.log().splitlines()
    assert not any(line.startswith("2026-01-01 00:00:00 ERROR") for line in lines)
    assert any("intake body:" in line and "FORGED" in line for line in lines)
    assert "\x1b" not in receiver.log()


def test_config_errors_never_show_a_secret(tmp_path):
    import subprocess
    import sys

    config = tmp_path / "config.yaml"
    config.write_text("redis:\n  url: ${REDIS_URL}\n")
    secret = "hunter2-very-secret"
    for url in (f"http://:{secret}@localhost:6379", f"redis://:{secret}@localhost:notaport/0"):
        result = subprocess.run(
            [sys.executable, "-m", "versus", "serve", "--config", str(config)],
            env={"REDIS_URL": url, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 2, result.stderr
        assert secret not in result.stdout + result.stderr
        assert "redis.url" in result.stdout + result.stderr
        assert "Traceback" not in result.stderr
