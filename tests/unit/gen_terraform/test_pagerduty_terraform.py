"""Terraform for the pagerduty provider from the same team spec: what it writes for a PagerDuty team, and
the rotations and stages PagerDuty cannot express, each refused with the reason."""

import pytest

from versus.gen.spec import load_spec
from versus.terraform.pagerduty import render_pagerduty_module
from versus.terraform.render import RenderError


@pytest.fixture
def application_on_pagerduty(seed_data):
    seed_data["teams"][1]["backend"] = "pagerduty"
    return seed_data


def render(data, write_spec):
    """File name → text of the PagerDuty root module for `data`."""
    return {name: rendered.text for name, rendered in render_pagerduty_module(load_spec(write_spec(data))).items()}


def test_a_pagerduty_team_gets_users_schedule_policy_and_one_service_per_alias(application_on_pagerduty, write_spec):
    files = render(application_on_pagerduty, write_spec)
    main = files["main.tf"]
    assert 'resource "pagerduty_user" "mallory"' in main
    assert 'resource "pagerduty_user" "alice"' not in main, "only the PagerDuty team's people"
    assert 'rotation_virtual_start       = "2026-01-05T08:00:00-05:00"' in main
    assert "rotation_turn_length_seconds = 86400" in main
    assert main.count('type              = "weekly_restriction"') == 5
    assert "duration_seconds  = 36000" in main
    assert "id   = pagerduty_schedule.app-rotation.id" in main
    assert 'resource "pagerduty_service_integration" "app"' in main
    assert 'type    = "events_api_v2_inbound_integration"' in main
    assert "app = pagerduty_service_integration.app.integration_key" in files["outputs.tf"]
    assert "sensitive = true" in files["outputs.tf"]
    assert 'source  = "pagerduty/pagerduty"' in files["versions.tf"]


def test_the_output_is_deterministic(application_on_pagerduty, write_spec):
    assert render(application_on_pagerduty, write_spec) == render(application_on_pagerduty, write_spec)


def test_a_weekly_handoff_starts_on_its_day(seed_data, write_spec):
    seed_data["oncall"]["backend"] = "pagerduty"
    seed_data["teams"][0]["rotations"] = seed_data["teams"][0]["rotations"][:1]
    seed_data["teams"][0]["rotations"][0]["start"] = "2026-01-01T00:00:00"  # a Thursday; handoff Mondays 09:00
    stages = seed_data["teams"][0]["escalation"]["stages"]
    for stage in stages:
        stage["targets"] = [t for t in stage["targets"] if t.get("rotation") != "platform-secondary"] or [
            {"person": "grace"}
        ]
    main = render(seed_data, write_spec)["main.tf"]
    assert 'start                        = "2026-01-05T09:00:00-05:00"' in main
    assert "rotation_turn_length_seconds = 604800" in main


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda team: team["rotations"][0]["recurrence"].update(monthly={"day": 1, "at": "09:00"}, daily=None),
            "rotation app-rotation: PagerDuty layers hand over in fixed turns",
        ),
        (
            lambda team: team["rotations"][0]["recurrence"].update(on_calls=2),
            "rotation app-rotation: a PagerDuty layer has one person on call at a time",
        ),
        (
            lambda team: team["escalation"]["stages"][0].update(wait_minutes=0),
            "escalation app-escalation, stage 1: PagerDuty escalates after at least 1 minute",
        ),
    ],
)
def test_what_pagerduty_cannot_express_is_refused_with_the_reason(
    application_on_pagerduty, write_spec, change, message
):
    team = application_on_pagerduty["teams"][1]
    change(team)
    recurrence = team["rotations"][0]["recurrence"]
    if recurrence.get("daily") is None:
        recurrence.pop("daily", None)
        recurrence.pop("coverage", None)
    with pytest.raises(RenderError, match=message):
        render(application_on_pagerduty, write_spec)


def test_a_person_without_email_is_refused(application_on_pagerduty, write_spec):
    for person in application_on_pagerduty["people"]:
        if person["alias"] == "mallory":
            person.pop("email")
    with pytest.raises(RenderError, match="person mallory: PagerDuty users need an email"):
        render(application_on_pagerduty, write_spec)


def test_the_command_writes_and_checks_the_module(application_on_pagerduty, write_spec, tmp_path, capsys):
    from versus.gen.cli import main

    spec = str(write_spec(application_on_pagerduty))
    code = main(["terraform", spec, "-o", str(tmp_path / "aws"), "--pagerduty-output", str(tmp_path / "pd")])
    out = capsys.readouterr().out
    assert f"offline check passed: {tmp_path / 'pd'} against the pagerduty provider schema" in out
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "pd").iterdir()) == ["main.tf", "outputs.tf", "versions.tf"]
