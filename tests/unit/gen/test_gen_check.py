"""`versus-gen check` judges every webhook URL as the receiver would, and names file and key path."""

from pathlib import Path

import pytest

from versus.gen.cli import main

PLATFORM_URL = "http://versus-service:3000/api/incidents?oncall_enable=true&awsim_other_response_plan=platform"
SEED_GUIDE_REPORT = """\
alertmanager/seed-guide/alertmanager.yml: receivers[6].webhook_configs[0].url: error: \
awsim_other_response_plan='network' is not in oncall.aws_incident_manager.other_response_plan_arns \
(known: app); using the default response plan (receiver config: alertmanager/seed-guide/versus-config.yaml)
--url[0]: error: awsim_other_response_plan='platform' is not in \
oncall.aws_incident_manager.other_response_plan_arns (known: app); using the default response plan \
(receiver config: alertmanager/seed-guide/versus-config.yaml)
alertmanager/seed-guide/alertmanager.yml: route.routes[0].match_re: warning: `match_re` is deprecated since \
Alertmanager 0.22; use `matchers`
alertmanager/seed-guide/alertmanager.yml: route.routes[1].match: warning: `match` is deprecated since \
Alertmanager 0.22; use `matchers`
alertmanager/seed-guide/alertmanager.yml: route.routes[2].match: warning: `match` is deprecated since \
Alertmanager 0.22; use `matchers`
alertmanager/seed-guide/alertmanager.yml: route.routes[3].match: warning: `match` is deprecated since \
Alertmanager 0.22; use `matchers`
alertmanager/seed-guide/alertmanager.yml: route.routes[4].match: warning: `match` is deprecated since \
Alertmanager 0.22; use `matchers`
2 error(s), 5 warning(s)
"""


def check(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["check", *args])
    return code, capsys.readouterr().out.splitlines()


def test_seed_guide_files_name_the_network_and_platform_aliases(repo_root: Path, capsys, monkeypatch):
    monkeypatch.chdir(repo_root)
    code = main(
        [
            "check",
            "examples/seed-teams.yaml",
            "--alertmanager",
            "alertmanager/seed-guide/alertmanager.yml",
            "--config",
            "alertmanager/seed-guide/versus-config.yaml",
            "--url",
            PLATFORM_URL,
            "--from",
            "2026-12-01T00:00",
        ]
    )
    assert capsys.readouterr().out == SEED_GUIDE_REPORT
    assert code == 1


def test_generated_files_pass(repo_root: Path, capsys, seed_spec):
    code, lines = check(
        capsys,
        seed_spec,
        "--alertmanager",
        str(repo_root / "alertmanager/generated/alertmanager.yml"),
        "--config",
        str(repo_root / "examples/generated/config.yaml"),
    )
    assert (code, lines) == (0, ["0 error(s), 0 warning(s)"])


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "http://versus-service:3000/api/incidents?oncall_enable=true&oncall_wait_minutes=abc",
            "oncall_wait_minutes='abc' is not a non-negative number of minutes; using the configured wait of 2 minutes",
        ),
        (
            "http://versus-service:3000/api/incidents?oncall_enable=yes-please",
            "oncall_enable='yes-please' is not a boolean (true/false/1/0/yes/no); using the configured default",
        ),
        (
            "http://versus-service:3000/api/incidents?oncall_enabled=true",
            "unknown query parameter 'oncall_enabled' ignored (known: oncall_enable, oncall_wait_minutes)",
        ),
    ],
)
def test_bad_query_values_are_errors(capsys, seed_spec, url, message):
    code, lines = check(capsys, seed_spec, "--url", url)
    assert code == 1
    assert lines[0] == f"--url[0]: error: {message} (receiver config: <config generated from {seed_spec}>)"


def test_another_host_is_an_error(capsys, seed_spec):
    code, lines = check(capsys, seed_spec, "--url", "http://versus-old:3000/api/incidents")
    assert code == 1
    assert (
        lines[0] == "--url[0]: error: points at http://versus-old:3000, but the spec's receiver is "
        "http://versus-service:3000"
    )


def test_repeated_parameter_is_an_error(capsys, seed_spec):
    url = "http://versus-service:3000/api/incidents?oncall_enable=true&oncall_enable=false"
    code, lines = check(capsys, seed_spec, "--url", url)
    assert code == 1
    assert lines[0] == "--url[0]: error: oncall_enable is given 2 times; the receiver reads only one"


def test_plan_outside_the_iam_pattern_is_an_error(capsys, seed_spec, tmp_path):
    config = tmp_path / "config.yaml"
    assert main(["config", seed_spec, "-o", str(config)]) == 0
    text = config.read_text(encoding="utf-8").replace("NetworkCriticalPlan", "NetworkPlan")
    config.write_text(text, encoding="utf-8")
    url = "http://versus-service:3000/api/incidents?oncall_enable=true&awsim_other_response_plan=network"
    capsys.readouterr()
    code, lines = check(capsys, seed_spec, "--config", str(config), "--url", url)
    assert code == 1
    assert lines[0] == (
        "--url[0]: error: pages with response plan arn:aws:ssm-incidents::123456789012:response-plan/NetworkPlan, "
        "whose name does not match the IAM pattern '*Critical*': StartIncident would be denied"
    )


