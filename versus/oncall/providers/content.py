"""What every back end shows a responder, read from the stored incident: a headline, labels, annotations
and links (Alertmanager, each alert's source, runbooks, dashboards, the Versus incident).

Alert data is untrusted: values are only copied into JSON fields, and only absolute http(s) URLs are kept,
each once, in the order found.
"""

from typing import Any

_ANNOTATION_LINKS = (("runbook", "Runbook"), ("runbook_url", "Runbook"), ("dashboard", "Dashboard"))
ELLIPSIS = "…"


def headline(incident: dict[str, Any]) -> str:
    """`[SEVERITY] alertname on service`, from the summary intake stored."""
    summary = incident.get("summary", {})
    severity = summary.get("severity", "alert").upper()
    name = summary.get("alertname") or summary.get("service") or "incident"
    service = summary.get("service")
    return f"[{severity}] {name}" + (f" on {service}" if service and service != name else "")


def cut(text: str, limit: int) -> str:
    """`text` in at most `limit` characters; a longer one ends at a word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[: limit - len(ELLIPSIS)]
    space = head.rfind(" ")
    if space >= limit // 2:
        head = head[:space]
    return head.rstrip() + ELLIPSIS


def labels(payload: dict[str, Any]) -> dict[str, str]:
    """An Alertmanager group's labels: the first alert's, then the group's and the common ones on top."""
    return _merged(payload, "labels", ("groupLabels", "commonLabels"))


def annotations(payload: dict[str, Any]) -> dict[str, str]:
    return _merged(payload, "annotations", ("commonAnnotations",))


def alert_links(payload: dict[str, Any]) -> list[tuple[str, str]]:
    """(title, url) pairs, deduplicated by URL."""
    found: list[tuple[str, str]] = []
    if isinstance(payload.get("externalURL"), str):
        found.append(("Alertmanager", payload["externalURL"]))
    notes: list[Any] = []
    for alert in _alerts(payload):
        if isinstance(alert.get("generatorURL"), str):
            found.append(("Alert source", alert["generatorURL"]))
        notes.append(alert.get("annotations"))
    for note in [*notes, payload.get("commonAnnotations")]:
        for key, title in _ANNOTATION_LINKS:
            if isinstance(note, dict) and isinstance(note.get(key), str):
                found.append((title, note[key]))
    links, seen = [], set()
    for title, url in found:
        if url.startswith(("https://", "http://")) and url not in seen:
            seen.add(url)
            links.append((title, url))
    return links


def incident_page(public_host: str | None, incident_id: str) -> str | None:
    return f"{public_host.rstrip('/')}/api/incidents/{incident_id}" if public_host else None


def _alerts(payload: dict[str, Any]) -> list[dict[str, Any]]:
    alerts = payload.get("alerts")
    return [alert for alert in alerts if isinstance(alert, dict)] if isinstance(alerts, list) else []


def _merged(payload: dict[str, Any], per_alert: str, group_keys: tuple[str, ...]) -> dict[str, str]:
    alerts = _alerts(payload)
    merged: dict[str, Any] = {}
    for source in [alerts[0].get(per_alert) if alerts else None, *(payload.get(key) for key in group_keys)]:
        if isinstance(source, dict):
            merged.update(source)
    return {str(key): str(value) for key, value in merged.items()}
