"""Build the redis.asyncio client from the config: a URL, the seed guide's host/port/password/db, TLS,
Redis Cluster (`redis.cluster: true`) or Sentinel (`redis.sentinel: {master, nodes, password}`)."""

import ssl
from typing import Any, cast

import redis.asyncio as aioredis
from redis.asyncio.cluster import RedisCluster
from redis.asyncio.connection import SSLConnection
from redis.asyncio.retry import Retry
from redis.asyncio.sentinel import Sentinel
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from versus.config.model import RedisConfig
from versus.store.replication import ReplicaAck

TIMEOUT_SECONDS = 2.0
MAX_CONNECTIONS = 64


def connect(config: RedisConfig, url: str | None = None) -> "aioredis.Redis":
    """A client that fails fast when Redis is away (intake answers 503 rather than hang), whose pool makes a
    burst of requests wait for a free connection instead of failing with "too many connections", and which
    retries a command briefly on a fresh connection, so pooled connections left broken by a Redis restart
    (or a Sentinel failover) cost no request an error. A cluster client follows MOVED and re-reads the
    slot map after a failover by itself; it offers the same commands, so it is typed as `Redis` here and
    callers need not care which it is (only `versus.store.scripts` does)."""
    socket_options: dict[str, Any] = {
        "socket_timeout": TIMEOUT_SECONDS,
        "socket_connect_timeout": TIMEOUT_SECONDS,
        "decode_responses": True,
    }
    retrying: dict[str, Any] = {
        "retry": Retry(ExponentialBackoff(cap=0.5, base=0.05), 3),
        "retry_on_error": [RedisConnectionError, RedisTimeoutError],
    }
    target = url or config.url
    if config.cluster:
        return cast("aioredis.Redis", _cluster(config, target, socket_options))
    if config.sentinel is not None:
        sentinel = config.sentinel
        nodes = [(host, int(port)) for host, port in (node.rsplit(":", 1) for node in sentinel.nodes)]
        tls = _tls(config) if config.tls else {}
        watchers = Sentinel(nodes, sentinel_kwargs={"password": sentinel.password, **socket_options}, **tls)
        return watchers.master_for(
            sentinel.master, password=config.password, db=config.db, **socket_options, **retrying
        )
    options = {**socket_options, **retrying, "health_check_interval": 15, "max_connections": MAX_CONNECTIONS}
    options["timeout"] = TIMEOUT_SECONDS
    if target:
        if target.startswith("rediss://") and config.insecure_skip_verify:
            options["ssl_cert_reqs"] = ssl.CERT_NONE
        pool = aioredis.BlockingConnectionPool.from_url(target, **options)
    else:
        options.update(host=config.host or "127.0.0.1", port=config.port, password=config.password, db=config.db)
        if config.tls:
            options["connection_class"] = SSLConnection
            options["ssl_cert_reqs"] = _tls(config)["ssl_cert_reqs"]
        pool = aioredis.BlockingConnectionPool(**options)
    return aioredis.Redis(connection_pool=pool)


def _cluster(config: RedisConfig, url: str | None, options: dict[str, Any]) -> RedisCluster:
    """Any node of the cluster (URL or host/port) is enough: the client discovers the others."""
    options = {**options, "max_connections": MAX_CONNECTIONS}
    if url:
        if url.startswith("rediss://") and config.insecure_skip_verify:
            options["ssl_cert_reqs"] = ssl.CERT_NONE
        return RedisCluster.from_url(url, **options)
    tls = _tls(config) if config.tls else {}
    return RedisCluster(host=config.host or "127.0.0.1", port=config.port, password=config.password, **tls, **options)


def _tls(config: RedisConfig) -> dict[str, Any]:
    return {"ssl": True, "ssl_cert_reqs": ssl.CERT_NONE if config.insecure_skip_verify else ssl.CERT_REQUIRED}


def replica_ack(config: RedisConfig) -> ReplicaAck:
    return ReplicaAck(replicas=config.min_replicas_to_ack, timeout_ms=config.replica_ack_timeout_ms)
