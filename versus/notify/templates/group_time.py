"""The group's start time at the root of an Alertmanager payload, for templates that ask for `.startsAt`.

Alertmanager puts `startsAt` on each alert only; the seed guide's template (like many written for the
Go Versus Incident) prints `{{ .startsAt | date … }}` at the root. Versus gives such payloads the
earliest `startsAt` of the group there, unchanged (same text, same offset), when the root has none.
"""

from collections.abc import Mapping
from typing import Any

from versus.notify.templates.golayout import to_time


def with_group_starts_at(data: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of `data` with the earliest alert `startsAt` at the root, if it is an Alertmanager-shaped
    payload (an `alerts` list) without a root `startsAt`."""
    out = dict(data)
    alerts = data.get("alerts")
    if "startsAt" in data or not isinstance(alerts, list):
        return out
    times = []
    for alert in alerts:
        text = alert.get("startsAt") if isinstance(alert, Mapping) else None
        time = to_time(text) if isinstance(text, str) else None
        if time is not None:
            times.append((time.moment, time.nanosecond, text))
    if times:
        out["startsAt"] = min(times)[2]
    return out
