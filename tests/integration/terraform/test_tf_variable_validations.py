"""The modules' variable validations, evaluated by Terraform core itself.

A module cannot be planned without its providers, but its variables.tf alone can: a root holding only the
module's variable blocks needs no provider, so `terraform plan` runs every validation rule on the given values.
That proves each rule is valid Terraform and says what it should (uppercase alias, 31-minute stage, impact 6,
a sixth engagement, two recurrence kinds, an unknown runtime are refused; the seed's values are accepted).
"""

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.integration.terraform.conftest import TERRAFORM_DIR

ARN = "arn:aws:ssm-contacts:us-east-1:123456789012:contact/{}"
ALICE = {
    "display_name": "Alice",
    "channels": {
        "email": {"type": "EMAIL", "address": "alice@example.com"},
        "sms": {"type": "SMS", "address": "+12065550101"},
    },
    "engagement_plan": [{"duration_in_minutes": 5, "channels": ["email", "sms"]}],
}
WEEKLY = {"weekly": [{"day_of_week": "MON", "hand_off_time": "09:00"}]}
SCHEDULE = {
    "rotation_name": "platform_rotation",
    "alias": "platform-rotation",
    "display_name": "Platform",
    "contact_arns": [ARN.format("alice"), ARN.format("bob")],
    "time_zone_id": "America/New_York",
    "start_time": "2026-01-05T09:00:00-05:00",
    "recurrence": WEEKLY,
}
PLAN = {"name": "PlatformCriticalPlan", "title": "Critical platform outage", "impact": 1}

GOOD: dict[str, dict[str, Any]] = {
    "replication-set": {"regions": [{"name": "us-east-1"}]},
    "contacts": {"contacts": {"alice": ALICE}},
    "oncall-schedule": SCHEDULE,
    "escalation-plan": {
        "alias": "platform-tiered-escalation",
        "display_name": "Platform",
        "stages": [
            {"duration_in_minutes": 5, "targets": [{"contact_arn": ARN.format("rotation")}]},
            {"duration_in_minutes": 0, "targets": [{"contact_arn": ARN.format("judy"), "is_essential": True}]},
        ],
    },
    "response-plan": {
        **PLAN,
        "escalation_plan_arn": ARN.format("escalation"),
        "engagements": [ARN.format(i) for i in range(4)],
        "chat_channel_sns_topic_arn": "arn:aws:sns:us-east-1:123456789012:platform-incidents",
        "runbook": {
            "document_name": "AWS-RestartEC2Instance",
            "dynamic_parameters": {"InstanceId": "INVOLVED_RESOURCES"},
        },
    },
    "versus-iam": {"runtime": "ecs"},
    "dashboard": {},
}

# Other accepted shapes: optional inputs left out, the other recurrence kinds, an existing replication set.
ALSO_GOOD: list[tuple[str, dict[str, Any]]] = [
    ("replication-set", {"create": False}),
    ("contacts", {"contacts": {"bob": {"display_name": "Bob", "channels": ALICE["channels"]}}}),
    ("response-plan", PLAN),
    (
        "oncall-schedule",
        {
            **SCHEDULE,
            "start_time": None,
            "recurrence": {
                "daily": ["08:00"],
                "every": 2,
                "shift_coverages": {day: [{"start": "08:00", "end": "18:00"}] for day in ("MON", "FRI")},
            },
        },
    ),
    ("oncall-schedule", {**SCHEDULE, "recurrence": {"monthly": [{"day_of_month": 1, "hand_off_time": "09:00"}]}}),
    ("versus-iam", {"runtime": "ec2", "resolve_on_alert_resolved": True}),
]

