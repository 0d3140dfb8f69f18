"""What the benchmark scripts share: a private redis-server, `versus serve` and bare-handler processes,
percentiles, the machine's description and the figures' JSON.

Every figure is printed and, with `--json FILE`, written as one JSON object; the smoke tests read that.
Timings on a shared machine are noisy: compare ratios taken in the same run, not absolute numbers.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import yaml

from versus.store.embedded import EmbeddedRedis

HERE = Path(__file__).resolve().parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def machine() -> dict[str, Any]:
    model = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as meminfo:
        total_kib = int(meminfo.readline().split()[1])
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "ram_gib": round(total_kib / 2**20, 1),
        "python": sys.version.split()[0],
    }


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile; NaN for no values (the JSON says so rather than inventing a number)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def write_json(path: str | None, figures: dict[str, Any]) -> None:
    if path:
        Path(path).write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def cpu_seconds(pid: int) -> float:
    """utime + stime of one process, from /proc/<pid>/stat (fields 14 and 15, after the command name)."""
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


class RedisServer:
    """A private redis-server, started the way `versus serve` starts its embedded one (the same code:
    a Unix socket in a temporary directory, append-only file, fsync always)."""

    def __init__(self) -> None:
        self.dir = tempfile.mkdtemp(prefix="versus-bench-redis-")
        self.server = EmbeddedRedis(Path(self.dir))

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def pid(self) -> int:
        assert self.server.process is not None
        return self.server.process.pid

    def __enter__(self) -> RedisServer:
        self.server.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def receiver_config(redis_url: str, key_prefix: str = "bench:", extra: dict[str, Any] | None = None) -> str:
    """The seed's critical-only receiver: on-call initialised, Slack off (nothing to fake on the hot path).

    `extra` adds top-level sections (the console benchmark turns the console on)."""
    return yaml.safe_dump(
        (extra or {})
        | {
            "name": "versus-bench",
            "public_host": "https://versus.example.com",
            # The rate limiter stays on (its Redis round trip is part of the cost) with a limit no run reaches.
            "alert": {"debug_body": False, "slack": {"enable": False}, "rate_limit": {"alerts_per_minute": 10**7}},
            "oncall": {
                "initialized_only": True,
                "wait_minutes": 60,
                "aws_incident_manager": {
                    "response_plan_arn": "arn:aws:ssm-incidents::123456789012:response-plan/PlatformCriticalPlan",
                    "region": "us-east-1",
                },
            },
            "redis": {"url": redis_url, "key_prefix": key_prefix},
        }
    )


class Process:
    """A server process on a free port, healthy before use and stopped (SIGTERM, then kill) after."""

    def __init__(
        self,
        args: list[str],
        port: int,
        health_path: str,
        env: dict[str, str] | None = None,
        workdir: Path | None = None,
    ) -> None:
        self.args = args
        self.workdir = workdir
        self.port = port
        self.health_path = health_path
        self.env = {**os.environ, **(env or {})}
        self.log = tempfile.NamedTemporaryFile(prefix="versus-bench-", suffix=".log", delete=False)  # noqa: SIM115
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def __enter__(self) -> Process:
        self.process = subprocess.Popen(self.args, stdout=self.log, stderr=subprocess.STDOUT, env=self.env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"bench: {self.args[:4]} exited: {Path(self.log.name).read_text()[-2000:]}")
            try:
                if httpx.get(self.url + self.health_path, timeout=0.5).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.05)
        raise SystemExit(f"bench: {self.args[:4]} did not become healthy")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        os.unlink(self.log.name)
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)


def serve_command(
    workdir: Path, config_text: str, env: dict[str, str] | None = None
) -> tuple[list[str], int, dict[str, str]]:
    """Arguments, port and environment of `versus serve` with this config (written into `workdir`); AWS is
    pointed at a closed local port, so a page could never leave. `env` adds to the environment."""
    config = workdir / "config.yaml"
    config.write_text(config_text, encoding="utf-8")
    port = free_port()
    environment = {
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "AWS_ENDPOINT_URL_SSM_INCIDENTS": f"http://127.0.0.1:{free_port()}",
        "VERSUS_LOG_LEVEL": "WARNING",
        **(env or {}),
    }
    return [sys.executable, "-m", "versus", "serve", "--config", str(config), "--port", str(port)], port, environment


def versus_serve(
    redis_url: str,
    key_prefix: str = "bench:",
    extra: dict[str, Any] | None = None,
    config_yaml: str | None = None,
    env: dict[str, str] | None = None,
) -> Process:
    """`versus serve` with one worker. `extra` adds to the default receiver config; `config_yaml` replaces it;
    `env` adds to the environment (e.g. PYTHONPATH)."""
    workdir = Path(tempfile.mkdtemp(prefix="versus-bench-serve-"))
    config_text = config_yaml or receiver_config(redis_url, key_prefix, extra)
    args, port, environment = serve_command(workdir, config_text, env)
    return Process(args, port, "/healthz", environment, workdir)


def bare_handler() -> Process:
    port = free_port()
    return Process([sys.executable, str(HERE / "bare_app.py"), str(port)], port, "/healthz")
