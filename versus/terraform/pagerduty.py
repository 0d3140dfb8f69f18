"""Rendering a Terraform root module for the `pagerduty` provider from the teams of a spec that page through
PagerDuty (`backend: pagerduty`, or `oncall.backend`).

Per team: a user per person it pages (with an email contact method and a high-urgency notification rule),
a schedule per rotation (one layer each, restrictions from the rotation's coverage), an escalation policy
from its stages, and per response plan alias a service with an Events API v2 integration. The output
`pagerduty_routing_keys` (sensitive) maps each alias to its integration key, the value of the receiver's
`PAGERDUTY_OTHER_ROUTING_KEY_<ALIAS>`. What PagerDuty cannot express is a RenderError naming the rotation
or stage and why. Output is deterministic: the same spec gives byte-identical files.
"""

from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from versus.gen.spec_model import Person, Rotation, Team, TeamSpec
from versus.terraform.hcl import Blank, Block, Expr, RenderedFile, Value, render_file
from versus.terraform.render import RenderError

PROVIDER = ("pagerduty/pagerduty", ">= 3.32.4, < 4.0.0")
BACKEND = "pagerduty"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TURNS = {"daily": 86_400, "weekly": 604_800}
Body = list[tuple[str, Value] | Block | Blank]


def pagerduty_teams(spec: TeamSpec) -> list[Team]:
    return [team for team in spec.teams if spec.team_backend(team) == BACKEND]


def render_pagerduty_module(spec: TeamSpec) -> dict[str, RenderedFile]:
    """File name → text and blocks; raises RenderError for what PagerDuty cannot express."""
    teams = pagerduty_teams(spec)
    people = {person.alias: person for person in spec.people}
    main: list[Block] = []
    for alias in _paged_people(teams):
        main.extend(_user(people[alias], spec))
    for team in teams:
        main.extend(_schedule(rotation) for rotation in team.rotations)
        main.append(_escalation_policy(team))
        for plan in team.response_plans:
            main.extend(_service(team, plan.alias, plan.name, plan.title))
    provider: Value = {"source": PROVIDER[0], "version": PROVIDER[1]}
    versions = Block(
        "terraform",
        body=[
            ("required_version", ">= 1.9.0"),
            Blank(),
            Block("required_providers", body=[("pagerduty", provider)]),
        ],
    )
    keys = {
        plan.alias: Expr(f"pagerduty_service_integration.{_label(plan.alias)}.integration_key")
        for team in teams
        for plan in sorted(team.response_plans, key=lambda plan: plan.alias)
    }
    output = Block(
        "output",
        ("pagerduty_routing_keys",),
        [
            ("description", "Events API v2 integration key per response plan alias (the receiver's routing keys)"),
            ("value", keys),
            ("sensitive", True),
        ],
    )
    return {
        "versions.tf": render_file([versions, Block("provider", ("pagerduty",))]),
        "main.tf": render_file(main),
        "outputs.tf": render_file([output]),
    }


def _paged_people(teams: list[Team]) -> list[str]:
    found: set[str] = set()
    for team in teams:
        for rotation in team.rotations:
            found.update(rotation.members)
        for stage in team.escalation.stages if team.escalation else ():
            found.update(target.name for target in stage.targets if target.kind == "person")
    return sorted(found)


def _user(person: Person, spec: TeamSpec) -> Iterator[Block]:
    if not person.email:
        raise RenderError(f"person {person.alias}: PagerDuty users need an email (a PagerDuty team pages them)")
    label = _label(person.alias)
    user: Body = [("name", person.name), ("email", person.email)]
    if person.time_zone:
        user.append(("time_zone", person.time_zone))
    yield Block("resource", ("pagerduty_user", label), user)
    yield Block(
        "resource",
        ("pagerduty_user_contact_method", f"{label}_email"),
        [
            ("user_id", Expr(f"pagerduty_user.{label}.id")),
            ("type", "email_contact_method"),
            ("address", person.email),
            ("label", "Work"),
        ],
    )
    yield Block(
        "resource",
        ("pagerduty_user_notification_rule", f"{label}_email"),
        [
            ("user_id", Expr(f"pagerduty_user.{label}.id")),
            ("start_delay_in_minutes", 0),
            ("urgency", "high"),
            Block(
                "contact_method",
                body=[
                    ("type", "email_contact_method"),
                    ("id", Expr(f"pagerduty_user_contact_method.{label}_email.id")),
                ],
            ),
        ],
    )


