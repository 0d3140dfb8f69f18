"""One entry of the event stream, typed: the store writes flat string fields, analytics reads these."""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Event:
    """A state change of one incident, as the Lua scripts wrote it (see `versus/store/lua/common.lua`)."""

    incident: str
    name: str
    at_ms: int
    fields: Mapping[str, str] = field(default_factory=dict)

    @property
    def late(self) -> bool:
        return self.fields.get("late") == "1"

    @property
    def escalates(self) -> bool:
        return self.fields.get("escalates") == "1"

    @property
    def drill(self) -> bool:
        return self.fields.get("drill") == "1"

    @property
    def channel(self) -> str:
        return self.fields.get("channel", "")

    @property
    def summary(self) -> dict[str, str]:
        """The incident summary carried by `received` (alertname, service, severity, team); {} otherwise."""
        return parse_summary(self.fields.get("summary"))


def parse_summary(text: str | None) -> dict[str, str]:
    """The summary JSON an event or incident hash holds; {} for none or damaged JSON."""
    try:
        value = json.loads(text or "{}")
    except json.JSONDecodeError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def parse_event(fields: Mapping[str, str]) -> Event | None:
    """The typed event, or None for an entry that lacks the fields every event has (not ours, or damaged)."""
    incident, name, at = fields.get("incident"), fields.get("event"), fields.get("at")
    if not incident or not name or not at or not at.isdigit():
        return None
    extra = {k: v for k, v in fields.items() if k not in {"incident", "event", "at"}}
    return Event(incident=incident, name=name, at_ms=int(at), fields=extra)
