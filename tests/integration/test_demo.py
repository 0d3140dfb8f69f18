"""The README's main job, `scripts/demo --once`, end to end (set-up aside): generate, serve, four scenarios."""

import subprocess
import sys

from tests.support.binaries import require_binary
from tests.support.redis_server import free_port


def test_the_demo_runs_the_seed_scenarios(repo_root, tmp_path):
    require_binary("redis-server")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "scripts.demo_run", "--once", "--port", str(free_port()), "--out", str(out)],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=120,
        start_new_session=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    escalations = [line.split()[1] for line in lines if line.strip().startswith("escalation:")]
    assert escalations == ["none", "pending", "escalated", "escalated"]
    assert "🔥 *CRITICAL Alert: HighErrorRate*" in result.stdout
    assert "AWS stand-in: 2 incident(s) started" in result.stdout
    assert (out / "alertmanager.yml").is_file()
    assert (out / "config.yaml").is_file()
