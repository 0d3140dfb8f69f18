"""`--merge-into` changes only versus-gen's parts, in place, and a second run changes nothing."""

from pathlib import Path

import pytest
import yaml

from versus.gen.cli import main
from versus.gen.merge import MergeError, merge_into
from versus.gen.spec import load_spec

USER_CONFIG = """\
# the user's own config; comments are lost on merge
global:
  resolve_timeout: 5m
route:
  receiver: ops-email
  group_by: [alertname]
  routes:
    - receiver: ops-pager
      matchers: ['severity="page"']
    - receiver: ops-email
      matchers: ['team="storage"']
receivers:
  - name: ops-email
    email_configs:
      - to: ops@example.com
  - name: ops-pager
    webhook_configs:
      - url: http://pager.example.com/hook
inhibit_rules:
  - source_matchers: ['severity="critical"']
    target_matchers: ['severity="high"']
    equal: [alertname]
"""


@pytest.fixture
def user_config(tmp_path: Path) -> Path:
    path = tmp_path / "alertmanager.yml"
    path.write_text(USER_CONFIG, encoding="utf-8")
    return path


def test_user_parts_survive_and_generated_routes_come_first(seed_spec, user_config):
    assert main(["alertmanager", seed_spec, "--merge-into", str(user_config)]) == 0
    merged = yaml.safe_load(user_config.read_text(encoding="utf-8"))
    original = yaml.safe_load(USER_CONFIG)
    assert merged["global"] == original["global"]
    assert merged["inhibit_rules"] == original["inhibit_rules"]
    assert merged["route"]["receiver"] == "ops-email"
    assert merged["route"]["routes"][-2:] == original["route"]["routes"]
    assert [r["receiver"] for r in merged["route"]["routes"][:7]] == [
        "versus-platform-database",
        "versus-platform-network",
        "versus-platform-critical",
        "versus-platform-high",
        "versus-application-critical-business-hours",
        "versus-application-critical",
        "versus-application-high",
    ]
    assert merged["receivers"][:2] == original["receivers"]
    assert "versus-default" not in {r["name"] for r in merged["receivers"]}
    assert [t["name"] for t in merged["time_intervals"]] == ["business-hours"]


def test_running_twice_changes_nothing(seed_spec, user_config):
    assert main(["alertmanager", seed_spec, "--merge-into", str(user_config)]) == 0
    once = user_config.read_bytes()
    assert main(["alertmanager", seed_spec, "--merge-into", str(user_config)]) == 0
    assert user_config.read_bytes() == once


def test_update_keeps_position_and_drops_stale_parts(seed_data, write_spec, user_config):
    first = merge_into(yaml.safe_load(USER_CONFIG), load_spec(write_spec(seed_data)))
    first["route"]["routes"].insert(0, {"receiver": "ops-first", "matchers": ['env="test"']})
    del seed_data["teams"][0]["routes"][1]
    second = merge_into(first, load_spec(write_spec(seed_data)))
    receivers = [r["receiver"] for r in second["route"]["routes"]]
    assert receivers[0] == "ops-first"
    assert receivers[1] == "versus-platform-database"
    assert "versus-platform-network" not in receivers
    assert "versus-platform-network" not in {r["name"] for r in second["receivers"]}


def test_a_user_receiver_with_a_generated_name_is_not_overwritten(seed_spec):
    existing = yaml.safe_load(USER_CONFIG)
    existing["receivers"].append({"name": "versus-platform-high"})
    with pytest.raises(MergeError, match="versus-platform-high exist but are not versus-gen's"):
        merge_into(existing, load_spec(seed_spec))


def test_output_elsewhere_leaves_the_original(seed_spec, user_config, tmp_path):
    target = tmp_path / "merged.yml"
    assert main(["alertmanager", seed_spec, "--merge-into", str(user_config), "-o", str(target)]) == 0
    assert user_config.read_text(encoding="utf-8") == USER_CONFIG
    assert "versus-platform-critical" in target.read_text(encoding="utf-8")


def test_a_dropped_receiver_that_a_user_route_still_uses_stays(seed_data, write_spec):
    first = merge_into(yaml.safe_load(USER_CONFIG), load_spec(write_spec(seed_data)))
    first["route"]["routes"].append({"receiver": "versus-platform-network", "matchers": ['env="lab"']})
    del seed_data["teams"][0]["routes"][1]
    second = merge_into(first, load_spec(write_spec(seed_data)))
    assert "versus-platform-network" in {r["name"] for r in second["receivers"]}
    assert second["route"]["routes"][-1]["receiver"] == "versus-platform-network"
