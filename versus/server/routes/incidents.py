"""POST /api/incidents (intake) and GET /api/incidents/<id>.

Intake, in order: the caller's credential (`alert.auth`; 401), a JSON content type (415: a browser can
send text/plain or form bodies cross-site without asking, never application/json), the body within its
limits (400/413), the caller's rate limit (503 + Retry-After), then every alert of the request recorded
in one transaction before the 202. An `ack_url` is returned only for an incident this request created.
"""

import dataclasses
import logging
import re

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from versus.drill.marker import drill_flags
from versus.intake.payload import BadPayload, parse_body
from versus.intake.redact import redact
from versus.oncall.decision import Decision, decide
from versus.server.context import Services
from versus.server.errors import RETRY_AFTER_SECONDS
from versus.server.refusals import refused
from versus.server.routes.metrics import count_warnings
from versus.server.routes.presenter import present

bp = Blueprint("incidents")
log = logging.getLogger("versus.intake")
_JSON_TYPE = re.compile(r"^application/([a-z0-9.+-]+\+)?json$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def query_of(request: Request) -> dict[str, str]:
    """First value of each query parameter, blanks kept so that `?oncall_enable=` gets a warning."""
    return {name: values[0] for name, values in request.get_args(keep_blank_values=True).items()}


def repeated_parameters(request: Request) -> list[str]:
    """A warning per parameter given more than once: only the first value counts, and the caller is told."""
    return [
        f"{name}={values[0]!r} applied: the parameter was given {len(values)} times"
        f" ({', '.join(repr(v) for v in values)}); only the first counts"
        for name, values in request.get_args(keep_blank_values=True).items()
        if len(values) > 1
    ]


def escape_controls(text: str) -> str:
    """Control characters (newlines included) as visible escapes, so logged data cannot forge log lines."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group(0)):02x}", text)


def _is_json(content_type: str) -> bool:
    return bool(_JSON_TYPE.match(content_type.partition(";")[0].strip().lower()))


@bp.post("/api/incidents")
async def receive(request: Request) -> HTTPResponse:
    services: Services = request.app.ctx.services
    config = services.config
    caller = services.intake_auth.caller(request)
    if caller is None:
        log.warning("refused an intake request without a valid credential (from %s)", request.remote_addr or request.ip)
        refused(request, "unauthenticated")
        return services.intake_auth.refusal()
    if not _is_json(request.headers.get("content-type", "")):
        refused(request, "unsupported_media_type")
        return json(
            {"error": "send the body as JSON with the header Content-Type: application/json"},
            status=415,
        )
    query = query_of(request)
    if config.alert.debug_body:
        log.debug("intake body: %s", escape_controls(redact(request.body.decode("utf-8", "replace"), config)))
    try:
        alerts = parse_body(request.body, query, scope=caller, max_alerts=config.alert.max_alerts_per_request)
    except BadPayload as exc:
        refused(request, "too_many_alerts" if exc.status == 413 else "bad_payload")
        return json({"error": str(exc)}, status=exc.status)
    wait = await services.rate_limit.admit(caller, len(alerts))
    if wait is not None:
        log.warning("intake: credential %s is past alert.rate_limit; refused %d alert(s)", caller, len(alerts))
        refused(request, "rate_limited")
        return json(
            {
                "error": f"credential {caller!r} sent more than {config.alert.rate_limit.alerts_per_minute} alerts"
                " this minute (alert.rate_limit.alerts_per_minute); nothing was recorded, retry later"
            },
            status=503,
            headers={"Retry-After": str(wait) if wait else RETRY_AFTER_SECONDS},
        )
    drill = drill_flags(query, request.headers)
    repeated = tuple(repeated_parameters(request))
    decided = [(alert, _decide(services, query, alert.resolved, repeated)) for alert in alerts]
    recorded_all = await services.store.record_all(
        decided,
        drill=drill.drill,
        drill_page=drill.page,
        slack_channel_id=query.get("slack_channel_id", "").strip(),
        source=caller,
    )
    results = []
    for (_, decision), recorded in zip(decided, recorded_all, strict=True):
        if services.scheduler and decision.enabled and recorded.result == "created" and decision.wait_minutes == 0:
            services.scheduler.wake()
        for warning in decision.warnings:
            log.warning("incident %s: %s", recorded.incident_id, escape_controls(warning))
        count_warnings(request, decision.warnings)
        result = {
            "id": recorded.incident_id,
            "result": recorded.result,
            "decision": decision.to_json(),
            "warnings": list(decision.warnings),
        }
        ack_url = _ack_url(services, decision, recorded.incident_id, recorded.result)
        if ack_url:
            result["ack_url"] = ack_url
        results.append(result)
    if services.outbox and services.store.channels:
        services.outbox.wake()
    body = results[0] if len(results) == 1 and not request.body.lstrip().startswith(b"[") else {"incidents": results}
    return json(body, status=202)


def _decide(services: Services, query: dict[str, str], resolved: bool, repeated: tuple[str, ...]) -> Decision:
    decision = decide(services.config.oncall, query, resolved=resolved)
    return dataclasses.replace(decision, warnings=(*repeated, *decision.warnings)) if repeated else decision


def _ack_url(services: Services, decision: Decision, incident_id: str, result: str) -> str | None:
    """The signed ack link, for a caller that wants to acknowledge (a drill checks that an ack stops the page).

    Only for an incident this request created (a re-send must not hand out the link of an incident some
    earlier request opened), and only while there is something to acknowledge: on-call on, a wait before
    the page, and a signer.
    """
    if result != "created" or services.signer is None or not decision.enabled or decision.wait_minutes <= 0:
        return None
    return services.signer.url(incident_id)


@bp.get("/api/incidents/<incident_id:str>")
async def show(request: Request, incident_id: str) -> HTTPResponse:
    services: Services = request.app.ctx.services
    if services.intake_auth.caller(request) is None:
        return services.intake_auth.refusal()
    incident = await services.store.get(incident_id)
    if incident is None:
        return json({"error": f"no incident {incident_id!r} (unknown, or past the retention period)"}, status=404)
    return json(present(incident))
