"""`--merge-into`: put versus-gen's routes, receivers and time intervals into a user's Alertmanager config
and leave everything else (other routes, receivers, inhibit rules, globals) as it was.

Ownership: a top-level route carrying the marker matcher is versus-gen's, and so are the receivers such
routes name; time intervals are owned by name (the spec's names). Owned routes are replaced where the
first of them stood (new ones go first: they are narrower than a user's catch-alls); owned receivers go
after the user's, sorted, and one the spec no longer makes stays only while a user route still names it.
Merging the same spec twice changes nothing. YAML comments do not survive.
"""

from __future__ import annotations

from typing import Any

from versus.gen.alertmanager import OWNED_MARKER, is_owned_route, receivers, team_routes, time_intervals
from versus.gen.spec_model import RECEIVER_PREFIX, TeamSpec


class MergeError(ValueError):
    """The existing config cannot take the generated parts without overwriting something the user owns."""


def merge_into(existing: dict[str, Any], spec: TeamSpec) -> dict[str, Any]:
    """A new config: `existing` with versus-gen's parts inserted or updated."""
    merged = dict(existing)
    root = merged.get("route")
    if not isinstance(root, dict):
        raise MergeError("the existing config has no `route`; write a full config with `versus-gen alertmanager`")
    root = dict(root)
    user_routes = list(root.get("routes") or [])
    owned_indexes = [index for index, route in enumerate(user_routes) if is_owned_route(route)]
    owned_receivers = {
        user_routes[index].get("receiver")
        for index in owned_indexes
        if str(user_routes[index].get("receiver", "")).startswith(RECEIVER_PREFIX)
    }
    position = owned_indexes[0] if owned_indexes else 0
    owned_set = set(owned_indexes)
    kept_routes = [route for index, route in enumerate(user_routes) if index not in owned_set]
    root["routes"] = kept_routes[:position] + team_routes(spec) + kept_routes[position:]
    merged["route"] = root

    generated = receivers(spec, include_default=False)
    generated_names = {receiver["name"] for receiver in generated}
    still_used = _receivers_used({**root, "routes": kept_routes})
    dropped = (owned_receivers - still_used) | (owned_receivers & generated_names)
    kept_receivers = [r for r in merged.get("receivers") or [] if r.get("name") not in dropped]
    clashes = sorted(generated_names & {r.get("name") for r in kept_receivers})
    if clashes:
        raise MergeError(
            f"receivers {', '.join(clashes)} exist but are not versus-gen's (no route with the marker "
            f"{OWNED_MARKER} uses them); rename them or the spec's routes"
        )
    merged["receivers"] = kept_receivers + generated

    if spec.alertmanager.time_intervals:
        merged["time_intervals"] = _merge_named(merged.get("time_intervals") or [], time_intervals(spec))
    return merged


def _receivers_used(route: dict[str, Any]) -> set[str]:
    """Receivers a route tree names; one of versus-gen's that a user route still names is kept."""
    used = {route["receiver"]} if isinstance(route.get("receiver"), str) else set()
    for child in route.get("routes") or []:
        if isinstance(child, dict):
            used |= _receivers_used(child)
    return used


def _merge_named(current: list[dict[str, Any]], generated: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Replace same-named entries in place; append the new ones."""
    by_name = {entry["name"]: entry for entry in generated}
    merged = [by_name.pop(entry.get("name"), entry) for entry in current]
    return merged + list(by_name.values())
