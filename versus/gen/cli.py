"""`versus-gen`: one argparse command per module in `versus.gen.commands`.

To add a command, write `versus/gen/commands/<name>.py` with `register(subparsers)` (which adds its
parser and sets `run=` to a function taking the parsed arguments and returning an exit code), then add
`<name>` to COMMANDS below.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from versus.file_errors import describe
from versus.gen.problems import InputError

COMMANDS = ("alertmanager", "apply", "config", "check", "drill", "oncall", "override", "terraform")

EXIT_BAD_INPUT = 2
"""Exit code for an unusable input file; commands return 0 for success and 1 for findings."""


def build_parser(commands: Sequence[str] = COMMANDS) -> argparse.ArgumentParser:
    """The parser for `commands`: a run names its command first, so only that module (and what it imports,
    boto3 for some) is loaded; `versus-gen --help` and an unknown command load them all."""
    parser = argparse.ArgumentParser(
        prog="versus-gen",
        description="Generate and check Alertmanager routing and Versus receiver config from a team spec.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in commands:
        importlib.import_module(f"versus.gen.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    named = arguments[:1] if arguments[:1] and arguments[0] in COMMANDS else COMMANDS
    args = build_parser(named).parse_args(arguments)
    try:
        code: int = args.run(args)
    except InputError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"versus-gen {args.command}: {describe(error)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return code
