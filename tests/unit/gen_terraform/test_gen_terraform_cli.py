"""`versus-gen terraform`: what it writes, what it prints, and when it cannot check or render."""

import re
from pathlib import Path
from typing import Any

import pytest

from versus.gen.cli import main
from versus.terraform.findings import Finding


@pytest.fixture
def no_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERSUS_AWS_PROVIDER_SCHEMA", str(tmp_path / "no-schema-here"))


def test_prints_each_file_it_wrote(seed_spec, tmp_path, capsys, no_schema) -> None:
    out = tmp_path / "root"
    assert main(["terraform", seed_spec, "-o", str(out)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"wrote {out / 'modules'}/",
        f"wrote {out / 'main.tf'}",
        f"wrote {out / 'outputs.tf'}",
        f"wrote {out / 'versions.tf'}",
    ]
    assert (out / "modules" / "versus-iam" / "main.tf").is_file()


def test_runtime_and_resolve_options_reach_the_iam_module(seed_spec, tmp_path, no_schema) -> None:
    out = tmp_path / "root"
    assert main(["terraform", seed_spec, "-o", str(out), "--runtime", "lambda", "--resolve-on-alert-resolved"]) == 0
    main_tf = (out / "main.tf").read_text(encoding="utf-8")
    assert re.search(r'runtime += "lambda"', main_tf)
    assert re.search(r"resolve_on_alert_resolved += true", main_tf)


def test_the_default_runtime_is_ecs_without_resolving(seed_spec, tmp_path, no_schema) -> None:
    out = tmp_path / "root"
    assert main(["terraform", seed_spec, "-o", str(out)]) == 0
    main_tf = (out / "main.tf").read_text(encoding="utf-8")
    assert re.search(r'runtime += "ecs"', main_tf)
    assert re.search(r"resolve_on_alert_resolved += false", main_tf)


def test_without_the_provider_schema_it_says_the_check_did_not_run(seed_spec, tmp_path, capsys, no_schema) -> None:
    assert main(["terraform", seed_spec, "-o", str(tmp_path / "root")]) == 0
    assert capsys.readouterr().err == (
        "offline check skipped: AWS provider schema not found (set VERSUS_AWS_PROVIDER_SCHEMA)\n"
    )


def test_findings_are_printed_and_exit_1(seed_spec, tmp_path, capsys, monkeypatch) -> None:
    schema = tmp_path / "schema"
    schema.mkdir()
    (schema / "aws.json").write_text('{"provider_schemas": {}}', encoding="utf-8")
    monkeypatch.setenv("VERSUS_AWS_PROVIDER_SCHEMA", str(schema))
    out = tmp_path / "root"
    finding = Finding(out / "main.tf", 3, "module.contacts", "something AWS would refuse")
    monkeypatch.setattr("versus.terraform.check.check_paths", lambda paths, schemas, described=(): [finding])
    assert main(["terraform", seed_spec, "-o", str(out)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == str(finding)


def unreachable(data: dict[str, Any]) -> None:
    del data["people"][0]["email"], data["people"][0]["phone"]


def test_a_spec_aws_cannot_take_exits_2_naming_the_spec(spec_with, tmp_path, capsys, no_schema) -> None:
    """alice is in a rotation, and a contact with no channel could never be paged."""
    spec = spec_with(unreachable)
    assert main(["terraform", spec, "-o", str(tmp_path / "root")]) == 2
    assert (
        capsys.readouterr().err == f"{spec}: error: person 'alice' is on call but has neither email nor phone to page\n"
    )
    assert not (tmp_path / "root").exists()
