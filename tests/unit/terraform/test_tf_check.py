"""The combined offline check and its command line."""

from pathlib import Path

import pytest

from versus.terraform import check
from versus.terraform.schema import SCHEMA_ENV, ProviderSchemas

EMPTY = ProviderSchemas(resources={"aws_ssmcontacts_contact": {"attributes": {}}}, data_sources={})


def test_a_syntax_error_is_a_finding_and_other_files_are_still_checked(tmp_path: Path) -> None:
    (tmp_path / "broken.tf").write_text('resource "a" "b" {\n  x = \n}\n')
    (tmp_path / "ok.tf").write_text('resource "aws_ssmcontacts_contact" "c" {\n  alias = "Upper"\n}\n')
    assert [str(f) for f in check.check_paths([tmp_path], EMPTY)] == [
        f"{tmp_path / 'broken.tf'}:2: : HCL syntax error at column 7",
        f"{tmp_path / 'ok.tf'}:2: aws_ssmcontacts_contact.c: alias 'Upper' must be 1-255 lowercase letters,"
        " digits, '_' or '-'",
        f"{tmp_path / 'ok.tf'}:2: aws_ssmcontacts_contact.c.alias: unsupported argument 'alias'",
    ]


def test_the_command_line_exits_2_without_a_schema(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv(SCHEMA_ENV, str(tmp_path / "absent"))
    assert check.main([str(tmp_path)]) == 2
    assert SCHEMA_ENV in capsys.readouterr().err


@pytest.mark.parametrize(("alias", "code"), [("ok", 0), ("Bad", 1)])
def test_the_command_line_exits_1_on_findings(tmp_path: Path, monkeypatch, capsys, alias: str, code: int) -> None:
    schema = tmp_path / "schema"
    schema.mkdir()
    (schema / "aws.json").write_text(
        '{"provider_schemas": {"p": {"resource_schemas": {"aws_ssmcontacts_contact": {"block": {"attributes":'
        ' {"alias": {"type": "string", "required": true}}}}}}}}'
    )
    monkeypatch.setenv(SCHEMA_ENV, str(schema))
    (tmp_path / "main.tf").write_text(f'resource "aws_ssmcontacts_contact" "c" {{\n  alias = "{alias}"\n}}\n')
    assert check.main([str(tmp_path / "main.tf")]) == code
    assert capsys.readouterr().out.count("\n") == code
