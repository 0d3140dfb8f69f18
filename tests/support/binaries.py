"""Finding the external binaries that tests need.

A missing binary skips the test on a laptop, with the reason, but fails it in CI (CI=true): a check
that silently stops running is worse than a red build.
"""

import os
import shutil

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_binary(*names: str) -> str:
    """Return the path of the first of `names` found on PATH, or skip (fail in CI) saying what is missing."""
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    reason = f"needs {' or '.join(names)} on PATH (Debian: see scripts/test)"
    if in_ci():
        pytest.fail(f"{reason}; CI must provide it")
    pytest.skip(reason)