def test_urls_of_other_services_are_left_alone(capsys, seed_spec):
    assert check(capsys, seed_spec, "--url", "http://pager.example.com/hook") == (0, ["0 error(s), 0 warning(s)"])


def test_a_config_the_receiver_refuses_is_reported(capsys, seed_spec, tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text("oncall:\n  enable: maybe\n", encoding="utf-8")
    code, lines = check(capsys, seed_spec, "--config", str(config))
    assert code == 1
    assert lines[0].startswith(f"{config}: error: {config}: invalid configuration:")


def test_on_call_route_outside_the_rotations_hours_is_uncovered(capsys, seed_data, write_spec):
    """The application rotation covers weekdays 08:00-18:00 only; paging around the clock leaves gaps."""
    routes = seed_data["teams"][1]["routes"]
    del routes[0]["during"]
    del routes[1]
    spec = write_spec(seed_data)
    code, lines = check(capsys, str(spec), "--from", "2026-12-07T00:00")
    assert code == 1
    assert lines == [
        f"{spec}: teams[1].routes[0]: error: pages at any time, but app-rotation leaves 472 hour(s) uncovered "
        "in the 4 weeks checked; first gap 2026-12-07 00:00 UTC",
        "1 error(s), 0 warning(s)",
    ]


def test_business_hours_route_is_covered_by_the_business_hours_rotation(capsys, seed_spec):
    assert check(capsys, seed_spec, "--from", "2026-12-07T00:00") == (0, ["0 error(s), 0 warning(s)"])


def test_before_the_rotation_starts_nobody_is_on_call(capsys, seed_spec):
    code, lines = check(capsys, seed_spec, "--from", "2025-12-01T00:00")
    assert code == 1
    assert [line.split(": error:")[0] for line in lines[:-1]] == [
        f"{seed_spec}: teams[0].routes[0]",
        f"{seed_spec}: teams[0].routes[1]",
        f"{seed_spec}: teams[0].routes[2]",
        f"{seed_spec}: teams[1].routes[0]",
    ]


def test_inline_secrets_and_missing_credentials(capsys, seed_data, write_spec, tmp_path):
    seed_data["receiver"]["authorization"] = {"credentials_file": "secrets/versus-token"}
    alertmanager = tmp_path / "alertmanager.yml"
    alertmanager.write_text(
        """\
route: {receiver: a}
receivers:
  - name: a
    webhook_configs:
      - url: http://versus-service:3000/api/incidents
        http_config: {authorization: {credentials: s3cr3t}}
  - name: b
    webhook_configs:
      - url: http://versus-service:3000/api/incidents
        http_config: {basic_auth: {username: am, password: s3cr3t}}
""",
        encoding="utf-8",
    )
    spec = write_spec(seed_data)
    code, lines = check(capsys, str(spec), "--alertmanager", str(alertmanager))
    assert code == 1
    assert lines == [
        f"{alertmanager}: receivers[0].webhook_configs[0].http_config.authorization.credentials: error: secret "
        "written inline; use credentials_file",
        f"{alertmanager}: receivers[1].webhook_configs[0].http_config.basic_auth.password: error: secret "
        "written inline; use password_file",
        f"{alertmanager}: receivers[1].webhook_configs[0].http_config.authorization: error: missing: the spec's "
        "receiver expects a Bearer credential",
        f"{alertmanager}: receivers[1].webhook_configs[0].http_config: error: basic_auth user 'am' is not among "
        f"the users of alert.auth in <config generated from {spec}> (none)",
        "4 error(s), 0 warning(s)",
    ]


def test_generated_routing_that_drifted_from_the_spec(capsys, seed_data, write_spec, tmp_path):
    alertmanager = tmp_path / "alertmanager.yml"
    assert main(["alertmanager", str(write_spec(seed_data)), "-o", str(alertmanager)]) == 0
    seed_data["teams"][0]["routes"][1]["wait_minutes"] = 1
    seed_data["teams"][0]["routes"].append({"severity": "warning"})
    code, lines = check(capsys, str(write_spec(seed_data)), "--alertmanager", str(alertmanager))
    assert code == 1
    assert lines == [
        f"{alertmanager}: route.routes[0]: error: versus-gen's routes: differs from what the spec makes; run "
        "versus-gen alertmanager again",
        f"{alertmanager}: receivers[7]: error: versus-platform-network differs from what the spec makes; run "
        "versus-gen alertmanager again",
        f"{alertmanager}: receivers: error: versus-platform-warning is missing; run versus-gen alertmanager again",
        "3 error(s), 0 warning(s)",
    ]


def test_merged_routing_has_not_drifted(capsys, seed_spec, repo_root, tmp_path):
    merged = tmp_path / "alertmanager.yml"
    merged.write_text((repo_root / "alertmanager/seed-guide/alertmanager.yml").read_text(encoding="utf-8"))
    assert main(["alertmanager", seed_spec, "--merge-into", str(merged)]) == 0
    code, lines = check(capsys, seed_spec, "--alertmanager", str(merged), "--from", "2026-12-07T00:00")
    assert code == 0
    assert lines[-1] == "0 error(s), 5 warning(s)"
    assert all(": warning: `match" in line for line in lines[:-1])
