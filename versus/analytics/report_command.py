"""The `versus report` subcommand's arguments and run, kept here so `versus/cli.py` only wires it in."""

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from versus.analytics.report_formats import FORMATS
from versus.config.model import Config


def add_report_command(commands: "argparse._SubParsersAction[Any]") -> argparse.ArgumentParser:
    report = commands.add_parser(
        "report",
        help="write the on-call report (incidents, MTTA, MTTR, escalations, burden) from the event history",
    )
    report.add_argument("--since", default="7d", help="start: 7d, 24h, 30m, 2w ago, or an ISO date/time (default 7d)")
    report.add_argument("--until", help="end (exclusive): same forms as --since (default now)")
    report.add_argument("--format", choices=FORMATS, default="markdown", help="markdown (Slack) or html (charts)")
    report.add_argument("--out", type=Path, help="write to this file (default stdout)")
    report.add_argument("--spec", type=Path, help="team spec: adds each person's on-call burden")
    return report


def run_report(args: argparse.Namespace, config: Config) -> int:
    # Imported here, not at the top: `versus serve` parses the same command line and needs none of them.
    from redis.exceptions import RedisError

    from versus.analytics.report import ReportError, make_report, window, write_report
    from versus.gen.problems import SpecError
    from versus.gen.spec import load_spec
    from versus.schedule.model import ScheduleError

    try:
        span = window(args.since, args.until, datetime.now(UTC))
        spec = load_spec(args.spec) if args.spec else None
        write_report(make_report(config, span, args.format, spec), args.out)
    except (ReportError, ScheduleError) as exc:
        print(f"versus report: {exc}", file=sys.stderr)
        return 2
    except SpecError as exc:
        print(exc, file=sys.stderr)
        return 2
    except RedisError as exc:
        print(f"versus report: cannot read the event history from Redis: {exc}", file=sys.stderr)
        return 1
    return 0
