"""`versus-gen terraform SPEC -o DIR [--runtime ec2|ecs|lambda] [--resolve-on-alert-resolved]
[--pagerduty-output DIR]`.

Writes a self-contained root module (the spec's AWS Incident Manager setup plus the bundled modules it uses)
and, where the AWS provider schema is at hand, checks it offline: `terraform validate` needs provider
binaries, which a reviewer's machine or CI may not be able to download. With `--pagerduty-output`, the
teams that page through PagerDuty also get a root module for the `pagerduty` provider, checked against the
provider schema shipped in this package.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from versus.gen.problems import InputError, Problem
from versus.gen.receiver_config import render_container_config
from versus.gen.spec import load_spec
from versus.gen.spec_model import TeamSpec
from versus.gen.yaml_io import GENERATED_HEADER, dump_yaml
from versus.terraform.bundle import RootModule, write_root_module
from versus.terraform.pagerduty import pagerduty_teams, render_pagerduty_module
from versus.terraform.render import CONTAINER_CONFIG, RUNTIMES, RenderError
from versus.terraform.schema import SCHEMA_ENV, ProviderSchemas, schema_dir
from versus.terraform.tree import TfFile

PAGERDUTY_SCHEMA = Path(__file__).resolve().parent.parent.parent / "terraform" / "provider_schemas" / "pagerduty"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "terraform",
        help="write the Terraform root module for AWS Incident Manager",
        description="Write a Terraform root module (main.tf, versions.tf, outputs.tf) and the modules it uses "
        "(DIR/modules). The output response_plan_arns maps each plan alias to its ARN for `versus-gen config`.",
    )
    parser.add_argument("spec", type=Path, help="team spec (YAML)")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="write the root module here")
    add_render_options(parser)
    parser.add_argument(
        "--pagerduty-output",
        type=Path,
        metavar="DIR",
        help="also write a root module for the pagerduty provider (users, schedules, escalation policies, one "
        "service with an Events API v2 integration per alias) for the teams that page through PagerDuty",
    )
    parser.set_defaults(run=run)


def add_render_options(parser: argparse.ArgumentParser) -> None:
    """The choices that shape the root module; `versus-gen apply` offers the same ones."""
    parser.add_argument(
        "--runtime",
        choices=RUNTIMES,
        default="ecs",
        help="where the receiver runs, which decides who may assume its IAM role (default: ecs)",
    )
    parser.add_argument(
        "--resolve-on-alert-resolved",
        action="store_true",
        help="let the receiver's role resolve incidents, for resolving them when the alert resolves",
    )


def generate(spec: TeamSpec, out_dir: Path, args: argparse.Namespace) -> RootModule:
    """Write the root module and its modules, and with deploy.ecs the tasks' config beside them; a spec AWS
    cannot take is a problem in the spec file."""
    try:
        module = write_root_module(
            spec.raw, out_dir, runtime=args.runtime, resolve_on_alert_resolved=args.resolve_on_alert_resolved
        )
    except RenderError as error:
        raise InputError([Problem(spec.source, "", str(error))]) from error
    if (spec.raw.get("deploy") or {}).get("ecs") is not None:
        path = out_dir / CONTAINER_CONFIG
        path.write_text(dump_yaml(render_container_config(spec), GENERATED_HEADER), encoding="utf-8")
        module.written.append(path)
    return module


def run(args: argparse.Namespace) -> int:
    spec = load_spec(args.spec)
    module = generate(spec, args.output, args)
    for path in module.written:
        print(f"wrote {path}{'/' if path.is_dir() else ''}")
    code = check_offline(args.output, module.generated)
    if args.pagerduty_output is not None:
        return max(code, write_pagerduty(spec, args.pagerduty_output))
    if pagerduty_teams(spec):
        print("teams page through PagerDuty: add --pagerduty-output DIR for their Terraform", file=sys.stderr)
    return code


def write_pagerduty(spec: TeamSpec, out_dir: Path) -> int:
    """Write and check the PagerDuty root module; 1 if the check has findings."""
    try:
        files = render_pagerduty_module(spec)
    except RenderError as error:
        raise InputError([Problem(spec.source, "", str(error))]) from error
    out_dir.mkdir(parents=True, exist_ok=True)
    generated = []
    for name, rendered in sorted(files.items()):
        path = out_dir / name
        path.write_text(rendered.text, encoding="utf-8")
        generated.append(TfFile(path, rendered.blocks))
        print(f"wrote {path}")
    return _check(out_dir, generated, PAGERDUTY_SCHEMA, "the pagerduty provider schema")


def check_offline(directory: Path, generated: list[TfFile]) -> int:
    """Check the written files against the provider schema; 1 if there are findings, 0 otherwise.

    The checker needs python-hcl2 (a test dependency) and the schema JSON; without either, say the check
    did not run rather than let silence read as a pass.
    """
    schemas = schema_dir()
    if schemas is None:
        print(f"offline check skipped: AWS provider schema not found (set {SCHEMA_ENV})", file=sys.stderr)
        return 0
    return _check(directory, generated, schemas, f"the provider schema in {schemas}")


def _check(directory: Path, generated: list[TfFile], schemas: Path, what: str) -> int:
    """Print every finding for `directory`; 1 if there are any. The checker needs python-hcl2."""
    try:
        from versus.terraform.check import check_paths
    except ImportError as error:
        print(f"offline check skipped: {error.name} is not installed", file=sys.stderr)
        return 0
    findings = check_paths([directory], ProviderSchemas.load(schemas), generated)
    for finding in findings:
        print(finding)
    if findings:
        return 1
    print(f"offline check passed: {directory} against {what}")
    return 0
