"""`versus-gen drill` against a real receiver process, real Redis and the fake AWS: drills never page."""

import yaml

from versus.gen.cli import main
from versus.gen.receiver_config import plan_arns_from_spec, render_receiver_config
from versus.gen.spec import load_spec

QUICK = ["--wait-minutes", "0.02"]  # 1.2 s instead of the seed's 2 minutes


def drill(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["drill", *args])
    return code, capsys.readouterr().out.splitlines()


def row(lines: list[str], scenario: str) -> str:
    [found] = [line for line in lines if line.startswith(scenario)]
    return found


def test_the_seed_scenarios_pass_as_drills_and_nothing_pages(drill_receiver, fake_incident_manager, capsys):
    service, _, _ = fake_incident_manager
    receiver = drill_receiver()
    code, lines = drill(capsys, "--url", receiver.url, *QUICK, "--ack-check")
    assert code == 0, "\n".join(lines)
    assert lines[0].split() == ["scenario", "expected", "on-call", "decision", "observed", "result"]
    assert "no page (on-call off for this alert)" in row(lines, "seed 1")
    assert "rehearsed page, plan default" in row(lines, "seed 2")
    assert "page at once" in row(lines, "seed 3")
    assert "plan default, 1 warning(s)" in row(lines, "seed 4")
    assert "no page (acknowledged)" in row(lines, "ack check: acknowledged")
    assert lines[-1] == "6 passed, 0 failed"
    assert service.calls_of("StartIncident") == []


def test_every_route_of_the_spec_is_drilled_through_its_generated_url(
    drill_receiver, fake_incident_manager, redis_url, key_prefix, repo_root, capsys
):
    service, _, _ = fake_incident_manager
    spec_path = repo_root / "examples" / "seed-teams.yaml"
    spec = load_spec(spec_path)
    config = render_receiver_config(spec, plan_arns_from_spec(spec))
    config["redis"] = {"url": redis_url, "key_prefix": key_prefix}
    config["alert"]["slack"]["enable"] = False
    config["alert"]["slack"].pop("template_path")
    receiver = drill_receiver(yaml.safe_dump(config))
    code, lines = drill(capsys, "--url", receiver.url, "--spec", str(spec_path), *QUICK)
    assert code == 0, "\n".join(lines)
    assert "page at once, plan default (PlatformCriticalPlan)" in row(lines, "route platform/database")
    assert "plan network (NetworkCriticalPlan)" in row(lines, "route platform/network")
    assert "(during business-hours)" in row(lines, "route application/critical-business-hours")
    assert "no page" in row(lines, "route versus-default")
    assert lines[-1] == f"{4 + len(spec.routes) + 1} passed, 0 failed"
    assert service.calls_of("StartIncident") == []


def test_a_receiver_with_oncall_off_fails_the_drill_and_shows_the_row(drill_receiver, capsys):
    receiver = drill_receiver(oncall={"initialized_only": False, "enable": False})
    code, lines = drill(capsys, "--url", receiver.url, *QUICK)
    assert code == 1
    failing = row(lines, "seed 2")
    assert failing.endswith("FAIL")
    assert "no page (on-call off for this alert) -- expected a (rehearsed) page" in failing
    assert row(lines, "seed 1").endswith("PASS")
    assert lines[-1] == "1 passed, 3 failed"


def test_an_unreachable_receiver_fails_every_row(capsys):
    code, lines = drill(capsys, "--url", "http://127.0.0.1:9", *QUICK)
    assert code == 1
    assert all(line.endswith("FAIL") for line in lines[2:-1])


def test_ack_check_needs_a_wait(capsys):
    assert main(["drill", "--url", "http://127.0.0.1:9", "--wait-minutes", "0", "--ack-check"]) == 2


def test_drills_reach_a_receiver_that_requires_a_credential(drill_receiver, tmp_path, capsys):
    token = "drill-intake-token-0123456789"
    receiver = drill_receiver(alert={"auth": [{"name": "drills", "bearer_token": token}]})
    code, lines = drill(capsys, "--url", receiver.url, *QUICK)
    assert code == 1
    assert "HTTP 401" in "\n".join(lines)
    token_file = tmp_path / "token"
    token_file.write_text(token + "\n")
    code, lines = drill(capsys, "--url", receiver.url, *QUICK, "--token-file", str(token_file))
    assert code == 0, "\n".join(lines)
