"""Calls of local modules checked against the variables the module declares (what validate would say)."""

from pathlib import Path

from versus.terraform.module_calls import check_module_calls
from versus.terraform.parse import parse_file


def test_unknown_and_missing_module_arguments_are_reported(tmp_path: Path) -> None:
    module = tmp_path / "modules" / "plan"
    module.mkdir(parents=True)
    (module / "variables.tf").write_text(
        'variable "name" {\n  type = string\n}\nvariable "impact" {\n  type    = number\n  default = 1\n}\n'
    )
    root = tmp_path / "main.tf"
    root.write_text(
        'module "p" {\n  source = "./modules/plan"\n  impakt = 2\n  count  = 1\n}\n'
        'module "q" {\n  source = "./modules/nowhere"\n}\n'
        'module "r" {\n  source  = "terraform-aws-modules/iam/aws"\n  version = "1.0"\n}\n'
    )
    findings = [f"{f.line}: {f.address}: {f.message}" for f in check_module_calls([parse_file(root)])]
    assert findings == [
        "1: module.p: missing required argument 'name'",
        "3: module.p.impakt: the module has no variable 'impakt'",
        "6: module.q: module source './modules/nowhere' does not exist",
    ]
