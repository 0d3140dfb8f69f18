"""AWS Incident Manager through boto3's `ssm-incidents` client.

StartIncident carries a clientToken derived from the incident id, so a retry, a second replica or a
restart during the call can never open a second incident. botocore's own retries are off: the escalation
scheduler retries through Redis with capped backoff, so no request or claimer ever blocks on a sleep.
"""

import asyncio
import json
import os
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial
from typing import Any

import boto3
from botocore.config import Config as BotoConfig
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

from versus.oncall.providers import ProviderError
from versus.oncall.providers.content import alert_links, headline

TITLE_LIMIT = 200
RAW_DATA_LIMIT = 10_000
RELATED_ITEMS_LIMIT = 100
TRIGGER_SOURCE = "versus"
CONCURRENT_CALLS = 32
_RETRYABLE_CODES = frozenset(
    {"ThrottlingException", "InternalServerException", "ServiceUnavailableException", "RequestTimeout"}
)


def would_start(plan_arn: str) -> str:
    return f"would start incident with {plan_arn}"


def client_token(incident_id: str) -> str:
    return f"versus-{incident_id}"[:128]


def incident_title(incident: dict[str, Any]) -> str:
    return headline(incident)[:TITLE_LIMIT]


def related_items(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Links a responder wants: Alertmanager, each alert's source, runbooks and dashboards."""
    items = [
        {"identifier": {"type": "OTHER", "value": {"url": url[:1000]}}, "title": title}
        for title, url in alert_links(payload)
    ]
    return items[:RELATED_ITEMS_LIMIT]


def start_incident_request(incident: dict[str, Any], response_plan_arn: str) -> dict[str, Any]:
    raw = json.dumps(incident.get("payload", {}), separators=(",", ":"))
    request: dict[str, Any] = {
        "clientToken": client_token(incident["id"]),
        "responsePlanArn": response_plan_arn,
        "title": incident_title(incident),
        "triggerDetails": {
            "source": TRIGGER_SOURCE,
            "timestamp": datetime.fromtimestamp(incident["created_at"] / 1000, tz=UTC),
            "rawData": raw[:RAW_DATA_LIMIT],
        },
    }
    items = related_items(incident.get("payload", {}))
    if items:
        request["relatedItems"] = items
    return request


class AwsIncidentManager:
    name = "aws_incident_manager"
    acknowledges = False
    """An incident record has no acknowledged state: contacts accept their own engagements."""

    def __init__(self, region: str | None = None) -> None:
        """Raises ProviderError when no region is configured: StartIncident is regional."""
        region = region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
        if not region:
            raise ProviderError("no AWS region: set oncall.aws_incident_manager.region or AWS_REGION", retryable=False)
        self.client = boto3.client(
            "ssm-incidents",
            region_name=region,
            config=BotoConfig(
                retries={"total_max_attempts": 1, "mode": "standard"},
                connect_timeout=5,
                read_timeout=15,
                max_pool_connections=CONCURRENT_CALLS,
            ),
        )
        # boto3 blocks; its own pool of threads keeps a burst of pages from queueing behind asyncio's
        # small default executor (a few threads on a small machine).
        self._threads = ThreadPoolExecutor(max_workers=CONCURRENT_CALLS, thread_name_prefix="aws-incident-manager")

    async def start(self, incident: dict[str, Any]) -> str:
        request = start_incident_request(incident, _plan(incident))
        response = await self._call("start_incident", request)
        return str(response["incidentRecordArn"])

    async def resolve(self, incident: dict[str, Any]) -> None:
        await self._call("update_incident_record", {"arn": str(incident["incident_arn"]), "status": "RESOLVED"})

    async def acknowledge(self, incident: dict[str, Any]) -> None:
        raise ProviderError("AWS Incident Manager has no acknowledgement of an incident record", retryable=False)

    def rehearse(self, incident: dict[str, Any]) -> str:
        return would_start(_plan(incident))

    async def aclose(self) -> None:
        self._threads.shutdown(wait=False)

    async def _call(self, operation: str, request: dict[str, Any]) -> dict[str, Any]:
        try:
            call = partial(getattr(self.client, operation), **request)
            response: dict[str, Any] = await asyncio.get_running_loop().run_in_executor(self._threads, call)
        except ClientError as exc:
            error = exc.response.get("Error", {})
            code = str(error.get("Code", "Unknown"))
            status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0))
            retryable = code in _RETRYABLE_CODES or status >= 500 or status == 429
            message = f"{operation}: {code}: {error.get('Message', '')}"
            raise ProviderError(message, retryable=retryable) from exc
        except NoCredentialsError as exc:
            raise ProviderError(f"{operation}: no AWS credentials found", retryable=False) from exc
        except BotoCoreError as exc:
            raise ProviderError(f"{operation}: {exc}", retryable=True) from exc
        return response


def _plan(incident: dict[str, Any]) -> str:
    plan = (incident.get("decision") or {}).get("response_plan_arn")
    if not plan:
        raise ProviderError("no response plan ARN for this incident", retryable=False)
    return str(plan)
