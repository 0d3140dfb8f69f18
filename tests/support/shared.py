"""Reference data kept beside the repository (`../shared/`), which contract tests check our models against.

It is not part of the repository (its licence does not allow that), so a laptop without it skips those
tests with the reason, and CI (CI=true), where it sits beside the clone, fails instead.
"""

import os
from pathlib import Path

import pytest

from tests.support.binaries import in_ci

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
SHARED_ENV = "VERSUS_SHARED_DIR"


def shared_file(*parts: str) -> Path:
    """`../shared/<parts>` (or under $VERSUS_SHARED_DIR), or skip (fail in CI) saying what is missing."""
    base = Path(os.environ.get(SHARED_ENV) or REPO_ROOT.parent / "shared")
    path = base.joinpath(*parts)
    if path.is_file():
        return path
    reason = f"needs {'/'.join(parts)} of the shared reference folder beside the repository (or ${SHARED_ENV})"
    if in_ci():
        pytest.fail(f"{reason}; CI must provide it")
    pytest.skip(reason)
