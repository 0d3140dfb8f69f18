"""Spec to page decision with every real part: versus-gen writes both configs, the real Alertmanager
routes the scenario's alerts to a real `versus serve` (real Redis), and each recorded incident carries
the on-call decision its route asks for."""

import json
import time

import redis
import yaml

from tests.integration.gen.scenario import EXPECTED, alerts, scenario
from versus.gen.cli import main

WAITS = {"DatabaseDown": 30}
PLANS = {"NetworkDown": "network", "AppDownInHours": "app"}


def recorded_decisions(redis_url: str, key_prefix: str) -> dict[str, dict]:
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    found = {}
    for key in client.scan_iter(f"{key_prefix}incident:*"):
        if client.type(key) == "hash" and client.hexists(key, "decision"):
            incident = client.hgetall(key)
            payload = json.loads(incident["payload"])
            found[payload["groupLabels"]["alertname"]] = json.loads(incident["decision"])
    return found


def test_alertmanager_to_the_real_receiver(
    seed_data, write_spec, make_receiver, redis_url, key_prefix, start_alertmanager, tmp_path
):
    data = scenario(seed_data, "http://127.0.0.1:1")
    receiver_config = tmp_path / "config.yaml"
    assert main(["config", str(write_spec(data)), "-o", str(receiver_config)]) == 0
    config = yaml.safe_load(receiver_config.read_text(encoding="utf-8"))
    config["redis"] = {"url": redis_url, "key_prefix": key_prefix}
    config["alert"]["slack"] = {"enable": False}
    receiver = make_receiver(yaml.safe_dump(config, sort_keys=False))

    data["receiver"]["url"] = receiver.url
    alertmanager_config = tmp_path / "alertmanager.yml"
    assert main(["alertmanager", str(write_spec(data)), "-o", str(alertmanager_config)]) == 0
    start_alertmanager(alertmanager_config).post_alerts(alerts())

    deadline = time.monotonic() + 20
    while len(decisions := recorded_decisions(redis_url, key_prefix)) < len(EXPECTED) and time.monotonic() < deadline:
        time.sleep(0.2)
    arn = "arn:aws:ssm-incidents::123456789012:response-plan/{}"
    plan_names = {"default": "PlatformCriticalPlan", "network": "NetworkCriticalPlan", "app": "AppCriticalPlan"}
    assert decisions == {
        name: {
            "enabled": row.pages,
            "wait_minutes": WAITS.get(name, 2),
            "response_plan": PLANS.get(name, "default"),
            "response_plan_arn": arn.format(plan_names[PLANS.get(name, "default")]),
            "provider": "aws_incident_manager",
        }
        for name, row in EXPECTED.items()
    }
