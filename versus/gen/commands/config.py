"""`versus-gen config SPEC [-o FILE] [--terraform-outputs FILE]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from versus.gen.output import write_output
from versus.gen.receiver_config import plan_arns_from_spec, plan_arns_from_terraform, render_receiver_config
from versus.gen.spec import load_spec
from versus.gen.yaml_io import GENERATED_HEADER, dump_yaml


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "config",
        help="write the receiver's config (config.yaml)",
        description="Write the Versus receiver's config; secrets are ${ENV} references.",
    )
    parser.add_argument("spec", type=Path, help="team spec (YAML)")
    parser.add_argument("-o", "--output", type=Path, help="write here (default: standard output)")
    parser.add_argument(
        "--terraform-outputs",
        type=Path,
        metavar="FILE",
        help="`terraform output -json` with output response_plan_arns (alias -> ARN); default: ARNs built "
        "from aws.account_id and the plan names",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    spec = load_spec(args.spec)
    arns = (
        plan_arns_from_terraform(spec, args.terraform_outputs) if args.terraform_outputs else plan_arns_from_spec(spec)
    )
    write_output(dump_yaml(render_receiver_config(spec, arns), GENERATED_HEADER), args.output)
    return 0
