"""`versus-gen override apply` for a team that pages through PagerDuty: the spec's planned overrides become
schedule overrides through PagerDuty's REST API (a local fake checked against our model), once."""

from datetime import UTC, datetime

import pytest

from tests.fakes.pagerduty_rest import FakePagerDutyRest, pagerduty_rest_server
from versus.gen.cli import main
from versus.gen.commands import oncall

TOKEN = "u+pd-rest-token-secret"


@pytest.fixture
def rest(monkeypatch):
    fake = FakePagerDutyRest(
        TOKEN,
        schedules={"platform-rotation": "PSCHED1", "platform-secondary": "PSCHED2"},
        users={f"{name}@example.com": f"PUSER{name.upper()}" for name in ("alice", "bob", "carol", "dave")},
    )
    server = pagerduty_rest_server(fake)
    monkeypatch.setenv("PAGERDUTY_TOKEN", TOKEN)
    monkeypatch.setenv("PAGERDUTY_API_URL", server.url)
    monkeypatch.setattr(oncall, "current_time", lambda: datetime(2026, 12, 1, tzinfo=UTC))
    yield fake
    server.stop()
    assert not fake.invalid, fake.invalid


@pytest.fixture
def platform_on_pagerduty(seed_data, write_spec):
    seed_data["oncall"]["backend"] = "pagerduty"
    seed_data["teams"][1]["backend"] = "aws_incident_manager"
    return str(write_spec(seed_data))


def test_apply_creates_the_planned_override_once(rest, platform_on_pagerduty, capsys):
    assert main(["override", "apply", platform_on_pagerduty, "--team", "platform"]) == 0
    [created] = rest.overrides["PSCHED1"]
    assert created["user"] == {"id": "PUSERDAVE", "type": "user_reference"}
    assert datetime.fromisoformat(created["start"]) == datetime(2026, 12, 16, 14, 0, tzinfo=UTC)
    assert datetime.fromisoformat(created["end"]) == datetime(2026, 12, 21, 14, 0, tzinfo=UTC)
    assert "on platform-rotation: dave@example.com from 2026-12-16 14:00 UTC to 2026-12-21 14:00 UTC" in (
        capsys.readouterr().out
    )

    assert main(["override", "apply", platform_on_pagerduty, "--team", "platform"]) == 0
    assert len(rest.overrides["PSCHED1"]) == 1
    assert "Already in PagerDuty: platform-rotation" in capsys.readouterr().out


def test_a_dry_run_calls_nothing(rest, platform_on_pagerduty, capsys):
    assert main(["override", "apply", platform_on_pagerduty, "--team", "platform", "--dry-run"]) == 0
    assert "Would create a PagerDuty override on platform-rotation: dave@example.com" in capsys.readouterr().out
    assert rest.overrides == {}


def test_a_refusal_exits_1_without_showing_the_token(rest, platform_on_pagerduty, capsys):
    rest.fail_next(1, 403)
    assert main(["override", "apply", platform_on_pagerduty, "--team", "platform"]) == 1
    out = capsys.readouterr().out
    assert "error: PagerDuty GET /schedules: HTTP 403: injected by the test" in out
    assert TOKEN not in out


def test_without_a_token_nothing_is_called(rest, platform_on_pagerduty, monkeypatch, capsys):
    monkeypatch.delenv("PAGERDUTY_TOKEN")
    assert main(["override", "apply", platform_on_pagerduty, "--team", "platform"]) == 2
    assert "PAGERDUTY_TOKEN: error: set it to a PagerDuty REST API token" in capsys.readouterr().err
