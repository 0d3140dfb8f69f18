"""A real Redis Cluster and a real Sentinel setup for the session, and a receiver wired to either."""

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
import yaml

from tests.conftest import seed_config
from tests.fakes.aws import FakeAwsService, IncidentManagerState
from tests.fakes.slack import FakeSlack
from tests.support.receiver import Receiver
from tests.support.redis_cluster import ClusterSetup, SentinelSetup


@pytest.fixture(scope="session")
def redis_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ClusterSetup]:
    cluster = ClusterSetup(tmp_path_factory.mktemp("cluster")).start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def redis_sentinel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SentinelSetup]:
    setup = SentinelSetup(tmp_path_factory.mktemp("sentinel")).start()
    yield setup
    setup.stop()


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.fixture
def distributed_receiver(
    make_receiver: Callable[..., Receiver],
    key_prefix: str,
    fake_incident_manager: tuple[FakeAwsService, IncidentManagerState, str],
    fake_slack: FakeSlack,
    tmp_path: Path,
    repo_root: Path,
) -> Callable[..., Receiver]:
    """`versus serve` with Slack on (the fake), on-call on (the fake AWS) and the given `redis` section."""
    _, _, aws_url = fake_incident_manager

    def start(redis_section: dict[str, Any], name: str = "receiver") -> Receiver:
        workdir = tmp_path / name
        (workdir / "config").mkdir(parents=True, exist_ok=True)
        shutil.copy(repo_root / "config" / "slack_message.tmpl", workdir / "config" / "slack_message.tmpl")
        slack = {"enable": True, "api_url": fake_slack.url, "template_path": "config/slack_message.tmpl"}
        document = yaml.safe_load(seed_config("redis://unused", key_prefix, alert={"slack": slack}))
        document["redis"] = {"key_prefix": key_prefix, **redis_section}
        env = {"AWS_ENDPOINT_URL_SSM_INCIDENTS": aws_url}
        return make_receiver(yaml.safe_dump(document, sort_keys=False), env=env, name=name)

    return start


@pytest.fixture
def sentinel_client(redis_sentinel: SentinelSetup) -> Iterator[redis.Redis]:
    client = redis.Redis(port=redis_sentinel.primary.port, decode_responses=True)
    yield client
    client.close()
