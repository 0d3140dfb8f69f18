"""A local fake of the PagerDuty REST API subset that `versus-gen override apply` uses: schedules and users
found by `query`, schedule overrides listed by `since`/`until` and created by POST.

Every request must carry the token and the versioned Accept header; query parameters and the POST body
are checked against our model (tests/fakes/pagerduty_rest_model.py); anything else is a 400 or 404.
Lists are paged by `limit`/`offset` like PagerDuty's. Tests can make the next calls fail.
"""

import json
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.fakes.json_api import JsonApiServer
from tests.fakes.pagerduty_rest_model import ACCEPT, QUERY_PARAMETERS, create_overrides_problems


@dataclass
class FakePagerDutyRest:
    token: str
    schedules: dict[str, str]
    """schedule name -> id"""
    users: dict[str, str]
    """email -> user id"""
    overrides: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    invalid: list[str] = field(default_factory=list)
    _failures: list[int] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def fail_next(self, count: int, status: int) -> None:
        with self._lock:
            self._failures.extend([status] * count)

    def handle(self, method: str, target: str, headers: dict[str, str], raw: bytes) -> tuple[int, Any]:
        url = urlsplit(target)
        params = {name: values[-1] for name, values in parse_qs(url.query).items()}
        parts = url.path.strip("/").split("/")
        route = (
            "/schedules/{id}/overrides" if len(parts) == 3 and parts[::2] == ["schedules", "overrides"] else url.path
        )
        with self._lock:
            if headers.get("authorization") != f"Token token={self.token}":
                return 401, {"error": {"message": "Unauthorized", "code": 2006}}
            if headers.get("accept") != ACCEPT or route not in QUERY_PARAMETERS:
                return self._bad(f"{method} {url.path} with Accept {headers.get('accept')!r}", 404)
            unknown = set(params) - QUERY_PARAMETERS[route]
            if unknown:
                return self._bad(f"{url.path}: unknown query parameters {sorted(unknown)}")
            if self._failures:
                return self._failures.pop(0), {"error": {"message": "injected by the test"}}
            if route == "/schedules/{id}/overrides":
                return self._overrides(method, parts[1], params, raw)
            if method != "GET":
                return self._bad(f"{method} {url.path}", 404)
            rows = self.schedules if route == "/schedules" else self.users
            key = "name" if route == "/schedules" else "email"
            found = [
                {"id": ident, key: name} for name, ident in sorted(rows.items()) if params.get("query", "") in name
            ]
            offset, limit = int(params.get("offset", 0)), int(params.get("limit", 25))
            page = found[offset : offset + limit]
            return 200, {route.strip("/"): page, "limit": limit, "offset": offset, "more": offset + limit < len(found)}

    def _overrides(self, method: str, schedule: str, params: dict[str, str], raw: bytes) -> tuple[int, Any]:
        if schedule not in self.schedules.values():
            return 404, {"error": {"message": "Not Found", "code": 2100}}
        existing = self.overrides.setdefault(schedule, [])
        if method == "GET":
            since, until = (datetime.fromisoformat(params[name]) for name in ("since", "until"))
            return 200, {
                "overrides": [
                    o
                    for o in existing
                    if datetime.fromisoformat(o["start"]) < until and datetime.fromisoformat(o["end"]) > since
                ]
            }
        body = json.loads(raw or b"null")
        problems = create_overrides_problems(body)
        if problems:
            return self._bad("; ".join(problems))
        answers = []
        for override in body["overrides"]:
            if override["user"]["id"] not in self.users.values():
                answers.append({"status": 400, "errors": ["User not found"], "override": override})
                continue
            created = {**override, "id": f"Q{uuid.uuid4().hex[:12].upper()}"}
            existing.append(created)
            answers.append({"status": 201, "override": created})
        return 201, answers

    def _bad(self, problem: str, status: int = 400) -> tuple[int, Any]:
        self.invalid.append(problem)
        return status, {"error": {"message": "Invalid Input Provided", "code": 2001, "errors": [problem]}}


def pagerduty_rest_server(fake: FakePagerDutyRest) -> JsonApiServer:
    return JsonApiServer(fake.handle).start()
