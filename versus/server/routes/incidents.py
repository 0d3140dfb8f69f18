"""POST /api/incidents (intake) and GET /api/incidents/<id>."""

import logging

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from versus.drill.marker import drill_flags
from versus.intake.payload import BadPayload, parse_body
from versus.intake.redact import redact
from versus.oncall.decision import Decision, decide
from versus.server.context import Services
from versus.server.routes.metrics import count_warnings
from versus.server.routes.presenter import present

bp = Blueprint("incidents")
log = logging.getLogger("versus.intake")


def query_of(request: Request) -> dict[str, str]:
    """First value of each query parameter, blanks kept so that `?oncall_enable=` gets a warning."""
    return {name: values[0] for name, values in request.get_args(keep_blank_values=True).items()}


@bp.post("/api/incidents")
async def receive(request: Request) -> HTTPResponse:
    services: Services = request.app.ctx.services
    config = services.config
    query = query_of(request)
    if config.alert.debug_body:
        log.debug("intake body: %s", redact(request.body.decode("utf-8", "replace"), config))
    try:
        alerts = parse_body(request.body, query)
    except BadPayload as exc:
        return json({"error": str(exc)}, status=400)
    drill = drill_flags(query, request.headers)
    results = []
    for alert in alerts:
        decision = decide(config.oncall, query, resolved=alert.resolved)
        recorded = await services.store.record(
            alert,
            decision,
            drill=drill.drill,
            drill_page=drill.page,
            slack_channel_id=query.get("slack_channel_id", "").strip(),
        )
        if services.scheduler and decision.enabled and recorded.result == "created" and decision.wait_minutes == 0:
            services.scheduler.wake()
        if services.outbox and services.store.channels:
            services.outbox.wake()
        for warning in decision.warnings:
            log.warning("incident %s: %s", recorded.incident_id, warning)
        count_warnings(request, decision.warnings)
        result = {
            "id": recorded.incident_id,
            "result": recorded.result,
            "decision": decision.to_json(),
            "warnings": list(decision.warnings),
        }
        ack_url = _ack_url(services, decision, recorded.incident_id)
        if ack_url:
            result["ack_url"] = ack_url
        results.append(result)
    body = results[0] if len(results) == 1 and not request.body.lstrip().startswith(b"[") else {"incidents": results}
    return json(body, status=202)


def _ack_url(services: Services, decision: Decision, incident_id: str) -> str | None:
    """The signed ack link, for a caller that wants to acknowledge (a drill checks that an ack stops the page).

    Only while there is something to acknowledge: on-call on, a wait before the page, and a signer.
    """
    if services.signer is None or not decision.enabled or decision.wait_minutes <= 0:
        return None
    return services.signer.url(incident_id)


@bp.get("/api/incidents/<incident_id:str>")
async def show(request: Request, incident_id: str) -> HTTPResponse:
    services: Services = request.app.ctx.services
    incident = await services.store.get(incident_id)
    if incident is None:
        return json({"error": f"no incident {incident_id!r} (unknown, or past the retention period)"}, status=404)
    return json(present(incident))
