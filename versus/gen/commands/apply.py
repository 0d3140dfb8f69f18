"""`versus-gen apply SPEC [-o DIR] [--auto-approve] [--config-out FILE] [--skip-generate]`.

Generate the root module, then init, plan (shown), confirm, apply with the user's `terraform`, and write the
receiver's config from the applied `response_plan_arns` output. The config is written only after a
successful apply and through `versus-gen config --terraform-outputs`, so the ARNs the receiver pages with are
the ones AWS holds, and routes, config and AWS agree. Exit codes: 0 applied and config written, 1 terraform
missing, failed or the plan declined (no config written), 2 an unusable spec or outputs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from versus.gen.commands import config
from versus.gen.commands.terraform import add_render_options, generate
from versus.gen.problems import InputError
from versus.gen.receiver_config import TERRAFORM_OUTPUT
from versus.gen.spec import load_spec
from versus.terraform.runner import ApplyDeclined, TerraformFailed, apply, output_value

DEFAULT_DIR = Path("versus-terraform")
DEFAULT_CONFIG = Path("config/config.yaml")
OUTPUTS_FILE = "terraform-outputs.json"
"""The applied ARNs in `terraform output -json` shape, kept in DIR: what the config was written from."""
EXIT_NOT_APPLIED = 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "apply",
        help="apply the Terraform with your terraform and write the receiver config with the real ARNs",
        description="Write the root module (as `versus-gen terraform` does), run terraform init and plan, show "
        "the plan, ask y/N unless --auto-approve, apply, then write the receiver's config with the response "
        "plan ARNs that Terraform created. Needs `terraform` on PATH and AWS credentials in the environment.",
    )
    parser.add_argument("spec", type=Path, help="team spec (YAML)")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=DEFAULT_DIR,
        metavar="DIR",
        help=f"the root module's directory, which also holds the Terraform state (default: {DEFAULT_DIR})",
    )
    parser.add_argument("--auto-approve", action="store_true", help="apply the plan without asking")
    parser.add_argument(
        "--config-out",
        type=Path,
        default=DEFAULT_CONFIG,
        metavar="FILE",
        help=f"where to write the receiver's config (default: {DEFAULT_CONFIG})",
    )
    parser.add_argument(
        "--skip-generate",
        action="store_true",
        help="apply DIR as it is (e.g. a reviewed, committed `versus-gen terraform` output) instead of rewriting it",
    )
    add_render_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    spec = load_spec(args.spec)
    terraform_bin = shutil.which("terraform")
    if terraform_bin is None:
        return _not_applied("terraform not found on PATH; install Terraform >= 1.9 and try again")
    if args.skip_generate:
        if not args.output.is_dir():
            return _not_applied(f"{args.output} does not exist; write it with `versus-gen terraform` first")
    else:
        for path in generate(spec, args.output, args).written:
            print(f"wrote {path}{'/' if path.is_dir() else ''}")
    try:
        arns = apply(args.output, args.auto_approve, confirm=ask_to_apply, terraform_bin=terraform_bin)
    except ApplyDeclined:
        return _not_applied("plan declined: nothing applied, no config written")
    except TerraformFailed as error:
        return _not_applied(f"{error}\nno config written")
    service_url = output_value(args.output, "service_url", terraform_bin)
    if service_url:
        print(f"service URL: {service_url} (put it in the spec's receiver.url and receiver.public_host)")
    return write_config(args, arns)


def ask_to_apply(plan_text: str) -> bool:
    """y/N on standard input, after the plan was printed; anything but y or yes (or no input at all) declines."""
    try:
        answer = input("Apply this plan? [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in {"y", "yes"}


def write_config(args: argparse.Namespace, arns: dict[str, str]) -> int:
    """Keep the applied ARNs in DIR and hand them to `versus-gen config --terraform-outputs`."""
    outputs = args.output / OUTPUTS_FILE
    document = {TERRAFORM_OUTPUT: {"value": arns}}
    outputs.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    config_args = argparse.Namespace(spec=args.spec, output=args.config_out, terraform_outputs=outputs)
    try:
        config.run(config_args)
    except InputError:
        print(f"applied, but {args.config_out} was not written:", file=sys.stderr)
        raise
    print(f"wrote {args.config_out} (response plan ARNs from {outputs})")
    return 0


def _not_applied(message: str) -> int:
    print(f"versus-gen apply: {message}", file=sys.stderr)
    return EXIT_NOT_APPLIED
