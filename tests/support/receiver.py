"""Run `versus serve` as a real process on a free loopback port, as users and Alertmanager see it."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from tests.support.redis_server import free_port


class Receiver:
    def __init__(self, config_yaml: str, workdir: Path, env: dict[str, str] | None = None) -> None:
        self.workdir = workdir
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.config_path = workdir / "config.yaml"
        self.config_path.write_text(config_yaml, encoding="utf-8")
        self.port = free_port()
        self.env = {
            **os.environ,
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
            "SLACK_TOKEN": "xoxb-test",
            "SLACK_CHANNEL_ID": "C0TEST",
            "XDG_STATE_HOME": str(workdir / "state"),
            **(env or {}),
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = workdir / f"versus-{self.port}.log"
        self.http = httpx.Client(timeout=10)
        self.headers: dict[str, str] = {}
        """Sent with every `post` and `incident` (e.g. an Authorization header for `alert.auth`)."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 20.0) -> "Receiver":
        log = self.log_path.open("ab")
        args = [sys.executable, "-m", "versus", "serve", "--config", str(self.config_path), "--port", str(self.port)]
        # Its own session: Sanic signals its whole process group when a worker fails, which must not be pytest's.
        self.process = subprocess.Popen(
            args, cwd=self.workdir, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"versus serve exited with {self.process.returncode}:\n{self.log()}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=0.5).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError(f"versus serve did not become healthy:\n{self.log()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def kill(self) -> None:
        """kill -9: no shutdown code runs."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def post(self, body: Any, query: str = "", **kwargs: Any) -> httpx.Response:
        """POST to intake as Alertmanager does: JSON content type and this receiver's `headers` by default."""
        path = f"{self.url}/api/incidents" + (f"?{query}" if query else "")
        headers = {"Content-Type": "application/json", **self.headers, **kwargs.pop("headers", {})}
        if isinstance(body, bytes | str):
            return self.http.post(path, content=body, headers=headers, **kwargs)
        return self.http.post(path, json=body, headers=headers, **kwargs)

    def incident(self, incident_id: str) -> dict[str, Any]:
        response = self.http.get(f"{self.url}/api/incidents/{incident_id}", headers=self.headers)
        response.raise_for_status()
        data: dict[str, Any] = response.json()
        return data

    def wait_for(self, incident_id: str, predicate: Any, timeout: float = 15.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            incident = self.incident(incident_id)
            if predicate(incident):
                return incident
            if time.monotonic() > deadline:
                raise AssertionError(f"incident never reached the expected state: {incident}")
            time.sleep(0.05)
