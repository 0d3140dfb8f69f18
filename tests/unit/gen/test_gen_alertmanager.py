"""The generated Alertmanager config: matchers only, plain receiver names, business hours that work,
deterministic bytes, and committed examples that match the generator."""

import re
from pathlib import Path

from versus.gen.alertmanager import render_alertmanager
from versus.gen.cli import main
from versus.gen.spec import load_spec
from versus.gen.yaml_io import GENERATED_HEADER, dump_yaml


def rendered(path) -> dict:
    return render_alertmanager(load_spec(path))


def test_routes_use_matchers_and_the_marker_only(seed_spec):
    config = rendered(seed_spec)
    routes = config["route"]["routes"]
    assert all("match" not in route and "match_re" not in route for route in routes)
    assert routes[0]["matchers"] == [
        'team="platform"',
        'severity="critical"',
        'service="database"',
        'versus_gen!="off"',
    ]
    assert config["route"]["receiver"] == "versus-default"
    assert config["route"]["group_by"] == ["alertname", "service", "severity"]


def test_receivers_are_plain_prefixed_sorted_and_send_resolved(seed_spec):
    receivers = rendered(seed_spec)["receivers"]
    names = [receiver["name"] for receiver in receivers]
    assert names == sorted(names)
    assert all(re.fullmatch(r"versus-[a-z0-9-]+", name) for name in names)
    assert all(r["webhook_configs"][0]["send_resolved"] is True for r in receivers)


def test_business_hours_route_continues_and_its_sibling_mutes_then(seed_spec):
    routes = rendered(seed_spec)["route"]["routes"]
    business, other_hours = routes[4], routes[5]
    assert business["receiver"] == "versus-application-critical-business-hours"
    assert business["active_time_intervals"] == ["business-hours"]
    assert business["continue"] is True
    assert other_hours["receiver"] == "versus-application-critical"
    assert other_hours["mute_time_intervals"] == ["business-hours"]
    assert "continue" not in other_hours


def test_authorization_references_a_credentials_file(seed_data, write_spec):
    seed_data["receiver"]["authorization"] = {"credentials_file": "/etc/alertmanager/versus-token"}
    for receiver in rendered(write_spec(seed_data))["receivers"]:
        assert receiver["webhook_configs"][0]["http_config"] == {
            "authorization": {"type": "Bearer", "credentials_file": "/etc/alertmanager/versus-token"}
        }


def test_two_runs_are_byte_identical(seed_spec, tmp_path):
    first, second = tmp_path / "a.yml", tmp_path / "b.yml"
    assert main(["alertmanager", seed_spec, "-o", str(first)]) == 0
    assert main(["alertmanager", seed_spec, "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_key_order_in_the_spec_does_not_matter(seed_data, write_spec, tmp_path):
    expected = dump_yaml(rendered(write_spec(seed_data)))
    reordered = {key: seed_data[key] for key in reversed(list(seed_data))}
    reordered["teams"] = [{k: team[k] for k in reversed(list(team))} for team in seed_data["teams"]]
    assert dump_yaml(rendered(write_spec(reordered))) == expected


def test_committed_examples_are_up_to_date(seed_spec, repo_root: Path, capsys):
    assert main(["alertmanager", seed_spec]) == 0
    expected = capsys.readouterr().out
    assert expected.startswith(GENERATED_HEADER)
    assert (repo_root / "alertmanager/generated/alertmanager.yml").read_text(encoding="utf-8") == expected
    assert main(["config", seed_spec]) == 0
    assert (repo_root / "examples/generated/config.yaml").read_text(encoding="utf-8") == capsys.readouterr().out
