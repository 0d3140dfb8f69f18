"""A week of incident events with chosen timestamps, written straight into a real Redis stream.

The answers below are worked out by hand from these events (nearest-rank percentiles: the value at rank
ceil(p/100 × n) of the sorted times), so the report can be checked against them exactly.
"""

import json
from datetime import UTC, datetime

import redis

SINCE = datetime(2026, 1, 5, tzinfo=UTC)
UNTIL = datetime(2026, 1, 12, tzinfo=UTC)
S = int(SINCE.timestamp() * 1000)
U = int(UNTIL.timestamp() * 1000)
SECOND, MINUTE, HOUR, DAY = 1000, 60_000, 3_600_000, 86_400_000


def _received(team: str, service: str, severity: str, escalates: bool = False, drill: bool = False) -> dict:
    summary = {"alertname": f"{service}Down", "service": service, "severity": severity, "team": team}
    return {
        "event": "received",
        "summary": json.dumps(summary),
        "escalates": "1" if escalates else "0",
        "drill": "1" if drill else "0",
    }


def _incidents() -> dict[str, tuple[int, dict, list[tuple[int, dict]]]]:
    """incident id -> (received at, received fields, [(offset ms, later event fields)])."""
    acked = {"event": "acknowledged", "late": "0"}
    late = {"event": "acknowledged", "late": "1"}
    resolved = {"event": "resolved"}
    return {
        "i1": (
            S + 1 * HOUR,
            _received("platform", "api", "critical", True),
            [(120 * SECOND, acked), (600 * SECOND, resolved)],
        ),
        "i2": (
            S + 2 * HOUR,
            _received("platform", "api", "critical", True),
            [
                (180 * SECOND, {"event": "escalated"}),
                (190 * SECOND, {"event": "notified", "channel": "slack"}),
                (300 * SECOND, late),
                (1800 * SECOND, resolved),
            ],
        ),
        "i3": (S + 3 * HOUR, _received("platform", "db", "critical", True), [(60 * SECOND, acked), (HOUR, resolved)]),
        "i4": (S + 4 * HOUR, _received("platform", "api", "warning"), [(300 * SECOND, resolved)]),
        "i5": (
            S + DAY,
            _received("app", "web", "CRITICAL", True),
            [(120 * SECOND, {"event": "escalation_failed"}), (900 * SECOND, late), (2 * HOUR, resolved)],
        ),
        "i6": (S + 2 * DAY, _received("app", "web", "warning"), [(60 * SECOND, resolved)]),
        "i7": (S + 2 * DAY + HOUR, _received("app", "web", "warning"), [(30 * SECOND, acked), (90 * SECOND, resolved)]),
        "i8": (
            S + 3 * DAY,
            _received("platform", "api", "critical", True, drill=True),
            [(120 * SECOND, {"event": "escalated", "drill": "1"}), (200 * SECOND, resolved)],
        ),
        "i9": (S - HOUR, _received("platform", "api", "critical"), [(70 * MINUTE, resolved)]),
        "i10": (U - HOUR, _received("app", "web", "warning"), [(70 * MINUTE, acked)]),
        "i11": (S + 5 * DAY, _received("app", "web", "warning"), [(240 * SECOND, resolved)]),
        "i12": (S + 5 * DAY + HOUR, _received("app", "cache", "warning"), [(150 * SECOND, resolved)]),
    }


def write_history(redis_url: str, prefix: str) -> None:
    events = []
    for incident, (at, received, later) in _incidents().items():
        events.append((at, incident, received))
        events.extend((at + offset, incident, fields) for offset, fields in later)
    client = redis.Redis.from_url(redis_url)
    for at, incident, fields in sorted(events, key=lambda item: item[0]):
        client.xadd(f"{prefix}events", {"incident": incident, "at": str(at), **fields}, id=f"{at}-*")


# Worked out by hand from the events above.
EXPECTED_MARKDOWN = """\
*Versus on-call report* 2026-01-05 00:00 UTC → 2026-01-12 00:00 UTC
• Incidents: 10 (drills excluded: 1)
• By severity: warning 6 · critical 4
• Top services: web 5 · api 3 · cache 1 · db 1
• Escalation rate: 1 of 10 paged (10.0 %); 4 could page, 1 page(s) failed
• Acknowledged late (after the page started): 2
• Resolved before any ack (false-positive signal): 4

*Time to acknowledge (MTTA) and resolve (MTTR)*
```
Team           Severity     N  MTTA p50       p90  MTTR p50       p90
app            critical     1   15m 00s   15m 00s    2h 00m    2h 00m
app            warning      5       30s       30s    1m 30s    4m 00s
platform       critical     3    2m 00s    5m 00s   30m 00s    1h 00m
platform       warning      1         –         –    5m 00s    5m 00s
```
"""
