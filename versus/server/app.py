"""Sanic app factory: `create_app(config)` wires Redis, the store and the workers to the routes."""

import asyncio
import itertools
import re

from sanic import Sanic

from versus.config.model import Config
from versus.notify.setup import build_outbox
from versus.notify.slack import load_slack_template
from versus.oncall.ack import AckSigner, shared_secret
from versus.oncall.providers.registry import build_paging
from versus.oncall.scheduler import EscalationScheduler
from versus.server import errors
from versus.server.auth import Authenticator
from versus.server.context import Services
from versus.server.routes import ack, health, incidents, metrics, slack
from versus.store.connection import connect, replica_ack
from versus.store.incidents import IncidentStore
from versus.store.keys import Keys
from versus.store.rate_limit import IntakeRateLimit
from versus.store.upgrade import upgrade

_APPS_MADE = itertools.count(1)


def create_app(config: Config, *, redis_url: str | None = None) -> Sanic:
    """Build the app. `redis_url` overrides the config (the embedded server's socket, or a test's)."""
    app = Sanic(_app_name(config.name), configure_logging=False)
    app.config.REQUEST_MAX_SIZE = config.alert.max_body_bytes
    app.config.FALLBACK_ERROR_FORMAT = "json"
    app.config.KEEP_ALIVE_TIMEOUT = 75
    errors.install(app, config.alert.max_body_bytes)
    template = load_slack_template(config.alert.slack)
    intake_auth = Authenticator(config.alert.auth, "alert.auth")
    metrics_auth = Authenticator(config.metrics.auth, "metrics.auth")
    for blueprint in (health.bp, incidents.bp, ack.bp, slack.bp):
        app.blueprint(blueprint)

    @app.before_server_start
    async def start(app: Sanic) -> None:
        client = connect(config.redis, redis_url)
        keys = Keys(config.redis.key_prefix)
        await upgrade(client, keys)
        provider = build_paging(config) if config.oncall.available else None
        store = IncidentStore(
            client,
            keys,
            channels=["slack"] if config.alert.slack.enable else [],
            retention_days=config.history.retention_days,
            default_backend=config.oncall.provider,
            resolve_backends=provider.resolving if provider else (),
            acknowledge_backends=provider.acknowledging if provider else (),
            replica_ack=replica_ack(config.redis),
        )
        signer = None
        if config.oncall.available and config.public_host:
            secret = await shared_secret(client, keys, config.oncall.ack_secret)
            signer = AckSigner(secret, config.public_host, config.oncall.ack_expiry_hours)
        scheduler = None
        app.ctx.workers = []
        app.ctx.provider = provider
        if provider is not None:
            scheduler = EscalationScheduler(store, provider)
            app.ctx.workers.append(
                (scheduler, asyncio.get_running_loop().create_task(scheduler.run(), name="escalations"))
            )
        outbox = build_outbox(config, store, template, signer, provider)
        app.ctx.workers.append((outbox, asyncio.get_running_loop().create_task(outbox.run(), name="outbox")))
        app.ctx.services = Services(
            config=config,
            redis=client,
            store=store,
            signer=signer,
            scheduler=scheduler,
            intake_auth=intake_auth,
            metrics_auth=metrics_auth,
            rate_limit=IntakeRateLimit(client, keys, config.alert.rate_limit.alerts_per_minute),
            outbox=outbox,
        )

    @app.after_server_stop
    async def stop(app: Sanic) -> None:
        """Requests have drained; now let claimed work finish within the grace, and give back what is left."""
        grace = config.stop_grace_seconds
        await asyncio.gather(*(worker.stop(task, grace) for worker, task in app.ctx.workers))
        await app.ctx.services.rate_limit.close()
        if app.ctx.provider is not None:
            await app.ctx.provider.aclose()
        await app.ctx.services.redis.aclose()

    metrics.install(app, config, redis_url)
    if config.console.enable:  # its pages, the schedule and calendars are imported only when it is on
        from versus.server.routes import console

        console.install(app, config)
    return app


def _app_name(name: str) -> str:
    """Sanic app names must be unique per process and use only letters, digits, `_` and `-`; and each
    spawned worker must rebuild the main process's name, so the suffix counts apps instead of being random."""
    return f"{re.sub(r'[^A-Za-z0-9_-]', '_', name) or 'versus'}-{next(_APPS_MADE)}"
