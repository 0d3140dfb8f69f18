"""`versus-gen drill --url URL [--spec SPEC] [--wait-minutes M] [--ack-check] [--plan ALIAS] [--json]`."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from dataclasses import asdict
from pathlib import Path

from versus.drill.progress import Progress
from versus.drill.runner import Client, run_drills
from versus.drill.scenarios import SEED_PLAN_ALIAS, ack_scenarios, route_scenarios, seed_scenarios
from versus.drill.verdict import judge, table
from versus.gen.spec import load_spec


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "drill",
        help="fire drill: send the seed guide's tests (and one alert per spec route) as drills to a receiver",
        description="Send drills (?drill=true) to a running receiver: the whole pipeline runs, but pages are "
        "only rehearsed (the incident records which response plan a real page would start). Follows each "
        "incident and prints expected against observed; exits 1 if any drill fails.",
    )
    parser.add_argument("--url", required=True, help="base URL of the running receiver, e.g. http://localhost:3000")
    parser.add_argument("--spec", type=Path, help="team spec: also drill each route's webhook URL")
    parser.add_argument(
        "--token-file",
        type=Path,
        metavar="FILE",
        help="a Bearer token the receiver's alert.auth accepts (e.g. the file Alertmanager's credentials_file names)",
    )
    parser.add_argument(
        "--wait-minutes",
        type=_non_negative,
        metavar="M",
        help="use this wait instead of every non-zero configured one, so the drill ends quickly (e.g. 0.05)",
    )
    parser.add_argument(
        "--ack-check",
        action="store_true",
        help="also check that an unacknowledged drill pages and an acknowledged one does not",
    )
    parser.add_argument(
        "--plan",
        default=SEED_PLAN_ALIAS,
        metavar="ALIAS",
        help=f"response plan alias for the seed's override test (default: {SEED_PLAN_ALIAS})",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the results as a JSON array (scenario, expected, observed, passed), with no progress lines",
    )
    parser.set_defaults(run=run)


def _non_negative(text: str) -> float:
    value = float(text)
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a non-negative number of minutes")
    return value


def run(args: argparse.Namespace) -> int:
    spec = load_spec(args.spec) if args.spec else None
    if args.ack_check and args.wait_minutes == 0:
        print("--ack-check needs a wait to acknowledge within: give --wait-minutes above 0")
        return 2
    scenarios = seed_scenarios(spec, args.wait_minutes, args.plan)
    if args.ack_check:
        scenarios += ack_scenarios(args.wait_minutes)
    if spec is not None:
        scenarios += route_scenarios(spec, args.wait_minutes, uuid.uuid4().hex[:12])
    shown = sys.stdout.isatty() and sys.stderr.isatty() and not args.json
    progress = Progress(sys.stderr, enabled=shown, wait_overridden=args.wait_minutes is not None)
    token = args.token_file.read_text(encoding="utf-8").strip() if args.token_file else None
    rows = [judge(drill) for drill in run_drills(Client(args.url, bearer_token=token), scenarios, progress)]
    print(json.dumps([asdict(row) for row in rows], indent=2) if args.json else table(rows))
    return 0 if all(row.passed for row in rows) else 1
