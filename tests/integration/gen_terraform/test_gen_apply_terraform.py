"""`versus-gen apply` with a real Terraform core through python-terraform, from plan to the receiver's config.

AWS providers cannot be downloaded here, so the directory applied is a provider-less stand-in for the
generated root (--skip-generate): terraform_data resources whose outputs play the response plan ARNs, under
the same `response_plan_arns` output. Everything after generation is the real path: init, plan shown,
confirmation, apply, `output -json`, and the config written from those outputs.
"""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from versus.gen.cli import main
from versus.gen.commands.apply import OUTPUTS_FILE

# python-terraform 0.10.1 logs failures with the deprecated Logger.warn.
pytestmark = pytest.mark.filterwarnings("ignore:The 'warn' method is deprecated:DeprecationWarning")

ACCOUNT = "arn:aws:ssm-incidents::123456789012:response-plan"
PROVIDERLESS_ROOT = """\
resource "terraform_data" "response_plan" {
  for_each = toset(["platform", "network", "app"])
  input    = "ACCOUNT/${title(each.key)}FromState"
}

output "response_plan_arns" {
  value = { for alias, plan in terraform_data.response_plan : alias => plan.output }
}
""".replace("ACCOUNT", ACCOUNT)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    directory = tmp_path / "root"
    directory.mkdir()
    (directory / "main.tf").write_text(PROVIDERLESS_ROOT, encoding="utf-8")
    return directory


def apply_args(seed_spec: str, root: Path, config: Path, *extra: str) -> list[str]:
    return ["apply", seed_spec, "-o", str(root), "--skip-generate", "--config-out", str(config), *extra]


def test_the_config_carries_the_arns_terraform_created(seed_spec, tmp_path, root, terraform_on_path, capsys) -> None:
    config = tmp_path / "config" / "config.yaml"
    assert main(apply_args(seed_spec, root, config, "--auto-approve")) == 0
    aws = yaml.safe_load(config.read_text(encoding="utf-8"))["oncall"]["aws_incident_manager"]
    assert aws["response_plan_arn"] == f"{ACCOUNT}/PlatformFromState"
    assert aws["other_response_plan_arns"] == {
        "app": f"{ACCOUNT}/AppFromState",
        "network": f"{ACCOUNT}/NetworkFromState",
    }
    assert json.loads((root / OUTPUTS_FILE).read_text(encoding="utf-8")) == {
        "response_plan_arns": {
            "value": {alias: f"{ACCOUNT}/{alias.title()}FromState" for alias in ("app", "network", "platform")}
        }
    }
    shown = capsys.readouterr().out
    assert 'terraform_data.response_plan["platform"] will be created' in shown
    assert "Apply this plan?" not in shown


def test_the_config_is_what_versus_gen_config_writes_from_the_outputs(
    seed_spec, tmp_path, root, terraform_on_path
) -> None:
    applied, regenerated = tmp_path / "applied.yaml", tmp_path / "regenerated.yaml"
    assert main(apply_args(seed_spec, root, applied, "--auto-approve")) == 0
    assert main(["config", seed_spec, "--terraform-outputs", str(root / OUTPUTS_FILE), "-o", str(regenerated)]) == 0
    assert applied.read_bytes() == regenerated.read_bytes()


def test_y_on_stdin_applies(seed_spec, tmp_path, root, terraform_on_path, monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    config = tmp_path / "config.yaml"
    assert main(apply_args(seed_spec, root, config)) == 0
    assert "Plan: 3 to add, 0 to change, 0 to destroy." in capsys.readouterr().out
    assert config.is_file()
    assert (root / "terraform.tfstate").is_file()


def test_applying_again_changes_nothing(seed_spec, tmp_path, root, terraform_on_path, capsys) -> None:
    config = tmp_path / "config.yaml"
    assert main(apply_args(seed_spec, root, config, "--auto-approve")) == 0
    first = config.read_bytes()
    capsys.readouterr()
    assert main(apply_args(seed_spec, root, config, "--auto-approve")) == 0
    assert "No changes." in capsys.readouterr().out
    assert config.read_bytes() == first


def test_declining_at_the_prompt_writes_nothing(seed_spec, tmp_path, root, terraform_on_path) -> None:
    """The installed command, reading the answer from a real stdin."""
    config = tmp_path / "config.yaml"
    versus_gen = Path(sys.executable).parent / "versus-gen"
    result = subprocess.run(
        [str(versus_gen), *apply_args(seed_spec, root, config)],
        input="n\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Plan: 3 to add" in result.stdout
    assert result.stdout.rstrip().endswith("Apply this plan? [y/N]")
    assert result.stderr == "versus-gen apply: plan declined: nothing applied, no config written\n"
    assert not config.exists()
    assert not (root / OUTPUTS_FILE).exists()
    assert not (root / "terraform.tfstate").exists()


def test_a_failing_terraform_command_exits_1_with_its_output(
    seed_spec, tmp_path, root, terraform_on_path, capsys
) -> None:
    (root / "broken.tf").write_text('resource "terraform_data" "x" {\n  nonsense = 1\n}\n', encoding="utf-8")
    config = tmp_path / "config.yaml"
    assert main(apply_args(seed_spec, root, config, "--auto-approve")) == 1
    error = capsys.readouterr().err
    assert error.startswith("versus-gen apply: terraform plan failed (1):")
    assert "Unsupported argument" in error
    assert error.endswith("no config written\n")
    assert not config.exists()


def test_the_service_url_is_printed_for_public_host(seed_spec, tmp_path, root, terraform_on_path, capsys) -> None:
    """With deploy.ecs the root has a service_url output; apply shows it, to go into receiver.public_host."""
    url = "https://versus-123.us-east-1.elb.amazonaws.com"
    with (root / "main.tf").open("a", encoding="utf-8") as main_tf:
        main_tf.write(f'\noutput "service_url" {{\n  value = "{url}"\n}}\n')
    assert main(apply_args(seed_spec, root, tmp_path / "config.yaml", "--auto-approve")) == 0
    assert f"service URL: {url} (put it in the spec's receiver.url and receiver.public_host)" in capsys.readouterr().out


def test_no_service_url_line_without_a_deploy_section(seed_spec, tmp_path, root, terraform_on_path, capsys) -> None:
    assert main(apply_args(seed_spec, root, tmp_path / "config.yaml", "--auto-approve")) == 0
    assert "service URL" not in capsys.readouterr().out
