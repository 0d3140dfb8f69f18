"""`versus-gen apply` orchestration with Terraform itself replaced: what runs, in which order, and what is written.

The real Terraform runs in tests/integration/gen_terraform; here the runner is a stand-in, so these tests
can look at generation with providers that Terraform core could not install offline.
"""

import io
import re
from pathlib import Path

import pytest
import yaml

from versus.gen.cli import main
from versus.gen.commands.apply import OUTPUTS_FILE, ask_to_apply

ARNS = {
    alias: f"arn:aws:ssm-incidents::123456789012:response-plan/{alias}-applied"
    for alias in ("app", "network", "platform")
}


class FakeRunner:
    """Stands in for versus.terraform.runner.apply and remembers what it was asked to do."""

    def __init__(self, arns: dict[str, str]) -> None:
        self.arns = arns
        self.calls: list[tuple[Path, bool, str, list[str]]] = []

    def __call__(self, out_dir: Path, auto_approve: bool, *, confirm, terraform_bin: str) -> dict[str, str]:
        self.calls.append((out_dir, auto_approve, terraform_bin, sorted(p.name for p in out_dir.iterdir())))
        return self.arns


@pytest.fixture
def terraform_bin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A `terraform` that exists on PATH; the fake runner never executes it."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    binary = bin_dir / "terraform"
    binary.write_text("#!/bin/sh\nexit 1\n")
    binary.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("VERSUS_AWS_PROVIDER_SCHEMA", str(tmp_path / "no-schema-here"))
    return str(binary)


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> FakeRunner:
    fake = FakeRunner(ARNS)
    monkeypatch.setattr("versus.gen.commands.apply.apply", fake)
    monkeypatch.setattr("versus.gen.commands.apply.output_value", lambda out_dir, name, terraform_bin: None)
    return fake


def test_generates_then_applies_then_writes_the_config(seed_spec, tmp_path, terraform_bin, runner, capsys) -> None:
    out, config = tmp_path / "root", tmp_path / "config" / "config.yaml"
    assert main(["apply", seed_spec, "-o", str(out), "--config-out", str(config), "--auto-approve"]) == 0
    assert runner.calls == [(out, True, terraform_bin, ["main.tf", "modules", "outputs.tf", "versions.tf"])]
    aws = yaml.safe_load(config.read_text(encoding="utf-8"))["oncall"]["aws_incident_manager"]
    assert aws["response_plan_arn"] == ARNS["platform"]
    assert aws["other_response_plan_arns"] == {"app": ARNS["app"], "network": ARNS["network"]}
    assert capsys.readouterr().out.splitlines()[-1] == f"wrote {config} (response plan ARNs from {out / OUTPUTS_FILE})"


def test_generation_options_reach_the_root_module(seed_spec, tmp_path, terraform_bin, runner) -> None:
    out = tmp_path / "root"
    args = ["apply", seed_spec, "-o", str(out), "--config-out", str(tmp_path / "c.yaml"), "--runtime", "ec2"]
    assert main([*args, "--resolve-on-alert-resolved"]) == 0
    main_tf = (out / "main.tf").read_text(encoding="utf-8")
    assert re.search(r'runtime += "ec2"', main_tf)
    assert re.search(r"resolve_on_alert_resolved += true", main_tf)
    assert runner.calls[0][1] is False


def test_skip_generate_applies_the_directory_as_it_is(seed_spec, tmp_path, terraform_bin, runner) -> None:
    out = tmp_path / "reviewed"
    out.mkdir()
    (out / "main.tf").write_text("# reviewed and committed\n", encoding="utf-8")
    assert main(["apply", seed_spec, "-o", str(out), "--config-out", str(tmp_path / "c.yaml"), "--skip-generate"]) == 0
    assert (out / "main.tf").read_text(encoding="utf-8") == "# reviewed and committed\n"
    assert runner.calls[0][3] == ["main.tf"]


def test_skip_generate_without_the_directory_exits_1(seed_spec, tmp_path, terraform_bin, runner, capsys) -> None:
    out = tmp_path / "missing"
    assert main(["apply", seed_spec, "-o", str(out), "--skip-generate"]) == 1
    assert capsys.readouterr().err == (
        f"versus-gen apply: {out} does not exist; write it with `versus-gen terraform` first\n"
    )
    assert runner.calls == []


def test_without_terraform_on_path_nothing_is_written(seed_spec, tmp_path, monkeypatch, runner, capsys) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    out, config = tmp_path / "root", tmp_path / "config.yaml"
    assert main(["apply", seed_spec, "-o", str(out), "--config-out", str(config), "--auto-approve"]) == 1
    assert capsys.readouterr().err == (
        "versus-gen apply: terraform not found on PATH; install Terraform >= 1.9 and try again\n"
    )
    assert not out.exists()
    assert not config.exists()
    assert runner.calls == []


def test_outputs_missing_a_routed_plan_exit_2_saying_it_was_applied(
    seed_spec, tmp_path, terraform_bin, monkeypatch, capsys
) -> None:
    monkeypatch.setattr("versus.gen.commands.apply.apply", FakeRunner({"platform": ARNS["platform"]}))
    monkeypatch.setattr("versus.gen.commands.apply.output_value", lambda out_dir, name, terraform_bin: None)
    out, config = tmp_path / "root", tmp_path / "config.yaml"
    assert main(["apply", seed_spec, "-o", str(out), "--config-out", str(config), "--auto-approve"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"applied, but {config} was not written:",
        f"{out / OUTPUTS_FILE}: response_plan_arns.value.app: error: missing: a route uses it",
        f"{out / OUTPUTS_FILE}: response_plan_arns.value.network: error: missing: a route uses it",
    ]
    assert not config.exists()


@pytest.mark.parametrize(
    ("typed", "approved"),
    [
        ("y\n", True),
        ("Yes\n", True),
        (" y \n", True),
        ("\n", False),
        ("n\n", False),
        ("yes please\n", False),
        ("", False),
    ],
)
def test_only_y_or_yes_approves(monkeypatch, capsys, typed: str, approved: bool) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    assert ask_to_apply("Plan: 1 to add") is approved
    assert capsys.readouterr().out == "Apply this plan? [y/N] "
