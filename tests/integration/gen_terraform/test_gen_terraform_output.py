"""`versus-gen terraform` on the seed spec: deterministic, formatted as `terraform fmt` wants, and schema-clean."""

import subprocess
from pathlib import Path

import pytest

from versus.gen.cli import main
from versus.terraform.schema import SCHEMA_ENV, schema_dir


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture
def with_schema() -> Path:
    directory = schema_dir()
    assert directory is not None, f"${SCHEMA_ENV} names a folder that does not exist"
    return directory


def test_the_same_spec_writes_the_same_bytes(seed_spec, tmp_path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert main(["terraform", seed_spec, "-o", str(first)]) == 0
    assert main(["terraform", seed_spec, "-o", str(second)]) == 0
    assert main(["terraform", seed_spec, "-o", str(second)]) == 0
    assert snapshot(first) == snapshot(second)
    assert sorted(snapshot(first))[:2] == ["main.tf", "modules/contacts/README.md"]


def test_the_output_is_terraform_fmt_clean(seed_spec, tmp_path, terraform_on_path) -> None:
    out = tmp_path / "root"
    assert main(["terraform", seed_spec, "-o", str(out)]) == 0
    result = subprocess.run(
        ["terraform", "fmt", "-check", "-recursive", "-diff", "-no-color"],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_output_passes_the_offline_schema_check(seed_spec, tmp_path, capsys, with_schema) -> None:
    out = tmp_path / "root"
    assert main(["terraform", seed_spec, "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1] == f"offline check passed: {out} against the provider schema in {with_schema}"
    assert captured.err == ""


def test_response_plan_arns_are_an_output_by_alias(seed_spec, tmp_path) -> None:
    out = tmp_path / "root"
    assert main(["terraform", seed_spec, "-o", str(out)]) == 0
    outputs = (out / "outputs.tf").read_text(encoding="utf-8")
    assert outputs.startswith('output "response_plan_arns" {')
    for alias in ("platform", "network", "app"):
        assert f"module.response_plan_{alias}.arn" in outputs
