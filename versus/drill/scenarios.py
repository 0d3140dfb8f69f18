"""The drills `versus-gen drill` sends: the seed guide's four curl tests, and one per route of a team spec.

Pure: each scenario is a query string, a body and what the receiver must decide. A spec route's query
string is exactly what versus-gen writes into the route's Alertmanager webhook URL (`webhook_url`), so a
drill tests the URLs Alertmanager will really call. `--wait-minutes` replaces every non-zero wait, so a
drill of a 5-minute route takes seconds; a wait of 0 stays 0 (paging at once is what is being tested).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from versus.gen.matchers import parse_matcher
from versus.gen.receiver_config import used_plan_aliases
from versus.gen.spec_model import DEFAULT_RECEIVER, Route, TeamSpec
from versus.gen.webhook import webhook_url
from versus.oncall.decision import ONCALL_ENABLE, RESPONSE_PLAN, WAIT_MINUTES

DEFAULT_PLAN = "default"
"""What the receiver's decision calls the configured default response plan."""
SEED_PLAN_ALIAS = "platform"
"""The alias the seed guide's fourth test asks for."""


@dataclass(frozen=True)
class Expected:
    """What the receiver must do with a drill.

    `plan` is the decision's plan (`default` or an alias); `plan_name` (known from a spec) is the response
    plan's name, the last part of its ARN. `plan_or_default` is the seed's fourth test without a spec: the
    alias if the receiver knows it, else the default plan and a warning naming the alias.
    """

    page: bool
    wait_minutes: float | None = None
    plan: str | None = None
    plan_name: str | None = None
    warning: str | None = None
    plan_or_default: bool = False
    acknowledge: bool = False

    def describe(self) -> str:
        if not self.page:
            return "ack stops the page" if self.acknowledge else "no page"
        if self.wait_minutes == 0:
            when = "page at once"
        elif self.wait_minutes is None:
            when = "page after the wait"
        else:
            when = f"page after {self.wait_minutes:g} min"
        if self.plan_or_default:
            return f"{when}, plan {self.plan} or default + warning"
        plan = f"plan {self.plan}" + (f" ({self.plan_name})" if self.plan_name else "")
        return f"{when}, {plan}" + (" + warning" if self.warning else "")


@dataclass(frozen=True)
class Scenario:
    name: str
    query: tuple[tuple[str, str], ...]
    body: dict[str, Any]
    expected: Expected
    headers: dict[str, str] = field(default_factory=dict)


def seed_scenarios(spec: TeamSpec | None, wait: float | None, plan_alias: str = SEED_PLAN_ALIAS) -> list[Scenario]:
    """The seed guide's "Testing the Critical-Only Approach", as drills.

    The seed assumes a critical-only receiver (on-call initialised, off unless asked); with a spec, the
    first test expects what the spec's receiver does by default.
    """
    pages_by_default = spec.oncall.enable if spec else False
    configured = float(spec.oncall.wait_minutes) if spec else None
    waited = _wait(configured, wait)
    return [
        Scenario(
            "seed 1: critical, no oncall_enable",
            _with_wait((), wait),
            _seed_body("[CRITICAL] This is a critical alert that should not trigger on-call", "test-service"),
            Expected(page=pages_by_default, wait_minutes=waited, plan=DEFAULT_PLAN, plan_name=_default_name(spec)),
        ),
        Scenario(
            "seed 2: oncall_enable=true",
            _with_wait(((ONCALL_ENABLE, "true"),), wait),
            _seed_body("[CRITICAL] This is a critical alert that SHOULD trigger on-call", "test-service"),
            Expected(page=True, wait_minutes=waited, plan=DEFAULT_PLAN, plan_name=_default_name(spec)),
        ),
        Scenario(
            "seed 3: oncall_wait_minutes=0",
            ((ONCALL_ENABLE, "true"), (WAIT_MINUTES, "0")),
            _seed_body("[CRITICAL] This is a critical alert that should trigger on-call IMMEDIATELY", "test-service"),
            Expected(page=True, wait_minutes=0, plan=DEFAULT_PLAN, plan_name=_default_name(spec)),
        ),
        Scenario(
            f"seed 4: {RESPONSE_PLAN}={plan_alias}",
            _with_wait(((ONCALL_ENABLE, "true"), (RESPONSE_PLAN, plan_alias)), wait),
            _seed_body("[CRITICAL] Platform issue requiring specific team", "platform-service"),
            _plan_override(spec, plan_alias, waited),
        ),
    ]


def ack_scenarios(wait: float | None) -> list[Scenario]:
    """A pair that differs only in the ack: the unacknowledged drill must page, the acknowledged one not."""
    query = _with_wait(((ONCALL_ENABLE, "true"),), wait)
    waited = _wait(None, wait)
    return [
        Scenario(
            "ack check: not acknowledged",
            query,
            _seed_body("[CRITICAL] Drill: nobody acknowledges this one", "drill-service"),
            Expected(page=True, wait_minutes=waited, plan=DEFAULT_PLAN),
        ),
        Scenario(
            "ack check: acknowledged",
            query,
            _seed_body("[CRITICAL] Drill: this one is acknowledged before the wait", "drill-service"),
            Expected(page=False, acknowledge=True),
        ),
    ]


