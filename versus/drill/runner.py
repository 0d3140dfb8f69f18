"""Send drills to a running receiver and follow each incident through `GET /api/incidents/{id}`.

All drills are sent first and followed together, so a run takes about the longest wait, not the sum.
The final state of every incident is read only once all have settled, so a drill that must not page had
as long to (wrongly) page as the slowest one. Only the standard library is used: the command must run
wherever versus-gen does.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlencode, urlsplit

from versus.drill.marker import DRILL, DRILL_HEADER
from versus.drill.scenarios import Scenario

SETTLED = frozenset({"none", "escalated", "failed", "cancelled"})
"""Escalation states nothing moves on from (`none`: never scheduled)."""
GRACE_SECONDS = 15.0
"""How long past its wait a drill may take to page: the scheduler's cycle, the outbox, a busy machine."""


class ReceiverError(Exception):
    """The receiver could not be reached or answered something unusable."""


@dataclass
class Drill:
    scenario: Scenario
    incident_id: str | None = None
    response: dict[str, Any] = field(default_factory=dict)
    incident: dict[str, Any] = field(default_factory=dict)
    due: float = 0.0
    """When its escalation wait ends (monotonic clock)."""
    deadline: float = 0.0
    error: str | None = None


class Client:
    def __init__(self, base_url: str, timeout: float = 10.0, bearer_token: str | None = None) -> None:
        """`bearer_token`: sent to a receiver whose intake needs a credential (`alert.auth`)."""
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.headers = {"Authorization": f"Bearer {bearer_token}"} if bearer_token else {}

    def request(
        self, method: str, target: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Any:
        sent = {**self.headers, **(headers or {})}
        request = urllib.request.Request(self.base_url + target, data=body, method=method, headers=sent)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
                kind = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            raise ReceiverError(f"{method} {target}: HTTP {exc.code}: {exc.read()[:300]!r}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise ReceiverError(f"{method} {target}: {exc}") from exc
        return json.loads(raw) if kind.startswith("application/json") else raw


class Observer(Protocol):
    """Told what happens while drills run (the command's progress lines)."""

    def sent(self, drills: list[Drill]) -> None: ...

    def settled(self, drill: Drill) -> None: ...

    def waiting(self, drills: list[Drill]) -> None: ...

    def finished(self) -> None: ...


def run_drills(
    client: Client, scenarios: list[Scenario], observer: Observer | None = None, poll_seconds: float = 0.2
) -> list[Drill]:
    drills = [_send(client, scenario) for scenario in scenarios]
    for drill in drills:
        if drill.scenario.expected.acknowledge and drill.error is None:
            _acknowledge(client, drill)
    reported: set[int] = set()
    if observer:
        observer.sent(drills)
    while True:
        waiting = [d for d in drills if d.error is None and not _settled(d) and time.monotonic() < d.deadline]
        if observer:
            for index, drill in enumerate(drills):
                if index not in reported and drill not in waiting:
                    reported.add(index)
                    observer.settled(drill)
            observer.waiting(waiting)
        if not waiting:
            break
        time.sleep(poll_seconds)
        for drill in waiting:
            _refresh(client, drill)
    for drill in drills:
        if drill.error is None:
            _refresh(client, drill)
    if observer:
        observer.finished()
    return drills


def _send(client: Client, scenario: Scenario) -> Drill:
    drill = Drill(scenario)
    target = "/api/incidents?" + urlencode([*scenario.query, (DRILL, "true")])
    headers = {"Content-Type": "application/json", DRILL_HEADER: "true", **scenario.headers}
    try:
        response = client.request("POST", target, json.dumps(scenario.body).encode(), headers)
    except ReceiverError as exc:
        drill.error = str(exc)
        return drill
    if not isinstance(response, dict) or not isinstance(response.get("id"), str):
        drill.error = f"POST {target}: unexpected answer {response!r}"[:300]
        return drill
    drill.response = response
    drill.incident_id = response["id"]
    wait = float(response.get("decision", {}).get("wait_minutes") or 0)
    drill.due = time.monotonic() + wait * 60
    drill.deadline = drill.due + GRACE_SECONDS
    return drill


def _acknowledge(client: Client, drill: Drill) -> None:
    """POST the signed ack link from the intake answer, sent to the receiver we reach (the link's host is
    the receiver's public host, which this machine may not resolve; the signature covers only id and expiry)."""
    ack_url = drill.response.get("ack_url")
    if not isinstance(ack_url, str):
        drill.error = "no ack_url in the intake answer (on-call off for this alert, a wait of 0, or no public_host)"
        return
    parts = urlsplit(ack_url)
    try:
        client.request("POST", f"{parts.path}?{parts.query}", b"")
    except ReceiverError as exc:
        drill.error = f"acknowledging failed: {exc}"


def _refresh(client: Client, drill: Drill) -> None:
    try:
        incident = client.request("GET", f"/api/incidents/{drill.incident_id}")
    except ReceiverError as exc:
        drill.error = str(exc)
        return
    drill.incident = incident if isinstance(incident, dict) else {}


def _settled(drill: Drill) -> bool:
    return drill.incident.get("escalation") in SETTLED
