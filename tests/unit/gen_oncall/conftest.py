import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

SEED_SPEC = Path(__file__).resolve().parents[3] / "examples" / "seed-teams.yaml"


@pytest.fixture
def seed_spec() -> str:
    return str(SEED_SPEC)


@pytest.fixture
def seed_data() -> dict[str, Any]:
    """A fresh, editable copy of the seed team spec."""
    return copy.deepcopy(yaml.safe_load(SEED_SPEC.read_text(encoding="utf-8")))


@pytest.fixture
def write_spec(tmp_path: Path) -> Callable[[dict[str, Any]], Path]:
    def write(data: dict[str, Any]) -> Path:
        path = tmp_path / "spec.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return path

    return write
