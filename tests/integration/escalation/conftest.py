from collections.abc import Callable

import pytest
import redis

from tests.conftest import seed_config
from tests.support.receiver import Receiver
from versus.oncall.ack import AckSigner


@pytest.fixture
def oncall_receiver(make_receiver, redis_url, key_prefix, fake_incident_manager) -> Callable[..., Receiver]:
    """Start a receiver on the seed's config whose AWS calls go to the local fake ssm-incidents."""
    _, _, aws_url = fake_incident_manager

    def start(name: str = "receiver", **overrides: object) -> Receiver:
        env = {"AWS_ENDPOINT_URL_SSM_INCIDENTS": aws_url}
        return make_receiver(seed_config(redis_url, key_prefix, **overrides), env=env, name=name)

    return start


@pytest.fixture
def signer(redis_url, key_prefix) -> Callable[[], AckSigner]:
    """Sign ack links with the secret the receivers generated and keep in Redis."""

    def make() -> AckSigner:
        secret = redis.Redis.from_url(redis_url).get(f"{key_prefix}ack_secret")
        assert secret, "the receiver keeps its generated ack secret in Redis"
        return AckSigner(secret, "https://versus.example.com", 24)

    return make
