"""Everything the incident page shows, gathered from the incident hash and the event stream."""

from dataclasses import dataclass
from typing import Any, cast

import redis.asyncio as aioredis

from versus.analytics.events import Event, parse_event
from versus.console.index import StreamEntries
from versus.notify.message import template_data
from versus.notify.templates import MessageTemplate
from versus.store.keys import Keys

TIMELINE_SCAN = 5_000
"""Stream entries read from the incident's creation on; a bound on the work one page view costs."""
_CHUNK = 500
LINK_ANNOTATIONS = ("runbook_url", "runbook", "dashboard_url", "dashboard", "grafana_url")


@dataclass(frozen=True)
class Step:
    name: str
    at_ms: int
    actor: str
    detail: str


@dataclass(frozen=True)
class Timeline:
    steps: list[Step]
    complete: bool  # False when the scan bound stopped the search before the stream's end


async def timeline(client: "aioredis.Redis", keys: Keys, incident_id: str, created_at_ms: int) -> Timeline:
    """The incident's events in order, read from its creation on, at most TIMELINE_SCAN entries."""
    steps: list[Step] = []
    start = f"{created_at_ms}-0"
    read = 0
    while read < TIMELINE_SCAN:
        entries = cast(StreamEntries, await client.xrange(keys.events, min=start, max="+", count=_CHUNK))
        for entry_id, fields in entries:
            event = parse_event(fields)
            if event is not None and event.incident == incident_id:
                steps.append(_step(event))
            start = f"({entry_id}"
        read += len(entries)
        if len(entries) < _CHUNK:
            return Timeline(steps, complete=True)
    return Timeline(steps, complete=False)


def _step(event: Event) -> Step:
    detail = ""
    if event.name in ("notified", "notify_failed"):
        detail = f"{event.channel}: {event.fields.get('kind', '')}"
        if event.fields.get("error"):
            detail += f" ({event.fields['error']})"
    elif event.name == "acknowledged" and event.late:
        detail = "late: the escalation had already started"
    elif event.drill:
        detail = "drill"
    return Step(name=event.name.replace("_", " "), at_ms=event.at_ms, actor=event.fields.get("by", ""), detail=detail)


def alerts_of(incident: dict[str, Any]) -> list[dict[str, dict[str, str]]]:
    """Labels and annotations of each alert of an Alertmanager payload; the whole object otherwise."""
    payload = incident.get("payload")
    if not isinstance(payload, dict):
        return []
    alerts = payload.get("alerts")
    if isinstance(alerts, list):
        return [
            {"labels": _strings(alert.get("labels")), "annotations": _strings(alert.get("annotations")),
             "links": _links(alert)}
            for alert in alerts[:50]
            if isinstance(alert, dict)
        ]  # fmt: skip
    return [{"labels": _strings(payload), "annotations": {}, "links": {}}]


def _strings(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _links(alert: dict[str, Any]) -> dict[str, str]:
    """Generator, runbook and dashboard links, only http(s) ones: a `javascript:` URL is not a link."""
    found = {"generator": alert.get("generatorURL")}
    annotations = _strings(alert.get("annotations"))
    for name in LINK_ANNOTATIONS:
        if name in annotations:
            found[name.removesuffix("_url")] = annotations[name]
    return {k: str(v) for k, v in found.items() if isinstance(v, str) and v.startswith(("https://", "http://"))}


def rendered_message(template: MessageTemplate, incident: dict[str, Any]) -> str:
    """The Slack message text as the channel got it, without the ack link (a capability, not for display)."""
    return template.render(template_data(incident, None))
