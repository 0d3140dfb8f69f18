"""A week of incident events with chosen timestamps, written straight into a real Redis stream.

The answers below are worked out by hand from these events (nearest-rank percentiles: the value at rank
ceil(p/100 × n) of the sorted times), so the report can be checked against them exactly. Teams and times
fit the seed team spec (`examples/seed-teams.yaml`): the platform incidents come in on Monday 5 January,
10:00-13:00 New York time (Alice's first week), the application ones on weekday mornings (Niaj on Tuesday,
Olivia on Wednesday, Mallory on Thursday) or, for i10, on a Sunday evening that no rotation covers.
"""

import json
from datetime import UTC, datetime

import redis

SINCE = datetime(2026, 1, 5, tzinfo=UTC)
UNTIL = datetime(2026, 1, 12, tzinfo=UTC)
S = int(SINCE.timestamp() * 1000)
U = int(UNTIL.timestamp() * 1000)
SECOND, MIN, HOUR, DAY = 1000, 60_000, 3_600_000, 86_400_000
ACKED = {"event": "acknowledged", "late": "0"}
LATE = {"event": "acknowledged", "late": "1"}
RESOLVED = {"event": "resolved"}


def _received(team: str, service: str, severity: str, escalates: bool = False, drill: bool = False) -> dict:
    summary = {"alertname": f"{service}Down", "service": service, "severity": severity, "team": team}
    return {
        "event": "received",
        "summary": json.dumps(summary),
        "escalates": "1" if escalates else "0",
        "drill": "1" if drill else "0",
    }


# incident id -> (received at, received fields, [(ms after receipt, later event fields)])
INCIDENTS: dict[str, tuple[int, dict, list[tuple[int, dict]]]] = {
    "i1": (S + 15 * HOUR, _received("platform", "api", "critical", True), [(2 * MIN, ACKED), (10 * MIN, RESOLVED)]),
    "i2": (
        S + 16 * HOUR,
        _received("platform", "api", "critical", True),
        [
            (3 * MIN, {"event": "escalated"}),
            (3 * MIN + 10 * SECOND, {"event": "notified", "channel": "slack"}),
            (5 * MIN, LATE),
            (30 * MIN, RESOLVED),
        ],
    ),
    "i3": (S + 17 * HOUR, _received("platform", "db", "critical", True), [(1 * MIN, ACKED), (HOUR, RESOLVED)]),
    "i4": (S + 18 * HOUR, _received("platform", "api", "warning"), [(5 * MIN, RESOLVED)]),
    "i5": (
        S + DAY + 15 * HOUR,
        _received("application", "web", "CRITICAL", True),
        [(2 * MIN, {"event": "escalation_failed"}), (15 * MIN, LATE), (2 * HOUR, RESOLVED)],
    ),
    "i6": (S + 2 * DAY + 15 * HOUR, _received("application", "web", "warning"), [(1 * MIN, RESOLVED)]),
    "i7": (
        S + 2 * DAY + 16 * HOUR,
        _received("application", "web", "warning"),
        [(30 * SECOND, ACKED), (90 * SECOND, RESOLVED)],
    ),
    "i8": (
        S + 3 * DAY,
        _received("platform", "api", "critical", True, drill=True),
        [(2 * MIN, {"event": "escalated", "drill": "1"}), (200 * SECOND, RESOLVED)],
    ),
    "i9": (S - HOUR, _received("platform", "api", "critical"), [(70 * MIN, RESOLVED)]),
    "i10": (U - HOUR, _received("application", "web", "warning"), [(70 * MIN, ACKED)]),
    "i11": (S + 3 * DAY + 15 * HOUR, _received("application", "web", "warning"), [(4 * MIN, RESOLVED)]),
    "i12": (S + 3 * DAY + 16 * HOUR, _received("application", "cache", "warning"), [(150 * SECOND, RESOLVED)]),
}


def write_history(redis_url: str, prefix: str) -> None:
    events = []
    for incident, (at, received, later) in INCIDENTS.items():
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
application    critical     1   15m 00s   15m 00s    2h 00m    2h 00m
application    warning      5       30s       30s    1m 30s    4m 00s
platform       critical     3    2m 00s    5m 00s   30m 00s    1h 00m
platform       warning      1         –         –    5m 00s    5m 00s
```
"""

EXPECTED_ON_CALL = """\
*Time to acknowledge by on-call person* (the team's primary rotation when the incident came in)
```
Person               Team             N Acked  MTTA p50       p90
Mallory Diaz         application      2     0         –         –
Niaj Haddad          application      1     1   15m 00s   15m 00s
Olivia Park          application      2     1       30s       30s
Alice Nguyen         platform         4     3    2m 00s    5m 00s
(nobody on call)     application      1     0         –         –
```
"""
