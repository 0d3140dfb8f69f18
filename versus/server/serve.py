"""Run the app: start the embedded Redis when the config names none, then hand over to Sanic."""

import asyncio
import ipaddress
import logging
from functools import partial
from pathlib import Path

from redis.exceptions import RedisError
from sanic import Sanic
from sanic.worker.loader import AppLoader

from versus.config.model import Config
from versus.notify.templates import TemplateError
from versus.oncall.providers import ProviderError
from versus.oncall.providers.aws_incident_manager import AwsIncidentManager
from versus.server.app import create_app
from versus.server.auth import CredentialError
from versus.store.connection import connect
from versus.store.embedded import EmbeddedRedis, EmbeddedRedisError
from versus.store.memory import eviction_policy

log = logging.getLogger("versus.server")


def serve(config: Config, *, host: str | None = None, port: int | None = None) -> int:
    if config.oncall.available:
        try:
            AwsIncidentManager(config.oncall.aws_incident_manager.region)
        except ProviderError as exc:
            log.error("%s: %s", config.source, exc)
            return 2
    embedded = None
    redis_url = None
    if config.redis.embedded:
        embedded = EmbeddedRedis(Path(config.redis.data_dir))
        try:
            redis_url = embedded.start()
        except EmbeddedRedisError as exc:
            log.error("%s", exc)
            return 2
        log.info("no redis section in %s: using the embedded Redis at %s", config.source, redis_url)
    try:
        problem = asyncio.run(_redis_problem(config, redis_url))
        if problem:
            log.error("cannot start: %s", problem)
            return 2
        _warn_if_open(config, host or config.host)
        return _run(config, host=host, port=port, redis_url=redis_url)
    finally:
        if embedded is not None:
            embedded.stop()


async def _redis_problem(config: Config, redis_url: str | None) -> str | None:
    """A reason not to start: an eviction policy nobody accepted, or a Redis URL that cannot be used.
    Redis not answering yet is no reason (intake answers 503 and /readyz says why until it does)."""
    try:
        client = connect(config.redis, redis_url)
    except ValueError:
        return "redis.url is not a usable Redis URL (value not shown: it may hold a password)"
    try:
        policy = await eviction_policy(client)
    except RedisError as exc:
        log.warning("cannot read Redis maxmemory-policy at start-up (%s); /readyz checks it", type(exc).__name__)
        return None
    finally:
        await client.aclose()
    if policy.evicts and not config.redis.allow_eviction:
        return policy.problem()
    if policy.evicts:
        log.warning("redis.allow_eviction is true: %s", policy.problem())
    return None


def _warn_if_open(config: Config, host: str) -> None:
    if config.alert.auth or _loopback(host):
        return
    log.warning(
        "INTAKE IS OPEN: no alert.auth is configured and versus listens on %s, so anyone who can reach this"
        " port can page people and post to Slack. Configure alert.auth (see the README's Security section)"
        " or listen on 127.0.0.1",
        host,
    )


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _run(config: Config, *, host: str | None, port: int | None, redis_url: str | None) -> int:
    loader = AppLoader(factory=partial(create_app, config, redis_url=redis_url))
    try:
        app = loader.load()
    except (TemplateError, CredentialError) as exc:
        log.error("cannot start: %s", exc)
        return 2
    single = config.workers == 1
    app.prepare(
        host=host or config.host,
        port=port or config.port,
        workers=config.workers,
        single_process=single,
        access_log=False,
        motd=False,
    )
    if single:
        Sanic.serve_single(primary=app)
    else:
        Sanic.serve(primary=app, app_loader=loader)
    return 0
