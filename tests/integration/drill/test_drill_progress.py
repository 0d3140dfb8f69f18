"""`versus-gen drill` on a terminal says that it waits, for how long, how to make it quick, and each drill as it
settles; piped or with --json it prints the results alone."""

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import seed_config

GEN = [str(Path(sys.executable).parent / "versus-gen")]
WAIT = {"oncall": {"wait_minutes": 0.05}}  # the receiver's own wait: 3 s


@pytest.fixture
def receiver_url(drill_receiver, redis_url, key_prefix) -> str:
    return drill_receiver(seed_config(redis_url, key_prefix, **WAIT)).url


def on_a_terminal(args: list[str]) -> tuple[int, str]:
    """Run with stdout and stderr on a pseudo-terminal, as a user at a shell sees it."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(args, stdout=follower, stderr=follower, stdin=subprocess.DEVNULL)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=60), b"".join(chunks).decode()


def test_on_a_terminal_it_says_it_waits_and_shows_each_drill_as_it_settles(receiver_url) -> None:
    code, screen = on_a_terminal([*GEN, "drill", "--url", receiver_url])
    assert code == 0, screen
    lines = [line.rsplit("\r\x1b[2K", 1)[-1] for line in screen.replace("\r\n", "\n").split("\n")]
    assert lines[0] == (
        "Sent 4 drill(s); waiting up to 18 s for them to settle (the longest escalation wait, 3 s, plus 15 s to page)."
        " For a quick run, pass --wait-minutes 0.05."
    )
    settled = [line for line in lines if line.startswith("[")]
    assert len(settled) == 4
    assert [line.split("]", 1)[0] for line in settled] == ["[1/4", "[2/4", "[3/4", "[4/4"]
    assert sorted(line.split("] ", 1)[1][:6] for line in settled) == ["seed 1", "seed 2", "seed 3", "seed 4"]
    assert any(line.endswith(": paged (rehearsed)") for line in settled)
    assert any(line.endswith(": no page (on-call off for this alert)") for line in settled)
    assert "left of the wait:" in screen
    assert lines[-2] == "4 passed, 0 failed"


def test_piped_it_prints_the_table_alone(receiver_url) -> None:
    result = subprocess.run(
        [*GEN, "drill", "--url", receiver_url], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["scenario", "expected"]
    assert lines[-1] == "4 passed, 0 failed"
    assert len(lines) == 2 + 4 + 1


def test_with_json_it_prints_json_alone_even_on_a_terminal(receiver_url) -> None:
    code, screen = on_a_terminal([*GEN, "drill", "--url", receiver_url, "--json", "--wait-minutes", "0.01"])
    assert code == 0, screen
    rows = json.loads(screen)
    assert [sorted(row) for row in rows] == [["expected", "observed", "passed", "scenario"]] * 4
    assert all(row["passed"] for row in rows)
