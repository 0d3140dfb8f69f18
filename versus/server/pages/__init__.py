"""Small HTML pages (the acknowledgement confirmation and its results), autoescaped."""

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from versus.server.routes.presenter import iso

_ENV = Environment(loader=PackageLoader("versus.server", "pages"), autoescape=select_autoescape(["html"]))


def ack_page(
    *, heading: str, message: str, tone: str, incident: dict[str, Any] | None = None, form_action: str | None = None
) -> str:
    return _ENV.get_template("ack.html").render(
        heading=heading,
        message=message,
        tone=tone,
        incident=incident,
        facts=_facts(incident) if incident else [],
        form_action=form_action,
    )


def _facts(incident: dict[str, Any]) -> list[tuple[str, str]]:
    summary = incident.get("summary", {})
    facts = [
        ("Alert", summary.get("alertname", "")),
        ("Service", summary.get("service", "")),
        ("Severity", summary.get("severity", "")),
        ("Status", incident.get("status", "")),
        ("Received", iso(incident["created_at"])),
        ("Escalation", incident.get("escalation", "")),
    ]
    if "due_at" in incident and incident.get("escalation") == "pending":
        facts.append(("Escalates at", iso(incident["due_at"])))
    if summary.get("summary"):
        facts.append(("Summary", summary["summary"]))
    return [(label, value) for label, value in facts if value]
