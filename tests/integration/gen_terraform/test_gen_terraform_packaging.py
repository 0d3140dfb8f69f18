"""A built wheel carries the Terraform modules, so `versus-gen terraform` works from a non-editable install.

In the source tree `versus/terraform/modules` is a symlink to `terraform/modules`; the build must follow it
and ship real files. The wheel is built from a copy of what the build reads, with setuptools directly (no
download), unpacked, and imported ahead of the editable install this suite runs from.
"""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
BUILD = "from setuptools import build_meta; print(build_meta.build_wheel({out!r}))"
RUN_INSTALLED = """\
import sys
sys.path.insert(0, {site!r})
import versus
from versus.gen.cli import main
assert versus.__file__.startswith({site!r}), versus.__file__
raise SystemExit(main(["terraform", {spec!r}, "-o", {out!r}]))
"""


def build_wheel(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(REPO / "pyproject.toml", source)
    (source / "README.md").write_text("Versus\n", encoding="utf-8")
    shutil.copytree(REPO / "versus", source / "versus", symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "terraform" / "modules", source / "terraform" / "modules")
    assert (source / "versus" / "terraform" / "modules").is_symlink()
    dist = tmp_path / "dist"
    result = subprocess.run(
        [sys.executable, "-c", BUILD.format(out=str(dist))], cwd=source, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return dist / result.stdout.strip().splitlines()[-1]


def test_an_installed_wheel_writes_the_modules(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("VERSUS_TERRAFORM_MODULES", raising=False)
    monkeypatch.setenv("VERSUS_AWS_PROVIDER_SCHEMA", str(tmp_path / "no-schema-here"))
    wheel = build_wheel(tmp_path)
    site, out = tmp_path / "site", tmp_path / "root"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    spec = str(REPO / "examples" / "seed-teams.yaml")
    script = RUN_INSTALLED.format(site=str(site), spec=spec, out=str(out))
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    packaged = REPO / "versus" / "terraform" / "provider_schemas"
    for data in sorted(p for p in packaged.rglob("*") if p.is_file()):
        assert (site / data.relative_to(REPO)).read_bytes() == data.read_bytes()
    modules = REPO / "terraform" / "modules"
    for module in sorted(p for p in modules.iterdir() if p.is_dir()):
        shipped = sorted(p.name for p in (site / "versus" / "terraform" / "modules" / module.name).iterdir())
        assert shipped == sorted(p.name for p in module.iterdir())
        for file in module.iterdir():
            assert (out / "modules" / module.name / file.name).read_bytes() == file.read_bytes()
