"""`oncall.provider` and each back end's keys, spelled as in the Go Versus Incident so its files load unchanged."""

import pytest

from versus.config import ConfigError, parse_config

KEY = "R0UT1NGKEYDEFAULT000000000000001"
BASE = "public_host: https://versus.example.com\noncall:\n  enable: true\n"


def parse(text: str, **env: str):
    return parse_config(BASE + text, source="config.yaml", env=env)


def test_the_go_projects_pagerduty_section_loads():
    config = parse(
        "  provider: pagerduty\n"
        "  pagerduty:\n"
        "    routing_key: ${PAGERDUTY_ROUTING_KEY}\n"
        "    other_routing_keys:\n"
        "      infra: ${PAGERDUTY_OTHER_ROUTING_KEY_INFRA}\n",
        PAGERDUTY_ROUTING_KEY=KEY,
        PAGERDUTY_OTHER_ROUTING_KEY_INFRA=KEY.replace("1", "2"),
    )
    pagerduty = config.oncall.pagerduty
    assert (pagerduty.routing_key, list(pagerduty.other_routing_keys)) == (KEY, ["infra"])
    assert pagerduty.api_url == "https://events.pagerduty.com"
    assert pagerduty.resolve_on_alert_resolved is True
    assert config.oncall.backends == ("pagerduty",)


def test_the_go_projects_incident_io_section_loads():
    config = parse(
        "  provider: incident_io\n"
        "  incident_io:\n"
        "    api_key: ${INCIDENTIO_API_KEY}\n"
        "    alert_source_config_id: 01GW2G3V0S59R238FAHPDS1R66\n"
        "    other_alert_source_config_ids: {infra: 01GW2G3V0S59R238FAHPDS1R67}\n"
        "    api_url: http://127.0.0.1:8080\n",
        INCIDENTIO_API_KEY="inc_key",
    )
    assert config.oncall.incident_io.other_alert_source_config_ids == {"infra": "01GW2G3V0S59R238FAHPDS1R67"}
    assert config.oncall.incident_io.api_url == "http://127.0.0.1:8080"


def test_aws_stays_the_default_and_keeps_resolve_off_by_default():
    config = parse(
        "  aws_incident_manager:\n    response_plan_arn: arn:aws:ssm-incidents::123456789012:response-plan/P\n"
    )
    assert config.oncall.provider == "aws_incident_manager"
    assert config.oncall.aws_incident_manager.resolve_on_alert_resolved is False
    assert config.oncall.backends == ("aws_incident_manager",)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("  provider: pagerduty\n", "oncall.pagerduty.routing_key: required while on-call is enabled or initialized"),
        ("  provider: incident_io\n", "oncall.incident_io.api_key: required while on-call is enabled or initialized"),
        ("  provider: incident_io\n", "oncall.incident_io.alert_source_config_id: required while on-call"),
    ],
)
def test_a_back_end_without_what_it_needs_is_refused(text, problem):
    with pytest.raises(ConfigError) as caught:
        parse(text)
    assert problem in str(caught.value)
