"""Bounded label values, so a noisy alert source can never blow up the number of time series.

Prometheus keeps one series per label combination, and CloudWatch bills per dimension value. Values are
free text from alert payloads, so each label keeps at most `limit` distinct values per process; later
newcomers become "other", and a missing value is "unknown". Incident ids are never labels.
"""

import re

UNKNOWN = "unknown"
OTHER = "other"
MAX_LENGTH = 64
_UNPRINTABLE = re.compile(r"[^\x20-\x7e]")


class BoundedLabel:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._seen: set[str] = set()

    def __call__(self, raw: str | None) -> str:
        value = _UNPRINTABLE.sub("_", (raw or "").strip())[:MAX_LENGTH]
        if not value:
            return UNKNOWN
        if value in self._seen:
            return value
        if len(self._seen) >= self.limit:
            return OTHER
        self._seen.add(value)
        return value


class LabelBounds:
    """The per-label limits Versus uses; lower-cased severities, as alert rules spell them either way."""

    def __init__(self, *, teams: int = 50, services: int = 100, severities: int = 10, channels: int = 10) -> None:
        self.team = BoundedLabel(teams)
        self.service = BoundedLabel(services)
        self._severity = BoundedLabel(severities)
        self.channel = BoundedLabel(channels)

    def severity(self, raw: str | None) -> str:
        return self._severity((raw or "").lower())
