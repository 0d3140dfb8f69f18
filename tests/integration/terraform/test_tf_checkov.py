"""checkov over the modules, the example and a generated root, via scripts/checkov (own venv in the cache).

The first run builds the venv and takes a few minutes; later runs reuse it. Any skip must be justified
inline (`#checkov:skip=CKV_…:reason`), so the bar is: no failed checks.
"""

import json
import subprocess
from pathlib import Path

import pytest

from tests.integration.terraform.conftest import REPO, TERRAFORM_DIR
from tests.support.binaries import require_binary

SCRIPT = REPO / "scripts" / "checkov"


def run_checkov(directory: Path) -> dict:
    require_binary("python3")
    result = subprocess.run(
        [str(SCRIPT), str(directory), "--output", "json"],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert result.stdout.strip(), f"checkov printed nothing:\n{result.stderr[-3000:]}"
    report = json.loads(result.stdout)
    reports = report if isinstance(report, list) else [report]
    summary = {key: sum(r["summary"][key] for r in reports) for key in ("passed", "failed", "parsing_errors")}
    failed = [
        f"{c['check_id']} {c['resource']} {c['file_path']}:{c['file_line_range']}"
        for r in reports
        for c in r["results"]["failed_checks"]
    ]
    assert result.returncode == 0 and not failed, "\n".join(failed) or result.stderr[-3000:]
    return summary


@pytest.mark.needs_binary("python3")
def test_modules_and_example_pass_checkov() -> None:
    summary = run_checkov(TERRAFORM_DIR)
    assert summary["failed"] == 0 and summary["parsing_errors"] == 0
    assert summary["passed"] > 50


@pytest.mark.needs_binary("python3")
def test_generated_root_passes_checkov(generated_root: Path) -> None:
    summary = run_checkov(generated_root)
    assert summary["failed"] == 0 and summary["parsing_errors"] == 0
    assert summary["passed"] > 50
