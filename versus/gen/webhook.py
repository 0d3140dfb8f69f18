"""The webhook URL of each route: the receiver's path plus exactly the query string its on-call decision
needs, and nothing the receiver's config already implies (so a config change is not silently overridden).
Parameter names come from the receiver's decision module, so the two cannot drift apart.
"""

from __future__ import annotations

from urllib.parse import urlencode

from versus.gen.spec_model import Route, TeamSpec
from versus.oncall.decision import ALIAS_PARAMETERS, ONCALL_ENABLE, WAIT_MINUTES

INCIDENTS_PATH = "/api/incidents"


def webhook_query(spec: TeamSpec, route: Route | None) -> list[tuple[str, str]]:
    """Query parameters for `route`, or for the notify-only default receiver when `route` is None."""
    if route is None or not route.oncall:
        return [(ONCALL_ENABLE, "false")] if spec.oncall.enable else []
    query = [] if spec.oncall.enable else [(ONCALL_ENABLE, "true")]
    if route.wait_minutes is not None and route.wait_minutes != spec.oncall.wait_minutes:
        query.append((WAIT_MINUTES, str(route.wait_minutes)))
    alias = spec.route_plan_alias(route)
    backend = spec.route_backend(route)
    if alias != spec.oncall.default_response_plan or backend != spec.oncall.backend:
        # Another back end than the receiver's default is picked by naming one of its aliases.
        query.append((ALIAS_PARAMETERS[backend].name, alias))
    return query


def webhook_url(spec: TeamSpec, route: Route | None) -> str:
    query = webhook_query(spec, route)
    return f"{spec.receiver.url}{INCIDENTS_PATH}" + (f"?{urlencode(query)}" if query else "")
