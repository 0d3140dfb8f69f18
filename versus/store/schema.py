"""The Redis schema in one place: hash fields and state values, shared by Python and every Lua script.

Each script gets these as generated Lua tables (`F`, `D`, `STATUS`, `ESCALATION`, `DELIVERY`; see
`versus.store.scripts`), so a field or state is spelt once, here. Key names live in `versus.store.keys`.
"""

from enum import StrEnum

FORMAT_VERSION = 2
"""Version of the data layout in Redis. 1: keys under the bare prefix (no hash tag, no version key).
2: keys under a hash-tagged prefix, all in one Redis Cluster slot; the version key says so."""


class Status(StrEnum):
    """Whether the alert behind an incident still fires."""

    FIRING = "firing"
    RESOLVED = "resolved"


class Escalation(StrEnum):
    """The escalation state machine: none -> pending -> escalating -> escalated | failed, and
    pending -> cancelled (acknowledged or resolved in time). escalating -> escalating is a re-claim."""

    NONE = "none"
    PENDING = "pending"
    ESCALATING = "escalating"
    ESCALATED = "escalated"
    CANCELLED = "cancelled"
    FAILED = "failed"


class DeliveryStatus(StrEnum):
    """A delivery has no status while queued; it ends sent or failed."""

    SENT = "sent"
    FAILED = "failed"


class IncidentField(StrEnum):
    ID = "id"
    SOURCE = "source"
    FORMAT = "format"
    IDENTITY = "identity"
    STATUS = "status"
    PAYLOAD = "payload"
    DECISION = "decision"
    WARNINGS = "warnings"
    SUMMARY = "summary"
    DRILL = "drill"
    DRILL_PAGE = "drill_page"
    SLACK_CHANNEL_ID = "slack_channel_id"
    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"
    RESOLVED_AT = "resolved_at"
    NOTIFICATIONS = "notifications"
    ESCALATION = "escalation"
    DUE_AT = "due_at"
    CLAIMED_AT = "claimed_at"
    CLAIMS = "claims"
    ATTEMPTS = "attempts"
    LAST_ERROR = "last_error"
    ESCALATED_AT = "escalated_at"
    INCIDENT_ARN = "incident_arn"
    DRILL_RESULT = "drill_result"
    FAILED_AT = "failed_at"
    ESCALATION_ERROR = "escalation_error"
    CANCELLED_REASON = "cancelled_reason"
    ACKNOWLEDGED_AT = "acknowledged_at"
    ACKNOWLEDGED_BY = "acknowledged_by"
    ACKNOWLEDGED_LATE = "acknowledged_late"
    RESOLVED_BY = "resolved_by"
    DIGESTED_AT = "digested_at"
    DELIVERY_SEQ = "delivery_seq"


class DeliveryField(StrEnum):
    ID = "id"
    INCIDENT_ID = "incident_id"
    CHANNEL = "channel"
    KIND = "kind"
    STATUS = "status"
    ATTEMPTS = "attempts"
    CREATED_AT = "created_at"
    CLAIMS = "claims"
    CLAIMED_AT = "claimed_at"
    SENDING_SINCE = "sending_since"
    SENT_AT = "sent_at"
    FAILED_AT = "failed_at"
    RESULT = "result"
    LAST_ERROR = "last_error"


LUA_TABLES: dict[str, type[StrEnum]] = {
    "F": IncidentField,
    "D": DeliveryField,
    "STATUS": Status,
    "ESCALATION": Escalation,
    "DELIVERY": DeliveryStatus,
}
"""The Lua name each enum is known by inside the scripts: `F.status`, `ESCALATION.pending`, …"""
