"""A real redis-server for the suite: started on a free loopback port in a temporary directory."""

import socket
import subprocess
import time
from pathlib import Path

import redis

from tests.support.binaries import require_binary


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """One redis-server process that a test can stop and start again on the same port and data dir."""

    def __init__(
        self,
        data_dir: Path,
        *,
        appendonly: bool = True,
        extra_args: tuple[str, ...] = (),
        config_file: Path | None = None,
    ) -> None:
        """`extra_args` are appended to the command line (cluster, replica or memory settings); `config_file`
        goes first, for a Sentinel, which needs a file it can rewrite."""
        self.binary = require_binary("redis-server")
        self.data_dir = data_dir
        self.port = free_port()
        self.appendonly = appendonly
        self.extra_args = extra_args
        self.config_file = config_file
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        args = [
            self.binary,
            *([str(self.config_file)] if self.config_file else []),
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(self.data_dir),
            "--save",
            "",
            "--appendonly",
            "yes" if self.appendonly else "no",
            "--appendfsync",
            "always",
            *self.extra_args,
        ]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(port=self.port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.02)
        client.close()

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def kill(self) -> None:
        """kill -9: no shutdown code runs, nothing more is written or replicated."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None
