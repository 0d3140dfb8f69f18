"""A team spec names a paging back end (`oncall.backend`, overridable per team): the routes name the right
alias parameter, the receiver config gets each back end's section with `${ENV}` keys named as in the Go
Versus Incident, and the receiver's own decision function pages each route through its team's back end."""

from urllib.parse import parse_qsl, urlsplit

import yaml

from versus.config import parse_config
from versus.gen.cli import main
from versus.gen.receiver_config import plan_arns_from_spec, render_receiver_config
from versus.gen.spec import load_spec
from versus.gen.webhook import webhook_url
from versus.gen.yaml_io import dump_yaml
from versus.oncall.decision import decide

ENV = {
    "SLACK_TOKEN": "x",
    "SLACK_CHANNEL_ID": "C1",
    "REDIS_HOST": "h",
    "REDIS_PORT": "6379",
    "REDIS_PASSWORD": "",
    "PAGERDUTY_ROUTING_KEY": "k" * 32,
    "PAGERDUTY_OTHER_ROUTING_KEY_APP": "a" * 32,
    "PAGERDUTY_OTHER_ROUTING_KEY_NETWORK": "n" * 32,
    "INCIDENTIO_API_KEY": "inc",
    "INCIDENTIO_ALERT_SOURCE_CONFIG_ID": "S0",
    "INCIDENTIO_OTHER_ALERT_SOURCE_CONFIG_ID_APP": "S1",
}


def generated(spec_path):
    spec = load_spec(spec_path)
    document = render_receiver_config(spec, plan_arns_from_spec(spec))
    config = parse_config(dump_yaml(document), source="generated", env=ENV)
    return spec, document, config


def decisions(spec, config):
    return {
        route.receiver_name: decide(config.oncall, dict(parse_qsl(urlsplit(webhook_url(spec, route)).query)))
        for route in spec.routes
        if route.oncall
    }


def test_one_aws_team_and_one_pagerduty_team_from_one_spec(seed_data, write_spec):
    seed_data["teams"][1]["backend"] = "pagerduty"
    spec, document, config = generated(write_spec(seed_data))
    assert document["oncall"]["provider"] == "aws_incident_manager"
    assert document["oncall"]["pagerduty"] == {
        "routing_key": "${PAGERDUTY_OTHER_ROUTING_KEY_APP}",
        "other_routing_keys": {"app": "${PAGERDUTY_OTHER_ROUTING_KEY_APP}"},
    }
    assert list(document["oncall"]["aws_incident_manager"]["other_response_plan_arns"]) == ["network"]
    found = decisions(spec, config)
    assert {name: (d.provider, d.response_plan) for name, d in found.items()} == {
        "versus-platform-database": ("aws_incident_manager", "default"),
        "versus-platform-network": ("aws_incident_manager", "network"),
        "versus-platform-critical": ("aws_incident_manager", "default"),
        "versus-application-critical-business-hours": ("pagerduty", "app"),
    }
    assert all(d.warnings == () and d.enabled for d in found.values())
    application = next(route for route in spec.routes if route.team == "application" and route.oncall)
    assert webhook_url(spec, application).endswith("?oncall_enable=true&pagerduty_other_routing_key=app")


def test_an_all_pagerduty_spec_writes_only_the_pagerduty_section(seed_data, write_spec):
    seed_data["oncall"]["backend"] = "pagerduty"
    spec, document, config = generated(write_spec(seed_data))
    assert document["oncall"]["provider"] == "pagerduty"
    assert "aws_incident_manager" not in document["oncall"]
    assert document["oncall"]["pagerduty"] == {
        "routing_key": "${PAGERDUTY_ROUTING_KEY}",
        "other_routing_keys": {
            "app": "${PAGERDUTY_OTHER_ROUTING_KEY_APP}",
            "network": "${PAGERDUTY_OTHER_ROUTING_KEY_NETWORK}",
        },
    }
    found = decisions(spec, config)
    assert {d.provider for d in found.values()} == {"pagerduty"}
    assert found["versus-platform-database"].response_plan == "default"
    assert "pagerduty_other_routing_key" not in webhook_url(spec, spec.routes[0])


def test_an_incident_io_team_gets_its_alert_source_alias(seed_data, write_spec):
    seed_data["teams"][1]["backend"] = "incident_io"
    spec, document, config = generated(write_spec(seed_data))
    assert document["oncall"]["incident_io"]["other_alert_source_config_ids"] == {
        "app": "${INCIDENTIO_OTHER_ALERT_SOURCE_CONFIG_ID_APP}"
    }
    found = decisions(spec, config)
    assert (found["versus-application-critical-business-hours"].provider, config.oncall.backends) == (
        "incident_io",
        ("aws_incident_manager", "incident_io"),
    )


def test_a_route_paging_another_back_ends_plan_is_refused(seed_data, write_spec, capsys):
    seed_data["teams"][1]["backend"] = "pagerduty"
    seed_data["teams"][1]["routes"][0]["response_plan"] = "network"
    assert main(["config", str(write_spec(seed_data))]) == 2
    assert (
        "teams[1].routes[0].response_plan: error: team application pages through pagerduty, but response plan"
        " 'network' belongs to a team paging through aws_incident_manager" in capsys.readouterr().err
    )


def test_check_passes_the_generated_files_and_names_an_alias_missing_from_the_config(
    seed_data, write_spec, tmp_path, capsys
):
    seed_data["teams"][1]["backend"] = "pagerduty"
    spec_path = str(write_spec(seed_data))
    alertmanager, config = tmp_path / "alertmanager.yml", tmp_path / "config.yaml"
    assert main(["alertmanager", spec_path, "-o", str(alertmanager)]) == 0
    assert main(["config", spec_path, "-o", str(config)]) == 0
    arguments = ["check", spec_path, "--alertmanager", str(alertmanager), "--config", str(config)]
    assert main([*arguments, "--from", "2026-12-01T00:00"]) == 0
    capsys.readouterr()

    document = yaml.safe_load(config.read_text())
    document["oncall"]["pagerduty"]["other_routing_keys"] = {}
    config.write_text(yaml.safe_dump(document))
    assert main([*arguments, "--from", "2026-12-01T00:00"]) == 1
    assert (
        "pagerduty_other_routing_key='app' is not in oncall.pagerduty.other_routing_keys (known: none configured)"
        in capsys.readouterr().out
    )
