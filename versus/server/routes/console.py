"""The web console under /ui/: thin routes over `versus.console` (views, access, templates).

Every page but the login page and the static files needs a viewer: a session cookie from the login form,
or an identity header from a configured proxy address. Every state change is a POST carrying the CSRF
token; acknowledging and resolving also need the responder role.
"""

import asyncio
import contextlib
import hmac
import time
from collections.abc import Awaitable
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from redis.exceptions import RedisError
from sanic import Blueprint, Request, Sanic
from sanic.response import HTTPResponse, html, redirect

from versus.config.model import Config
from versus.console.access import UntrustedProxy, Viewer, password_user, proxy_role, proxy_user
from versus.console.health_view import health
from versus.console.incident_view import alerts_of, rendered_message, timeline
from versus.console.listing import SEVERITIES, STATE_FILTERS, Filters, state_of
from versus.console.pages import render
from versus.console.service import Console, build_console
from versus.console.session import COOKIE, LOGIN_COOKIE, Session, new_token
from versus.server.context import Services

bp = Blueprint("console", url_prefix="/ui")
bp.static("/static", str(Path(str(resources.files("versus.console").joinpath("static")))), name="static")
PUBLIC = ("/ui/login", "/ui/static/")
LIST_REFRESH_SECONDS = 30
_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-ancestors 'self'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
_ACK_NOTICES = {
    "acknowledged": ("ok", "Acknowledged. No one will be paged for this incident."),
    "late": ("warn", "Acknowledged, but the escalation had already started: on-call has been paged."),
    "already": ("ok", "It was already acknowledged."),
    "resolved": ("ok", "Resolved."),
    "already-resolved": ("ok", "It was already resolved."),
}


def install(app: Sanic, config: Config) -> None:
    """Serve the console (the app installs it when `console.enable`); built after the app's own start-up made
    the services."""
    app.blueprint(bp)

    @app.before_server_start
    async def start_console(app: Sanic) -> None:
        app.ctx.console = await build_console(config, app.ctx.services)
        warm = app.ctx.console.listing.index.refresh()
        app.ctx.console_warm = asyncio.get_running_loop().create_task(_quietly(warm), name="console-index")

    @app.after_server_stop
    async def stop_console(app: Sanic) -> None:
        app.ctx.console_warm.cancel()
        await asyncio.gather(app.ctx.console_warm, return_exceptions=True)


async def _quietly(loading: Awaitable[None]) -> None:
    """Load the list's index before the first visitor asks; if Redis is not there yet, the first list will."""
    with contextlib.suppress(RedisError):
        await loading


def _console(request: Request) -> Console:
    console: Console = request.app.ctx.console
    return console


def _services(request: Request) -> Services:
    services: Services = request.app.ctx.services
    return services


def _page(request: Request, name: str, status: int = 200, **context: Any) -> HTTPResponse:
    return html(render(name, viewer=getattr(request.ctx, "viewer", None), **context), status=status)


def _refusal(request: Request, status: int, heading: str, message: str) -> HTTPResponse:
    return _page(request, "message.html", status, heading=heading, message=message, tone="bad")


@bp.on_request
async def identify(request: Request) -> HTTPResponse | None:
    """Find the viewer, or send the browser to the login page (a POST without a viewer is refused)."""
    if request.path.startswith(PUBLIC):
        return None
    console = _console(request)
    try:
        user = proxy_user(console.config.proxy, request.ip, request.headers)
    except UntrustedProxy:
        return _refusal(request, 403, "Refused", "An identity header came from an address that is not a trusted proxy.")
    if user:
        proxy = console.config.proxy
        role = proxy_role(proxy, user, request.headers.get(proxy.email_header, ""))
        request.ctx.viewer = Viewer(user, role, console.codec.proxy_csrf(user), "proxy")
        return None
    session = console.codec.decode(request.cookies.get(COOKIE) or "", int(time.time()))
    password_hash, role = password_user(console.config, session.user if session else "")
    if session is not None and (
        password_hash is None or await _services(request).redis.exists(_logout_key(request, session))
    ):
        session = None  # a user taken out of the config, or logged out, is out at once
    if session is None:
        if request.method == "GET":
            return redirect(f"/ui/login?{_next_query(request)}", status=303)
        return _refusal(request, 401, "Not logged in", "Log in first; your session may have expired.")
    request.ctx.viewer = Viewer(session.user, role, session.csrf, "password")
    request.ctx.session = session
    return None


