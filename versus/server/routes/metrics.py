"""GET /metrics (Prometheus text format), the intake latency timer, and the event follower's start-up.

`install(app, config)` is the one hook `create_app` calls; with `metrics.enable: false` and EMF off it adds
nothing at all.
"""

import asyncio
import logging
import time
from collections.abc import Iterable

from prometheus_client import CONTENT_TYPE_LATEST
from redis.exceptions import RedisError
from sanic import Blueprint, Request, Sanic
from sanic.response import BaseHTTPResponse, HTTPResponse, raw

from versus.analytics.emf import EmfWriter
from versus.analytics.follower import EventFollower, Sink
from versus.analytics.labels import LabelBounds
from versus.analytics.prometheus import OutboxFigures, VersusMetrics
from versus.analytics.warning_labels import warning_parameter
from versus.config.model import Config
from versus.notify.deliveries import lag_key, stats_key
from versus.server.context import Services
from versus.store.connection import connect

bp = Blueprint("metrics")
log = logging.getLogger("versus.analytics")
INTAKE_PATH = "/api/incidents"


@bp.get("/metrics")
async def metrics(request: Request) -> HTTPResponse:
    services: Services = request.app.ctx.services
    if services.metrics_auth.caller(request) is None:
        return services.metrics_auth.refusal()
    keys = services.store.keys
    async with services.redis.pipeline(transaction=False) as pipe:
        pipe.zcard(keys.escalations_due)
        pipe.zcard(keys.outbox_due)
        pipe.hgetall(lag_key(keys))
        pipe.hgetall(stats_key(keys))
        pending, depth, lag, stats = await pipe.execute()
    outbox = OutboxFigures({channel: float(value) for channel, value in lag.items()}, stats)
    body = request.app.ctx.metrics.exposition(pending_escalations=pending, outbox_depth=depth, outbox=outbox)
    return raw(body, content_type=CONTENT_TYPE_LATEST)


def install(app: Sanic, config: Config, redis_url: str | None = None) -> None:
    """Add /metrics, the intake timer and the event follower, as the config asks.

    The follower reads through a Redis client of its own: its blocking stream read then never holds a
    connection that requests need, nor leaves an extra idle one in their pool to go stale if Redis restarts.
    """
    settings = config.metrics
    if not settings.enable and not settings.cloudwatch_emf.enable:
        return
    app.ctx.metrics = None
    if settings.enable:
        app.blueprint(bp)
        app.register_middleware(_start_timer, "request")
        app.register_middleware(_stop_timer, "response")

    @app.before_server_start
    async def follow_events(app: Sanic) -> None:
        """Runs after `create_app`'s own start-up (listeners run in order), so services exist."""
        services: Services = app.ctx.services
        sinks: list[Sink] = []
        if settings.enable:
            app.ctx.metrics = VersusMetrics()
            sinks.append(app.ctx.metrics.record)
        if settings.cloudwatch_emf.enable:
            sinks.append(EmfWriter(settings.cloudwatch_emf.namespace).write)
        app.ctx.events_client = connect(config.redis, redis_url)
        bounds = LabelBounds(known_teams=settings.known_teams)
        follower = EventFollower(app.ctx.events_client, services.store.keys, sinks, bounds=bounds)
        try:
            await follower.join()
        except RedisError as exc:
            log.warning("metrics: cannot join the event stream yet (%s); the follower keeps trying", exc)
        app.ctx.events_task = asyncio.get_running_loop().create_task(follower.run(), name="metrics-events")

    @app.after_server_stop
    async def stop_following(app: Sanic) -> None:
        app.ctx.events_task.cancel()
        await asyncio.gather(app.ctx.events_task, return_exceptions=True)
        await app.ctx.events_client.aclose()


def count_warnings(request: Request, warnings: Iterable[str]) -> None:
    """Intake's hook: one count per warning, by the query parameter it is about."""
    metrics: VersusMetrics | None = getattr(request.app.ctx, "metrics", None)
    if metrics is not None:
        for warning in warnings:
            metrics.warned(warning_parameter(warning))


async def _start_timer(request: Request) -> None:
    if request.path == INTAKE_PATH and request.method == "POST":
        request.ctx.intake_started = time.perf_counter()


async def _stop_timer(request: Request, response: BaseHTTPResponse) -> None:
    started = getattr(request.ctx, "intake_started", None)
    metrics: VersusMetrics | None = getattr(request.app.ctx, "metrics", None)
    if started is not None and metrics is not None:
        metrics.answered(response.status, time.perf_counter() - started)
