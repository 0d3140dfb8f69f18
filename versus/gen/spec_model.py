"""The typed, read-only view of a validated team spec.

Other generators (schedules, Terraform, drills) read the same `TeamSpec`; `TeamSpec.raw` is a private
copy of the validated document (plain dicts and lists, as YAML gave them) for anything the typed view
does not name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

RECEIVER_PREFIX = "versus-"
DEFAULT_RECEIVER = f"{RECEIVER_PREFIX}default"
"""Notify-only receiver for every alert that no team route claims."""


@dataclass(frozen=True)
class Authorization:
    type: str
    credentials_file: str


@dataclass(frozen=True)
class BasicAuth:
    username: str
    password_file: str


@dataclass(frozen=True)
class ReceiverSettings:
    url: str
    public_host: str
    name: str
    listen_host: str
    listen_port: int
    debug_body: bool
    authorization: Authorization | None
    basic_auth: BasicAuth | None = None


@dataclass(frozen=True)
class AwsSettings:
    account_id: str
    region: str


@dataclass(frozen=True)
class OnCallSettings:
    enable: bool
    initialized_only: bool
    wait_minutes: int
    default_response_plan: str
    iam_response_plan_pattern: str | None
    backend: str = "aws_incident_manager"


@dataclass(frozen=True)
class SlackSettings:
    enable: bool
    template_path: str
    button_text: str
    button_style: str
    disable_button: bool


@dataclass(frozen=True)
class AlertmanagerSettings:
    team_label: str
    severity_label: str
    group_by: tuple[str, ...]
    group_wait: str | None
    group_interval: str | None
    repeat_interval: str | None
    time_intervals: Mapping[str, tuple[Mapping[str, Any], ...]]


@dataclass(frozen=True)
class Person:
    alias: str
    name: str
    email: str | None
    phone: str | None
    time_zone: str | None


@dataclass(frozen=True)
class Rotation:
    """A rotation as written; the schedule engine gives it meaning."""

    name: str
    description: str
    layer: str
    time_zone: str
    start: str
    members: tuple[str, ...]
    recurrence: Mapping[str, Any]
    overrides: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True)
class EscalationTarget:
    kind: str  # "rotation" or "person"
    name: str


@dataclass(frozen=True)
class EscalationStage:
    wait_minutes: int
    targets: tuple[EscalationTarget, ...]


@dataclass(frozen=True)
class Escalation:
    name: str
    stages: tuple[EscalationStage, ...]


@dataclass(frozen=True)
class ResponsePlan:
    alias: str
    name: str
    title: str
    impact: int
    chat_channel_sns_topic: str | None
    runbook: str | None


@dataclass(frozen=True)
class Route:
    """One alert route of a team, in spec order (order decides which route Alertmanager picks)."""

    team: str
    team_index: int
    index: int
    name: str
    severity: str
    matchers: tuple[str, ...]
    oncall: bool
    wait_minutes: int | None
    response_plan: str | None
    during: str | None

    @property
    def receiver_name(self) -> str:
        return f"{RECEIVER_PREFIX}{self.team}-{self.name}"

    @property
    def spec_path(self) -> str:
        return f"teams[{self.team_index}].routes[{self.index}]"


@dataclass(frozen=True)
class Team:
    name: str
    display_name: str
    label_value: str
    rotations: tuple[Rotation, ...]
    escalation: Escalation | None
    response_plans: tuple[ResponsePlan, ...]
    routes: tuple[Route, ...]
    backend: str | None = None
    """As written; `TeamSpec.team_backend` applies the default."""


@dataclass(frozen=True)
class TeamSpec:
    source: str
    raw: Mapping[str, Any]
    receiver: ReceiverSettings
    aws: AwsSettings
    oncall: OnCallSettings
    slack: SlackSettings
    alertmanager: AlertmanagerSettings
    people: tuple[Person, ...]
    teams: tuple[Team, ...]

    @cached_property
    def response_plans(self) -> dict[str, ResponsePlan]:
        """Every team's plans by alias (aliases are unique across the spec)."""
        return {plan.alias: plan for team in self.teams for plan in team.response_plans}

    @property
    def routes(self) -> tuple[Route, ...]:
        return tuple(route for team in self.teams for route in team.routes)

    def team_backend(self, team: Team) -> str:
        """The paging back end of `team`: its own, else `oncall.backend`."""
        return team.backend or self.oncall.backend

    def route_backend(self, route: Route) -> str:
        return self.team_backend(self.teams[route.team_index])

    def plan_backend(self, alias: str) -> str:
        """The back end of the team that owns response plan `alias`."""
        owner = next(team for team in self.teams if any(plan.alias == alias for plan in team.response_plans))
        return self.team_backend(owner)

    def route_plan_alias(self, route: Route) -> str:
        """The response plan an on-call route pages with."""
        return route.response_plan or self.oncall.default_response_plan

    def response_plan_arn(self, alias: str) -> str:
        """Response-plan ARNs carry no region."""
        name = self.response_plans[alias].name
        return f"arn:aws:ssm-incidents::{self.aws.account_id}:response-plan/{name}"
