"""A local fake of PagerDuty's Events API v2 (`POST /v2/enqueue`) that the PagerDuty provider reaches over HTTP.

Every event is checked against our model (tests/fakes/pagerduty_model.py) and the documented limits: an
invalid or oversized event gets 400 and changes nothing. Like PagerDuty it keeps one alert per (routing
key, dedup_key): a trigger while that alert is open is folded into it, acknowledge/resolve change an open
alert and are dropped otherwise, and a trigger after resolve opens a new one. It counts events per routing
key over a sliding minute and answers 429 above `rate_limit` (about 120 in PagerDuty; None turns it off).
Tests can make the next calls fail with any status.
"""

import json
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from tests.fakes.json_api import JsonApiServer
from tests.fakes.pagerduty_model import EVENT_BYTES_LIMIT, event_problems

ENQUEUE = "/v2/enqueue"
OPEN = ("triggered", "acknowledged")


@dataclass
class Alert:
    routing_key: str
    dedup_key: str
    status: str
    events: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class FakePagerDuty:
    rate_limit: int | None = 120
    window_seconds: float = 60.0
    alerts: dict[tuple[str, str], Alert] = field(default_factory=dict)
    opened: list[tuple[str, str]] = field(default_factory=list)
    """Every alert PagerDuty would have opened (an incident each, on a service that creates incidents)."""
    events: list[dict[str, Any]] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    throttled: int = 0
    _failures: list[int] = field(default_factory=list)
    _seen: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def fail_next(self, count: int, status: int) -> None:
        with self._lock:
            self._failures.extend([status] * count)

    def actions(self, action: str) -> list[dict[str, Any]]:
        with self._lock:
            return [event for event in self.events if event.get("event_action") == action]

    def handle(self, method: str, path: str, headers: dict[str, str], raw: bytes) -> tuple[int, dict[str, Any]]:
        if (method, path) != ("POST", ENQUEUE):
            return 404, {"status": "not found", "message": f"{method} {path}"}
        if len(raw) > EVENT_BYTES_LIMIT:
            return self._invalid([f"event of {len(raw)} bytes is over the {EVENT_BYTES_LIMIT} byte limit"])
        try:
            event = json.loads(raw)
        except ValueError:
            return self._invalid(["body is not JSON"])
        problems = event_problems(event)
        if problems:
            return self._invalid(problems)
        with self._lock:
            if self._failures:
                status = self._failures.pop(0)
                return status, {"status": "error", "message": "injected by the test"}
            if self._over_rate(event["routing_key"]):
                self.throttled += 1
                return 429, {
                    "status": "throttle event",
                    "message": "Requests for this service are arriving too quickly.",
                }
            self.events.append(event)
            return 202, {"status": "success", "message": "Event processed", "dedup_key": self._apply(event)}

    def _invalid(self, problems: list[str]) -> tuple[int, dict[str, Any]]:
        with self._lock:
            self.invalid.extend(problems)
        return 400, {"status": "invalid event", "message": "Event object is invalid", "errors": problems}

    def _over_rate(self, routing_key: str) -> bool:
        if self.rate_limit is None:
            return False
        now = time.monotonic()
        seen = self._seen[routing_key]
        while seen and seen[0] <= now - self.window_seconds:
            seen.popleft()
        if len(seen) >= self.rate_limit:
            return True
        seen.append(now)
        return False

    def _apply(self, event: dict[str, Any]) -> str:
        key = (event["routing_key"], event.get("dedup_key") or f"generated-{len(self.events)}")
        alert = self.alerts.get(key)
        action = event["event_action"]
        if action == "trigger":
            if alert is None or alert.status not in OPEN:
                alert = self.alerts[key] = Alert(*key, status="triggered")
                self.opened.append(key)
            alert.events.append(event)
        elif alert is not None and alert.status in OPEN:
            alert.status = "acknowledged" if action == "acknowledge" else "resolved"
            alert.events.append(event)
        return key[1]


def pagerduty_server(fake: FakePagerDuty) -> JsonApiServer:
    return JsonApiServer(fake.handle).start()
