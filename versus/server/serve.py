"""Run the app: start the embedded Redis when the config names none, then hand over to Sanic.

SIGTERM and SIGINT stop Sanic gracefully once its own handlers are in place; before that (while Redis and
the app start) they end the start-up. SIGHUP, which would otherwise kill the process on the spot, is turned
into SIGTERM. Either way the embedded redis-server is stopped last, and the exit code is 0.
"""

import asyncio
import ipaddress
import logging
import signal
from functools import partial
from types import FrameType

from redis.exceptions import RedisError
from sanic import Sanic
from sanic.worker.loader import AppLoader

from versus.config.model import Config
from versus.notify.templates import TemplateError
from versus.oncall.providers import ProviderError
from versus.oncall.providers.registry import build_paging
from versus.server.app import create_app
from versus.server.auth import CredentialError
from versus.store.connection import connect
from versus.store.embedded import EmbeddedRedis, EmbeddedRedisError, data_dir_for
from versus.store.memory import eviction_policy

log = logging.getLogger("versus.server")


def serve(config: Config, *, host: str | None = None, port: int | None = None) -> int:
    if config.oncall.available:
        try:
            build_paging(config)
        except ProviderError as exc:
            log.error("%s: %s", config.source, exc)
            return 2
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _terminate)
    embedded = None
    try:
        redis_url = None
        if config.redis.embedded:
            embedded = EmbeddedRedis(data_dir_for(config.redis.data_dir))
            redis_url = embedded.start()
            log.info("no redis section in %s: using the embedded Redis at %s", config.source, redis_url)
        problem = asyncio.run(_redis_problem(config, redis_url))
        if problem:
            log.error("cannot start: %s", problem)
            return 2
        _warn_if_open(config, host or config.host)
        return _run(config, host=host, port=port, redis_url=redis_url)
    except EmbeddedRedisError as exc:
        log.error("cannot start: %s", exc)
        return 2
    except KeyboardInterrupt:
        log.info("stopped while starting")
        return 0
    finally:
        if embedded is not None and embedded.stop():
            log.info("embedded redis: stopped")


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """SIGTERM before Sanic has taken it over: stop starting, as Ctrl-C does."""
    raise KeyboardInterrupt


def _terminate(signum: int, frame: FrameType | None) -> None:
    """A hangup stops Versus the way SIGTERM does."""
    signal.raise_signal(signal.SIGTERM)


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
