"""Loading a team spec: parse, check against the JSON Schema, type it, then check cross-references.

Every problem is reported at once, each with its key path, so one run shows all there is to fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from versus.gen.problems import InputError, SpecError
from versus.gen.spec_model import (
    AlertmanagerSettings,
    Authorization,
    AwsSettings,
    BasicAuth,
    Escalation,
    EscalationStage,
    EscalationTarget,
    OnCallSettings,
    Person,
    ReceiverSettings,
    ResponsePlan,
    Rotation,
    Route,
    SlackSettings,
    Team,
    TeamSpec,
)
from versus.gen.spec_rules import rule_problems
from versus.gen.spec_schema import schema_problems
from versus.gen.yaml_io import load_yaml

__all__ = ["SpecError", "TeamSpec", "build_spec", "load_spec"]


def load_spec(path: str | Path) -> TeamSpec:
    """Read, validate and type a team spec; raises SpecError listing every problem at once."""
    source = str(path)
    try:
        data = load_yaml(Path(path))
    except InputError as error:
        raise SpecError(error.problems) from error
    problems = schema_problems(data, source)
    if problems:
        raise SpecError(problems)
    spec = build_spec(data, source)
    problems = rule_problems(spec)
    if problems:
        raise SpecError(problems)
    return spec


def build_spec(data: Mapping[str, Any], source: str) -> TeamSpec:
    """Typed view of a schema-valid document, with the schema's defaults applied.

    The spec keeps `data` as its `raw` document: the caller hands it over and does not change it afterwards
    (a deep copy cost more than every generator together on a large company's spec).
    """
    receiver = data["receiver"]
    auth = receiver.get("authorization")
    oncall = data["oncall"]
    slack = data.get("slack", {})
    am = data.get("alertmanager", {})
    return TeamSpec(
        source=source,
        raw=data,
        receiver=ReceiverSettings(
            url=receiver["url"],
            public_host=receiver["public_host"],
            name=receiver.get("name", "versus"),
            listen_host=receiver.get("listen_host", "0.0.0.0"),
            listen_port=receiver.get("listen_port", 3000),
            debug_body=receiver.get("debug_body", False),
            authorization=Authorization(auth.get("type", "Bearer"), auth["credentials_file"]) if auth else None,
            basic_auth=BasicAuth(**receiver["basic_auth"]) if "basic_auth" in receiver else None,
        ),
        aws=AwsSettings(account_id=data["aws"]["account_id"], region=data["aws"]["region"]),
        oncall=OnCallSettings(
            enable=oncall.get("enable", False),
            initialized_only=oncall.get("initialized_only", False),
            wait_minutes=oncall["wait_minutes"],
            default_response_plan=oncall["default_response_plan"],
            iam_response_plan_pattern=oncall.get("iam_response_plan_pattern"),
            backend=oncall.get("backend", "aws_incident_manager"),
        ),
        slack=SlackSettings(
            enable=slack.get("enable", True),
            template_path=slack.get("template_path", "config/slack_message.tmpl"),
            button_text=slack.get("button_text", "Acknowledge Incident"),
            button_style=slack.get("button_style", "primary"),
            disable_button=slack.get("disable_button", False),
        ),
        alertmanager=AlertmanagerSettings(
            team_label=am.get("team_label", "team"),
            severity_label=am.get("severity_label", "severity"),
            group_by=tuple(am.get("group_by", ["alertname"])),
            group_wait=am.get("group_wait"),
            group_interval=am.get("group_interval"),
            repeat_interval=am.get("repeat_interval"),
            time_intervals=MappingProxyType(
                {name: tuple(entries) for name, entries in sorted(am.get("time_intervals", {}).items())}
            ),
        ),
        people=tuple(
            Person(p["alias"], p["name"], p.get("email"), p.get("phone"), p.get("time_zone"))
            for p in data.get("people", [])
        ),
        teams=tuple(_team(index, team) for index, team in enumerate(data["teams"])),
    )


def _team(team_index: int, team: Mapping[str, Any]) -> Team:
    name = team["name"]
    escalation = team.get("escalation")
    return Team(
        name=name,
        display_name=team.get("display_name", name),
        label_value=team.get("team_label_value", name),
        backend=team.get("backend"),
        rotations=tuple(
            Rotation(
                name=r["name"],
                description=r.get("description", ""),
                layer=r.get("layer", "primary"),
                time_zone=r["time_zone"],
                start=r["start"],
                members=tuple(r["members"]),
                recurrence=r["recurrence"],
                overrides=tuple(r.get("overrides", [])),
            )
            for r in team.get("rotations", [])
        ),
        escalation=Escalation(
            name=escalation["name"],
            stages=tuple(
                EscalationStage(
                    wait_minutes=stage["wait_minutes"],
                    targets=tuple(
                        EscalationTarget(kind, target_name)
                        for target in stage["targets"]
                        for kind, target_name in target.items()
                    ),
                )
                for stage in escalation["stages"]
            ),
        )
        if escalation
        else None,
        response_plans=tuple(
            ResponsePlan(
                alias=p["alias"],
                name=p["name"],
                title=p["title"],
                impact=p["impact"],
                chat_channel_sns_topic=p.get("chat_channel_sns_topic"),
                runbook=p.get("runbook"),
            )
            for p in team.get("response_plans", [])
        ),
        routes=tuple(_route(name, team_index, index, route) for index, route in enumerate(team["routes"])),
    )


def _route(team: str, team_index: int, index: int, route: Mapping[str, Any]) -> Route:
    during = route.get("during")
    default_name = f"{route['severity']}-{during}" if during else route["severity"]
    return Route(
        team=team,
        team_index=team_index,
        index=index,
        name=route.get("name", default_name),
        severity=route["severity"],
        matchers=tuple(route.get("matchers", [])),
        oncall=route.get("oncall", False),
        wait_minutes=route.get("wait_minutes"),
        response_plan=route.get("response_plan"),
        during=during,
    )