BAD: list[tuple[str, dict[str, Any], str]] = [
    ("contacts", {"contacts": {"Alice": ALICE}}, "Contact aliases must be 1-255 lowercase"),
    (
        "contacts",
        {"contacts": {"alice": {**ALICE, "engagement_plan": [{"duration_in_minutes": 31, "channels": ["email"]}]}}},
        "Engagement plan stage durations must be 0-30 minutes.",
    ),
    (
        "contacts",
        {"contacts": {"alice": {**ALICE, "channels": {"pager": {"type": "PAGER", "address": "x"}}}}},
        "Channel type must be EMAIL, SMS or VOICE.",
    ),
    (
        "contacts",
        {"contacts": {"alice": {**ALICE, "engagement_plan": [{"duration_in_minutes": 1, "channels": ["voice"]}]}}},
        "must engage at least one of the contact's own channel keys",
    ),
    (
        "escalation-plan",
        {
            **GOOD["escalation-plan"],
            "stages": [{"duration_in_minutes": 31, "targets": [{"contact_arn": ARN.format("x")}]}],
        },
        "Stage durations must be whole minutes from 0 to 30.",
    ),
    ("escalation-plan", {**GOOD["escalation-plan"], "alias": "Platform"}, "alias must be 1-255 lowercase"),
    ("response-plan", {**PLAN, "impact": 6}, "impact must be a whole number from 1 to 5."),
    (
        "response-plan",
        {**PLAN, "escalation_plan_arn": ARN.format("e"), "engagements": [ARN.format(i) for i in range(5)]},
        "A response plan engages at most 5 contacts",
    ),
    ("response-plan", {**PLAN, "name": "Platform Critical"}, "name must be 1-200 letters"),
    (
        "oncall-schedule",
        {**SCHEDULE, "recurrence": {**WEEKLY, "daily": ["09:00"]}},
        "Set exactly one of recurrence.daily, recurrence.weekly or recurrence.monthly.",
    ),
    ("oncall-schedule", {**SCHEDULE, "rotation_name": "platform-rotation"}, "rotation_name must be 1-255 letters"),
    (
        "oncall-schedule",
        {
            **SCHEDULE,
            "recurrence": {"daily": ["9am"], "shift_coverages": {"MONDAY": [{"start": "08:00", "end": "18:00"}]}},
        },
        "Handoff and coverage times must be",
    ),
    ("oncall-schedule", {**SCHEDULE, "recurrence": {**WEEKLY, "on_calls": 3}}, "recurrence.on_calls must be"),
    ("versus-iam", {"runtime": "k8s"}, "runtime must be ec2, ecs or lambda."),
    ("versus-iam", {"runtime": "ec2", "response_plan_name_pattern": "*"}, "not '*' alone"),
    ("replication-set", {"regions": []}, "regions must name at least one region when create is true."),
    ("dashboard", {"namespace": "AWS/Versus"}, "must not start with AWS/"),
]


def plan_variables(terraform, tmp_path: Path, module: str, values: dict[str, Any]) -> tuple[int, str]:
    shutil.copyfile(TERRAFORM_DIR / "modules" / module / "variables.tf", tmp_path / "variables.tf")
    (tmp_path / "terraform.tfvars.json").write_text(json.dumps(values))
    code, out, err = terraform("init", "-input=false", "-no-color", cwd=tmp_path)
    assert code == 0, out + err
    code, out, err = terraform("plan", "-input=false", "-no-color", cwd=tmp_path)
    return code, out + err


@pytest.mark.parametrize(
    ("module", "values"),
    [*sorted(GOOD.items()), *ALSO_GOOD],
    ids=[*sorted(GOOD), *(f"{m}-{i}" for i, (m, _) in enumerate(ALSO_GOOD))],
)
def test_values_like_the_seed_pass_every_validation(
    terraform, tmp_path: Path, module: str, values: dict[str, Any]
) -> None:
    code, output = plan_variables(terraform, tmp_path, module, values)
    assert code == 0, output


@pytest.mark.parametrize(("module", "values", "message"), BAD, ids=[f"{m}-{i}" for i, (m, _, _) in enumerate(BAD)])
def test_bad_values_are_refused_with_a_clear_message(
    terraform, tmp_path: Path, module: str, values: dict[str, Any], message: str
) -> None:
    code, output = plan_variables(terraform, tmp_path, module, values)
    assert code == 1
    assert "Invalid value for variable" in output
    assert message in " ".join(output.split())
