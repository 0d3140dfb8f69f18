"""Every Redis key Versus uses, under one configurable prefix wrapped in a Redis Cluster hash tag.

The configured prefix `versus:` becomes `{versus}:`: Redis Cluster hashes only the part inside the
braces, so every key of one deployment lands in one slot and each Lua script may touch all of them.
A prefix that already holds a tag (`{team-a}:versus:`) is kept as it is.
"""

from dataclasses import dataclass, field


def hash_tagged(prefix: str) -> str:
    """`versus:` -> `{versus}:`; `app` -> `{app}`; a prefix with a non-empty `{…}` stays as it is."""
    start = prefix.find("{")
    if start >= 0 and prefix.find("}", start + 1) > start + 1:
        return prefix
    name = prefix.removesuffix(":")
    return "{" + (name or "versus") + "}" + prefix[len(name) :]


@dataclass(frozen=True)
class Keys:
    configured_prefix: str
    prefix: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "prefix", hash_tagged(self.configured_prefix))

    def incident(self, incident_id: str) -> str:
        return self.incidents + incident_id

    def identity(self, identity: str) -> str:
        return self.identities + identity

    def delivery(self, delivery_id: str) -> str:
        return self.deliveries + delivery_id

    @property
    def incidents(self) -> str:
        """Stem of the incident hashes (`…incident:<id>`), each expiring after the retention period."""
        return f"{self.prefix}incident:"

    @property
    def identities(self) -> str:
        """Stem of the strings that map an alert's identity to its open incident, expiring after 3 days."""
        return f"{self.prefix}identity:"

    @property
    def deliveries(self) -> str:
        """Stem of the delivery hashes (`…delivery:<incident id>:<seq>`), expiring after the retention period."""
        return f"{self.prefix}delivery:"

    @property
    def escalations_due(self) -> str:
        """Sorted set: incident id scored by the epoch milliseconds at which it escalates."""
        return f"{self.prefix}escalations:due"

    @property
    def outbox_due(self) -> str:
        """Sorted set: delivery id scored by the epoch milliseconds of its next attempt."""
        return f"{self.prefix}outbox:due"

    @property
    def incidents_by_time(self) -> str:
        """Sorted set: incident id scored by creation time, for listing and reports; trimmed by retention."""
        return f"{self.prefix}incidents:by_time"

    @property
    def events(self) -> str:
        """Stream of incident state changes (received, acknowledged, escalated, …), trimmed by retention."""
        return f"{self.prefix}events"

    @property
    def outbox_stats(self) -> str:
        """Hash of `{channel}:sent|retried|failed` counters (one field per channel and outcome)."""
        return f"{self.prefix}outbox:stats"

    @property
    def ack_secret(self) -> str:
        return f"{self.prefix}ack_secret"

    @property
    def console_secret(self) -> str:
        """The console's session-signing secret when the config sets none (created once, like ack_secret)."""
        return f"{self.prefix}console:secret"

    def console_logins(self, address: str) -> str:
        """Counter of console login attempts from one address, expiring with the rate-limit window."""
        return f"{self.prefix}console:logins:{address}"

    def console_logout(self, session_token: str) -> str:
        """Marks a console session logged out until it would have expired anyway (cookies are stateless)."""
        return f"{self.prefix}console:logout:{session_token}"

    def intake_rate(self, scope: str, window: int) -> str:
        """Counter of alerts a credential sent in one rate-limit window (expires after the next one)."""
        return f"{self.prefix}intake_rate:{scope}:{window}"

    @property
    def write_probe(self) -> str:
        """A tiny key `/readyz` writes to learn whether Redis still accepts writes (it is not out of memory)."""
        return f"{self.prefix}readyz:probe"

    @property
    def slack_rate(self) -> str:
        """Stem of the Slack rate-limit buckets: `slack_rate` + method and scope (a hash: tokens, at)."""
        return f"{self.prefix}slack:rate:"

    @property
    def slack_pause(self) -> str:
        """Stem of the per-channel pauses after a Slack 429: `slack_pause` + channel (expires with Retry-After)."""
        return f"{self.prefix}slack:pause:"

    @property
    def format_version(self) -> str:
        """The data layout's version (`versus.store.schema.FORMAT_VERSION`), written by the upgrade."""
        return f"{self.prefix}format"

    @property
    def upgrade_lock(self) -> str:
        """Held (with an expiry) by the one process that upgrades the data at start-up."""
        return f"{self.prefix}upgrade_lock"

    def script_keys(self) -> list[str]:
        """KEYS[] of every script, in the order of `SCRIPT_KEYS`."""
        return [getattr(self, name) for name in SCRIPT_KEYS]


SCRIPT_KEYS = (
    "incidents",
    "identities",
    "deliveries",
    "escalations_due",
    "outbox_due",
    "incidents_by_time",
    "events",
    "outbox_stats",
    "slack_rate",
    "slack_pause",
)
"""What every Lua script receives in KEYS[], known there as `K.<name>`. Per-item keys are a stem from
here plus an id (`K.incidents .. id`): they share the stem's hash tag, so they are in the same slot."""
