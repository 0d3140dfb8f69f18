"""JSON errors that say what was wrong; Redis trouble is a 503 so that Alertmanager retries.

A Redis that is out of memory (maxmemory reached under `noeviction`) is said as such, in the answer and
in an ERROR log line, and counted (`versus_intake_refusals_total{reason="redis_out_of_memory"}`): it will
not pass by itself, unlike a restart, and someone has to act.
"""

import logging

from redis.exceptions import OutOfMemoryError, RedisError
from sanic import Request, Sanic
from sanic.exceptions import PayloadTooLarge
from sanic.response import HTTPResponse, json

from versus.server.refusals import refused
from versus.store.replication import ReplicasDidNotAcknowledge

log = logging.getLogger("versus.server")

RETRY_AFTER_SECONDS = "5"
HEADER_TOO_LARGE = "Request header exceeds the size limit"  # Sanic's words when the request head passes 8 KB
OUT_OF_MEMORY = (
    "the state store (Redis) is out of memory (maxmemory reached, policy noeviction); nothing was recorded."
    " Raise maxmemory or free memory in Redis; retry later"
)


def _retry_later(error: str) -> HTTPResponse:
    """503 with Retry-After: Alertmanager retries it (it drops a notification on any 4xx)."""
    return json({"error": error}, status=503, headers={"Retry-After": RETRY_AFTER_SECONDS})


def install(app: Sanic, max_body_bytes: int) -> None:
    @app.exception(RedisError)
    async def redis_unavailable(request: Request, exc: RedisError) -> HTTPResponse:
        log.warning("%s %s: Redis unavailable: %s", request.method, request.path, exc)
        return _retry_later("the state store (Redis) is unavailable; nothing was recorded, retry later")

    @app.exception(OutOfMemoryError)
    async def redis_full(request: Request, exc: OutOfMemoryError) -> HTTPResponse:
        log.error(
            "%s %s: refused: Redis is out of memory (maxmemory reached); raise maxmemory", request.method, request.path
        )
        refused(request, "redis_out_of_memory")
        return _retry_later(OUT_OF_MEMORY)

    @app.exception(ReplicasDidNotAcknowledge)
    async def not_replicated(request: Request, exc: ReplicasDidNotAcknowledge) -> HTTPResponse:
        log.warning("%s %s: %s", request.method, request.path, exc)
        return _retry_later("too few Redis replicas confirmed the change (redis.min_replicas_to_ack); retry later")

    @app.exception(PayloadTooLarge)
    async def too_large(request: Request, exc: PayloadTooLarge) -> HTTPResponse:
        if str(exc) == HEADER_TOO_LARGE:
            return json(
                {
                    "error": "the request line and headers are longer than 8 KB: the URL (its query string) is"
                    " most likely too long; shorten it"
                },
                status=414,
            )
        return json(
            {"error": f"the body is larger than {max_body_bytes} bytes (alert.max_body_bytes)"},
            status=413,
        )
