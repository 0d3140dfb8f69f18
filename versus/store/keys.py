"""Every Redis key Versus uses, under one configurable prefix."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Keys:
    prefix: str

    def incident(self, incident_id: str) -> str:
        return f"{self.prefix}incident:{incident_id}"

    def identity(self, identity: str) -> str:
        return f"{self.prefix}identity:{identity}"

    def delivery(self, delivery_id: str) -> str:
        return f"{self.prefix}delivery:{delivery_id}"

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
        """Sorted set: incident id scored by creation time, for listing and reports."""
        return f"{self.prefix}incidents:by_time"

    @property
    def events(self) -> str:
        """Stream of incident state changes (received, acknowledged, escalated, …), trimmed by retention."""
        return f"{self.prefix}events"

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