@bp.on_response
async def finish(request: Request, response: HTTPResponse) -> None:
    """Security headers on every console response; a used session's idle clock starts again."""
    for name, value in _HEADERS.items():
        response.headers.setdefault(name, value)
    session: Session | None = getattr(request.ctx, "session", None)
    if session is not None and not getattr(request.ctx, "logged_out", False):
        renewed = Session(session.user, session.csrf, int(time.time()))
        _set_session(request, response, renewed)


def _set_session(request: Request, response: HTTPResponse, session: Session) -> None:
    console = _console(request)
    response.add_cookie(
        COOKIE,
        console.codec.encode(session),
        path="/ui",
        httponly=True,
        samesite="Strict",
        secure=console.secure_cookies,
        max_age=int(console.config.idle_minutes * 60),
    )


def _logout_key(request: Request, session: Session) -> str:
    """The session's CSRF token is random per login, so it names the session too."""
    return _services(request).store.keys.console_logout(session.csrf)


def _next_query(request: Request) -> str:
    target = request.path + (f"?{request.query_string}" if request.query_string else "")
    return urlencode({"next": target})


def _safe_next(value: str) -> str:
    """Only a console path: an open redirect to another site would make the login page a phishing aid."""
    return value if value.startswith("/ui/") and not value.startswith("//") and "\\" not in value else "/ui/"


def _csrf_ok(request: Request, expected: str) -> bool:
    sent = _form(request, "csrf")
    return bool(sent) and bool(expected) and hmac.compare_digest(sent, expected)


def _form(request: Request, name: str) -> str:
    form = request.form
    return str(form.get(name) or "") if form is not None else ""


@bp.get("/login")
async def login_form(request: Request) -> HTTPResponse:
    return _login_page(request, problem="", status=200)


def _login_page(request: Request, *, problem: str, status: int, user: str = "") -> HTTPResponse:
    token = new_token()
    next_path = _safe_next(request.args.get("next") or _form(request, "next"))
    response = _page(request, "login.html", status, csrf=token, next=next_path, problem=problem, user=user)
    response.add_cookie(
        LOGIN_COOKIE, token, path="/ui/login", httponly=True, samesite="Strict", secure=_console(request).secure_cookies
    )
    return response


