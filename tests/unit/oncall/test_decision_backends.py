"""The alias parameters of each back end: picked like response plans, and only the alias is decided."""

import pytest

from versus.config.model import IncidentIoConfig, OncallConfig, PagerDutyConfig
from versus.oncall.decision import decide

KEY, APP_KEY = "a" * 32, "b" * 32
PAGERDUTY = OncallConfig(
    enable=True, provider="pagerduty", pagerduty=PagerDutyConfig(routing_key=KEY, other_routing_keys={"app": APP_KEY})
)
INCIDENT_IO = OncallConfig(
    enable=True,
    provider="incident_io",
    incident_io=IncidentIoConfig(api_key="k", alert_source_config_id="S1", other_alert_source_config_ids={"app": "S2"}),
)


@pytest.mark.parametrize(
    ("oncall", "parameter"),
    [(PAGERDUTY, "pagerduty_other_routing_key"), (INCIDENT_IO, "incidentio_other_alert_source")],
)
def test_a_known_alias_is_decided_by_name_only(oncall, parameter):
    decision = decide(oncall, {parameter: " app "})
    assert (decision.response_plan, decision.response_plan_arn, decision.warnings) == ("app", None, ())
    assert APP_KEY not in str(decision.to_json())


def test_an_unknown_pagerduty_alias_warns_and_uses_the_default_key():
    decision = decide(PAGERDUTY, {"pagerduty_other_routing_key": "db"})
    assert decision.response_plan == "default"
    assert decision.warnings == (
        "pagerduty_other_routing_key='db' is not in oncall.pagerduty.other_routing_keys (known: app);"
        " using the default routing key",
    )


def test_another_back_ends_parameter_is_ignored_with_a_warning():
    decision = decide(PAGERDUTY, {"incidentio_other_alert_source": "app", "awsim_other_response_plan": "app"})
    assert decision.response_plan == "default"
    assert decision.warnings == (
        "awsim_other_response_plan ignored: aws_incident_manager is not configured in this receiver",
        "incidentio_other_alert_source ignored: incident_io is not configured in this receiver",
    )


def test_a_misspelt_pagerduty_parameter_is_named():
    decision = decide(PAGERDUTY, {"pagerduty_routing_key": "app"})
    assert decision.warnings == (
        "unknown query parameter 'pagerduty_routing_key' ignored (known: pagerduty_other_routing_key)",
    )
