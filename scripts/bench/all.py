"""The whole benchmark suite with one command: each script of SCRIPTS in its own process, with its own
`--json`, merged into one JSON file with the machine, the date and the load average at start and end.

A script listed but absent (one that arrives from another branch later) is skipped with a line saying so;
one that fails is reported and the others still run (the exit code is then 1). `scripts/bench/readme.py`
turns the merged file into the README's Performance section.
Usage: all.py [--smoke] [--only NAME,...] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchlib import HERE, machine, write_json

SCRIPTS = ("startup", "intake", "escalations", "generator", "console", "storm")
"""Run in this order; add a script's name here (scripts/bench/NAME.py taking --smoke and --json FILE)."""


def load_average() -> list[float]:
    return [round(load, 2) for load in os.getloadavg()]


def run_script(name: str, smoke: bool, workdir: Path) -> tuple[str, dict[str, Any] | str]:
    """("ok", figures), ("skipped", why) or ("failed", why) for one script, run as its own process."""
    script = HERE / f"{name}.py"
    if not script.is_file():
        return "skipped", f"scripts/bench/{name}.py is not in this checkout"
    out = workdir / f"{name}.json"
    args = [sys.executable, str(script), "--json", str(out), *(["--smoke"] if smoke else [])]
    print(f"== {name}: {' '.join(args[1:])}", flush=True)
    started = time.monotonic()
    code = subprocess.run(args, check=False).returncode
    if code != 0 or not out.is_file():
        return "failed", f"exit code {code}" if code != 0 else "wrote no JSON"
    figures: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    figures["wall_seconds"] = round(time.monotonic() - started, 1)
    return "ok", figures


def merge(results: dict[str, tuple[str, dict[str, Any] | str]], header: dict[str, Any]) -> dict[str, Any]:
    """One document: the header, each script's figures (without its own copy of the machine), and what was
    skipped or failed with the reason."""
    merged: dict[str, Any] = {**header, "scripts": {}, "skipped": {}, "failed": {}}
    for name, (status, value) in results.items():
        if status == "ok":
            assert isinstance(value, dict)
            merged["scripts"][name] = {key: figure for key, figure in value.items() if key != "machine"}
        else:
            merged[status][name] = value
    return merged


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="each script's tiny run: checks the harness only")
    parser.add_argument("--only", help=f"comma-separated names (default all: {','.join(SCRIPTS)})")
    parser.add_argument("--json", help="write the merged figures here")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(SCRIPTS)
    header = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "smoke": args.smoke,
        "load_average_start": load_average(),
    }
    print(f"machine: {header['machine']}; load average {header['load_average_start']}", flush=True)
    results: dict[str, tuple[str, dict[str, Any] | str]] = {}
    with tempfile.TemporaryDirectory(prefix="versus-bench-all-") as temp:
        for name in names:
            results[name] = run_script(name, args.smoke, Path(temp))
            if results[name][0] != "ok":
                print(f"== {name}: {results[name][0]}: {results[name][1]}", flush=True)
    merged = merge(results, header | {"load_average_end": load_average()})
    write_json(args.json, merged)
    print(f"done: {len(merged['scripts'])} ran, {len(merged['skipped'])} skipped, {len(merged['failed'])} failed;"
          f" load average {merged['load_average_end']}")  # fmt: skip
    return 1 if merged["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
