"""The on-call decision: a pure function of the receiver's config and the webhook URL's query string.

The rules are the seed guide's:
- `oncall.initialized_only: true`: on-call is ready but off unless the alert asks (`?oncall_enable=true`).
  It wins over `enable`, because opting in is the safer reading when both are set.
- `oncall.enable: true`: on for every alert unless it opts out (`?oncall_enable=false`).
- neither: off; an alert that asks for on-call gets a warning saying why it will not page.
- a resolved notification never pages.
A bad value never drops the alert: the default applies and a warning says what was wrong and where.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from versus.config.model import OncallConfig

ONCALL_ENABLE = "oncall_enable"
WAIT_MINUTES = "oncall_wait_minutes"
RESPONSE_PLAN = "awsim_other_response_plan"
ROUTING_KEY = "pagerduty_other_routing_key"
ALERT_SOURCE = "incidentio_other_alert_source"


@dataclass(frozen=True)
class AliasParameter:
    """The query parameter that picks one of a back end's configured targets by alias."""

    name: str
    config_path: str
    target: str


ALIAS_PARAMETERS = {
    "aws_incident_manager": AliasParameter(
        RESPONSE_PLAN, "oncall.aws_incident_manager.other_response_plan_arns", "response plan"
    ),
    "pagerduty": AliasParameter(ROUTING_KEY, "oncall.pagerduty.other_routing_keys", "routing key"),
    "incident_io": AliasParameter(ALERT_SOURCE, "oncall.incident_io.other_alert_source_config_ids", "alert source"),
}
KNOWN_PARAMETERS = frozenset(
    {ONCALL_ENABLE, WAIT_MINUTES, RESPONSE_PLAN, ROUTING_KEY, ALERT_SOURCE}
    | {"slack_channel_id", "dedup_key", "drill", "drill_page"}
)

MAX_WAIT_MINUTES = 10_080
"""A week: longer waits outlive ack links and make no page; a huge one would overflow the due time."""

_TRUE = frozenset({"true", "1", "yes", "on"})
_FALSE = frozenset({"false", "0", "no", "off"})
_DEFAULT_PLAN = "default"


@dataclass(frozen=True)
class Decision:
    enabled: bool
    wait_minutes: float
    response_plan: str
    response_plan_arn: str | None
    provider: str
    """The back end this alert pages through: `oncall.provider`, or another configured one its alias
    parameter names (so teams can move from one back end to another one by one)."""
    warnings: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "enabled": self.enabled,
            "wait_minutes": self.wait_minutes,
            "response_plan": self.response_plan,
            "response_plan_arn": self.response_plan_arn,
            "provider": self.provider,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], warnings: tuple[str, ...] = ()) -> "Decision":
        return cls(
            enabled=bool(data["enabled"]),
            wait_minutes=float(data["wait_minutes"]),
            response_plan=str(data["response_plan"]),
            response_plan_arn=data.get("response_plan_arn"),
            provider=str(data["provider"]),
            warnings=warnings,
        )


def decide(oncall: OncallConfig, query: Mapping[str, str], *, resolved: bool = False) -> Decision:
    """Decide whether this alert may page, after how long, and with which response plan."""
    warnings: list[str] = []
    asked = _parse_bool(query, ONCALL_ENABLE, warnings)
    wait = _parse_wait(query, oncall.wait_minutes, warnings)
    backend = _choose_backend(oncall, query, warnings)
    plan, plan_arn = _choose_plan(oncall, backend, query, warnings)
    _warn_unknown(query, warnings)

    if oncall.initialized_only:
        enabled = asked is True
    elif oncall.enable:
        enabled = asked is not False
    else:
        enabled = False
        if asked is True:
            warnings.append(
                f"{ONCALL_ENABLE}=true ignored: on-call is off in this receiver's config"
                " (set oncall.initialized_only or oncall.enable to true)"
            )
    return Decision(
        enabled=enabled and not resolved,
        wait_minutes=wait,
        response_plan=plan,
        response_plan_arn=plan_arn,
        provider=backend,
        warnings=tuple(warnings),
    )


