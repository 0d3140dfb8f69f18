"""The modules' locals that depend only on variables, evaluated by Terraform core.

Without providers a module cannot be planned, but a root holding the module's variables.tf, its locals block
and one output per local can be applied: that proves the expressions evaluate (types unify, `merge(...)`
expands, "HH:MM" parses) and gives their values for the given inputs.
"""

import json
import re
import shutil
from pathlib import Path
from typing import Any

from tests.integration.terraform.conftest import TERRAFORM_DIR
from versus.terraform.parse import parse_file

_NOT_PURE = re.compile(r"(?<![\w.])(data\.|module\.|(aws|awscc)_\w+\.)")


def evaluate_locals(terraform, tmp_path: Path, module: str, values: dict[str, Any]) -> dict[str, Any]:
    directory = TERRAFORM_DIR / "modules" / module
    main = directory / "main.tf"
    lines = main.read_text().splitlines()
    (block,) = (b for b in parse_file(main).blocks if b.type == "locals")
    text = "\n".join(lines[block.line - 1 : block.end_line])
    assert not _NOT_PURE.search(text), "these locals depend on resources; they cannot be evaluated offline"
    tmp_path.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(directory / "variables.tf", tmp_path / "variables.tf")
    outputs = "".join(f'output "{name}" {{\n  value = local.{name}\n}}\n' for name in block.attributes)
    (tmp_path / "locals.tf").write_text(text + "\n" + outputs)
    (tmp_path / "terraform.tfvars.json").write_text(json.dumps(values))
    for command in (("init", "-input=false"), ("apply", "-input=false", "-auto-approve")):
        code, out, err = terraform(*command, "-no-color", cwd=tmp_path)
        assert code == 0, out + err
    code, out, err = terraform("output", "-json", cwd=tmp_path)
    assert code == 0, err
    return {name: output["value"] for name, output in json.loads(out).items()}


CHANNELS = {
    "email": {"type": "EMAIL", "address": "alice@example.com"},
    "voice": {"type": "VOICE", "address": "+12065550101"},
}


def test_contacts_flatten_channels_and_default_the_engagement_plan(terraform, tmp_path: Path) -> None:
    values = {
        "contacts": {
            "alice": {
                "display_name": "Alice",
                "channels": CHANNELS,
                "engagement_plan": [
                    {"duration_in_minutes": 5, "channels": ["email"], "retry_interval_in_minutes": 2},
                    {"duration_in_minutes": 0, "channels": ["voice"]},
                ],
            },
            "bob": {"display_name": "Bob", "channels": {"email": CHANNELS["email"]}},
        }
    }
    result = evaluate_locals(terraform, tmp_path, "contacts", values)
    assert sorted(result["channels"]) == ["alice/email", "alice/voice", "bob/email"]
    assert result["channels"]["alice/voice"] == {
        "alias": "alice",
        "key": "voice",
        "type": "VOICE",
        "address": "+12065550101",
    }
    assert result["engagement_plans"]["bob"] == [
        {"duration_in_minutes": 0, "channels": ["email"], "retry_interval_in_minutes": None}
    ]
    assert result["engagement_plans"]["alice"][0] == {
        "duration_in_minutes": 5,
        "channels": ["email"],
        "retry_interval_in_minutes": 2,
    }


def test_daily_handoff_times_become_hours_and_minutes(terraform, tmp_path: Path) -> None:
    values = {
        "rotation_name": "app_rotation",
        "alias": "app-rotation",
        "display_name": "App",
        "contact_arns": ["arn:aws:ssm-contacts:us-east-1:123456789012:contact/mallory"],
        "time_zone_id": "America/New_York",
        "recurrence": {"daily": ["08:00", "20:30"]},
    }
    result = evaluate_locals(terraform, tmp_path, "oncall-schedule", values)
    assert result["daily_handoffs"] == [{"hour": 8, "minute": 0}, {"hour": 20, "minute": 30}]


def test_response_plan_engages_the_escalation_plan_first(terraform, tmp_path: Path) -> None:
    arn = "arn:aws:ssm-contacts:us-east-1:123456789012:contact/{}"
    values = {
        "name": "PlatformCriticalPlan",
        "title": "t",
        "impact": 1,
        "escalation_plan_arn": arn.format("escalation"),
        "engagements": [arn.format("grace")],
        "runbook": {"document_name": "AWS-RestartEC2Instance"},
    }
    result = evaluate_locals(terraform, tmp_path, "response-plan", values)
    assert result == {
        "create_runbook_role": True,
        "engagements": [arn.format("escalation"), arn.format("grace")],
    }
    without = evaluate_locals(terraform, tmp_path / "none", "response-plan", {"name": "X", "title": "t", "impact": 3})
    assert without == {"create_runbook_role": False, "engagements": []}


def test_dashboard_reads_exactly_the_documented_metrics(terraform, tmp_path: Path) -> None:
    """The metric contract in the dashboard README is what the widgets query (names, dimensions)."""
    widgets = evaluate_locals(terraform, tmp_path, "dashboard", {"namespace": "VersusTest"})["widgets"]
    queries = [json.dumps(metric) for widget in widgets for metric in widget["metrics"]]
    assert any("SEARCH('{VersusTest,Service} MetricName=\\\"IncidentsReceived\\\"'" in q for q in queries)
    assert any("SEARCH('{VersusTest,Result} MetricName=\\\"Escalations\\\"'" in q for q in queries)
    assert any("SEARCH('{VersusTest,Person} MetricName=\\\"OnCallPages\\\"'" in q for q in queries)
    plain = [m for widget in widgets for m in widget["metrics"] if isinstance(m[0], str)]
    assert {(m[0], m[1]) for m in plain} == {("VersusTest", "TimeToAcknowledge"), ("VersusTest", "TimeToResolve")}
    readme = (TERRAFORM_DIR / "modules" / "dashboard" / "README.md").read_text()
    for name, dimensions in [
        ("IncidentsReceived", '`["Service"]`'),
        ("TimeToAcknowledge", "`[]` (none)"),
        ("TimeToResolve", "`[]` (none)"),
        ("Escalations", '`["Result"]`'),
        ("OnCallPages", '`["Person"]`'),
    ]:
        assert re.search(rf"^\| `{name}` \| `(Count|Seconds)` \| {re.escape(dimensions)} \|", readme, re.M), name
