from collections.abc import Callable

import pytest

from tests.conftest import seed_config
from tests.support.receiver import Receiver


@pytest.fixture
def drill_receiver(make_receiver, redis_url, key_prefix, fake_incident_manager) -> Callable[..., Receiver]:
    """A receiver on the seed's config (or `config_yaml`) whose AWS calls go to the local fake ssm-incidents."""
    _, _, aws_url = fake_incident_manager

    def start(config_yaml: str | None = None, **overrides: object) -> Receiver:
        config = config_yaml or seed_config(redis_url, key_prefix, **overrides)
        return make_receiver(config, env={"AWS_ENDPOINT_URL_SSM_INCIDENTS": aws_url})

    return start
