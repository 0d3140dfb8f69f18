"""The Alertmanager (>= 0.25) configuration a team spec implies: route tree, receivers, time intervals.

Routes use `matchers` only. Each generated team route carries the marker matcher `versus_gen!="off"`,
which matches every alert (unless labelled versus_gen="off") and lets `--merge-into` tell its own routes
from the user's.

Business hours: Alertmanager picks a route by labels alone and mutes it outside its
`active_time_intervals`, so an inactive route still swallows the alert. A `during` route therefore gets
`continue: true`, and the spec's next route (same severity and matchers, required by the spec rules)
gets the same intervals as `mute_time_intervals`: exactly one of the two notifies at any time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from versus.gen.matchers import Matcher, equals, parse_matcher
from versus.gen.spec_model import DEFAULT_RECEIVER, Route, Team, TeamSpec
from versus.gen.webhook import webhook_url

OWNED_MARKER = Matcher("versus_gen", "!=", "off")


def render_alertmanager(spec: TeamSpec) -> dict[str, Any]:
    """The whole configuration, with the notify-only default receiver at the root."""
    config: dict[str, Any] = {
        "route": {"receiver": DEFAULT_RECEIVER, **root_settings(spec), "routes": team_routes(spec)},
        "receivers": receivers(spec, include_default=True),
    }
    if spec.alertmanager.time_intervals:
        config["time_intervals"] = time_intervals(spec)
    return config


def root_settings(spec: TeamSpec) -> dict[str, Any]:
    am = spec.alertmanager
    settings: dict[str, Any] = {"group_by": list(am.group_by)}
    for key in ("group_wait", "group_interval", "repeat_interval"):
        value = getattr(am, key)
        if value is not None:
            settings[key] = value
    return settings


def team_routes(spec: TeamSpec) -> list[dict[str, Any]]:
    """One route per spec route, teams and routes in spec order (first match wins)."""
    return [_route(spec, team, route) for team in spec.teams for route in team.routes]


def _route(spec: TeamSpec, team: Team, route: Route) -> dict[str, Any]:
    matchers = [
        equals(spec.alertmanager.team_label, team.label_value),
        equals(spec.alertmanager.severity_label, route.severity),
        *(parse_matcher(text) for text in route.matchers),
        OWNED_MARKER,
    ]
    rendered: dict[str, Any] = {"receiver": route.receiver_name, "matchers": [str(m) for m in matchers]}
    if route.during is not None:
        rendered["active_time_intervals"] = [route.during]
        rendered["continue"] = True
    previous = team.routes[route.index - 1] if route.index > 0 else None
    if previous is not None and previous.during is not None:
        rendered["mute_time_intervals"] = [previous.during]
    return rendered


def is_owned_route(route: Any) -> bool:
    """A top-level route versus-gen wrote (it carries the marker matcher)."""
    return isinstance(route, dict) and str(OWNED_MARKER) in (route.get("matchers") or [])


def receivers(spec: TeamSpec, include_default: bool) -> list[dict[str, Any]]:
    """Receivers sorted by name: their order means nothing to Alertmanager."""
    named: dict[str, str] = {route.receiver_name: webhook_url(spec, route) for route in spec.routes}
    if include_default:
        named[DEFAULT_RECEIVER] = webhook_url(spec, None)
    return [{"name": name, "webhook_configs": [_webhook(spec, url)]} for name, url in sorted(named.items())]


def _webhook(spec: TeamSpec, url: str) -> dict[str, Any]:
    webhook: dict[str, Any] = {"url": url, "send_resolved": True}
    auth = spec.receiver.authorization
    basic = spec.receiver.basic_auth
    if auth is not None:
        webhook["http_config"] = {"authorization": {"type": auth.type, "credentials_file": auth.credentials_file}}
    elif basic is not None:
        webhook["http_config"] = {"basic_auth": {"username": basic.username, "password_file": basic.password_file}}
    return webhook


def time_intervals(spec: TeamSpec) -> list[dict[str, Any]]:
    return [
        {"name": name, "time_intervals": [_plain(entry) for entry in entries]}
        for name, entries in spec.alertmanager.time_intervals.items()
    ]


def _plain(value: Any) -> Any:
    """Plain dicts and lists (the YAML dumper knows no read-only views), keys in the spec's order."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
