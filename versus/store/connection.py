"""Build the redis.asyncio client from the config: a URL, the seed guide's host/port/password/db, or TLS."""

import ssl

import redis.asyncio as aioredis

from versus.config.model import RedisConfig

_TIMEOUT_SECONDS = 2.0


def connect(config: RedisConfig, url: str | None = None) -> "aioredis.Redis":
    """A client that fails fast: intake answers 503 rather than hang while Redis is away."""
    options: dict[str, object] = {
        "socket_timeout": _TIMEOUT_SECONDS,
        "socket_connect_timeout": _TIMEOUT_SECONDS,
        "decode_responses": True,
        "health_check_interval": 15,
    }
    target = url or config.url
    if target:
        if target.startswith("rediss://") and config.insecure_skip_verify:
            options["ssl_cert_reqs"] = ssl.CERT_NONE
        return aioredis.Redis.from_url(target, **options)  # type: ignore[arg-type]
    use_tls = config.tls
    return aioredis.Redis(
        host=config.host or "127.0.0.1",
        port=config.port,
        password=config.password,
        db=config.db,
        ssl=use_tls,
        ssl_cert_reqs=ssl.CERT_NONE if use_tls and config.insecure_skip_verify else ssl.CERT_REQUIRED,
        **options,  # type: ignore[arg-type]
    )
