"""`versus-gen override create|list|delete|apply`: rotation overrides in AWS Incident Manager.

create, list and delete are for changes decided on the day (a swap, a sick day); the rotation is named
by ARN, or by name with the spec that supplies account, region, time zone and the people's aliases.
apply makes the spec's planned overrides (which the calendar shows) true in AWS as well.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from versus.gen.commands import oncall
from versus.gen.commands.override_pagerduty import apply_pagerduty
from versus.gen.commands.override_plan import teams_planned_overrides
from versus.gen.problems import InputError, Problem
from versus.gen.spec import load_spec
from versus.rotation_overrides import (
    OverrideError,
    RotationOverride,
    RotationOverrides,
    RotationRef,
    contact_alias,
    parse_rotation_arn,
)

EXIT_AWS_REFUSED = 1
"""AWS refused the call or was unreachable (a bad argument exits 2, like every versus-gen command)."""
LIST_DAYS = 28
TIME_HELP = (
    "Times are ISO 8601 or 'now'. With --spec, a time without an offset is wall-clock time in the "
    "rotation's time zone; with --rotation-arn alone it needs an offset (2026-12-14T09:00-05:00). "
    "AWS credentials and endpoint come from the usual AWS settings (AWS_PROFILE, "
    "AWS_ENDPOINT_URL_SSM_CONTACTS, …). Exit codes: 0 done, 1 AWS or botocore refused the request or AWS "
    "could not be reached, 2 arguments that versus-gen itself cannot use."
)
_DISPLAY = "%a %Y-%m-%d %H:%M %Z"


@dataclass(frozen=True)
class Target:
    """The rotation an override is for, and what the spec adds: its time zone and the people's names."""

    ref: RotationRef
    zone: tzinfo | None
    names: Mapping[str, str]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "override",
        help="create, list, delete or apply rotation overrides in AWS Incident Manager",
        description="Rotation overrides through AWS Incident Manager (ssm-contacts): create, list and delete for "
        "changes made on the day; apply for the spec's planned rotations[].overrides.",
        epilog=TIME_HELP,
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser(
        "create",
        help="put other contacts on call for a period (CreateRotationOverride)",
        description="Replace whoever is on call in the rotation by --contact for the period. Re-running "
        "the same command makes no second override: the idempotency token is derived from rotation, "
        "contacts and times.",
        epilog=TIME_HELP,
    )
    _rotation_arguments(create)
    create.add_argument(
        "--contact",
        action="extend",
        nargs="+",
        required=True,
        metavar="ALIAS",
        help="contact alias (or contact ARN) on call instead; several are on call together, in this order",
    )
    create.add_argument("--from", dest="start", required=True, metavar="TIME", help="start of the override")
    create.add_argument("--to", dest="end", required=True, metavar="TIME", help="end of the override")
    create.set_defaults(run=run_create)

    listing = actions.add_parser(
        "list", help="overrides overlapping a period (ListRotationOverrides)", epilog=TIME_HELP
    )
    _rotation_arguments(listing)
    listing.add_argument("--from", dest="start", default="now", metavar="TIME", help="default: now")
    listing.add_argument("--to", dest="end", metavar="TIME", help=f"default: {LIST_DAYS} days after --from")
    listing.set_defaults(run=run_list)

    delete = actions.add_parser("delete", help="delete an override (DeleteRotationOverride)", epilog=TIME_HELP)
    _rotation_arguments(delete)
    delete.add_argument("--id", dest="override_id", required=True, help="override id, as `override list` shows")
    delete.set_defaults(run=run_delete)

    apply = actions.add_parser(
        "apply",
        help="create the spec's planned overrides in AWS",
        description="Make AWS page whom the spec's rotations[].overrides put on call: one AWS override per "
        "stretch the spec changes, with the contacts on call in it. Re-running creates nothing twice; "
        "stretches that have ended are skipped. Teams that page through PagerDuty get schedule overrides "
        "through PagerDuty's REST API instead (token in PAGERDUTY_TOKEN, other API URL in PAGERDUTY_API_URL).",
        epilog=TIME_HELP,
    )
    apply.add_argument("spec", type=Path, help="team spec (YAML)")
    apply.add_argument("--team", help="only this team's rotations (default: every team)")
    apply.add_argument("--dry-run", action="store_true", help="show the overrides without calling AWS")
    apply.set_defaults(run=run_apply)


def _rotation_arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--rotation-arn", metavar="ARN", help="arn:aws:ssm-contacts:REGION:ACCOUNT:rotation/NAME")
    which.add_argument("--rotation", metavar="NAME", help="rotation name in the spec (needs --spec)")
    parser.add_argument(
        "--spec", type=Path, help="team spec: account and region for --rotation, time zone, people's aliases"
    )


