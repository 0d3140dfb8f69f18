"""PagerDuty's REST API edge for overrides: find schedules and users by name and email, list and create
schedule overrides (`POST /schedules/{id}/overrides`).

Synchronous and thin, for the CLI. The API token is a secret: it travels only in the Authorization header
and is masked from every error. Creating is made idempotent by the caller, which skips an override PagerDuty
already has (same user, start and end).
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from versus.rotation_overrides.client import OverrideError

API_URL = "https://api.pagerduty.com"
ACCEPT = "application/vnd.pagerduty+json;version=2"
PAGE = 100


@dataclass(frozen=True)
class ScheduleOverride:
    user_id: str
    start: datetime
    end: datetime


class PagerDutyOverrides:
    def __init__(self, token: str, api_url: str = API_URL, timeout: float = 15.0) -> None:
        self._token = token
        self.api_url = api_url.rstrip("/")
        self.timeout = timeout

    def schedule_id(self, name: str) -> str:
        found = [item for item in self._list("/schedules", "schedules", query=name) if item.get("name") == name]
        if len(found) != 1:
            raise OverrideError(f"PagerDuty has {len(found)} schedules named {name!r}; run the Terraform first")
        return str(found[0]["id"])

    def user_id(self, email: str) -> str:
        found = [item for item in self._list("/users", "users", query=email) if item.get("email") == email]
        if len(found) != 1:
            raise OverrideError(f"PagerDuty has {len(found)} users with email {email!r}")
        return str(found[0]["id"])

    def overrides(self, schedule_id: str, since: datetime, until: datetime) -> list[ScheduleOverride]:
        path = f"/schedules/{urllib.parse.quote(schedule_id)}/overrides"
        answer = self._call("GET", path, {"since": since.isoformat(), "until": until.isoformat()})
        return [
            ScheduleOverride(
                str(item["user"]["id"]), datetime.fromisoformat(item["start"]), datetime.fromisoformat(item["end"])
            )
            for item in answer.get("overrides", [])
        ]

    def create(self, schedule_id: str, user_id: str, start: datetime, end: datetime) -> str:
        path = f"/schedules/{urllib.parse.quote(schedule_id)}/overrides"
        override = {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "user": {"id": user_id, "type": "user_reference"},
        }
        answer = self._call("POST", path, body={"overrides": [override]})
        [result] = answer if isinstance(answer, list) else [answer]
        if int(result.get("status", 201)) != 201:
            raise OverrideError(f"PagerDuty refused the override: {'; '.join(result.get('errors') or [])}")
        return str(result["override"].get("id", ""))

    def _list(self, path: str, key: str, **params: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        offset = 0
        while True:
            answer = self._call("GET", path, {**params, "limit": str(PAGE), "offset": str(offset)})
            items.extend(answer.get(key, []))
            if not answer.get("more"):
                return items
            offset += PAGE

    def _call(self, method: str, path: str, params: dict[str, str] | None = None, body: Any = None) -> Any:
        url = self.api_url + path + (f"?{urllib.parse.urlencode(params)}" if params else "")
        request = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body else None)
        request.add_header("Authorization", f"Token token={self._token}")
        request.add_header("Accept", ACCEPT)
        request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            detail = _error_detail(error.read())
            raise OverrideError(
                self._mask(f"PagerDuty {method} {path}: HTTP {error.code}{detail}"), str(error.code)
            ) from error
        except (urllib.error.URLError, TimeoutError) as error:
            raise OverrideError(self._mask(f"PagerDuty {method} {path}: cannot connect: {error}")) from error

    def _mask(self, text: str) -> str:
        return re.sub(re.escape(self._token), "***", text) if self._token else text


def _error_detail(raw: bytes) -> str:
    try:
        error = json.loads(raw).get("error", {})
    except (ValueError, AttributeError):
        return ""
    parts = [str(error.get("message", ""))] + [str(item) for item in error.get("errors") or []]
    text = "; ".join(part for part in parts if part)
    return f": {text}" if text else ""
