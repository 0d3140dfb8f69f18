"""`versus-gen check SPEC [--alertmanager FILE] [--config FILE] [--url URL ...] [--from TIME]`."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from versus.gen.check import check_files
from versus.gen.problems import Severity
from versus.gen.spec import load_spec


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check the spec, an Alertmanager config, a receiver config and webhook URLs against each other",
        description="Report, with file and key path, what would make Alertmanager, the receiver and IAM "
        "disagree. Exits 1 on any error (warnings alone exit 0).",
    )
    parser.add_argument("spec", type=Path, help="team spec (YAML)")
    parser.add_argument("--alertmanager", type=Path, metavar="FILE", help="Alertmanager config to check")
    parser.add_argument(
        "--config", type=Path, metavar="FILE", help="receiver config (default: the one generated from the spec)"
    )
    parser.add_argument(
        "--url",
        action="append",
        default=[],
        metavar="URL",
        help="a webhook URL used outside Alertmanager (scripts, curl, other tools); repeatable",
    )
    parser.add_argument(
        "--from",
        dest="coverage_from",
        type=_instant,
        metavar="TIME",
        help="start of the 4 weeks in which rotations must cover on-call routes (ISO 8601, UTC unless a "
        "zone is given; default: now)",
    )
    parser.set_defaults(run=run)


def _instant(text: str) -> datetime:
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def run(args: argparse.Namespace) -> int:
    spec = load_spec(args.spec)
    coverage_from = args.coverage_from or datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    problems = check_files(spec, args.alertmanager, args.config, args.url, coverage_from)
    for problem in problems:
        print(problem)
    errors = sum(problem.severity is Severity.ERROR for problem in problems)
    warnings = len(problems) - errors
    print(f"{errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0
