"""POST /slack/interactions: the interactive Acknowledge button (when `alert.slack.signing_secret` is set).

Slack signs each request (v0 HMAC-SHA256 over `v0:{timestamp}:{raw body}`); anything unsigned, forged
or older than five minutes (a replay) gets 401 and changes nothing. A valid press acknowledges the
incident as that Slack user, atomically against the escalation claim; the ack script queues the
`acknowledged` delivery, and the outbox rewrites the message to say who acknowledged and when (or that
it was late). Slack wants an answer within three seconds, so the route only records and wakes the outbox.
"""

import json
import logging
from typing import Any
from urllib.parse import parse_qs

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, empty
from sanic.response import json as json_response
from slack_sdk.signature import SignatureVerifier

from versus.notify.message import ACK_ACTION_ID
from versus.server.context import Services

bp = Blueprint("slack")
log = logging.getLogger("versus.slack")


@bp.post("/slack/interactions")
async def interactions(request: Request) -> HTTPResponse:
    services: Services = request.app.ctx.services
    secret = services.config.alert.slack.signing_secret
    if not secret:
        return json_response({"error": "interactive Slack messages are off (no alert.slack.signing_secret)"}, 404)
    if not _signed(secret, request):
        log.warning("refused a Slack interaction with a missing, forged or stale signature")
        return json_response({"error": "invalid or expired Slack signature"}, 401)
    payload = _payload(request.body)
    if payload is None:
        return json_response({"error": "expected a form field payload= holding a JSON object"}, 400)
    for action in payload.get("actions") or []:
        if isinstance(action, dict) and action.get("action_id") == ACK_ACTION_ID and action.get("value"):
            await _acknowledge(services, str(action["value"]), _user(payload))
    return empty(status=200)  # Slack wants 200 itself; 204 shows the user an error


def _signed(secret: str, request: Request) -> bool:
    """Slack's signature check; a timestamp that is not a plain number is refused before it (the SDK would
    raise on it, a 500 where a forged request deserves a 401)."""
    timestamp = request.headers.get("x-slack-request-timestamp", "")
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12):
        return False
    return SignatureVerifier(secret).is_valid_request(request.body, dict(request.headers))


async def _acknowledge(services: Services, incident_id: str, user: str) -> None:
    result = await services.store.acknowledge(incident_id, by=f"slack:{user}")
    log.info("incident %s: Slack ack by %s: %s", incident_id, user, result.outcome)
    if services.outbox is not None and result.outcome in ("acknowledged", "late"):
        services.outbox.wake()


def _payload(body: bytes) -> dict[str, Any] | None:
    fields = parse_qs(body.decode("utf-8", "replace"))
    try:
        payload = json.loads(fields.get("payload", [""])[0])
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None


def _user(payload: dict[str, Any]) -> str:
    """The name people know (Slack's `username`), else the user id; never blank."""
    user = payload.get("user")
    if not isinstance(user, dict):
        return "unknown"
    return str(user.get("username") or user.get("name") or user.get("id") or "unknown")
