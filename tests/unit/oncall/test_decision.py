"""The seed guide's on-call table, row by row, and what happens to bad parameters."""

import pytest

from versus.config.model import AwsIncidentManagerConfig, OncallConfig
from versus.oncall.decision import decide

PLATFORM = "arn:aws:ssm-incidents::123456789012:response-plan/PlatformCriticalPlan"
APP = "arn:aws:ssm-incidents::123456789012:response-plan/AppCriticalPlan"
AWS = AwsIncidentManagerConfig(response_plan_arn=PLATFORM, other_response_plan_arns={"app": APP})
SEED = OncallConfig(initialized_only=True, enable=False, wait_minutes=2, aws_incident_manager=AWS)
ENABLED = OncallConfig(enable=True, wait_minutes=5, aws_incident_manager=AWS)
OFF = OncallConfig(aws_incident_manager=AWS)


def test_seed_test_1_critical_without_oncall_enable_does_not_page():
    decision = decide(SEED, {})
    assert (decision.enabled, decision.warnings) == (False, ())


def test_seed_test_2_oncall_enable_pages_after_the_configured_wait():
    decision = decide(SEED, {"oncall_enable": "true"})
    assert (decision.enabled, decision.wait_minutes, decision.response_plan_arn) == (True, 2, PLATFORM)


def test_seed_test_3_wait_zero_pages_immediately():
    decision = decide(SEED, {"oncall_enable": "true", "oncall_wait_minutes": "0"})
    assert (decision.enabled, decision.wait_minutes) == (True, 0)


def test_seed_test_4_unknown_plan_alias_falls_back_with_a_warning():
    decision = decide(SEED, {"oncall_enable": "true", "awsim_other_response_plan": "platform"})
    assert decision.enabled is True
    assert decision.response_plan_arn == PLATFORM
    assert decision.warnings == (
        "awsim_other_response_plan='platform' is not in oncall.aws_incident_manager.other_response_plan_arns"
        " (known: app); using the default response plan",
    )


def test_known_alias_selects_its_plan():
    decision = decide(SEED, {"oncall_enable": "true", "awsim_other_response_plan": "app"})
    assert (decision.response_plan, decision.response_plan_arn, decision.warnings) == ("app", APP, ())


@pytest.mark.parametrize("raw", ["true", "TRUE", "True", "1", "yes", "YES", " on "])
def test_truthy_spellings(raw):
    assert decide(SEED, {"oncall_enable": raw}).enabled is True


@pytest.mark.parametrize("raw", ["false", "FALSE", "0", "no", "off"])
def test_enable_true_pages_unless_the_alert_opts_out(raw):
    assert decide(ENABLED, {}).enabled is True
    assert decide(ENABLED, {"oncall_enable": raw}).enabled is False


def test_off_in_config_ignores_the_request_with_a_warning():
    decision = decide(OFF, {"oncall_enable": "true"})
    assert decision.enabled is False
    assert "on-call is off in this receiver's config" in decision.warnings[0]


def test_initialized_only_wins_over_enable():
    both = OncallConfig(enable=True, initialized_only=True, aws_incident_manager=AWS)
    assert decide(both, {}).enabled is False
    assert decide(both, {"oncall_enable": "yes"}).enabled is True


def test_a_resolved_notification_never_pages():
    assert decide(ENABLED, {"oncall_enable": "true"}, resolved=True).enabled is False


@pytest.mark.parametrize(("raw", "expected"), [("0.5", 0.5), ("10", 10.0), ("2.25", 2.25), (" 3 ", 3.0)])
def test_wait_accepts_decimals(raw, expected):
    assert decide(SEED, {"oncall_enable": "true", "oncall_wait_minutes": raw}).wait_minutes == expected


@pytest.mark.parametrize("raw", ["abc", "-1", "", "nan", "inf", "1e999", "5m"])
def test_a_bad_wait_keeps_the_alert_and_the_default(raw):
    decision = decide(SEED, {"oncall_enable": "true", "oncall_wait_minutes": raw})
    assert (decision.enabled, decision.wait_minutes) == (True, 2)
    assert decision.warnings == (
        f"oncall_wait_minutes={raw!r} is not a non-negative number of minutes; using the configured wait of 2 minutes",
    )


@pytest.mark.parametrize("raw", ["10081", "1e20", "1e308"])
def test_a_wait_over_a_week_keeps_the_alert_and_the_default(raw):
    decision = decide(SEED, {"oncall_enable": "true", "oncall_wait_minutes": raw})
    assert (decision.enabled, decision.wait_minutes) == (True, 2)
    assert decision.warnings == (
        f"oncall_wait_minutes={raw!r} is more than 10080 minutes (7 days); using the configured wait of 2 minutes",
    )


def test_a_bad_boolean_keeps_the_default_with_a_warning():
    decision = decide(SEED, {"oncall_enable": "maybe"})
    assert decision.enabled is False
    assert decision.warnings == (
        "oncall_enable='maybe' is not a boolean (true/false/1/0/yes/no); using the configured default",
    )


def test_misspelt_parameters_are_reported():
    decision = decide(SEED, {"oncall_enabled": "true"})
    assert decision.enabled is False
    assert decision.warnings == (
        "unknown query parameter 'oncall_enabled' ignored (known: oncall_enable, oncall_wait_minutes)",
    )


def test_all_problems_are_reported_together():
    query = {"oncall_enable": "yes", "oncall_wait_minutes": "x", "awsim_other_response_plan": "nope"}
    assert len(decide(SEED, query).warnings) == 2
