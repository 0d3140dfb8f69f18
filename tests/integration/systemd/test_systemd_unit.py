"""The example systemd unit (deploy/systemd/versus.service) passes `systemd-analyze verify` with no complaint.

verify also checks that ExecStart's program exists and is executable, so the check runs on a copy whose
ExecStart points at a stand-in executable; every other line is verified as shipped.
"""

import subprocess
from pathlib import Path

from tests.support.binaries import require_binary

REPO = Path(__file__).resolve().parents[3]
UNIT = REPO / "deploy" / "systemd" / "versus.service"
PROGRAM = "/opt/versus/bin/versus"


def verify(unit_text: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    analyze = require_binary("systemd-analyze")
    stand_in = tmp_path / "versus"
    stand_in.write_text("#!/bin/sh\n")
    stand_in.chmod(0o755)
    unit = tmp_path / "versus.service"
    unit.write_text(unit_text.replace(PROGRAM, str(stand_in)), encoding="utf-8")
    return subprocess.run([analyze, "verify", str(unit)], capture_output=True, text=True, timeout=60)


def test_the_unit_verifies_cleanly(tmp_path: Path) -> None:
    text = UNIT.read_text(encoding="utf-8")
    assert f"ExecStart={PROGRAM} serve --config /etc/versus/config.yaml" in text
    result = verify(text, tmp_path)
    assert (result.returncode, result.stderr.strip()) == (0, "")


def test_a_misspelt_directive_is_reported(tmp_path: Path) -> None:
    result = verify(UNIT.read_text(encoding="utf-8").replace("ProtectHome=", "ProtectHom="), tmp_path)
    assert "Unknown key 'ProtectHom'" in result.stderr
