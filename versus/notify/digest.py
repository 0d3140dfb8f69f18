"""A channel's digest: one message summarising the alerts that wait behind a backlog, kept up to date.

Built from alert data, so every value is escaped for Slack mrkdwn (`&`, `<`, `>`): an alert cannot
mention a channel or forge a link through its digest line. The message says how many wait, by alertname
and severity, shows the newest few, and how the rest will be seen (each gets its own message here as the
backlog drains, unless it gives up first).
"""

from collections import Counter
from dataclasses import dataclass

from versus.notify.priority import Group
from versus.notify.templates.mrkdwn import escape

MAX_COUNT_LINES = 10
LINE_LIMIT = 200


@dataclass(frozen=True)
class Digest:
    incident_ids: list[str]
    text: str


def digest(groups: list[Group], *, newest: int) -> Digest:
    """The digest of the groups summarised now (an empty list gives the "caught up" text)."""
    if not groups:
        return Digest([], "✅ Storm digest: the backlog has drained; every alert summarised here has its own message.")
    counts = Counter((g.first.alertname or "(no alertname)", g.first.severity or "(no severity)") for g in groups)
    lines = [f"⏳ Storm digest: {len(groups)} alert(s) are waiting behind a backlog in this channel."]
    lines.append("By alertname and severity:")
    for (alertname, severity), count in counts.most_common(MAX_COUNT_LINES):
        lines.append(f"• {escape(_cut(alertname))} ({escape(_cut(severity))}): {count}")
    if len(counts) > MAX_COUNT_LINES:
        lines.append(f"• … and {len(counts) - MAX_COUNT_LINES} other kind(s)")
    latest = sorted(groups, key=lambda g: g.queued_at_ms, reverse=True)[:newest]
    if latest:
        lines.append("Newest:")
        for group in latest:
            entry = group.first
            what = entry.summary or entry.alertname or entry.incident_id
            lines.append(f"• {escape(_cut(what))} ({escape(_cut(entry.severity or '?'))})")
    lines.append(
        "Each one gets its own message in this channel as the backlog drains; on-call alerts are posted first."
    )
    return Digest([g.incident_id for g in groups], "\n".join(lines))


def _cut(value: str) -> str:
    return value if len(value) <= LINE_LIMIT else value[: LINE_LIMIT - 1] + "…"
