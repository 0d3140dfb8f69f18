"""Small HTML pages (the acknowledgement confirmation and its results), autoescaped.

Times are `<time>` elements holding the UTC ISO string (also the hover title) and showing UTC; a small
inline script rewrites each to relative and local time ("in 1 min 56 s (30/11/2026, 01:40:51)").
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from versus.server.routes.presenter import iso

_ENV = Environment(loader=PackageLoader("versus.server", "pages"), autoescape=select_autoescape(["html"]))


@dataclass(frozen=True)
class Moment:
    """A time shown to a person: `iso` for machines and the hover title, `utc` for reading without script."""

    iso: str

    @property
    def utc(self) -> str:
        return datetime.fromisoformat(self.iso.replace("Z", "+00:00")).strftime("%Y-%m-%d %H:%M:%S UTC")


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


def _facts(incident: dict[str, Any]) -> list[tuple[str, str | Moment]]:
    summary = incident.get("summary", {})
    facts = [
        ("Alert", summary.get("alertname", "")),
        ("Service", summary.get("service", "")),
        ("Severity", summary.get("severity", "")),
        ("Status", incident.get("status", "")),
        ("Received", Moment(iso(incident["created_at"]))),
        ("Escalation", incident.get("escalation", "")),
    ]
    if "due_at" in incident and incident.get("escalation") == "pending":
        facts.append(("Escalates", Moment(iso(incident["due_at"]))))
    if summary.get("summary"):
        facts.append(("Summary", summary["summary"]))
    return [(label, value) for label, value in facts if value]
