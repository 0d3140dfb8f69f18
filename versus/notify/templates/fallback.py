"""The built-in plain message sent when a template fails at render time, so an alert is never lost.

It reads only a few well-known keys, checks every type, and cannot raise: it is the last resort.
Every value it takes from the payload is escaped for Slack mrkdwn, like template output.
"""

from collections.abc import Mapping
from typing import Any

from versus.notify.templates.mrkdwn import escape


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _first_alert(data: Mapping[str, Any]) -> Mapping[str, Any]:
    alerts = data.get("alerts")
    return _mapping(alerts[0]) if isinstance(alerts, list) and alerts else {}


def _pick(*candidates: object) -> str:
    for candidate in candidates:
        if isinstance(candidate, str | int | float) and not isinstance(candidate, bool) and str(candidate):
            return escape(str(candidate))
    return ""


def fallback_message(data: Mapping[str, Any]) -> str:
    """`[FIRING] HighCPU (critical)`, then summary or description (or Logs), then the ack link."""
    try:
        alert = _first_alert(data)
        labels = {**_mapping(alert.get("labels")), **_mapping(data.get("commonLabels"))}
        annotations = {**_mapping(alert.get("annotations")), **_mapping(data.get("commonAnnotations"))}
        status = _pick(data.get("status"), alert.get("status"), "alert").upper()
        name = _pick(labels.get("alertname"), data.get("ServiceName"), "unnamed alert")
        severity = _pick(labels.get("severity"), data.get("Severity"))
        summary = _pick(annotations.get("summary"), annotations.get("description"), data.get("Logs"))
        ack_url = _pick(data.get("AckURL"))
        lines = [f"[{status}] {name}" + (f" ({severity})" if severity else "")]
        if summary:
            lines.append(summary)
        if ack_url:
            lines.append(f"Acknowledge: {ack_url}")
        return "\n".join(lines)
    except Exception:
        return "[ALERT] an alert arrived but its message could not be built; see the Versus logs"
