"""The parameter a decision warning is about, checked on the warnings `decide` really writes."""

from versus.analytics.warning_labels import warning_parameter
from versus.config.model import AwsIncidentManagerConfig, OncallConfig
from versus.oncall.decision import decide


def labels(oncall: OncallConfig, query: dict[str, str]) -> list[str]:
    return [warning_parameter(w) for w in decide(oncall, query).warnings]


def test_each_known_parameter_is_named():
    oncall = OncallConfig(initialized_only=True, aws_incident_manager=AwsIncidentManagerConfig(response_plan_arn="a"))
    query = {"oncall_enable": "maybe", "oncall_wait_minutes": "soon", "awsim_other_response_plan": "nope"}
    assert labels(oncall, query) == ["oncall_enable", "oncall_wait_minutes", "awsim_other_response_plan"]


def test_enable_ignored_because_on_call_is_off_is_about_oncall_enable():
    assert labels(OncallConfig(), {"oncall_enable": "true"}) == ["oncall_enable"]


def test_unknown_parameter_names_never_become_label_values():
    assert labels(OncallConfig(), {"oncall_enabel": "true", "awsim_plan_x": "1"}) == ["unknown", "unknown"]
