"""PagerDuty through the Events API v2 (`POST {api_url}/v2/enqueue`).

Every event of one incident carries the same `dedup_key`, derived from the Versus incident id, and the same
routing key (PagerDuty drops follow-ups sent with another one). PagerDuty folds events with one dedup_key
into one alert while it is open, so a retry, a second replica or a restart never opens a second incident.
202 is done; 400 and other 4xx are permanent; 429, 5xx and connection errors are retried by the
scheduler or the outbox through Redis. The routing keys are secrets: they travel only in request bodies,
and are masked from every error message.
"""

import json
from datetime import UTC, datetime
from typing import Any

from versus.config.model import PagerDutyConfig
from versus.oncall.providers import ProviderError
from versus.oncall.providers.content import alert_links, annotations, cut, headline, incident_page, labels
from versus.oncall.providers.json_http import JsonPoster

ENQUEUE_PATH = "/v2/enqueue"
ROUTING_KEY_LENGTH = 32
DEDUP_KEY_LIMIT = 255
SUMMARY_LIMIT = 1024
FIELD_LIMIT = 255
SEVERITIES = ("critical", "error", "warning", "info")
SEVERITY_ALIASES = {"warn": "warning", "information": "info", "informational": "info"}
CUSTOM_DETAILS_LIMIT = 256 * 1024
"""Half the documented 512 KB event limit, leaving room for the rest of the event."""
CLIENT = "Versus"
DEFAULT_ALIAS = "default"


def dedup_key(incident_id: str) -> str:
    return f"versus-{incident_id}"[:DEDUP_KEY_LIMIT]


def severity(raw: str | None, default: str) -> str:
    value = (raw or "").strip().lower()
    value = SEVERITY_ALIASES.get(value, value)
    return value if value in SEVERITIES else default


def routing_key(config: PagerDutyConfig, incident: dict[str, Any]) -> tuple[str, str]:
    """(alias, key) for the incident's decided alias; the default key when the alias is gone from the config."""
    alias = str((incident.get("decision") or {}).get("response_plan") or DEFAULT_ALIAS)
    if alias in config.other_routing_keys:
        return alias, config.other_routing_keys[alias]
    if not config.routing_key:
        raise ProviderError("no PagerDuty routing key: set oncall.pagerduty.routing_key", retryable=False)
    return DEFAULT_ALIAS, config.routing_key


def trigger_event(
    incident: dict[str, Any], key: str, *, default_severity: str, public_host: str | None
) -> dict[str, Any]:
    payload_in: dict[str, Any] = incident.get("payload") or {}
    summary = incident.get("summary") or {}
    found = labels(payload_in)
    text = headline(incident) + (f": {summary['summary']}" if summary.get("summary") else "")
    payload: dict[str, Any] = {
        "summary": cut(" ".join(text.split()), SUMMARY_LIMIT),
        "source": _first(found.get("instance"), found.get("service"), summary.get("service"), found.get("job"))
        or "versus",
        "severity": severity(found.get("severity") or summary.get("severity"), default_severity),
        "timestamp": datetime.fromtimestamp(incident["created_at"] / 1000, tz=UTC).isoformat(),
        "custom_details": custom_details(incident, found),
    }
    for field, value in (
        ("component", _first(found.get("component"), found.get("service"), summary.get("service"))),
        ("group", _first(found.get("group"), found.get("team"), found.get("job"))),
        ("class", _first(found.get("class"), found.get("alertname"), summary.get("alertname"))),
    ):
        if value:
            payload[field] = value
    links = [{"href": url, "text": title} for title, url in alert_links(payload_in)]
    page = incident_page(public_host, str(incident["id"]))
    if page:
        links.append({"href": page, "text": "Versus incident"})
    event: dict[str, Any] = {
        "routing_key": key,
        "event_action": "trigger",
        "dedup_key": dedup_key(str(incident["id"])),
        "payload": payload,
        "client": CLIENT,
    }
    if links:
        event["links"] = links
    if public_host:
        event["client_url"] = public_host
    return event


def follow_up_event(incident: dict[str, Any], key: str, action: str) -> dict[str, Any]:
    """An acknowledge or resolve for the alert the trigger opened."""
    return {"routing_key": key, "event_action": action, "dedup_key": str(incident["incident_arn"])}


def custom_details(incident: dict[str, Any], found: dict[str, str]) -> dict[str, Any]:
    """Labels, annotations and the decision; the whole payload when it is not Alertmanager's. Bounded."""
    payload: dict[str, Any] = incident.get("payload") or {}
    details: dict[str, Any] = {
        "versus_incident": str(incident["id"]),
        "decision": incident.get("decision") or {},
        "labels": found,
        "annotations": annotations(payload),
    }
    if not isinstance(payload.get("alerts"), list):
        details["alert"] = payload
    text = json.dumps(details, separators=(",", ":"))
    if len(text.encode()) > CUSTOM_DETAILS_LIMIT:
        details = {
            "versus_incident": str(incident["id"]),
            "decision": incident.get("decision") or {},
            "truncated": text.encode()[:CUSTOM_DETAILS_LIMIT].decode(errors="ignore"),
        }
    return details


class PagerDuty:
    name = "pagerduty"
    acknowledges = True

    def __init__(self, config: PagerDutyConfig, *, public_host: str | None = None) -> None:
        """Raises ProviderError for a key that cannot be an integration key (checked at start-up)."""
        keys = {"routing_key": config.routing_key or ""}
        keys.update({f"other_routing_keys.{alias}": key for alias, key in config.other_routing_keys.items()})
        for name, key in keys.items():
            if len(key) != ROUTING_KEY_LENGTH:
                message = f"oncall.pagerduty.{name}: an Events API v2 integration key has {ROUTING_KEY_LENGTH}"
                raise ProviderError(f"{message} characters, this one has {len(key)}", retryable=False)
        self.config = config
        self.public_host = public_host
        self.url = config.api_url.rstrip("/") + ENQUEUE_PATH
        secrets = [config.routing_key or "", *config.other_routing_keys.values()]
        self.http = JsonPoster("PagerDuty Events API", secrets)

    async def start(self, incident: dict[str, Any]) -> str:
        _, key = routing_key(self.config, incident)
        event = trigger_event(
            incident, key, default_severity=self.config.default_severity, public_host=self.public_host
        )
        answer = await self.http.post(self.url, event)
        return str(answer.get("dedup_key") or event["dedup_key"])

    async def resolve(self, incident: dict[str, Any]) -> None:
        await self._follow_up(incident, "resolve")

    async def acknowledge(self, incident: dict[str, Any]) -> None:
        await self._follow_up(incident, "acknowledge")

    def rehearse(self, incident: dict[str, Any]) -> str:
        alias, _ = routing_key(self.config, incident)
        return f"would trigger PagerDuty service {alias!r} (dedup_key {dedup_key(str(incident['id']))})"

    async def aclose(self) -> None:
        await self.http.aclose()

    async def _follow_up(self, incident: dict[str, Any], action: str) -> None:
        _, key = routing_key(self.config, incident)
        await self.http.post(self.url, follow_up_event(incident, key, action))


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return cut(value.strip(), FIELD_LIMIT)
    return None
