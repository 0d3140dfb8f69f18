"""What `redis.min_replicas_to_ack` costs intake: latency of `POST /api/incidents` with 0 and with 1.

A local primary and its replica (redis-server on loopback, no persistence, so only WAIT's round trip to
the replica differs), then `versus serve` (one worker) on them, once per setting, each answering the same
sequence of single-alert posts from one client (closed loop, one request at a time; every post creates
an incident). Prints p50/p99 per setting and their ratio; on a real network add the replica's round trip.
Usage: replica_ack.py [--smoke] [--requests N] [--json FILE]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time

import httpx
import redis
import yaml
from benchlib import Process, free_port, machine, percentile, receiver_config, versus_serve, write_json
from redis.backoff import ConstantBackoff
from redis.exceptions import ConnectionError
from redis.retry import Retry


class Server:
    def __init__(self, *extra: str) -> None:
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="versus-bench-replica-")
        args = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", self.dir, "--save", ""]
        self.process = subprocess.Popen([*args, *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Pinged until it answers: 500 tries 20 ms apart.
        client = redis.Redis(port=self.port, retry=Retry(ConstantBackoff(0.02), 500), retry_on_error=[ConnectionError])
        client.ping()
        client.close()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)


def serve(url: str, replicas: int) -> Process:
    process = versus_serve(url, key_prefix=f"bench-ack{replicas}:")
    assert process.workdir is not None
    config = yaml.safe_load(receiver_config(url, f"bench-ack{replicas}:"))
    config["redis"]["min_replicas_to_ack"] = replicas
    (process.workdir / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return process


def latencies(url: str, requests: int) -> list[float]:
    timings = []
    with httpx.Client(timeout=10) as client:
        for index in range(requests + requests // 10):
            body = {"ServiceName": f"svc-{index}", "Severity": "critical", "Logs": "replica ack bench"}
            started = time.perf_counter()
            response = client.post(f"{url}/api/incidents", json=body)
            elapsed = time.perf_counter() - started
            if response.status_code != 202:
                raise SystemExit(f"bench: intake answered {response.status_code}: {response.text[:200]}")
            if index >= requests // 10:  # the first tenth warms up
                timings.append(elapsed * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true", help="a few requests: checks the harness, not speed")
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--json")
    options = parser.parse_args()
    requests = 50 if options.smoke else options.requests
    figures: dict[str, object] = {"machine": machine(), "requests": requests}
    print(f"machine: {figures['machine']}")
    primary = Server()
    replica = Server("--replicaof", "127.0.0.1", str(primary.port))
    try:
        client = redis.Redis(port=replica.port, decode_responses=True)
        deadline = time.monotonic() + 10
        while client.info("replication")["master_link_status"] != "up":
            if time.monotonic() > deadline:
                raise SystemExit("bench: the replica did not sync")
            time.sleep(0.05)
        client.close()
        url = f"redis://127.0.0.1:{primary.port}/0"
        for replicas in (0, 1):
            with serve(url, replicas) as receiver:
                timings = latencies(receiver.url, requests)
            p50, p99 = percentile(timings, 50), percentile(timings, 99)
            figures[f"ack{replicas}"] = {"p50_ms": round(p50, 3), "p99_ms": round(p99, 3)}
            print(f"min_replicas_to_ack={replicas}: intake p50 {p50:.2f} ms, p99 {p99:.2f} ms ({requests} posts)")
        ack0, ack1 = figures["ack0"], figures["ack1"]
        assert isinstance(ack0, dict) and isinstance(ack1, dict)
        figures["ratio_p50"] = round(ack1["p50_ms"] / ack0["p50_ms"], 3)
        figures["ratio_p99"] = round(ack1["p99_ms"] / ack0["p99_ms"], 3)
        print(f"ratio 1/0: p50 {figures['ratio_p50']}, p99 {figures['ratio_p99']}")
    finally:
        replica.stop()
        primary.stop()
    write_json(options.json, figures)


if __name__ == "__main__":
    main()
