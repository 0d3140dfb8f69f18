"""Resource and data blocks checked against a provider schema (a small one here; the real one in integration)."""

from pathlib import Path

import pytest

from versus.terraform.parse import parse_file
from versus.terraform.schema import ProviderSchemas
from versus.terraform.schema_check import check_schema

STRING = {"type": "string", "optional": True}
SCHEMAS = ProviderSchemas(
    resources={
        "aws_ssmcontacts_plan": {
            "attributes": {
                "contact_id": {"type": "string", "required": True},
                "id": {"type": "string", "optional": True, "computed": True},
            },
            "block_types": {
                "stage": {
                    "nesting_mode": "list",
                    "min_items": 1,
                    "block": {
                        "attributes": {"duration_in_minutes": {"type": "number", "required": True}},
                        "block_types": {
                            "target": {
                                "nesting_mode": "list",
                                "max_items": 1,
                                "block": {"attributes": {"contact_id": STRING}},
                            }
                        },
                    },
                }
            },
        },
        "aws_ssmcontacts_contact": {
            "attributes": {
                "alias": {"type": "string", "required": True},
                "arn": {"type": "string", "computed": True},
                "old": {"type": "string", "optional": True, "deprecated": True},
            }
        },
        "awscc_ssmcontacts_contact": {
            "attributes": {
                "plan": {
                    "optional": True,
                    "nested_type": {
                        "nesting_mode": "list",
                        "attributes": {"rotation_ids": {"type": ["list", "string"], "optional": True}},
                    },
                }
            }
        },
    },
    data_sources={"aws_partition": {"attributes": {"partition": {"type": "string", "computed": True}}}},
)


def findings_for(write_tf, text: str) -> list[str]:
    path: Path = write_tf(text)
    return [f"{f.path.name}:{f.line}: {f.address}: {f.message}" for f in check_schema([parse_file(path)], SCHEMAS)]


def test_a_valid_block_with_meta_arguments_and_dynamic_blocks_passes(write_tf) -> None:
    text = (
        'resource "aws_ssmcontacts_plan" "p" {\n'
        "  for_each   = var.plans\n"
        "  contact_id = each.value\n"
        '  dynamic "stage" {\n'
        "    for_each = var.stages\n"
        "    content {\n"
        "      duration_in_minutes = 5\n"
        "      target {\n"
        "        contact_id = each.value\n"
        "      }\n"
        "    }\n"
        "  }\n"
        "  lifecycle {\n"
        "    create_before_destroy = true\n"
        "  }\n"
        "  depends_on = [terraform_data.x]\n"
        "}\n"
        'data "aws_partition" "current" {}\n'
        'resource "terraform_data" "x" {}\n'
    )
    assert findings_for(write_tf, text) == []


def test_a_wrong_attribute_name_is_reported_with_file_and_line(write_tf) -> None:
    text = 'resource "aws_ssmcontacts_contact" "a" {\n  alias  = "a"\n  aliass = "b"\n}\n'
    assert findings_for(write_tf, text) == [
        "main.tf:3: aws_ssmcontacts_contact.a.aliass: unsupported argument 'aliass'"
    ]


def test_wrong_names_inside_nested_and_dynamic_blocks_are_found(write_tf) -> None:
    text = (
        'resource "aws_ssmcontacts_plan" "p" {\n'
        '  contact_id = "c"\n'
        '  dynamic "stage" {\n'
        "    for_each = var.stages\n"
        "    content {\n"
        "      duration_in_minute = 5\n"
        "    }\n"
        "  }\n"
        "}\n"
    )
    assert findings_for(write_tf, text) == [
        "main.tf:5: aws_ssmcontacts_plan.p.stage: missing required argument 'duration_in_minutes'",
        "main.tf:6: aws_ssmcontacts_plan.p.stage.duration_in_minute: unsupported argument 'duration_in_minute'",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'resource "aws_ssmcontacts_rotaton" "r" {}\n',
            "main.tf:1: aws_ssmcontacts_rotaton.r: unknown resource type 'aws_ssmcontacts_rotaton'"
            " in the provider schema",
        ),
        (
            'data "aws_region" "r" {}\n',
            "main.tf:1: data.aws_region.r: unknown data source 'aws_region' in the provider schema",
        ),
        (
            'resource "aws_ssmcontacts_contact" "a" {\n  type = "PERSONAL"\n}\n',
            "main.tf:2: aws_ssmcontacts_contact.a.type: unsupported argument 'type'",
        ),
        (
            'resource "aws_ssmcontacts_contact" "a" {\n  alias = "a"\n  arn   = "x"\n}\n',
            "main.tf:3: aws_ssmcontacts_contact.a.arn: 'arn' is read-only (computed)",
        ),
        (
            'resource "aws_ssmcontacts_contact" "a" {\n  alias = "a"\n  old   = "x"\n}\n',
            "main.tf:3: aws_ssmcontacts_contact.a.old: argument 'old' is deprecated",
        ),
        (
            'resource "aws_ssmcontacts_plan" "p" {\n  contact_id = "c"\n  stage = []\n}\n',
            "main.tf:3: aws_ssmcontacts_plan.p.stage: 'stage' is a block, not an argument",
        ),
        (
            'resource "awscc_ssmcontacts_contact" "s" {\n  plan {\n  }\n}\n',
            "main.tf:2: awscc_ssmcontacts_contact.s.plan: 'plan' is an argument (write `plan = …`), not a block",
        ),
        (
            'resource "awscc_ssmcontacts_contact" "s" {\n  plan = [{ rotation_id = ["r"] }]\n}\n',
            "main.tf:2: awscc_ssmcontacts_contact.s.plan.rotation_id: unsupported attribute 'rotation_id'",
        ),
    ],
)
def test_schema_violations_are_reported(write_tf, text: str, expected: str) -> None:
    assert expected in findings_for(write_tf, text)


def test_missing_required_blocks_and_too_many_blocks_are_reported(write_tf) -> None:
    missing = findings_for(write_tf, 'resource "aws_ssmcontacts_plan" "p" {\n  contact_id = "c"\n}\n')
    assert missing == ["main.tf:1: aws_ssmcontacts_plan.p: needs at least 1 'stage' block(s)"]
    text = (
        'resource "aws_ssmcontacts_plan" "p" {\n'
        '  contact_id = "c"\n'
        "  stage {\n"
        "    duration_in_minutes = 1\n"
        "    target {}\n"
        "    target {}\n"
        "  }\n"
        "}\n"
    )
    assert findings_for(write_tf, text) == [
        "main.tf:3: aws_ssmcontacts_plan.p.stage: takes at most 1 'target' block(s)"
    ]
