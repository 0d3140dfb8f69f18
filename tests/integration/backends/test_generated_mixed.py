"""Team by team, end to end: versus-gen writes the receiver config and the webhook URLs for a spec with one
AWS team and one PagerDuty team; a real `versus serve` on that config pages each route's alert through its
team's back end (the local ssm-incidents fake and the local Events API v2 fake)."""

from urllib.parse import urlsplit

import yaml

from tests.integration.backends.conftest import APP_ROUTING_KEY, wait_until
from tests.integration.receiver.test_intake import SEED_BODY
from versus.gen.cli import main


def test_a_generated_mixed_config_pages_each_team_through_its_back_end(
    seed_data, write_spec, make_receiver, redis_url, key_prefix, fake_incident_manager, fake_pagerduty, tmp_path
):
    service, _, aws_url = fake_incident_manager
    fake, pagerduty_url = fake_pagerduty
    seed_data["oncall"]["wait_minutes"] = 0
    seed_data["teams"][1]["backend"] = "pagerduty"
    spec = str(write_spec(seed_data))
    config_path, alertmanager_path = tmp_path / "config.yaml", tmp_path / "alertmanager.yml"
    assert main(["config", spec, "-o", str(config_path)]) == 0
    assert main(["alertmanager", spec, "-o", str(alertmanager_path)]) == 0

    config = yaml.safe_load(config_path.read_text())
    config["redis"] = {"url": redis_url, "key_prefix": key_prefix}
    config["alert"]["slack"] = {"enable": False}
    config["oncall"]["pagerduty"]["api_url"] = pagerduty_url
    env = {"AWS_ENDPOINT_URL_SSM_INCIDENTS": aws_url, "PAGERDUTY_OTHER_ROUTING_KEY_APP": APP_ROUTING_KEY}
    receiver = make_receiver(yaml.safe_dump(config, sort_keys=False), env=env)

    receivers = yaml.safe_load(alertmanager_path.read_text())["receivers"]
    urls = {r["name"]: urlsplit(r["webhook_configs"][0]["url"]) for r in receivers}
    paging = ["versus-platform-database", "versus-platform-network", "versus-application-critical-business-hours"]
    for name in paging:
        url = urls[name]
        body = {**SEED_BODY, "ServiceName": name}
        response = receiver.http.post(f"{receiver.url}{url.path}?{url.query}", json=body)
        assert (response.status_code, response.json()["warnings"]) == (202, [])

    wait_until(lambda: len(service.calls_of("StartIncident")) == 2 and len(fake.opened) == 1, 15, "three pages")
    plans = sorted(call["responsePlanArn"].rsplit("/", 1)[1] for call in service.calls_of("StartIncident"))
    assert plans == ["NetworkCriticalPlan", "PlatformCriticalPlan"]
    [event] = fake.events
    assert event["routing_key"] == APP_ROUTING_KEY
    assert event["payload"]["summary"].startswith("[CRITICAL] versus-application-critical-business-hours")
