"""`write_root_module`: the self-contained directory `versus-gen terraform SPEC -o DIR` produces."""

from pathlib import Path
from typing import Any

from tests.integration.terraform.conftest import MODULES, REPO, TERRAFORM_DIR
from versus.gen.spec import load_spec
from versus.terraform.bundle import write_root_module
from versus.terraform.render import render_root_module


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def test_root_and_modules_are_written_together(generated_root: Path) -> None:
    assert sorted(p.name for p in generated_root.iterdir()) == ["main.tf", "modules", "outputs.tf", "versions.tf"]
    assert sorted(p.name for p in (generated_root / "modules").iterdir()) == MODULES
    for module in MODULES:
        shipped = sorted(p.name for p in (generated_root / "modules" / module).iterdir())
        assert shipped == sorted(p.name for p in (TERRAFORM_DIR / "modules" / module).iterdir())
    assert 'source = "./modules/contacts"' in (generated_root / "main.tf").read_text()


def test_writing_twice_gives_identical_bytes_and_replaces_stale_modules(
    tmp_path: Path, seed_data: dict[str, Any], generated_root: Path
) -> None:
    out = tmp_path / "out"
    write_root_module(seed_data, out)
    (out / "modules" / "stale").mkdir()
    (out / "modules" / "contacts" / "leftover.tf").write_text("# old\n")
    write_root_module(seed_data, out)
    assert snapshot(out) == snapshot(generated_root)


def test_the_team_spec_loaders_dict_renders_the_same_root(seed_data: dict[str, Any]) -> None:
    """versus-gen hands over `load_spec(...).raw`; it must render exactly like the parsed YAML."""
    loaded = load_spec(REPO / "examples" / "seed-teams.yaml")
    assert render_root_module(loaded.raw, "./modules") == render_root_module(seed_data, "./modules")
