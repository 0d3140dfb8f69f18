"""References to variables, locals, resources, data sources and module outputs must resolve."""

from pathlib import Path

from versus.terraform.parse import parse_file
from versus.terraform.references import check_references
from versus.terraform.schema import ProviderSchemas

SCHEMAS = ProviderSchemas(
    resources={"aws_ssmcontacts_contact": {"attributes": {"arn": {"type": "string", "computed": True}}}},
    data_sources={"aws_partition": {"attributes": {"partition": {"type": "string", "computed": True}}}},
)

MODULE = """\
variable "alias" {
  type = string
}

locals {
  display = upper(var.alias)
}

data "aws_partition" "current" {}

resource "aws_ssmcontacts_contact" "this" {
  alias        = var.alias
  display_name = "${local.display} in ${data.aws_partition.current.partition}"
}

output "arn" {
  value = aws_ssmcontacts_contact.this.arn
}
"""


def findings(directory: Path) -> list[str]:
    files = [parse_file(path) for path in sorted(directory.rglob("*.tf"))]
    return [f"{f.path.name}:{f.line}: {f.address}: {f.message}" for f in check_references(files, SCHEMAS)]


def test_resolving_references_pass(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MODULE)
    assert findings(tmp_path) == []


def test_misspelt_references_are_reported_where_they_are(tmp_path: Path) -> None:
    broken = (
        MODULE.replace("upper(var.alias)", "upper(var.aliass)")
        .replace("${local.display}", "${local.display_name}")
        .replace("data.aws_partition.current.partition", "data.aws_partition.this.partition")
        .replace("aws_ssmcontacts_contact.this.arn", "aws_ssmcontacts_contact.this.contact_arn")
    )
    (tmp_path / "main.tf").write_text(broken)
    assert findings(tmp_path) == [
        "main.tf:6: locals: reference to undeclared input variable var.aliass",
        "main.tf:13: aws_ssmcontacts_contact.this: reference to undeclared data source data.aws_partition.this",
        "main.tf:13: aws_ssmcontacts_contact.this: reference to undeclared local value local.display_name",
        "main.tf:17: output.arn: aws_ssmcontacts_contact.this has no attribute 'contact_arn'",
    ]


def test_module_outputs_are_looked_up_in_the_called_module(tmp_path: Path) -> None:
    module = tmp_path / "modules" / "contact"
    module.mkdir(parents=True)
    (module / "main.tf").write_text(MODULE)
    (tmp_path / "main.tf").write_text(
        'module "a" {\n  source = "./modules/contact"\n  alias  = "a"\n}\n'
        'output "ok" {\n  value = module.a.arn\n}\n'
        'output "typo" {\n  value = module.a.arns\n}\n'
        'output "missing" {\n  value = module.b.arn\n}\n'
    )
    assert findings(tmp_path) == [
        "main.tf:9: output.typo: module.a has no output 'arns'",
        "main.tf:12: output.missing: reference to undeclared module module.b",
    ]


def test_iteration_symbols_and_plain_text_are_not_references(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'variable "m" {\n  description = "uses var.nothing in prose"\n  type        = map(string)\n}\n'
        'output "o" {\n  value = { for key, each_value in var.m : key => each_value }\n}\n'
    )
    assert findings(tmp_path) == []
