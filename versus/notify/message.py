"""What a Slack message for an incident says, as Block Kit: pure functions of the stored incident.

Every message (the first post and each later `chat.update`) is built from the incident's *current*
state, so whichever delivery writes last, the channel shows the truth: who acknowledged and when, the
paging back end's incident record, why paging failed, when it resolved. Thread replies announce each change once.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from versus.config.model import SlackConfig
from versus.notify.templates.group_time import with_group_starts_at
from versus.notify.templates.mrkdwn import escape
from versus.oncall.providers import backend_title

SECTION_LIMIT = 3000
"""Slack refuses a section (or context element) whose text is longer than this."""
TEXT_LIMIT = 40_000
"""Slack truncates the top-level `text` beyond this; cut it ourselves so the cut is visible."""
ACK_ACTION_ID = "versus_ack"
"""The interactive button: `POST /slack/interactions` acknowledges the incident named in its value."""
ACK_LINK_ACTION_ID = "versus_ack_link"
"""The link button: opens the signed ack page; Slack's interaction for it (if any) is ignored."""
METADATA_EVENT_TYPE = "versus_incident"
DRILL_MARK = "[DRILL]"
ELLIPSIS = "…"


@dataclass(frozen=True)
class Button:
    """The Acknowledge button: a link to the signed ack page, or an interactive button."""

    text: str
    style: str
    url: str | None
    interactive: bool

    def block(self, incident_id: str) -> dict[str, Any]:
        element: dict[str, Any] = {"type": "button", "text": {"type": "plain_text", "text": self.text, "emoji": True}}
        if self.interactive:
            element.update(action_id=ACK_ACTION_ID, value=incident_id)
        else:
            element.update(action_id=ACK_LINK_ACTION_ID, url=self.url)
        if self.style in ("primary", "danger"):
            element["style"] = self.style
        return {"type": "actions", "block_id": "versus_actions", "elements": [element]}


def awaiting_ack(incident: dict[str, Any]) -> bool:
    """An ack can still stop the page: on-call is on with a wait, the escalation has not happened yet,
    nobody has acknowledged, the alert still fires.

    With a wait of 0 the page goes out at once, so there is nothing to acknowledge in time; once the
    escalation has run, the message says so instead of promising one.
    """
    decision = incident.get("decision") or {}
    return (
        bool(decision.get("enabled"))
        and float(decision.get("wait_minutes", 0)) > 0
        and incident.get("escalation") in ("pending", "escalating")
        and "acknowledged_at" not in incident
        and incident.get("status") != "resolved"
    )


def button_for(incident: dict[str, Any], config: SlackConfig, ack_url: str | None) -> Button | None:
    if config.disable_button or not ack_url or not awaiting_ack(incident):
        return None
    return Button(config.button_text, config.button_style, ack_url, interactive=bool(config.signing_secret))


def template_data(incident: dict[str, Any], ack_url: str | None) -> dict[str, Any]:
    """The stored payload at the root (as Alertmanager sent it, with the group's earliest `startsAt`
    when the root has none), plus what Versus adds."""
    payload = incident.get("payload")
    data: dict[str, Any] = with_group_starts_at(payload) if isinstance(payload, dict) else {"payload": payload}
    data["AckURL"] = ack_url if awaiting_ack(incident) else None
    data["OnCall"] = dict(incident.get("decision") or {})
    data["Warnings"] = list(incident.get("warnings") or [])
    return data


def main_message(incident: dict[str, Any], rendered: str, button: Button | None) -> dict[str, Any]:
    """`text` and `blocks` for chat.postMessage / chat.update."""
    body = rendered.strip() or "(empty message)"
    if incident.get("drill"):
        body = f"*{DRILL_MARK}* {body}"
    blocks: list[dict[str, Any]] = [
        {"type": "section", "block_id": "versus_text", "text": {"type": "mrkdwn", "text": cut(body, SECTION_LIMIT)}}
    ]
    status = status_lines(incident)
    if status:
        blocks.append(_context("versus_status", status))
    warnings = [f"⚠️ {escape(str(w))}" for w in incident.get("warnings") or []]
    if warnings:
        blocks.append(_context("versus_warnings", warnings))
    if button is not None:
        blocks.append(button.block(str(incident["id"])))
    fallback = "\n".join([body, *status, *warnings])
    return {"text": cut(fallback, TEXT_LIMIT), "blocks": blocks}