@bp.post("/login")
async def login(request: Request) -> HTTPResponse:
    console = _console(request)
    if not _csrf_ok(request, request.cookies.get(LOGIN_COOKIE) or ""):
        return _login_page(request, problem="The form had no valid CSRF token; please try again.", status=403)
    wait = await console.guard.wait_seconds(request.ip)
    if wait:
        minutes = -(-wait // 60)
        message = f"Too many failed logins from this address; try again in {minutes} minute{'s' * (minutes > 1)}."
        return _login_page(request, problem=message, status=429)
    name = _form(request, "user")[:64]
    if not await console.guard.verify(request.ip, name, _form(request, "password")[:1024]):
        return _login_page(request, problem="Wrong user name or password.", status=401, user=name)
    response = redirect(_safe_next(_form(request, "next")), status=303)
    _set_session(request, response, Session(name, new_token(), int(time.time())))
    response.delete_cookie(LOGIN_COOKIE, path="/ui/login")
    return response


@bp.post("/logout")
async def logout(request: Request) -> HTTPResponse:
    viewer: Viewer = request.ctx.viewer
    if not _csrf_ok(request, viewer.csrf):
        return _refusal(request, 403, "Refused", "The form had no valid CSRF token.")
    request.ctx.logged_out = True
    session: Session | None = getattr(request.ctx, "session", None)
    if session is not None:
        idle = int(_console(request).config.idle_minutes * 60)
        await _services(request).redis.set(_logout_key(request, session), "1", ex=max(1, idle))
    response = redirect("/ui/login", status=303)
    response.delete_cookie(COOKIE, path="/ui")
    return response


@bp.get("/")
async def incidents(request: Request) -> HTTPResponse:
    console = _console(request)
    filters = Filters.from_query({name: values[0] for name, values in request.args.items()})
    page = await console.listing.page(filters)
    return _page(
        request,
        "incidents.html",
        section="incidents",
        page=page,
        teams=sorted(console.spec.teams) if console.spec else [],
        severities=SEVERITIES,
        states=STATE_FILTERS,
        aws_url=_aws_url(request),
        refresh=LIST_REFRESH_SECONDS,
    )


def _aws_url(request: Request) -> str:
    region = _services(request).config.oncall.aws_incident_manager.region or "us-east-1"
    return f"https://{region}.console.aws.amazon.com/systems-manager/incidents/home?region={region}"


@bp.get("/incidents/<incident_id:str>")
async def incident(request: Request, incident_id: str) -> HTTPResponse:
    services = _services(request)
    found = await services.store.get(incident_id)
    if found is None:
        return _refusal(request, 404, "Not found", "No such incident (unknown, or past the retention period).")
    found["state"] = state_of(found)
    steps = await timeline(services.redis, services.store.keys, incident_id, found["created_at"])
    tone, text = _ACK_NOTICES.get(request.args.get("done", ""), ("", ""))
    return _page(
        request,
        "incident.html",
        section="incidents",
        incident=found,
        timeline=steps,
        alerts=alerts_of(found),
        message=rendered_message(_console(request).template, found),
        aws_url=_aws_url(request),
        notice={"tone": tone, "text": text} if text else None,
    )


def _responder(request: Request) -> HTTPResponse | None:
    viewer: Viewer = request.ctx.viewer
    if not _csrf_ok(request, viewer.csrf):
        return _refusal(request, 403, "Refused", "The form had no valid CSRF token; reload the page and try again.")
    if not viewer.can_respond:
        return _refusal(request, 403, "Refused", "Acknowledging and resolving need the responder role.")
    return None


@bp.post("/incidents/<incident_id:str>/<action:acknowledge|resolve>")
async def respond(request: Request, incident_id: str, action: str) -> HTTPResponse:
    """Acknowledge through the store's atomic ack (the one ack links use) or resolve; the actor is the viewer."""
    refusal = _responder(request)
    if refusal:
        return refusal
    services = _services(request)
    by = request.ctx.viewer.name
    if action == "acknowledge":
        outcome = (await services.store.acknowledge(incident_id, by=by)).outcome
    else:
        outcome = (await services.store.resolve(incident_id, by=by)).outcome
        outcome = "already-resolved" if outcome == "already" else outcome
    if outcome == "missing":
        return _refusal(request, 404, "Not found", "No such incident (unknown, or past the retention period).")
    if services.outbox:
        services.outbox.wake()
    return redirect(f"/ui/incidents/{quote(incident_id, safe='')}?done={outcome}", status=303)


@bp.get("/oncall")
async def oncall(request: Request) -> HTTPResponse:
    console = _console(request)
    teams = console.spec.now(datetime.now(UTC)) if console.spec else []
    return _page(request, "oncall.html", section="oncall", teams=teams, problem=console.spec_problem)


@bp.get("/oncall/<team:str>/calendar")
async def calendar(request: Request, team: str) -> HTTPResponse:
    console = _console(request)
    page = console.spec.calendar(team, datetime.now(UTC)) if console.spec else None
    if page is None:
        return _refusal(request, 404, "Not found", "No such team in the spec.")
    return html(page)


@bp.get("/health")
async def health_page(request: Request) -> HTTPResponse:
    services = _services(request)
    found = await health(services.redis, services.store.keys, services.config)
    return _page(request, "health.html", section="health", health=found)
