"""Liveness and readiness: /healthz says the process is up, /readyz that Redis answers."""

from redis.exceptions import RedisError
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

bp = Blueprint("health")


@bp.get("/healthz")
async def healthz(request: Request) -> HTTPResponse:
    return json({"status": "ok"})


@bp.get("/readyz")
async def readyz(request: Request) -> HTTPResponse:
    try:
        await request.app.ctx.services.redis.ping()
    except RedisError as exc:
        return json({"status": "unavailable", "redis": str(exc)}, status=503)
    return json({"status": "ready"})
