"""The JSON shape of an incident for the API: ISO 8601 times, no internal bookkeeping fields."""

from datetime import UTC, datetime
from typing import Any

_INTERNAL = frozenset({"delivery_seq", "identity", "claims"})


def iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, tz=UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def present(incident: dict[str, Any]) -> dict[str, Any]:
    shown = {key: value for key, value in incident.items() if key not in _INTERNAL}
    for key, value in incident.items():
        if key.endswith("_at") and isinstance(value, int):
            shown[key] = iso(value)
    return shown