def _parse_bool(query: Mapping[str, str], name: str, warnings: list[str]) -> bool | None:
    raw = query.get(name)
    if raw is None:
        return None
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    warnings.append(f"{name}={raw!r} is not a boolean (true/false/1/0/yes/no); using the configured default")
    return None


def _parse_wait(query: Mapping[str, str], default: float, warnings: list[str]) -> float:
    raw = query.get(WAIT_MINUTES)
    if raw is None:
        return float(default)
    try:
        value = float(raw.strip())
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        warnings.append(
            f"{WAIT_MINUTES}={raw!r} is not a non-negative number of minutes;"
            f" using the configured wait of {_minutes(default)}"
        )
        return float(default)
    if value > MAX_WAIT_MINUTES:
        warnings.append(
            f"{WAIT_MINUTES}={raw!r} is more than {MAX_WAIT_MINUTES} minutes (7 days);"
            f" using the configured wait of {_minutes(default)}"
        )
        return float(default)
    return value


def _choose_backend(oncall: OncallConfig, query: Mapping[str, str], warnings: list[str]) -> str:
    """`oncall.provider`, unless the alias parameter of another back end configured here is given.

    A parameter of a back end this receiver has no config for is ignored with a warning, as the Go
    Versus Incident ignores it; the default back end pages.
    """
    named = [
        backend
        for backend, other in ALIAS_PARAMETERS.items()
        if backend != oncall.provider and (query.get(other.name) or "").strip()
    ]
    chosen = oncall.provider
    for backend in named:
        parameter = ALIAS_PARAMETERS[backend].name
        if backend not in oncall.backends:
            warnings.append(f"{parameter} ignored: {backend} is not configured in this receiver")
        elif chosen != oncall.provider:
            warnings.append(f"{parameter} ignored: this alert already pages through {chosen}")
        else:
            chosen = backend
    return chosen


def _choose_plan(
    oncall: OncallConfig, backend: str, query: Mapping[str, str], warnings: list[str]
) -> tuple[str, str | None]:
    """The alias of the target to page and, for AWS, its response plan ARN.

    PagerDuty routing keys and incident.io sources stay in the config (a routing key is a secret): the
    decision, which is stored, names only the alias, and the provider looks the target up when it calls.
    """
    parameter = ALIAS_PARAMETERS[backend]
    aliases = _aliases(oncall, backend)
    default = oncall.aws_incident_manager.response_plan_arn if backend == "aws_incident_manager" else None
    alias = (query.get(parameter.name) or "").strip()
    if not alias:
        return _DEFAULT_PLAN, default
    if alias in aliases:
        return alias, aliases[alias] if backend == "aws_incident_manager" else None
    known = ", ".join(sorted(aliases)) or "none configured"
    warnings.append(
        f"{parameter.name}={alias!r} is not in {parameter.config_path}"
        f" (known: {known}); using the default {parameter.target}"
    )
    return _DEFAULT_PLAN, default


def _aliases(oncall: OncallConfig, backend: str) -> Mapping[str, str]:
    if backend == "pagerduty":
        return oncall.pagerduty.other_routing_keys
    if backend == "incident_io":
        return oncall.incident_io.other_alert_source_config_ids
    return oncall.aws_incident_manager.other_response_plan_arns


def _warn_unknown(query: Mapping[str, str], warnings: list[str]) -> None:
    for name in sorted(query):
        if name not in KNOWN_PARAMETERS and name.startswith(("oncall", "awsim", "pagerduty", "incidentio")):
            warnings.append(f"unknown query parameter {name!r} ignored (known: {_suggest(name)})")


def _suggest(name: str) -> str:
    prefix = name.split("_", 1)[0]
    return ", ".join(sorted(p for p in KNOWN_PARAMETERS if p.startswith(prefix)))


def _minutes(value: float) -> str:
    return f"{value:g} minute" + ("" if value == 1 else "s")
