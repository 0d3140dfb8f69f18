"""Bounded label values, so a noisy alert source can never blow up the number of time series.

Prometheus keeps one series per label combination, and CloudWatch bills per dimension value. Values are
free text from alert payloads, so each label keeps at most `limit` distinct values per process; later
newcomers become "other", and a missing value is "unknown". Incident ids are never labels.

First come, first kept would let a flood of junk values push a real team into "other" until restart, so
values known in advance are reserved and never count against the limit: the teams in `metrics.known_teams`
and the usual severities.
"""

import re

UNKNOWN = "unknown"
OTHER = "other"
MAX_LENGTH = 64
_UNPRINTABLE = re.compile(r"[^\x20-\x7e]")


KNOWN_SEVERITIES = ("critical", "error", "high", "warning", "medium", "low", "info", "page", "none")


class BoundedLabel:
    def __init__(self, limit: int, reserved: tuple[str, ...] = ()) -> None:
        self.limit = limit
        self._reserved = frozenset(reserved)
        self._seen: set[str] = set()

    def __call__(self, raw: str | None) -> str:
        value = _UNPRINTABLE.sub("_", (raw or "").strip())[:MAX_LENGTH]
        if not value:
            return UNKNOWN
        if value in self._seen or value in self._reserved:
            return value
        if len(self._seen) >= self.limit:
            return OTHER
        self._seen.add(value)
        return value


class LabelBounds:
    """The per-label limits Versus uses; lower-cased severities, as alert rules spell them either way."""

    def __init__(
        self,
        *,
        teams: int = 50,
        services: int = 100,
        severities: int = 10,
        channels: int = 10,
        known_teams: tuple[str, ...] = (),
    ) -> None:
        self.team = BoundedLabel(teams, known_teams)
        self.service = BoundedLabel(services)
        self._severity = BoundedLabel(severities, KNOWN_SEVERITIES)
        self.channel = BoundedLabel(channels)

    def severity(self, raw: str | None) -> str:
        return self._severity((raw or "").lower())
