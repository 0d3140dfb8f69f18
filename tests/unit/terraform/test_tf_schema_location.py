"""Finding the provider schema: an env var, else the copy packaged with Versus; never a path outside the package."""

import json
from pathlib import Path

import pytest

import versus
from versus.terraform.schema import PACKAGED_AWS, SCHEMA_ENV, ProviderSchemas, schema_dir


def test_the_env_var_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SCHEMA_ENV, str(tmp_path))
    assert schema_dir() == tmp_path


def test_a_missing_directory_gives_none_so_callers_can_say_why(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(SCHEMA_ENV, str(tmp_path / "absent"))
    assert schema_dir() is None


def test_without_the_env_var_it_reads_the_packaged_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SCHEMA_ENV, raising=False)
    package = Path(versus.__file__).parent
    assert schema_dir() == PACKAGED_AWS == package / "terraform" / "provider_schemas" / "aws"
    schemas = ProviderSchemas.load(PACKAGED_AWS)
    assert (len(schemas.resources), len(schemas.data_sources)) == (50, 34)
    assert (PACKAGED_AWS / "README.md").is_file()


def test_no_code_in_the_package_reaches_outside_it() -> None:
    package = Path(versus.__file__).parent
    offenders = [
        str(path.relative_to(package))
        for path in sorted(package.rglob("*.py"))
        if '"shared"' in path.read_text(encoding="utf-8") or "../shared" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_resources_and_data_sources_merge_across_provider_files(tmp_path: Path) -> None:
    for provider, resource in (("hashicorp/aws", "aws_x"), ("hashicorp/awscc", "awscc_y")):
        document = {
            "format_version": "1.0",
            "provider_schemas": {
                f"example.invalid/{provider}": {
                    "provider": None,
                    "resource_schemas": {resource: {"version": 0, "block": {"attributes": {}}}},
                    "data_source_schemas": {f"{resource}_d": {"version": 0, "block": {}}},
                }
            },
        }
        (tmp_path / f"{resource}.json").write_text(json.dumps(document))
    schemas = ProviderSchemas.load(tmp_path)
    assert schemas.block("resource", "aws_x") == {"attributes": {}}
    assert schemas.block("resource", "awscc_y") is not None
    assert schemas.block("data", "awscc_y_d") == {}
    assert schemas.block("resource", "aws_x_d") is None


def test_an_empty_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no provider schema JSON"):
        ProviderSchemas.load(tmp_path)
