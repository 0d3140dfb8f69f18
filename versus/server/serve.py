"""Run the app: start the embedded Redis when the config names none, then hand over to Sanic."""

import logging
from functools import partial
from pathlib import Path

from sanic import Sanic
from sanic.worker.loader import AppLoader

from versus.config.model import Config
from versus.notify.templates import TemplateError
from versus.oncall.providers import ProviderError
from versus.oncall.providers.registry import build_paging
from versus.server.app import create_app
from versus.store.embedded import EmbeddedRedis, EmbeddedRedisError

log = logging.getLogger("versus.server")


def serve(config: Config, *, host: str | None = None, port: int | None = None) -> int:
    if config.oncall.available:
        try:
            build_paging(config)
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
        return _run(config, host=host, port=port, redis_url=redis_url)
    finally:
        if embedded is not None:
            embedded.stop()


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
