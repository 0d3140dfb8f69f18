from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def seed_spec() -> dict[str, Any]:
    """The seed guide's two teams, as the team-spec loader hands them over."""
    return yaml.safe_load((REPO / "examples" / "seed-teams.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def write_tf(tmp_path: Path):
    """Write a .tf file into a fresh directory and return its path."""

    def write(text: str, name: str = "main.tf") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
