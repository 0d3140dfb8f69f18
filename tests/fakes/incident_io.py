"""A local fake of incident.io's HTTP alert source endpoint (`POST /v2/alert_events/http/{config_id}`).

Checks the bearer API key and the alert source id, validates each event against our model
(tests/fakes/incident_io_model.py), keeps one alert per (alert source, deduplication_key) like
incident.io (firing again while it fires changes nothing; resolved resolves it; firing after resolve opens a
new one), answers 429 above `rate_limit` requests a minute per API key, and can be told to fail.
"""

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from tests.fakes.incident_io_model import REQUESTS_PER_MINUTE, event_problems
from tests.fakes.json_api import JsonApiServer

PREFIX = "/v2/alert_events/http/"


@dataclass
class FakeIncidentIo:
    api_key: str
    sources: frozenset[str]
    rate_limit: int | None = REQUESTS_PER_MINUTE
    status: dict[tuple[str, str], str] = field(default_factory=dict)
    opened: list[tuple[str, str]] = field(default_factory=list)
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    _failures: list[int] = field(default_factory=list)
    _seen: deque[float] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def fail_next(self, count: int, status: int) -> None:
        with self._lock:
            self._failures.extend([status] * count)

    def handle(self, method: str, path: str, headers: dict[str, str], raw: bytes) -> tuple[int, dict[str, Any]]:
        source = path[len(PREFIX) :] if path.startswith(PREFIX) else ""
        if method != "POST" or source not in self.sources:
            return 404, {"type": "not_found", "status": 404, "errors": [{"message": f"no alert source at {path}"}]}
        if headers.get("authorization") != f"Bearer {self.api_key}":
            return 401, {"type": "authentication_error", "status": 401, "errors": [{"message": "bad API key"}]}
        try:
            event = json.loads(raw)
        except ValueError:
            event = None
        problems = event_problems(event) if event is not None else ["body is not JSON"]
        with self._lock:
            if problems:
                self.invalid.extend(problems)
                return 422, {"type": "validation_error", "status": 422, "errors": [{"message": p} for p in problems]}
            if self._failures:
                return self._failures.pop(0), {"type": "error", "errors": [{"message": "injected by the test"}]}
            if self._over_rate():
                return 429, {"type": "rate_limited", "status": 429, "errors": [{"message": "rate limit exceeded"}]}
            self.events.append((source, event))
            key = (source, event.get("deduplication_key") or f"generated-{len(self.events)}")
            firing = self.status.get(key) == "firing"
            if event["status"] == "firing" and not firing:
                self.opened.append(key)
            if event["status"] == "firing" or firing:
                self.status[key] = event["status"]
            return 202, {"status": "success", "message": "Event accepted for processing", "deduplication_key": key[1]}

    def _over_rate(self) -> bool:
        if self.rate_limit is None:
            return False
        now = time.monotonic()
        while self._seen and self._seen[0] <= now - 60:
            self._seen.popleft()
        if len(self._seen) >= self.rate_limit:
            return True
        self._seen.append(now)
        return False


def incident_io_server(fake: FakeIncidentIo) -> JsonApiServer:
    return JsonApiServer(fake.handle).start()
