"""JSON errors that say what was wrong; Redis trouble is a 503 so that Alertmanager retries."""

import logging

from redis.exceptions import RedisError
from sanic import Request, Sanic
from sanic.exceptions import PayloadTooLarge
from sanic.response import HTTPResponse, json

from versus.store.replication import ReplicasDidNotAcknowledge

log = logging.getLogger("versus.server")

RETRY_AFTER_SECONDS = "5"


def install(app: Sanic, max_body_bytes: int) -> None:
    @app.exception(RedisError)
    async def redis_unavailable(request: Request, exc: RedisError) -> HTTPResponse:
        log.warning("%s %s: Redis unavailable: %s", request.method, request.path, exc)
        return json(
            {"error": "the state store (Redis) is unavailable; nothing was recorded, retry later"},
            status=503,
            headers={"Retry-After": RETRY_AFTER_SECONDS},
        )

    @app.exception(ReplicasDidNotAcknowledge)
    async def not_replicated(request: Request, exc: ReplicasDidNotAcknowledge) -> HTTPResponse:
        log.warning("%s %s: %s", request.method, request.path, exc)
        return json(
            {"error": "too few Redis replicas confirmed the change (redis.min_replicas_to_ack); retry later"},
            status=503,
            headers={"Retry-After": RETRY_AFTER_SECONDS},
        )

    @app.exception(PayloadTooLarge)
    async def too_large(request: Request, exc: PayloadTooLarge) -> HTTPResponse:
        return json(
            {"error": f"the body is larger than {max_body_bytes} bytes (alert.max_body_bytes)"},
            status=413,
        )
