import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import SEED_SPEC


@pytest.fixture
def spec_with(tmp_path: Path) -> Callable[[Callable[[dict[str, Any]], None]], str]:
    """The seed spec with one change applied, written to a file; returns its path."""

    def write(change: Callable[[dict[str, Any]], None]) -> str:
        data = copy.deepcopy(yaml.safe_load(SEED_SPEC.read_text(encoding="utf-8")))
        change(data)
        path = tmp_path / "spec.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return str(path)

    return write
