"""Every resource, data source, argument and nested block checked against the real provider schemas
(hashicorp/aws 6.47.0, hashicorp/awscc 1.96.0), plus module calls and the Incident Manager rules."""

import shutil
from pathlib import Path

from tests.integration.terraform.conftest import TERRAFORM_DIR
from versus.terraform.check import check_paths
from versus.terraform.parse import parse_file
from versus.terraform.schema import ProviderSchemas


def test_modules_and_complete_example_conform(provider_schemas: ProviderSchemas) -> None:
    findings = check_paths([TERRAFORM_DIR], provider_schemas)
    assert [str(f) for f in findings] == []


def test_generated_root_module_conforms(provider_schemas: ProviderSchemas, generated_root: Path) -> None:
    findings = check_paths([generated_root], provider_schemas)
    assert [str(f) for f in findings] == []


def test_the_check_covers_every_resource_type_the_modules_use(provider_schemas: ProviderSchemas) -> None:
    """Guards against a vacuous pass: each type used is known to the schema, and the key ones are used."""
    used = {
        block.labels[0]
        for path in sorted(TERRAFORM_DIR.rglob("*.tf"))
        for block in parse_file(path).blocks
        if block.type in ("resource", "data")
    }
    assert {
        "aws_ssmincidents_replication_set",
        "aws_ssmcontacts_contact",
        "aws_ssmcontacts_contact_channel",
        "aws_ssmcontacts_plan",
        "aws_ssmcontacts_rotation",
        "awscc_ssmcontacts_contact",
        "aws_ssmincidents_response_plan",
        "aws_iam_policy_document",
        "aws_iam_role",
        "aws_iam_instance_profile",
        "aws_cloudwatch_dashboard",
    } <= used
    assert all(provider_schemas.block("resource", t) or provider_schemas.block("data", t) for t in used)


def _copy_module(tmp_path: Path, module: str) -> Path:
    target = tmp_path / module
    shutil.copytree(TERRAFORM_DIR / "modules" / module, target)
    return target


def test_a_wrong_attribute_name_in_a_module_is_reported(provider_schemas: ProviderSchemas, tmp_path: Path) -> None:
    module = _copy_module(tmp_path, "escalation-plan")
    main = module / "main.tf"
    main.write_text(main.read_text().replace("display_name = var.display_name", "display_nam = var.display_name"))
    line = next(n for n, text in enumerate(main.read_text().splitlines(), 1) if "display_nam =" in text)
    assert [str(f) for f in check_paths([module], provider_schemas)] == [
        f"{main}:{line}: aws_ssmcontacts_contact.this.display_nam: unsupported argument 'display_nam'"
    ]


def test_a_wrong_nested_block_in_a_dynamic_block_is_reported(provider_schemas: ProviderSchemas, tmp_path: Path) -> None:
    module = _copy_module(tmp_path, "oncall-schedule")
    main = module / "main.tf"
    main.write_text(
        main.read_text().replace("map_block_key = shift_coverages.key", "day_of_week = shift_coverages.key")
    )
    findings = [f.message for f in check_paths([module], provider_schemas)]
    assert findings == ["missing required argument 'map_block_key'", "unsupported argument 'day_of_week'"]


def test_bad_values_in_the_generated_root_are_reported_with_location(
    provider_schemas: ProviderSchemas, generated_root: Path, tmp_path: Path
) -> None:
    root = tmp_path / "root"
    shutil.copytree(generated_root, root)
    main = root / "main.tf"
    text = main.read_text()
    text = text.replace("duration_in_minutes = 10", "duration_in_minutes = 31", 1)
    text = text.replace('alias         = "app-rotation"', 'alias         = "App-Rotation"')
    main.write_text(text)
    lines = text.splitlines()
    module = lines.index('module "escalation_platform" {')
    stages = next(n for n in range(module, len(lines)) if lines[n].strip() == "stages = [") + 1
    alias = next(n for n, line in enumerate(lines, 1) if '"App-Rotation"' in line)
    assert [str(f) for f in check_paths([root], provider_schemas)] == [
        f"{main}:{alias}: module.rotation_app_rotation: alias 'App-Rotation' must be 1-255 lowercase letters,"
        " digits, '_' or '-'",
        f"{main}:{stages}: module.escalation_platform: stage duration 31 minutes is outside 0-30",
    ]
