"""`versus`: the receiver's command line (`versus serve`, `versus report`)."""

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from versus.analytics.multiproc import multiprocess_metrics
from versus.analytics.report_command import add_report_command, run_report
from versus.config import DEFAULT_PATH, ConfigError, load_config
from versus.config.model import Config
from versus.console.cli import add_console_command, run_console
from versus.file_errors import describe
from versus.log_format import configure_logging
from versus.server.serve import serve as run_server

log = logging.getLogger("versus")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="versus", description=__doc__)
    parser.add_argument(
        "--log-level",
        default=os.environ.get("VERSUS_LOG_LEVEL", "INFO"),
        type=str.upper,
        help="DEBUG, INFO, WARNING or ERROR (default: $VERSUS_LOG_LEVEL or INFO)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the receiver")
    serve.add_argument("--config", type=Path, help=f"config file (default {DEFAULT_PATH}, else built-in defaults)")
    serve.add_argument("--host", help="override the config's host")
    serve.add_argument("--port", type=int, help="override the config's port")
    serve.add_argument("--spec", type=Path, help="team spec for the console's on-call page (overrides console.spec)")
    report = add_report_command(commands)
    report.add_argument("--config", type=Path, help=f"config file (default {DEFAULT_PATH}, else built-in defaults)")
    add_console_command(commands)
    args = parser.parse_args(argv)
    if args.log_level not in LOG_LEVELS:
        parser.error(f"--log-level (or $VERSUS_LOG_LEVEL) {args.log_level!r}: use one of {', '.join(LOG_LEVELS)}")
    configure_logging(args.log_level)
    if args.command == "console":
        return run_console(args)
    try:
        config = _load(args.config)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    configure_logging(args.log_level, config.log.format)
    try:
        if args.command == "report":
            return run_report(args, config)
        if args.spec is not None:
            config = replace(config, console=replace(config.console, spec=str(args.spec)))
        with multiprocess_metrics(config.workers):
            return run_server(config, host=args.host, port=args.port)
    except OSError as exc:
        log.error("versus %s: %s", args.command, describe(exc))
        return 2


def _load(path: Path | None) -> Config:
    if path is not None:
        return load_config(path)
    if DEFAULT_PATH.exists():
        return load_config(DEFAULT_PATH)
    log.info("no %s: running on built-in defaults (embedded Redis, on-call off, no Slack)", DEFAULT_PATH)
    return Config()
