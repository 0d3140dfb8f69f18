"""Issue 12, finding 1 end to end: the real Alertmanager delivers with the `credentials_file` that
`versus-gen alertmanager` wrote to a `versus serve` whose `alert.auth` `versus-gen config` wrote; with a
wrong secret in that file every delivery is refused, as Alertmanager's own failure metric shows."""

import re
import time
import urllib.request

import redis
import yaml

from tests.integration.gen.scenario import EXPECTED, alerts, scenario
from versus.gen.cli import main

TOKEN = "versus-intake-token-0123456789abcdef"


def failed_webhooks(alertmanager_url: str) -> float:
    with urllib.request.urlopen(f"{alertmanager_url}/metrics", timeout=5) as response:
        text = response.read().decode()
    found = re.search(r'^alertmanager_notifications_failed_total\{integration="webhook"\} (\S+)$', text, re.M)
    return float(found.group(1)) if found else 0.0


def incident_sources(redis_url: str, key_prefix: str) -> list[str]:
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    return [str(client.hget(key, "source")) for key in client.scan_iter(f"{key_prefix}incident:*")]


def test_alertmanager_authenticates_with_its_credentials_file(
    seed_data, write_spec, make_receiver, redis_url, key_prefix, start_alertmanager, tmp_path, capsys
):
    token_file = tmp_path / "versus-token"
    token_file.write_text("not-the-receivers-token-0000000000\n")
    data = scenario(seed_data, "http://127.0.0.1:1")
    data["receiver"]["authorization"] = {"credentials_file": str(token_file)}
    receiver_config = tmp_path / "config.yaml"
    assert main(["config", str(write_spec(data)), "-o", str(receiver_config)]) == 0
    config = yaml.safe_load(receiver_config.read_text(encoding="utf-8"))
    config["redis"] = {"url": redis_url, "key_prefix": key_prefix}
    config["alert"]["slack"] = {"enable": False}
    receiver = make_receiver(yaml.safe_dump(config, sort_keys=False), env={"VERSUS_INTAKE_TOKEN": TOKEN})

    data["receiver"]["url"] = receiver.url
    alertmanager_config = tmp_path / "alertmanager.yml"
    assert main(["alertmanager", str(write_spec(data)), "-o", str(alertmanager_config)]) == 0
    assert TOKEN not in alertmanager_config.read_text() + receiver_config.read_text()
    main(["check", str(write_spec(data)), "--alertmanager", str(alertmanager_config), "--config", str(receiver_config)])
    assert "http_config" not in capsys.readouterr().out

    wrong = start_alertmanager(alertmanager_config)
    wrong.post_alerts(alerts())
    deadline = time.monotonic() + 20
    while failed_webhooks(wrong.url) < len(EXPECTED) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert failed_webhooks(wrong.url) >= len(EXPECTED)
    assert incident_sources(redis_url, key_prefix) == []
    assert "refused an intake request without a valid credential" in receiver.log()
    wrong.stop()

    token_file.write_text(TOKEN + "\n")
    right = start_alertmanager(alertmanager_config)
    right.post_alerts(alerts())
    deadline = time.monotonic() + 20
    while len(incident_sources(redis_url, key_prefix)) < len(EXPECTED) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert incident_sources(redis_url, key_prefix) == ["alertmanager"] * len(EXPECTED)
    assert failed_webhooks(right.url) == 0
    assert TOKEN not in receiver.log()
