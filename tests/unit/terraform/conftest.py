from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def write_tf(tmp_path: Path):
    """Write a .tf file into a fresh directory and return its path."""

    def write(text: str, name: str = "main.tf") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
