"""Run the app: start the embedded Redis when the config names none, then hand over to Sanic.

SIGTERM and SIGINT stop Sanic gracefully once its own handlers are in place; before that (while Redis and
the app start) they end the start-up. SIGHUP, which would otherwise kill the process on the spot, is turned
into SIGTERM. Either way the embedded redis-server is stopped last, and the exit code is 0.
"""

import logging
import signal
from functools import partial
from types import FrameType

from sanic import Sanic
from sanic.worker.loader import AppLoader

from versus.config.model import Config
from versus.notify.templates import TemplateError
from versus.oncall.providers import ProviderError
from versus.oncall.providers.aws_incident_manager import AwsIncidentManager
from versus.server.app import create_app
from versus.store.embedded import EmbeddedRedis, EmbeddedRedisError, data_dir_for

log = logging.getLogger("versus.server")


def serve(config: Config, *, host: str | None = None, port: int | None = None) -> int:
    if config.oncall.available:
        try:
            AwsIncidentManager(config.oncall.aws_incident_manager.region)
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


def _run(config: Config, *, host: str | None, port: int | None, redis_url: str | None) -> int:
    loader = AppLoader(factory=partial(create_app, config, redis_url=redis_url))
    try:
        app = loader.load()
    except TemplateError as exc:
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
