"""Every generated config passes `amtool check-config`, and routes pick the receivers the spec means.

`amtool config routes test` ignores time intervals: for the business-hours pair it lists both the
business-hours route (which continues) and its sibling; which one notifies is tested end to end with
the real Alertmanager in test_gen_alertmanager_e2e.py.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.binaries import require_binary
from versus.gen.cli import main

ROUTES = [
    (["team=platform", "severity=critical", "service=database"], "versus-platform-database"),
    (["team=platform", "severity=critical", "service=network"], "versus-platform-network"),
    (["team=platform", "severity=critical", "service=web"], "versus-platform-critical"),
    (["team=platform", "severity=high"], "versus-platform-high"),
    (["team=platform", "severity=warning"], "versus-default"),
    (
        ["team=application", "severity=critical"],
        "versus-application-critical-business-hours,versus-application-critical",
    ),
    (["team=application", "severity=high"], "versus-application-high"),
    (["team=storage", "severity=critical"], "versus-default"),
]


def amtool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([require_binary("amtool"), *args], capture_output=True, text=True, check=False)


def assert_valid(config: Path) -> None:
    result = amtool("check-config", str(config))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def generated(seed_spec, tmp_path) -> Path:
    path = tmp_path / "alertmanager.yml"
    assert main(["alertmanager", seed_spec, "-o", str(path)]) == 0
    return path


def test_generated_config_passes_check_config(generated):
    assert_valid(generated)


def test_config_with_authorization_passes_check_config(seed_data, write_spec, tmp_path):
    seed_data["receiver"]["authorization"] = {"credentials_file": "secrets/versus-token"}
    path = tmp_path / "alertmanager.yml"
    assert main(["alertmanager", str(write_spec(seed_data)), "-o", str(path)]) == 0
    assert_valid(path)


@pytest.mark.parametrize(("labels", "receivers"), ROUTES, ids=[" ".join(labels) for labels, _ in ROUTES])
def test_routes(generated, labels, receivers):
    result = amtool(
        "config", "routes", "test", f"--config.file={generated}", f"--verify.receivers={receivers}", *labels
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == receivers


def test_merged_into_the_seed_guides_config(seed_spec, repo_root, tmp_path):
    """The user's hand-written routes stay; the generated, narrower routes are tried first."""
    merged = tmp_path / "alertmanager.yml"
    shutil.copy(repo_root / "alertmanager/seed-guide/alertmanager.yml", merged)
    assert main(["alertmanager", seed_spec, "--merge-into", str(merged)]) == 0
    assert_valid(merged)
    for labels, receivers in [
        (["team=platform", "severity=critical"], "versus-platform-critical"),
        (["team=platform", "severity=warning"], "versus-normal"),
        (["timeperiod=business-hours"], "versus-business-hours"),
    ]:
        result = amtool("config", "routes", "test", f"--config.file={merged}", *labels)
        assert result.stdout.strip() == receivers


def test_committed_configs_pass_check_config(repo_root):
    assert_valid(repo_root / "alertmanager/generated/alertmanager.yml")
    assert_valid(repo_root / "alertmanager/seed-guide/alertmanager.yml")