def run_create(args: argparse.Namespace) -> int:
    target = _target(args)
    start = oncall.parse_time(args.start, target.zone, "--from")
    end = oncall.parse_time(args.end, target.zone, "--to")
    if end <= start:
        raise InputError([Problem("--to", "", "must be after --from")])
    contacts = [_contact_arn(target, contact) for contact in args.contact]
    try:
        override_id = RotationOverrides.for_region(target.ref.region).create(target.ref.arn, contacts, start, end)
    except OverrideError as error:
        return _refused(error)
    print(f"Override {override_id} on {target.ref.arn}")
    print(f"  {_who(target, contacts)} on call from {_show(start, target)} to {_show(end, target)}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    target = _target(args)
    start = oncall.parse_time(args.start, target.zone, "--from")
    end = oncall.parse_time(args.end, target.zone, "--to") if args.end else start + timedelta(days=LIST_DAYS)
    if end <= start:
        raise InputError([Problem("--to", "", "must be after --from")])
    try:
        found = RotationOverrides.for_region(target.ref.region).overlapping(target.ref.arn, start, end)
    except OverrideError as error:
        return _refused(error)
    sys.stdout.write(_table(found, target, start, end))
    return 0


def run_delete(args: argparse.Namespace) -> int:
    target = _target(args)
    try:
        RotationOverrides.for_region(target.ref.region).delete(target.ref.arn, args.override_id)
    except OverrideError as error:
        return _refused(error)
    print(f"Deleted override {args.override_id} from {target.ref.arn}")
    return 0


def run_apply(args: argparse.Namespace) -> int:
    spec = load_spec(args.spec)
    teams = [team for team in spec.teams if args.team in (None, team.name)]
    if not teams:
        known = ", ".join(team.name for team in spec.teams)
        raise InputError([Problem("--team", "", f"{args.team!r} is not a team in {spec.source} ({known})")])
    pagerduty = [team for team in teams if spec.team_backend(team) == "pagerduty"]
    if pagerduty:
        code = apply_pagerduty(spec, pagerduty, args.dry_run)
        teams = [team for team in teams if team not in pagerduty]
        if code or not teams:
            return code
    names = {person.alias: person.name for person in spec.people}
    zones = {rotation.name: rotation.time_zone for team in teams for rotation in team.rotations}
    planned = teams_planned_overrides(spec, teams)
    if not planned:
        print("No planned overrides to apply")
        return 0
    client = None if args.dry_run else RotationOverrides.for_region(spec.aws.region)
    for item in planned:
        target = Target(
            RotationRef(spec.aws.region, spec.aws.account_id, item.rotation), ZoneInfo(zones[item.rotation]), names
        )
        contacts = [target.ref.contact_arn(alias) for alias in item.contacts]
        if client is None:
            print(f"Would create an override on {target.ref.arn}")
        else:
            try:
                override_id = client.create(target.ref.arn, contacts, item.start, item.end)
            except OverrideError as error:
                return _refused(error)
            print(f"Override {override_id} on {target.ref.arn}")
        reason = f" ({item.reason})" if item.reason else ""
        print(
            f"  {_who(target, contacts)} on call from {_show(item.start, target)} to {_show(item.end, target)}{reason}"
        )
    return 0


def _target(args: argparse.Namespace) -> Target:
    """The rotation from --rotation-arn, or from --rotation and the spec's account and region."""
    if args.spec is None and args.rotation_arn is None:
        raise InputError([Problem("--rotation", "", "needs --spec SPEC for the account and region")])
    spec = load_spec(args.spec) if args.spec is not None else None
    if args.rotation_arn is not None:
        try:
            ref = parse_rotation_arn(args.rotation_arn)
        except ValueError as error:
            raise InputError([Problem("--rotation-arn", "", str(error))]) from error
    else:
        assert spec is not None
        ref = RotationRef(spec.aws.region, spec.aws.account_id, args.rotation)
    if spec is None:
        return Target(ref, None, {})
    zones = {rotation.name: rotation.time_zone for team in spec.teams for rotation in team.rotations}
    if args.rotation is not None and ref.name not in zones:
        known = ", ".join(zones) or "none"
        raise InputError([Problem("--rotation", "", f"{ref.name!r} is not a rotation in {spec.source} ({known})")])
    zone = ZoneInfo(zones[ref.name]) if ref.name in zones else None
    return Target(ref, zone, {person.alias: person.name for person in spec.people})


def _contact_arn(target: Target, contact: str) -> str:
    try:
        arn = target.ref.contact_arn(contact)
    except ValueError as error:
        raise InputError([Problem("--contact", "", str(error))]) from error
    if target.names and contact_alias(arn) not in target.names:
        raise InputError([Problem("--contact", "", f"{contact!r} is not one of the spec's people")])
    return arn


def _refused(error: OverrideError) -> int:
    print(f"error: {error}", file=sys.stderr)
    return EXIT_AWS_REFUSED


def _table(found: list[RotationOverride], target: Target, start: datetime, end: datetime) -> str:
    if not found:
        return f"No overrides between {_show(start, target)} and {_show(end, target)}\n"
    rows = [("Override", "Start", "End", "On call")]
    rows += [(o.override_id, _show(o.start, target), _show(o.end, target), _who(target, o.contact_arns)) for o in found]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "".join("  ".join([*(c.ljust(w) for c, w in zip(row, widths, strict=False)), row[3]]) + "\n" for row in rows)


def _who(target: Target, contact_arns: list[str] | tuple[str, ...]) -> str:
    aliases = [contact_alias(arn) for arn in contact_arns]
    return ", ".join(f"{target.names[a]} ({a})" if a in target.names else a for a in aliases) or "nobody"


def _show(instant: datetime, target: Target) -> str:
    return instant.astimezone(target.zone or UTC).strftime(_DISPLAY)
