"""`versus-gen alertmanager SPEC [-o FILE] [--merge-into FILE]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from versus.gen.alertmanager import render_alertmanager
from versus.gen.merge import MergeError, merge_into
from versus.gen.output import write_output
from versus.gen.problems import InputError, Problem
from versus.gen.spec import load_spec
from versus.gen.yaml_io import GENERATED_HEADER, dump_yaml, load_yaml


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "alertmanager",
        help="write the Alertmanager route tree, receivers and time intervals",
        description="Write Alertmanager (>= 0.25) routing for the spec, or merge it into an existing config "
        "(only versus-gen's routes, receivers and time intervals change; YAML comments are lost).",
    )
    parser.add_argument("spec", type=Path, help="team spec (YAML)")
    parser.add_argument(
        "-o", "--output", type=Path, help="write here (default: standard output, or the --merge-into file itself)"
    )
    parser.add_argument("--merge-into", type=Path, metavar="FILE", help="existing alertmanager.yml to update")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    spec = load_spec(args.spec)
    if args.merge_into is None:
        write_output(dump_yaml(render_alertmanager(spec), GENERATED_HEADER), args.output)
        return 0
    existing = load_yaml(args.merge_into)
    if not isinstance(existing, dict):
        raise InputError([Problem(str(args.merge_into), "", "not an Alertmanager config (no mapping at the top)")])
    try:
        merged = merge_into(existing, spec)
    except MergeError as error:
        raise InputError([Problem(str(args.merge_into), "", str(error))]) from error
    write_output(dump_yaml(merged), args.output or args.merge_into)
    return 0
