"""Generator benchmark: `versus-gen` on a synthetic spec of many teams, against the seed example.

The synthetic spec repeats the seed example's Platform team (two rotations, a four-stage escalation, two
response plans, four routes) under new names, with its own people. Each command runs twice as its own
process (wall time, peak RSS from wait4), and the two outputs must be byte-identical. The seed example's
two teams, run the same way in the same run, are the baseline for the ratio.
Usage: generator.py [--smoke] [--teams N] [--json FILE]
"""

from __future__ import annotations

import argparse
import copy
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from benchlib import HERE, machine, write_json

from versus.gen.cli import COMMANDS
from versus.gen.yaml_io import load_yaml

EXAMPLE = HERE.parent.parent / "examples" / "seed-teams.yaml"
WANTED = ("alertmanager", "config", "terraform")
VERSUS_GEN = """
import atexit, sys
from pathlib import Path
from versus.gen.cli import main
peak, *argv = sys.argv[1:]
def record_peak():
    status = Path("/proc/self/status").read_text().splitlines()
    Path(peak).write_text(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
atexit.register(record_peak)
sys.exit(main(argv))
"""
"""Runs versus-gen and writes its peak resident memory (kB) to the first argument at exit."""


def synthetic_spec(teams: int) -> dict[str, Any]:
    seed = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    template = seed["teams"][0]
    people = {person["alias"]: person for person in seed["people"]}
    spec = {key: value for key, value in seed.items() if key not in {"teams", "people"}}
    spec["people"], spec["teams"] = [], []
    for index in range(teams):
        tag = f"t{index:04d}"
        renamed: dict[str, str] = {}
        for alias in sorted(people):
            renamed[alias] = f"{tag}-{alias}"
        team = copy.deepcopy(template)
        team["name"], team["display_name"] = tag, f"Team {index}"
        for rotation in team["rotations"]:
            rotation["name"] = f"{tag}-{rotation['name']}"
            rotation["members"] = [renamed[member] for member in rotation["members"]]
            for override in rotation.get("overrides", []):
                override["contact"], override["replaces"] = renamed[override["contact"]], renamed[override["replaces"]]
        team["escalation"]["name"] = f"{tag}-{team['escalation']['name']}"
        for stage in team["escalation"]["stages"]:
            for target in stage["targets"]:
                kind = "rotation" if "rotation" in target else "person"
                target[kind] = f"{tag}-{target[kind]}" if kind == "rotation" else renamed[target[kind]]
        for plan in team["response_plans"]:
            plan["alias"], plan["name"] = f"{tag}-{plan['alias']}", f"{tag.upper()}{plan['name']}"
        for route in team["routes"]:
            if "response_plan" in route:
                route["response_plan"] = f"{tag}-{route['response_plan']}"
        used = {member for rotation in team["rotations"] for member in rotation["members"]}
        used |= {t["person"] for stage in team["escalation"]["stages"] for t in stage["targets"] if "person" in t}
        spec["people"] += [{**people[alias], "alias": renamed[alias], "email": f"{renamed[alias]}@example.com"}
                           for alias in sorted(people) if renamed[alias] in used]  # fmt: skip
        spec["teams"].append(team)
    spec["oncall"]["default_response_plan"] = "t0000-platform"
    return spec


def run(command: str, spec: Path, out: Path) -> dict[str, float]:
    """One `versus-gen` run as its own process. Peak memory is the child's VmHWM, read by the child itself at
    exit: wait4's ru_maxrss would include the memory of this script, which the child had before exec."""
    target = out.with_suffix("") if command == "terraform" else out
    peak_file = out.with_suffix(".peak")
    args = [sys.executable, "-c", VERSUS_GEN, str(peak_file), command, str(spec), "-o", str(target)]
    started = time.perf_counter()
    result = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"generator: {command} failed: {result.stderr[-2000:]}")
    return {"seconds": round(seconds, 3), "peak_rss_mib": round(int(peak_file.read_text()) / 1024, 1)}


def output_bytes(path: Path) -> bytes:
    if path.is_dir():
        return b"".join(
            p.relative_to(path).as_posix().encode() + p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()
        )
    return path.read_bytes()


def parse_seconds(spec: Path) -> float:
    """What merely parsing the spec costs with the YAML library versus-gen reads it with (best of three)."""
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        load_yaml(spec)
        timings.append(time.perf_counter() - started)
    return round(min(timings), 5)


def bench(spec: Path, commands: list[str], workdir: Path) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for command in commands:
        first, second = workdir / f"{command}-1.yml", workdir / f"{command}-2.yml"
        timing = run(command, spec, first)
        run(command, spec, second)
        target = (lambda p: p.with_suffix("")) if command == "terraform" else (lambda p: p)
        figures[command] = {**timing, "identical": output_bytes(target(first)) == output_bytes(target(second)),
                            "output_bytes": len(output_bytes(target(first)))}  # fmt: skip
    figures["total_seconds"] = round(sum(f["seconds"] for f in figures.values()), 3)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny run: checks the harness, not the figures")
    parser.add_argument("--teams", type=int, default=1000)
    parser.add_argument(
        "--commands", default=",".join(WANTED), help=f"comma-separated versus-gen commands (default {','.join(WANTED)})"
    )
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    teams = 3 if args.smoke else args.teams
    wanted = args.commands.split(",")
    commands = [command for command in wanted if command in COMMANDS]
    missing = [command for command in wanted if command not in COMMANDS]
    with tempfile.TemporaryDirectory(prefix="versus-bench-gen-") as temp:
        workdir = Path(temp)
        spec = workdir / "spec.yaml"
        spec.write_text(yaml.safe_dump(synthetic_spec(teams), sort_keys=False), encoding="utf-8")
        figures: dict[str, Any] = {
            "machine": machine(),
            "teams": teams,
            "commands": commands,
            "missing_commands": missing,
            "baseline": bench(EXAMPLE, commands, workdir / "baseline"),
            "synthetic": bench(spec, commands, workdir / "synthetic"),
            "yaml_parse_seconds": parse_seconds(spec),
        }
    figures["ratio"] = round(figures["synthetic"]["total_seconds"] / figures["baseline"]["total_seconds"], 2)
    report(figures)
    write_json(args.json, figures)


def report(figures: dict[str, Any]) -> None:
    print(f"machine: {figures['machine']}")
    if figures["missing_commands"]:
        print(f"not measured (no such versus-gen command yet): {', '.join(figures['missing_commands'])}")
    for name in ("baseline", "synthetic"):
        label = "seed example (2 teams)" if name == "baseline" else f"synthetic ({figures['teams']} teams)"
        for command in figures["commands"]:
            f = figures[name][command]
            print(f"{label:26} {command:13} {f['seconds']:7.2f} s  peak {f['peak_rss_mib']:7.1f} MiB"
                  f"  {f['output_bytes']:>10} B  identical on re-run: {f['identical']}")  # fmt: skip
    print(f"total: {figures['synthetic']['total_seconds']:.2f} s vs {figures['baseline']['total_seconds']:.2f} s"
          f" for the seed example (ratio {figures['ratio']:.1f})")  # fmt: skip
    parse = figures["yaml_parse_seconds"]
    ratios = ", ".join(f"{c} {figures['synthetic'][c]['seconds'] / max(parse, 1e-5):.1f}x" for c in figures["commands"])
    print(f"parsing the spec alone: {parse:.3f} s; each command against it: {ratios}")


if __name__ == "__main__":
    main()
