"""Where the embedded Redis keeps its data, and what `versus serve` says when it cannot: one line saying what
and how to fix it, exit code 2, no traceback, nothing left running."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.binaries import require_binary
from tests.support.redis_server import free_port
from versus.store.embedded import default_data_dir

FIX = "set redis.data_dir (or XDG_STATE_HOME) to a directory you can write, or name a Redis with redis.url"


def test_the_default_is_the_users_state_directory(tmp_path: Path) -> None:
    assert default_data_dir({"XDG_STATE_HOME": str(tmp_path)}) == tmp_path / "versus" / "redis"
    home = Path.home()
    assert default_data_dir({}) == home / ".local" / "state" / "versus" / "redis"
    assert default_data_dir({"XDG_STATE_HOME": "relative/state"}) == home / ".local" / "state" / "versus" / "redis"


def test_serve_without_config_started_in_root_keeps_its_data_in_the_state_directory(tmp_path) -> None:
    """The issue's case: no config, started in `/` (as in a container); before, var/redis under `/` failed."""
    require_binary("redis-server")
    state = tmp_path / "state"
    port = free_port()
    env = {**os.environ, "XDG_STATE_HOME": str(state)}
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "versus", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd="/",
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        text = ""
        deadline = time.monotonic() + 30
        while "Worker ready" not in text and server.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
            text = log.read_text(errors="replace")
        assert "Worker ready" in text, text
        assert f"data in {state / 'versus' / 'redis'}" in text
    finally:
        server.terminate()
        assert server.wait(timeout=20) == 0
    assert (state / "versus" / "redis" / "appendonlydir").is_dir()


def run_serve(tmp_path: Path, data_dir: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "config.yaml"
    config.write_text(f"name: versus\nredis:\n  data_dir: {data_dir}\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "versus", "serve", "--config", str(config), "--port", str(free_port())],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("make_data_dir", "expected"),
    [
        (lambda tmp: (tmp / "f").write_text("x") and tmp / "f", "the embedded Redis data directory {d} is a file"),
        (lambda tmp: (tmp / "f").write_text("x") and tmp / "f" / "redis", "cannot create the embedded Redis data"),
        (lambda tmp: Path("/proc/1"), "cannot write the embedded Redis data directory /proc/1: permission denied"),
        (lambda tmp: tmp / ("d" * 120), "the embedded Redis socket path"),
    ],
    ids=["a-file", "under-a-file", "not-writable", "socket-path-too-long"],
)
def test_a_data_dir_problem_is_one_line_and_exit_2(tmp_path, make_data_dir, expected) -> None:
    data_dir = make_data_dir(tmp_path)
    result = run_serve(tmp_path, str(data_dir))
    output = result.stdout + result.stderr  # logs go to stdout, anything Python itself prints to stderr
    assert result.returncode == 2, output
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if " ERROR " in line]
    assert len(errors) == 1, output
    assert expected.format(d=data_dir) in errors[0]
    assert errors[0].endswith(FIX) or "shorter path" in errors[0]