def route_scenarios(spec: TeamSpec, wait: float | None, run_id: str) -> list[Scenario]:
    """One drill per route of the spec, plus the notify-only default receiver, on each route's own URL."""
    scenarios = [_route_scenario(spec, route, wait, run_id) for route in spec.routes]
    query = _route_query(spec, None, wait)
    body = alertmanager_body(spec, None, run_id)
    scenarios.append(Scenario(f"route {DEFAULT_RECEIVER} (notify only)", query, body, Expected(page=False)))
    return scenarios


def _route_scenario(spec: TeamSpec, route: Route, wait: float | None, run_id: str) -> Scenario:
    name = f"route {route.team}/{route.name}" + (f" (during {route.during})" if route.during else "")
    query = _route_query(spec, route, wait)
    body = alertmanager_body(spec, route, run_id)
    if not route.oncall:
        return Scenario(name, query, body, Expected(page=False))
    alias = spec.route_plan_alias(route)
    configured = float(route.wait_minutes if route.wait_minutes is not None else spec.oncall.wait_minutes)
    expected = Expected(
        page=True,
        wait_minutes=configured if configured == 0 else _wait(configured, wait),
        plan=DEFAULT_PLAN if alias == spec.oncall.default_response_plan else alias,
        plan_name=spec.response_plans[alias].name,
    )
    return Scenario(name, query, body, expected)


def _route_query(spec: TeamSpec, route: Route | None, wait: float | None) -> tuple[tuple[str, str], ...]:
    """The query string of the route's generated webhook URL, with the drill's wait applied."""
    query = tuple(parse_qsl(urlsplit(webhook_url(spec, route)).query, keep_blank_values=True))
    if route is None or not route.oncall or wait is None:
        return query
    kept = tuple(item for item in query if item[0] != WAIT_MINUTES)
    configured = dict(query).get(WAIT_MINUTES)
    if configured is not None and float(configured) == 0:
        return query
    return (*kept, (WAIT_MINUTES, f"{wait:g}"))


def alertmanager_body(spec: TeamSpec, route: Route | None, run_id: str) -> dict[str, Any]:
    """A firing Alertmanager v4 group as the route's receiver would get it; the group key is new each run."""
    labels = {"alertname": "VersusDrill", "drill": run_id}
    receiver = DEFAULT_RECEIVER
    if route is not None:
        receiver = route.receiver_name
        team = next(team for team in spec.teams if team.name == route.team)
        labels[spec.alertmanager.team_label] = team.label_value
        labels[spec.alertmanager.severity_label] = route.severity
        for text in route.matchers:
            matcher = parse_matcher(text)
            if matcher.op == "=":
                labels[matcher.name] = matcher.value
    group_labels = {"alertname": labels["alertname"], "drill": run_id}
    return {
        "version": "4",
        "receiver": receiver,
        "status": "firing",
        "groupKey": f'{{}}:{{drill="{run_id}",receiver="{receiver}"}}',
        "groupLabels": group_labels,
        "commonLabels": labels,
        "commonAnnotations": {"summary": f"versus-gen drill {run_id}"},
        "externalURL": "",
        "truncatedAlerts": 0,
        "alerts": [
            {
                "status": "firing",
                "labels": labels,
                "annotations": {"summary": f"versus-gen drill {run_id}"},
                "startsAt": "2026-01-01T00:00:00Z",
                "endsAt": "0001-01-01T00:00:00Z",
                "generatorURL": "",
                "fingerprint": uuid.uuid5(uuid.NAMESPACE_URL, f"{run_id}/{receiver}").hex[:16],
            }
        ],
    }


def _plan_override(spec: TeamSpec | None, alias: str, waited: float | None) -> Expected:
    if spec is None:
        return Expected(page=True, wait_minutes=waited, plan=alias, plan_or_default=True)
    known = alias != spec.oncall.default_response_plan and alias in used_plan_aliases(spec)
    if known:
        return Expected(page=True, wait_minutes=waited, plan=alias, plan_name=spec.response_plans[alias].name)
    warning = f"{RESPONSE_PLAN}={alias!r}"
    return Expected(page=True, wait_minutes=waited, plan=DEFAULT_PLAN, plan_name=_default_name(spec), warning=warning)


def _default_name(spec: TeamSpec | None) -> str | None:
    return spec.response_plans[spec.oncall.default_response_plan].name if spec else None


def _wait(configured: float | None, override: float | None) -> float | None:
    if override is not None:
        return override
    return configured


def _with_wait(query: tuple[tuple[str, str], ...], wait: float | None) -> tuple[tuple[str, str], ...]:
    return query if wait is None else (*query, (WAIT_MINUTES, f"{wait:g}"))


def _seed_body(logs: str, service: str) -> dict[str, Any]:
    return {"Logs": logs, "ServiceName": service, "Severity": "critical"}
