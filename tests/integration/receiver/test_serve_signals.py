"""`versus serve` stopped by SIGTERM, SIGINT or SIGHUP (a supervisor, Ctrl-C, a closed terminal) shuts down
cleanly: exit 0, and no process it started, its embedded redis-server included, survives it."""

import signal
import subprocess

import pytest

from tests.support.processes import descendants, wait_gone

EMBEDDED = "name: versus\nhost: 127.0.0.1\n"


def stop(receiver, signum: int) -> int:
    assert receiver.process is not None
    receiver.process.send_signal(signum)
    try:
        return int(receiver.process.wait(timeout=20))
    except subprocess.TimeoutExpired:
        receiver.process.kill()
        raise


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: s.name)
def test_a_stop_signal_stops_serve_and_its_embedded_redis(make_receiver, signum):
    receiver = make_receiver(EMBEDDED)
    children = descendants(receiver.process.pid)
    assert [cmd for cmd in children.values() if "redis-server" in cmd.split()[0]], children
    assert stop(receiver, signum) == 0, receiver.log()
    assert wait_gone(children) == {}
    assert "embedded redis: stopped" in receiver.log()
    assert (receiver.workdir / "state" / "versus" / "redis" / "appendonlydir").is_dir()
