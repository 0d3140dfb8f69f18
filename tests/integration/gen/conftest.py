"""A real Alertmanager and a small webhook capture server, for end-to-end routing tests."""

import json
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.support.binaries import require_binary


@dataclass(frozen=True)
class Delivery:
    """One webhook as received: path with query string, and the Alertmanager payload."""

    target: str
    body: dict[str, Any]


class CaptureServer:
    """Records every POST; answers 200 so Alertmanager does not retry."""

    def __init__(self) -> None:
        deliveries: list[Delivery] = []
        self.deliveries = deliveries
        self.lock = threading.Lock()
        lock = self.lock

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                with lock:
                    deliveries.append(Delivery(self.path, body))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def snapshot(self) -> list[Delivery]:
        with self.lock:
            return list(self.deliveries)

    def wait_for(self, ready: Callable[[list[Delivery]], bool], timeout: float = 20.0) -> list[Delivery]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if ready(self.snapshot()):
                return self.snapshot()
            time.sleep(0.1)
        raise AssertionError(f"timed out; received: {[(d.target, d.body.get('receiver')) for d in self.snapshot()]}")


@pytest.fixture
def capture() -> Iterator[CaptureServer]:
    server = CaptureServer()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Alertmanager:
    """The real binary on a loopback port, clustering off, storage in a temporary directory."""

    def __init__(self, binary: str, config: Path, storage: Path) -> None:
        self.url = f"http://127.0.0.1:{free_port()}"
        self.log = storage / "alertmanager.log"
        self.process = subprocess.Popen(
            [
                binary,
                f"--config.file={config}",
                f"--storage.path={storage}",
                f"--web.listen-address={self.url.removeprefix('http://')}",
                "--cluster.listen-address=",
            ],
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("w"),
        )

    def wait_ready(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"alertmanager exited: {self.log.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/-/ready", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"alertmanager not ready: {self.log.read_text()}")

    def post_alerts(self, alerts: list[dict[str, Any]]) -> None:
        request = urllib.request.Request(
            f"{self.url}/api/v2/alerts",
            data=json.dumps(alerts).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.status == 200

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def start_alertmanager(tmp_path: Path) -> Iterator[Callable[[Path], Alertmanager]]:
    binary = require_binary("prometheus-alertmanager", "alertmanager")
    started: list[Alertmanager] = []

    def start(config: Path) -> Alertmanager:
        storage = tmp_path / f"am-{len(started)}"
        storage.mkdir()
        alertmanager = Alertmanager(binary, config, storage)
        started.append(alertmanager)
        alertmanager.wait_ready()
        return alertmanager

    yield start
    for alertmanager in started:
        alertmanager.stop()
