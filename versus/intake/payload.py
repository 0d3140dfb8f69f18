"""Parse and normalise webhook bodies.

Accepted: an Alertmanager webhook (version 4), any other JSON object (such as the seed guide's
`{"Logs": …, "ServiceName": …, "Severity": …}`), or a JSON array of such objects. Each object becomes one
`Alert`. Identity decides whether a POST updates an incident or opens a new one: an Alertmanager group
(receiver + groupKey) is one incident while it fires; other JSON is new each time unless it carries a
`dedup_key`. Identities are scoped by the intake credential's name (see `versus.server.auth`): a caller
can update or resolve only the incidents its own credential created; with intake auth off every caller
shares the one "anonymous" scope, whose identities are those of earlier versions.

What a request may cost is bounded here: standard JSON within `strict_json`'s limits, and at most
`max_alerts` alerts (objects in a top-level array).
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from versus.config.model import ANONYMOUS
from versus.intake.strict_json import BadJson, TooManyItems, loads


class BadPayload(ValueError):
    """The body cannot be used at all; the message says what was wrong and where."""

    status = 400


class TooManyAlerts(BadPayload):
    """More alerts in one request than `alert.max_alerts_per_request` allows."""

    status = 413


@dataclass(frozen=True)
class Alert:
    payload: dict[str, Any]
    source: str
    identity: str | None
    resolved: bool
    summary: dict[str, str]
    raw: str | None = None  # the payload's JSON as received, when the body was this one object

    def payload_json(self) -> str:
        """The payload as JSON text, without encoding again what arrived as JSON."""
        return self.raw if self.raw is not None else json.dumps(self.payload, separators=(",", ":"))


def parse_body(
    body: bytes, query: Mapping[str, str], *, scope: str = ANONYMOUS, max_alerts: int | None = None
) -> list[Alert]:
    if not body.strip():
        raise BadPayload("the body is empty; send a JSON object or an array of objects")
    try:
        text = body.decode("utf-8")
        document = loads(text, max_items=max_alerts)
    except UnicodeDecodeError as exc:
        raise BadPayload(f"the body is not UTF-8 text: {exc.reason} at byte {exc.start}") from exc
    except json.JSONDecodeError as exc:
        raise BadPayload(f"the body is not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    except BadJson as exc:
        raise BadPayload(f"the body is not accepted: {exc}") from exc
    except TooManyItems as exc:
        raise TooManyAlerts(
            f"the body holds {exc.found} alerts; at most {exc.allowed} are accepted per request"
            " (alert.max_alerts_per_request); nothing was recorded"
        ) from exc
    if isinstance(document, dict):
        return [normalise(document, query, raw=text, scope=scope)]
    if isinstance(document, list):
        if not document:
            raise BadPayload("the body is an empty array; send at least one alert object")
        for index, item in enumerate(document):
            if not isinstance(item, dict):
                raise BadPayload(f"item [{index}] of the array is {_kind(item)}, not a JSON object")
        return [normalise(item, query, scope=scope, where=f"item [{index}]: ") for index, item in enumerate(document)]
    raise BadPayload(f"the body is {_kind(document)}; send a JSON object or an array of objects")


def normalise(
    document: dict[str, Any],
    query: Mapping[str, str],
    raw: str | None = None,
    *,
    scope: str = ANONYMOUS,
    where: str = "",
) -> Alert:
    if looks_like_alertmanager(document) and not isinstance(document.get("groupKey"), str):
        raise BadPayload(
            f"{where}an Alertmanager webhook (version 4) needs groupKey as a string,"
            f" got {_kind(document.get('groupKey'))}"
        )
    if is_alertmanager(document):
        receiver = str(document.get("receiver", ""))
        group_key = str(document["groupKey"])
        return Alert(
            payload=document,
            source="alertmanager",
            identity=_scoped(scope, "alertmanager", receiver, group_key),
            resolved=str(document.get("status", "")).lower() == "resolved",
            summary=_alertmanager_summary(document),
            raw=raw,
        )
    dedup_key = query.get("dedup_key") or document.get("dedup_key")
    return Alert(
        payload=document,
        source="json",
        identity=_scoped(scope, "dedup", str(dedup_key)) if dedup_key else None,
        resolved=str(document.get("status", document.get("Status", ""))).lower() == "resolved",
        summary=_json_summary(document),
        raw=raw,
    )


def is_alertmanager(document: Mapping[str, Any]) -> bool:
    return looks_like_alertmanager(document) and isinstance(document.get("groupKey"), str)


def looks_like_alertmanager(document: Mapping[str, Any]) -> bool:
    """Version 4 with an alerts list: meant as an Alertmanager webhook, whatever its groupKey holds."""
    return str(document.get("version")) == "4" and isinstance(document.get("alerts"), list)


def _alertmanager_summary(document: Mapping[str, Any]) -> dict[str, str]:
    common = _mapping(document.get("commonLabels"))
    group = _mapping(document.get("groupLabels"))
    first_alert = next((a for a in document["alerts"] if isinstance(a, dict)), {})
    labels = {**_mapping(first_alert.get("labels")), **group, **common}
    annotations = {**_mapping(first_alert.get("annotations")), **_mapping(document.get("commonAnnotations"))}
    return _clean(
        {
            "alertname": labels.get("alertname"),
            "service": labels.get("service") or labels.get("job"),
            "severity": labels.get("severity"),
            "team": labels.get("team"),
            "summary": annotations.get("summary") or annotations.get("description"),
        }
    )


def _json_summary(document: Mapping[str, Any]) -> dict[str, str]:
    def pick(*names: str) -> Any:
        return next((document[n] for n in names if document.get(n) not in (None, "")), None)

    service = pick("ServiceName", "service", "Service", "service_name")
    return _clean(
        {
            "alertname": pick("alertname", "AlertName", "title", "Title") or service,
            "service": service,
            "severity": pick("Severity", "severity"),
            "team": pick("team", "Team"),
            "summary": pick("Logs", "summary", "message", "Message", "description"),
        }
    )


def _clean(values: Mapping[str, Any]) -> dict[str, str]:
    return {key: str(value)[:500] for key, value in values.items() if value not in (None, "")}


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _scoped(scope: str, *parts: str) -> str:
    """The identity within a credential's scope; the anonymous scope keeps the digests of earlier versions."""
    return _digest(*parts) if scope == ANONYMOUS else _digest("scope", scope, *parts)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def _kind(value: Any) -> str:
    names = {str: "a string", int: "a number", float: "a number", bool: "a boolean", list: "an array"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
