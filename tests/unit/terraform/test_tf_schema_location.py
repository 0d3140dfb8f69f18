"""Finding the provider schema: an env var, else beside the repository; never a machine-specific path."""

import json
from pathlib import Path

import pytest

from versus.terraform.schema import REPO_ROOT, SCHEMA_ENV, ProviderSchemas, schema_dir


def test_the_env_var_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SCHEMA_ENV, str(tmp_path))
    assert schema_dir() == tmp_path


def test_a_missing_directory_gives_none_so_callers_can_say_why(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(SCHEMA_ENV, str(tmp_path / "absent"))
    assert schema_dir() is None


def test_without_the_env_var_it_looks_beside_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SCHEMA_ENV, raising=False)
    expected = REPO_ROOT.parent / "shared" / "aws-provider-schema"
    assert schema_dir() == (expected if expected.is_dir() else None)


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
