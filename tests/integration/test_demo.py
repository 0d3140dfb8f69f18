"""The README's main job, `scripts/demo --once`, end to end (set-up aside): generate, serve, four scenarios."""

import signal
import subprocess
import sys

import pytest

from tests.support.binaries import require_binary
from tests.support.processes import descendants, wait_gone
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


# SIGINT (Ctrl-C) takes the same path as these two: Python turns it into KeyboardInterrupt.
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_a_stop_signal_stops_the_demo_and_everything_it_started(repo_root, tmp_path, signum):
    """`scripts/demo` execs `python -m scripts.demo_run`, so this is the process a supervisor signals."""
    require_binary("redis-server")
    demo = subprocess.Popen(
        [sys.executable, "-m", "scripts.demo_run", "--port", str(free_port()), "--out", str(tmp_path / "out")],
        cwd=repo_root,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        assert demo.stdout is not None
        for line in demo.stdout:
            if line.startswith("Serving on"):
                break
        else:
            raise AssertionError(f"the demo ended without serving: {demo.wait()}")
        children = descendants(demo.pid)
        commands = " ".join(children.values())
        assert "versus serve" in commands and "redis-server" in commands, children
        demo.send_signal(signum)
        assert demo.wait(timeout=30) == 0
        assert wait_gone(children) == {}
    finally:
        if demo.poll() is None:
            demo.kill()
            demo.wait()
