"""The order in which queued deliveries go out, and which of them a channel's digest summarises: pure.

A storm gives each Slack channel more messages than Slack lets through (about one a second), so the order
decides who waits. Per destination (a Slack channel, or an outbox channel such as the provider):
1. incidents with a pending escalation, soonest due first: their Acknowledge button must arrive before
   the page goes out;
2. other critical incidents;
3. the rest.
Within a class, sources (the intake credential; "anonymous" when intake is open) take turns, each in
arrival order, so one noisy caller cannot starve the others. A turn counts what each source has recently
been served in the destination (kept in Redis by the workers); a source not served lately starts at the
least-served queued source's count, so one that just arrived shares equally instead of jumping ahead. All the
queued deliveries of one incident travel together and collapse: `updated` only rewrites the message from
the current state, so it is dropped when another delivery of the incident rewrites it anyway.

The digest: a delivery whose estimated send time (its position in the queue over the channel's rate)
would make it older than the configured bound when sent is surplus, and is shown in the channel's digest
message meanwhile; never one whose escalation is pending. It stays queued and is sent in turn.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

PENDING_ESCALATION = 0
CRITICAL = 1
OTHER = 2
CLASS_NAMES = {PENDING_ESCALATION: "oncall", CRITICAL: "critical", OTHER: "other"}
REFRESH_KIND = "updated"
"""The only kind that announces nothing of its own (no thread reply): it only refreshes the message."""
ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class Queued:
    """One due delivery with what the order needs of its incident."""

    delivery_id: str
    incident_id: str
    channel: str
    kind: str
    seq: int
    created_at_ms: int
    target: str
    """Where it goes: the Slack channel id, or the outbox channel's name for the others."""
    escalation_due_ms: int | None
    critical: bool
    source: str
    posted: bool
    """The incident's main message exists in `target` (later sends are updates and thread replies)."""
    digested: bool = False
    """The incident has been shown in its channel's digest."""
    alertname: str = ""
    severity: str = ""
    summary: str = ""

    @property
    def klass(self) -> int:
        if self.escalation_due_ms is not None:
            return PENDING_ESCALATION
        return CRITICAL if self.critical else OTHER


@dataclass
class Group:
    """The queued deliveries of one incident to one destination, sent together in order."""

    entries: list[Queued] = field(default_factory=list)

    @property
    def first(self) -> Queued:
        return self.entries[0]

    @property
    def incident_id(self) -> str:
        return self.first.incident_id

    @property
    def klass(self) -> int:
        return min(entry.klass for entry in self.entries)

    @property
    def queued_at_ms(self) -> int:
        return min(entry.created_at_ms for entry in self.entries)

    def split(self) -> tuple[list[Queued], list[Queued]]:
        """(to send, in order; to record as collapsed into those sends)."""
        send = [entry for entry in self.entries if entry.kind != REFRESH_KIND]
        collapsed = [entry for entry in self.entries if entry.kind == REFRESH_KIND]
        if not send:
            send, collapsed = collapsed[-1:], collapsed[:-1]
        return send, collapsed


def order(queued: Iterable[Queued], served: Mapping[str, Mapping[str, int]] | None = None) -> dict[str, list[Group]]:
    """Per destination, the incidents' groups in the order they should go out. `served`: per destination,
    how many sends each source was recently given there."""
    groups: dict[tuple[str, str], Group] = {}
    for entry in queued:
        groups.setdefault((entry.target, entry.incident_id), Group()).entries.append(entry)
    per_target: dict[str, list[Group]] = defaultdict(list)
    for (target, _), group in groups.items():
        group.entries.sort(key=lambda entry: entry.seq)
        per_target[target].append(group)
    served = served or {}
    return {target: _ordered(found, served.get(target, {})) for target, found in per_target.items()}


def _ordered(groups: list[Group], served: Mapping[str, int]) -> list[Group]:
    sources = {group.first.source for group in groups}
    known = [served[source] for source in sources if source in served]
    start = min(known, default=0)
    turns = {(group.klass, group.first.source): served.get(group.first.source, start) for group in groups}
    keyed = []
    for group in sorted(groups, key=lambda g: (g.queued_at_ms, g.incident_id)):
        klass = group.klass
        if klass == PENDING_ESCALATION:
            due = min(e.escalation_due_ms for e in group.entries if e.escalation_due_ms is not None)
            keyed.append(((klass, due, 0, group.queued_at_ms), group))
            continue
        turn = turns[(klass, group.first.source)]
        turns[(klass, group.first.source)] += 1
        keyed.append(((klass, turn, group.queued_at_ms, 0), group))
    keyed.sort(key=lambda item: item[0])
    return [group for _, group in keyed]


def surplus(groups: list[Group], *, now_ms: int, per_second: float, bound_seconds: float) -> list[Group]:
    """The groups of one Slack channel's queue to show in its digest while they wait: those not yet posted
    whose estimated send time (position / rate) would leave them older than the bound."""
    found = []
    for position, group in enumerate(groups):
        if group.klass == PENDING_ESCALATION or group.first.posted:
            continue
        age_when_sent = (now_ms - group.queued_at_ms) / 1000 + position / per_second
        if age_when_sent > bound_seconds:
            found.append(group)
    return found
