"""incident.io through an HTTP alert source (`POST {api_url}/v2/alert_events/http/{alert_source_config_id}`).

The event carries a `deduplication_key` derived from the Versus incident id: incident.io creates one alert
per key and alert source, so a retry, a second replica or a restart never opens a second one; `resolved`
with the same key resolves it. An alert source has no acknowledged state, so an ack in Versus is not sent.
The API key is a secret: it travels only in the Authorization header and is masked from every error.
"""

from typing import Any

from versus.config.model import IncidentIoConfig
from versus.oncall.providers import ProviderError
from versus.oncall.providers.content import alert_links, annotations, cut, headline, incident_page, labels
from versus.oncall.providers.json_http import JsonPoster

EVENTS_PATH = "/v2/alert_events/http/"
TITLE_LIMIT = 255
DESCRIPTION_LIMIT = 10_000
DEFAULT_ALIAS = "default"


def deduplication_key(incident_id: str) -> str:
    return f"versus-{incident_id}"


def alert_source(config: IncidentIoConfig, incident: dict[str, Any]) -> tuple[str, str]:
    """(alias, alert source config id) for the incident's decided alias; the default when it is gone."""
    alias = str((incident.get("decision") or {}).get("response_plan") or DEFAULT_ALIAS)
    if alias in config.other_alert_source_config_ids:
        return alias, config.other_alert_source_config_ids[alias]
    if not config.alert_source_config_id:
        raise ProviderError(
            "no incident.io alert source: set oncall.incident_io.alert_source_config_id", retryable=False
        )
    return DEFAULT_ALIAS, config.alert_source_config_id


def alert_event(incident: dict[str, Any], status: str, *, public_host: str | None) -> dict[str, Any]:
    payload: dict[str, Any] = incident.get("payload") or {}
    summary = incident.get("summary") or {}
    links = alert_links(payload)
    description = "\n".join(
        [str(summary["summary"])] * bool(summary.get("summary")) + [f"{title}: {url}" for title, url in links]
    )
    event: dict[str, Any] = {
        "status": status,
        "title": cut(headline(incident), TITLE_LIMIT),
        "deduplication_key": deduplication_key(str(incident["id"])),
        "metadata": {
            "versus_incident": str(incident["id"]),
            "decision": incident.get("decision") or {},
            "labels": labels(payload),
            "annotations": annotations(payload),
        },
    }
    if description:
        event["description"] = cut(description, DESCRIPTION_LIMIT)
    source_url = next((url for title, url in links if title == "Alert source"), None)
    source_url = source_url or incident_page(public_host, str(incident["id"]))
    if source_url:
        event["source_url"] = source_url
    return event


class IncidentIo:
    name = "incident_io"
    acknowledges = False

    def __init__(self, config: IncidentIoConfig, *, public_host: str | None = None) -> None:
        self.config = config
        self.public_host = public_host
        self.base = config.api_url.rstrip("/") + EVENTS_PATH
        self.http = JsonPoster("incident.io alert events API", [config.api_key or ""])

    async def start(self, incident: dict[str, Any]) -> str:
        await self._send(incident, "firing")
        return deduplication_key(str(incident["id"]))

    async def resolve(self, incident: dict[str, Any]) -> None:
        await self._send(incident, "resolved")

    async def acknowledge(self, incident: dict[str, Any]) -> None:
        raise ProviderError("an incident.io HTTP alert source has no acknowledgement", retryable=False)

    def rehearse(self, incident: dict[str, Any]) -> str:
        alias, source = alert_source(self.config, incident)
        return f"would fire an alert in incident.io alert source {alias!r} ({source})"

    async def aclose(self) -> None:
        await self.http.aclose()

    async def _send(self, incident: dict[str, Any], status: str) -> None:
        _, source = alert_source(self.config, incident)
        headers = {"Authorization": f"Bearer {self.config.api_key}"}
        await self.http.post(self.base + source, alert_event(incident, status, public_host=self.public_host), headers)
