"""The `redis` keys for Cluster, Sentinel and replica acknowledgement: parsed, defaulted, validated."""

import pytest

from versus.config import ConfigError, parse_config
from versus.config.model import SentinelConfig
from versus.store.connection import replica_ack


def test_sentinel_and_replica_ack_are_parsed() -> None:
    config = parse_config(
        "redis:\n"
        "  sentinel: {master: mymaster, nodes: ['10.0.0.1:26379', '10.0.0.2:26379'], password: s3cret}\n"
        "  min_replicas_to_ack: 1\n"
        "  replica_ack_timeout_ms: 250\n",
        source="t.yaml",
        env={},
    )
    assert config.redis.sentinel == SentinelConfig("mymaster", ["10.0.0.1:26379", "10.0.0.2:26379"], "s3cret")
    assert not config.redis.embedded
    ack = replica_ack(config.redis)
    assert (ack.replicas, ack.timeout_ms) == (1, 250)


def test_defaults_ask_for_no_replica_and_no_cluster() -> None:
    config = parse_config("redis:\n  url: redis://cache:6379\n  cluster: true\n", source="t.yaml", env={})
    assert config.redis.cluster
    assert (config.redis.min_replicas_to_ack, config.redis.sentinel) == (0, None)


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ("redis:\n  sentinel: {nodes: ['a:1']}\n", "redis.sentinel"),
        ("redis:\n  sentinel: {master: m, nodes: ['no-port']}\n", "redis.sentinel.nodes"),
        ("redis:\n  min_replicas_to_ack: -1\n", "redis.min_replicas_to_ack"),
    ],
)
def test_bad_values_name_their_key(body: str, where: str) -> None:
    with pytest.raises(ConfigError, match=where.replace(".", r"\.")):
        parse_config(body, source="t.yaml", env={})
