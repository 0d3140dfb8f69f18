"""Acknowledgement links. GET shows a confirmation page and changes nothing (link scanners and chat
unfurlers fetch links); POST acknowledges. A bad or expired signature gets a 403 page."""

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, html

from versus.server.context import Services
from versus.server.pages import ack_page
from versus.server.routes.presenter import iso

bp = Blueprint("ack")
ACK_PATH = "/api/incidents/ack/<incident_id:str>"


def _refusal(request: Request, incident_id: str) -> HTTPResponse | None:
    services: Services = request.app.ctx.services
    if services.signer is None:
        return html(ack_page(heading="On-call is off", message="This receiver has no on-call.", tone="bad"), 404)
    problem = services.signer.verify(incident_id, request.args.get("exp", ""), request.args.get("sig", ""))
    if problem:
        return html(ack_page(heading="Link refused", message=problem.capitalize() + ".", tone="bad"), 403)
    return None


@bp.get(ACK_PATH)
async def confirm(request: Request, incident_id: str) -> HTTPResponse:
    refusal = _refusal(request, incident_id)
    if refusal:
        return refusal
    services: Services = request.app.ctx.services
    incident = await services.store.get(incident_id)
    if incident is None:
        return html(ack_page(heading="Not found", message="This incident is no longer kept.", tone="bad"), 404)
    if "acknowledged_at" in incident:
        message = f"Already acknowledged at {iso(incident['acknowledged_at'])}."
        return html(ack_page(heading="Acknowledged", message=message, tone="ok", incident=incident))
    action = f"{request.path}?{request.query_string}"
    message = "Acknowledge this incident to stop its escalation."
    page = ack_page(heading="Acknowledge incident", message=message, tone="warn", incident=incident, form_action=action)
    return html(page)


@bp.post(ACK_PATH)
async def acknowledge(request: Request, incident_id: str) -> HTTPResponse:
    refusal = _refusal(request, incident_id)
    if refusal:
        return refusal
    services: Services = request.app.ctx.services
    result = await services.store.acknowledge(incident_id, by="ack link")
    incident = await services.store.get(incident_id)
    if result.outcome == "missing" or incident is None:
        return html(ack_page(heading="Not found", message="This incident is no longer kept.", tone="bad"), 404)
    at = iso(result.acknowledged_at_ms or 0)
    if result.outcome == "already":
        message = f"Already acknowledged at {at} by {result.acknowledged_by}."
        return html(ack_page(heading="Acknowledged", message=message, tone="ok", incident=incident))
    if result.outcome == "late":
        started = incident.get("claimed_at")
        when = f" at {iso(started)}" if isinstance(started, int) else ""
        message = f"Acknowledged at {at}, but the escalation had already started{when}: on-call has been paged."
        return html(ack_page(heading="Acknowledged late", message=message, tone="warn", incident=incident))
    message = f"Acknowledged at {at}. No one will be paged for this incident."
    return html(ack_page(heading="Acknowledged", message=message, tone="ok", incident=incident))
