"""Intake benchmark: `POST /api/incidents` with a 10-alert Alertmanager body, against a bare Sanic handler.

Both servers run in this same run on this machine: `versus serve` (one worker, its own redis-server with
AOF and fsync always, Slack off) and `bare_app.py` (parses the JSON, answers 202). Throughput is measured
by wrk in another process (closed loop, 1 thread); latency at a constant 1,000 requests/s by loadgen.py
(open loop, see there). The body's group key cycles over 1,000 groups: creates, then updates.
Usage: intake.py [--smoke] [--duration S] [--rate R] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchlib import HERE, Process, RedisServer, bare_handler, cpu_seconds, machine, versus_serve, write_json


def alertmanager_body(alerts: int = 10) -> str:
    """A firing group of `alerts` alerts with typical labels and annotations; `@GROUP@` varies the group."""
    items = [
        {
            "status": "firing",
            "labels": {"alertname": "HighLatency", "service": "checkout", "severity": "critical", "team": "platform",
                       "instance": f"checkout-{index}.prod:9100", "job": "checkout", "region": "us-east-1"},
            "annotations": {"summary": f"p99 latency above 2 s on checkout-{index}",
                            "description": "The 99th percentile request latency has been above 2 s for 5 minutes.",
                            "runbook_url": "https://runbooks.example.com/checkout/latency"},
            "startsAt": "2026-01-01T00:00:00Z",
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": f"https://prometheus.example.com/graph?g0.expr=latency&i={index}",
            "fingerprint": f"{index:016x}",
        }
        for index in range(alerts)
    ]  # fmt: skip
    return json.dumps(
        {
            "version": "4",
            "receiver": "versus-platform-critical",
            "status": "firing",
            "groupKey": '{}:{alertname="HighLatency",group="@GROUP@"}',
            "groupLabels": {"alertname": "HighLatency"},
            "commonLabels": {"alertname": "HighLatency", "severity": "critical"},
            "commonAnnotations": {},
            "externalURL": "https://alertmanager.example.com",
            "truncatedAlerts": 0,
            "alerts": items,
        }
    )


def wrk(url: str, body_file: str, duration: float, connections: int) -> dict[str, Any]:
    env = {**os.environ, "BENCH_BODY_FILE": body_file, "BENCH_GROUPS": "1000"}
    args = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(duration))}s", "-s", str(HERE / "post.lua"),
            f"{url}/api/incidents"]  # fmt: skip
    out = subprocess.run(args, env=env, capture_output=True, text=True, check=True).stdout
    raw = json.loads(out.strip().splitlines()[-1])
    seconds = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "seconds": round(seconds, 3),
        "rps": round(raw["requests"] / seconds, 1),
        "non_2xx": raw["non_2xx"] + raw["socket_errors"],
        "p50_ms": raw["p50_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
    }


def loadgen(port: int, body_file: str, duration: float, connections: int, rate: float | None) -> dict[str, Any]:
    args = [sys.executable, str(HERE / "loadgen.py"), "--port", str(port), "--body-file", body_file,
            "--duration", str(duration), "--connections", str(connections)]  # fmt: skip
    if rate:
        args += ["--rate", str(rate)]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    figures: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return figures


def measure(server: Process, redis_pid: int | None, body: str, args: argparse.Namespace) -> dict[str, Any]:
    """Throughput (closed loop) with the CPU each process spent per request, then each constant rate."""
    pids = {"server": server.pid} | ({"redis": redis_pid} if redis_pid else {})
    if shutil.which("wrk"):
        wrk(server.url, body, 1, args.connections)
        before = {name: cpu_seconds(pid) for name, pid in pids.items()}
        throughput = wrk(server.url, body, args.duration, args.connections)
    else:
        before = {name: cpu_seconds(pid) for name, pid in pids.items()}
        throughput = loadgen(server.port, body, args.duration, args.connections, None)
    for name, pid in pids.items():
        spent = cpu_seconds(pid) - before[name]
        throughput[f"{name}_cpu_ms_per_request"] = round(1000 * spent / max(1, throughput["requests"]), 3)
    rates = [{"rate": rate, **loadgen(server.port, body, args.duration, 32, rate)} for rate in args.rates]
    return {"throughput": throughput, "constant_rate": rates}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny run: checks the harness, not the figures")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per run (default 10)")
    parser.add_argument(
        "--rates", default="500,1000", help="constant rates for the latency runs, requests/s (default 500,1000)"
    )
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    if args.smoke:
        args.duration, args.rates = 1.0, "100"
    args.rates = [float(rate) for rate in args.rates.split(",")]
    have_wrk = shutil.which("wrk") is not None
    if not have_wrk:
        print("intake: wrk not found; measuring throughput with the Python closed-loop generator instead (slower"
              " than wrk, so throughput figures are a lower bound)", file=sys.stderr)  # fmt: skip
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as body:
        body.write(alertmanager_body())
    results: dict[str, Any] = {"machine": machine(), "tool": "wrk" if have_wrk else "loadgen.py (closed loop)"}
    try:
        with RedisServer() as redis_server, versus_serve(redis_server.url) as receiver, bare_handler() as bare:
            results["bare"] = measure(bare, None, body.name, args)
            results["versus"] = measure(receiver, redis_server.pid, body.name, args)
    finally:
        Path(body.name).unlink()
    versus, bare_figures = results["versus"]["throughput"], results["bare"]["throughput"]
    results["throughput_ratio"] = round(versus["rps"] / bare_figures["rps"], 3)
    results["cpu_per_request_ratio"] = round(
        versus["server_cpu_ms_per_request"] / bare_figures["server_cpu_ms_per_request"], 2
    )
    report(results)
    write_json(args.json, results)


def report(results: dict[str, Any]) -> None:
    print(f"machine: {results['machine']}")
    print(f"closed loop ({results['tool']}):")
    print(f"  {'server':8} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>11} {'redis CPU ms/req':>17}")
    for name in ("bare", "versus"):
        t = results[name]["throughput"]
        redis_cpu = f"{t['redis_cpu_ms_per_request']:17.3f}" if "redis_cpu_ms_per_request" in t else f"{'-':>17}"
        print(f"  {name:8} {t['rps']:9.0f} {t['p50_ms']:8.2f} {t['p99_ms']:8.2f}"
              f" {t['server_cpu_ms_per_request']:11.3f} {redis_cpu}")  # fmt: skip
    print("constant rate (loadgen.py, open loop):")
    print(f"  {'server':8} {'rate/s':>7} {'achieved':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'non-2xx':>8}")
    for name in ("bare", "versus"):
        for c in results[name]["constant_rate"]:
            print(f"  {name:8} {c['rate']:7.0f} {c['rps']:9.0f} {c['p50_ms']:8.2f} {c['p99_ms']:8.2f}"
                  f" {c['max_ms']:8.2f} {c['non_2xx']:8d}")  # fmt: skip
    print(f"throughput ratio versus/bare: {results['throughput_ratio']:.2f};"
          f" receiver CPU per request: {results['cpu_per_request_ratio']:.1f}x the bare handler's")  # fmt: skip


if __name__ == "__main__":
    main()
