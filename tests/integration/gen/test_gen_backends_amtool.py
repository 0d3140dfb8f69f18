"""A spec with one AWS team and one PagerDuty team: the generated Alertmanager config passes
`amtool check-config`, and the PagerDuty team's paging route reaches a receiver whose URL names its alias."""

import yaml

from tests.integration.gen.test_gen_amtool import amtool, assert_valid
from versus.gen.cli import main


def test_a_mixed_spec_generates_a_valid_alertmanager_config(seed_data, write_spec, tmp_path):
    seed_data["teams"][1]["backend"] = "pagerduty"
    path = tmp_path / "alertmanager.yml"
    assert main(["alertmanager", str(write_spec(seed_data)), "-o", str(path)]) == 0
    assert_valid(path)
    routed = amtool("config", "routes", "test", "--config.file", str(path), "team=application", "severity=critical")
    assert routed.returncode == 0, routed.stderr
    # amtool ignores time intervals: it lists the business-hours route (which pages) and its sibling.
    assert routed.stdout.strip() == "versus-application-critical-business-hours,versus-application-critical"
    urls = {r["name"]: r["webhook_configs"][0]["url"] for r in yaml.safe_load(path.read_text())["receivers"]}
    assert urls["versus-application-critical-business-hours"].endswith("pagerduty_other_routing_key=app")
    assert urls["versus-application-critical"].endswith("/api/incidents")
