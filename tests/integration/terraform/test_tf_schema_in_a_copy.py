"""The schema checks pass from a copy of the repository that has nothing beside it: the provider schema data
the suite and `versus-gen terraform` need is inside the repository, not in a sibling folder."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
CONFORMANCE = "tests/integration/terraform/test_tf_schema_conformance.py"


def copy_repository(target: Path) -> None:
    """What a clone holds: tracked files plus new ones not ignored, symlinks kept as symlinks."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if not source.exists() and not source.is_symlink():
            continue
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination, follow_symlinks=False)


def test_the_schema_conformance_checks_pass_in_a_lone_copy(tmp_path: Path) -> None:
    lone = tmp_path / "lone" / "versus"
    copy_repository(lone)
    assert not (lone.parent / "shared").exists()
    env = {key: value for key, value in os.environ.items() if key != "VERSUS_AWS_PROVIDER_SCHEMA"}
    env.update(CI="true", PYTHONPATH=str(lone), PYTHONDONTWRITEBYTECODE="1")
    where = subprocess.run(
        [sys.executable, "-c", "import versus; print(versus.__file__)"],
        cwd=lone,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(lone)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", CONFORMANCE],
        cwd=lone,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " passed" in result.stdout.splitlines()[-1]
    assert "skipped" not in result.stdout.splitlines()[-1]
