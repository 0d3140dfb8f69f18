"""`oncall.provider` picks the default back end; every other configured one pages the alerts that name it."""

import pytest

from versus.config import parse_config
from versus.oncall.providers import ProviderError
from versus.oncall.providers.registry import build_paging

KEY = "R0UT1NGKEYDEFAULT000000000000001"
PLAN = "arn:aws:ssm-incidents::123456789012:response-plan/P"


def config(text: str):
    return parse_config("public_host: https://v.example\noncall:\n  enable: true\n" + text, source="c", env={})


def test_only_the_configured_back_ends_are_built_and_the_default_comes_first():
    paging = build_paging(
        config(
            f"  provider: pagerduty\n  pagerduty: {{routing_key: {KEY}}}\n"
            f"  aws_incident_manager: {{response_plan_arn: '{PLAN}', region: us-east-1}}\n"
        )
    )
    assert list(paging.providers) == ["pagerduty", "aws_incident_manager"]
    assert paging.resolving == ("pagerduty",)
    assert paging.acknowledging == ("pagerduty",)
    incident = {"id": "1", "decision": {"provider": "aws_incident_manager", "response_plan_arn": PLAN}}
    assert paging.rehearse(incident) == f"would start incident with {PLAN}"
    assert paging.rehearse({"id": "1", "decision": {"response_plan": "default"}}).startswith(
        "would trigger PagerDuty service 'default'"
    )


def test_an_incident_of_a_back_end_removed_from_the_config_fails_for_good():
    paging = build_paging(config(f"  provider: pagerduty\n  pagerduty: {{routing_key: {KEY}}}\n"))
    with pytest.raises(ProviderError, match="incident_io is no longer configured") as caught:
        paging.rehearse({"id": "1", "decision": {"provider": "incident_io"}})
    assert caught.value.retryable is False
