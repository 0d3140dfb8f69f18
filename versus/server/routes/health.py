"""Liveness and readiness: /healthz says the process is up, /readyz that Redis answers, keeps what it is
given (maxmemory-policy noeviction, unless redis.allow_eviction) and still accepts writes (not out of memory).
Both stay open: they reveal nothing an operator would hide."""

from redis.exceptions import RedisError
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from versus.server.context import Services
from versus.store.memory import eviction_policy, write_refused

bp = Blueprint("health")


@bp.get("/healthz")
async def healthz(request: Request) -> HTTPResponse:
    return json({"status": "ok"})


@bp.get("/readyz")
async def readyz(request: Request) -> HTTPResponse:
    services: Services = request.app.ctx.services
    try:
        await services.redis.ping()
        policy = await eviction_policy(services.redis)
        refused = await write_refused(services.redis, services.store.keys)
    except RedisError as exc:
        return json({"status": "unavailable", "redis": str(exc)}, status=503)
    if policy.evicts and not services.config.redis.allow_eviction:
        return json({"status": "unavailable", "redis": policy.problem()}, status=503)
    if refused:
        return json({"status": "unavailable", "redis": refused}, status=503)
    return json({"status": "ready"})
