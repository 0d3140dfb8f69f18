"""Start-up benchmark: `versus serve` from process start to its first 200 on /readyz, and its import cost.

Orchestrators restart the receiver, so the time until it is ready matters. Each start is a new process,
polled every 5 ms: with a redis-server the benchmark starts first (external), and with the embedded one
that `versus serve` starts itself when the config names no server (in a fresh data directory each time).
The baseline in the same run is the bare Sanic handler of the intake benchmark, to its first 200 on
/healthz. Import cost is `python -X importtime` of `versus.cli` (cumulative, best of the runs), and the
wall time of `python -c "import versus.cli"` against `python -c pass`.
Usage: startup.py [--smoke] [--starts N] [--json FILE]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import yaml
from benchlib import HERE, RedisServer, free_port, machine, percentile, receiver_config, serve_command, write_json

IMPORTED = ("versus.cli", "versus.server.app")
"""Modules whose import cost is reported: the command line, and the app `versus serve` builds."""


def import_ms(module: str) -> float:
    """Cumulative import time of `module` in a fresh interpreter, in ms (from `-X importtime`)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
    )
    for line in result.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[2].strip() == module:
            return int(parts[1]) / 1000
    raise SystemExit(f"startup: no importtime line for {module}")


def wall_seconds(code: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - started


def ready_seconds(args: list[str], port: int, path: str, env: dict[str, str]) -> float:
    """Seconds from starting the process to its first 200 on `path`; the process is then stopped."""
    log = tempfile.TemporaryFile()  # noqa: SIM115
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **env})
    try:
        with httpx.Client(timeout=0.5) as client:
            while time.perf_counter() - started < 30:
                if process.poll() is not None:
                    log.seek(0)
                    raise SystemExit(f"startup: {args[2:5]} exited: {log.read().decode()[-2000:]}")
                try:
                    if client.get(f"http://127.0.0.1:{port}{path}").status_code == 200:
                        return time.perf_counter() - started
                except httpx.TransportError:
                    pass
                time.sleep(0.005)
        raise SystemExit(f"startup: {args[2:5]} was not ready within 30 s")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def summary(timings: list[float]) -> dict[str, Any]:
    return {
        "starts": len(timings),
        "p50_s": round(percentile(timings, 50), 4),
        "max_s": round(max(timings), 4),
        "min_s": round(min(timings), 4),
    }


def measure_starts(starts: int) -> dict[str, Any]:
    bare, external, embedded = [], [], []
    workdir = Path(tempfile.mkdtemp(prefix="versus-bench-startup-"))
    try:
        with RedisServer() as redis_server:
            for index in range(starts):
                port = free_port()
                bare.append(ready_seconds([sys.executable, str(HERE / "bare_app.py"), str(port)], port, "/healthz", {}))
                args, port, env = serve_command(workdir, receiver_config(redis_server.url, f"bench{index}:"))
                external.append(ready_seconds(args, port, "/readyz", env))
                config = yaml.safe_load(receiver_config("unused"))
                config["redis"] = {"data_dir": str(workdir / f"embedded-{index}")}
                args, port, env = serve_command(workdir, yaml.safe_dump(config))
                embedded.append(ready_seconds(args, port, "/readyz", env))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    figures = {"bare": summary(bare), "external_redis": summary(external), "embedded_redis": summary(embedded)}
    for name in ("external_redis", "embedded_redis"):
        figures[name]["ratio_to_bare"] = round(figures[name]["p50_s"] / figures["bare"]["p50_s"], 2)
    return figures


def measure_imports(runs: int) -> dict[str, Any]:
    figures: dict[str, Any] = {
        f"{module}_ms": round(min(import_ms(module) for _ in range(runs)), 1) for module in IMPORTED
    }
    python = min(wall_seconds("pass") for _ in range(runs))
    cli = min(wall_seconds("import versus.cli") for _ in range(runs))
    figures |= {"python_s": round(python, 4), "import_cli_s": round(cli, 4), "ratio_to_python": round(cli / python, 2)}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny run: checks the harness, not the figures")
    parser.add_argument("--starts", type=int, default=10, help="starts of each kind (default 10)")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    starts = 1 if args.smoke else args.starts
    figures = {"machine": machine(), "imports": measure_imports(starts), **measure_starts(starts)}
    report(figures)
    write_json(args.json, figures)


def report(figures: dict[str, Any]) -> None:
    print(f"machine: {figures['machine']}")
    imports = figures["imports"]
    modules = ", ".join(f"{module} {imports[f'{module}_ms']:.0f} ms" for module in IMPORTED)
    print(f"import (-X importtime, cumulative): {modules}")
    print(f"python -c 'import versus.cli' {imports['import_cli_s']:.3f} s vs python -c pass {imports['python_s']:.3f} s"
          f" (ratio {imports['ratio_to_python']:.1f})")  # fmt: skip
    for name, label in (("bare", "bare Sanic to /healthz"), ("external_redis", "versus serve, external redis"),
                        ("embedded_redis", "versus serve, embedded redis")):  # fmt: skip
        f = figures[name]
        ratio = f" ({f['ratio_to_bare']:.1f}x bare)" if "ratio_to_bare" in f else ""
        print(f"{label:30} ready p50 {f['p50_s']:.3f} s  min {f['min_s']:.3f} s  max {f['max_s']:.3f} s"
              f" over {f['starts']} starts{ratio}")  # fmt: skip


if __name__ == "__main__":
    main()