def status_lines(incident: dict[str, Any]) -> list[str]:
    """The incident's state, one line per fact, in the order things happen."""
    lines = []
    if "acknowledged_at" in incident:
        lines.append(ack_line(incident))
    if incident.get("escalation") == "escalated":
        lines.append(escalated_line(incident))
    elif incident.get("escalation") == "failed":
        lines.append(escalation_failed_line(incident))
    if incident.get("status") == "resolved" and "resolved_at" in incident:
        lines.append(resolved_line(incident))
    return lines


def resolved_line(incident: dict[str, Any]) -> str:
    """Resolved, and by whom when a person resolved it (the console); Alertmanager's resolve names nobody."""
    who = f" by {escape(str(incident['resolved_by']))}" if incident.get("resolved_by") else ""
    return f"✔️ Resolved{who} {slack_date(incident['resolved_at'])}"


def ack_line(incident: dict[str, Any]) -> str:
    who = escape(str(incident.get("acknowledged_by") or "someone"))
    line = f"✅ Acknowledged by {who} {slack_date(incident['acknowledged_at'])}"
    if incident.get("acknowledged_late"):
        line += " (late: the escalation had already started, on-call was paged)"
    return line


def escalated_line(incident: dict[str, Any]) -> str:
    if "drill_result" in incident:
        return f"📟 [DRILL] Not paged: {escape(str(incident['drill_result']))}"
    return f"📟 Escalated to {backend_title(incident)}: `{escape(str(incident.get('incident_arn', '')))}`"


def escalation_failed_line(incident: dict[str, Any]) -> str:
    error = escape(str(incident.get("escalation_error", "")))
    return f"❗ Escalation to {backend_title(incident)} failed: {error}"


def reply_text(kind: str, incident: dict[str, Any]) -> str | None:
    """The thread reply announcing one change, or None for kinds that only refresh the message."""
    if kind == "acknowledged" and "acknowledged_at" in incident:
        return ack_line(incident)
    if kind == "escalated":
        return escalated_line(incident)
    if kind == "escalation_failed":
        return escalation_failed_line(incident)
    if kind == "resolved" and "resolved_at" in incident:
        return resolved_line(incident)
    return None


def metadata(incident_id: str, delivery_id: str) -> dict[str, Any]:
    """Attached to every post so a restarted worker can find a message it may already have sent."""
    return {
        "event_type": METADATA_EVENT_TYPE,
        "event_payload": {"incident_id": incident_id, "delivery_id": delivery_id},
    }


def delivery_of(message: dict[str, Any]) -> str | None:
    """The delivery id a message carries in its metadata, if it is one of ours."""
    meta = message.get("metadata")
    if not isinstance(meta, dict) or meta.get("event_type") != METADATA_EVENT_TYPE:
        return None
    payload = meta.get("event_payload")
    delivery_id = payload.get("delivery_id") if isinstance(payload, dict) else None
    return delivery_id if isinstance(delivery_id, str) else None


def slack_date(ms: int) -> str:
    """Shown in each reader's own time zone by Slack, with a UTC fallback for clients that cannot."""
    seconds = int(ms // 1000)
    fallback = datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return f"<!date^{seconds}^{{date_short_pretty}} at {{time_secs}}|{fallback}>"


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - len(ELLIPSIS)] + ELLIPSIS


def _context(block_id: str, lines: list[str]) -> dict[str, Any]:
    return {
        "type": "context",
        "block_id": block_id,
        "elements": [{"type": "mrkdwn", "text": cut("\n".join(lines), SECTION_LIMIT)}],
    }