def _schedule(rotation: Rotation) -> Block:
    where = f"rotation {rotation.name}"
    recurrence = rotation.recurrence
    kind = next((name for name in ("daily", "weekly", "monthly") if name in recurrence), "")
    if kind not in _TURNS:
        raise RenderError(
            f"{where}: PagerDuty layers hand over in fixed turns of 1 hour to 365 days; a {kind} handoff on a"
            " day of the month cannot be expressed"
        )
    if int(recurrence.get("on_calls", 1)) != 1:
        raise RenderError(f"{where}: a PagerDuty layer has one person on call at a time (on_calls must be 1)")
    turn = _TURNS[kind] * int(recurrence.get("every", 1))
    start = _first_handoff(rotation, kind)
    layer: Body = [
        ("name", rotation.layer),
        ("start", start),
        ("rotation_virtual_start", start),
        ("rotation_turn_length_seconds", turn),
        ("users", [Expr(f"pagerduty_user.{_label(member)}.id") for member in rotation.members]),
    ]
    layer.extend(_restrictions(rotation))
    return Block(
        "resource",
        ("pagerduty_schedule", _label(rotation.name)),
        [
            ("name", rotation.name),
            ("description", rotation.description or f"{rotation.name}, generated by versus-gen"),
            ("time_zone", rotation.time_zone),
            Block("layer", body=layer),
        ],
    )


def _first_handoff(rotation: Rotation, kind: str) -> str:
    """The first handoff at or after the rotation's start, in its time zone, as RFC 3339."""
    zone = ZoneInfo(rotation.time_zone)
    start = datetime.fromisoformat(rotation.start).replace(tzinfo=zone)
    rule = rotation.recurrence[kind]
    hour, minute = (int(part) for part in str(rule["at"]).split(":"))
    moment = start.replace(hour=hour, minute=minute, second=0)
    while moment < start or (kind == "weekly" and _WEEKDAYS[moment.weekday()] != rule["day"]):
        moment = (moment + timedelta(days=1)).replace(hour=hour, minute=minute)
    return moment.isoformat()


def _restrictions(rotation: Rotation) -> Iterator[Block]:
    """Coverage windows as weekly restrictions (Monday = 1); a window ending at or before its start runs
    past midnight."""
    coverage = rotation.recurrence.get("coverage") or {}
    for day in _WEEKDAYS:
        for window in coverage.get(day, ()):
            start, end = _minutes(window["start"]), _minutes(window["end"])
            duration = (end - start) % 1440 or 1440
            yield Block(
                "restriction",
                body=[
                    ("type", "weekly_restriction"),
                    ("start_day_of_week", _WEEKDAYS.index(day) + 1),
                    ("start_time_of_day", f"{window['start']}:00"),
                    ("duration_seconds", duration * 60),
                ],
            )


def _escalation_policy(team: Team) -> Block:
    if team.escalation is None:
        raise RenderError(f"team {team.name}: a PagerDuty service needs an escalation policy; add an escalation")
    rules: Body = [("name", team.escalation.name), ("num_loops", 0)]
    last = len(team.escalation.stages) - 1
    for index, stage in enumerate(team.escalation.stages):
        if stage.wait_minutes < 1 and index != last:
            raise RenderError(
                f"escalation {team.escalation.name}, stage {index + 1}: PagerDuty escalates after at least"
                " 1 minute (wait_minutes is 0)"
            )
        targets = [
            Block(
                "target",
                body=[
                    ("type", "schedule_reference" if target.kind == "rotation" else "user_reference"),
                    ("id", Expr(f"{_resource(target.kind)}.{_label(target.name)}.id")),
                ],
            )
            for target in stage.targets
        ]
        rule: Body = [("escalation_delay_in_minutes", max(stage.wait_minutes, 1))]
        rules.append(Block("rule", body=[*rule, *targets]))
    return Block("resource", ("pagerduty_escalation_policy", _label(team.name)), rules)


def _service(team: Team, alias: str, name: str, title: str) -> Iterator[Block]:
    label = _label(alias)
    yield Block(
        "resource",
        ("pagerduty_service", label),
        [
            ("name", name),
            ("description", title),
            ("escalation_policy", Expr(f"pagerduty_escalation_policy.{_label(team.name)}.id")),
            ("alert_creation", "create_alerts_and_incidents"),
        ],
    )
    yield Block(
        "resource",
        ("pagerduty_service_integration", label),
        [
            ("name", "Versus"),
            ("type", "events_api_v2_inbound_integration"),
            ("service", Expr(f"pagerduty_service.{label}.id")),
        ],
    )


def _resource(kind: str) -> str:
    return "pagerduty_schedule" if kind == "rotation" else "pagerduty_user"


def _label(name: str) -> str:
    """A Terraform name from a spec alias or name: letters, digits, `_` and `-`, not starting with a digit."""
    return name if name[:1].isalpha() or name[:1] == "_" else f"_{name}"


def _minutes(clock: str) -> int:
    hour, minute = (int(part) for part in clock.split(":"))
    return hour * 60 + minute
