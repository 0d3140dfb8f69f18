import copy
import logging
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.fakes.aws import FakeAwsServer, FakeAwsService, IncidentManagerState, incident_manager
from tests.support.receiver import Receiver
from tests.support.redis_server import RedisServer


@pytest.fixture(autouse=True)
def _logging_as_it_was() -> Iterator[None]:
    """A test that runs `versus` in-process sets up logging for the whole interpreter (handlers on the root
    logger, level INFO): undo it, so later tests that read a command's stdout see only the command's output."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """The suite's own real redis-server (AOF on, fsync always), shared by all tests in the session."""
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    return redis_server.url


@pytest.fixture
def key_prefix() -> str:
    """A fresh key prefix per test, so tests sharing one Redis never see each other's keys; hash-tagged
    as `versus.store.keys.Keys` makes it, so tests can spell a key the way the receiver writes it."""
    return "{" + f"test-{uuid.uuid4().hex[:12]}" + "}:"


@pytest.fixture
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


SEED_SPEC = Path(__file__).resolve().parent.parent / "examples" / "seed-teams.yaml"


@pytest.fixture
def seed_spec() -> str:
    """Path of the seed guide's scenario as a team spec."""
    return str(SEED_SPEC)


@pytest.fixture
def seed_data() -> dict[str, Any]:
    """A fresh, editable copy of the seed team spec, as the spec loader hands it over."""
    return copy.deepcopy(yaml.safe_load(SEED_SPEC.read_text(encoding="utf-8")))


@pytest.fixture
def write_spec(tmp_path: Path) -> Callable[[dict[str, Any]], Path]:
    """Write a spec dict to a file and return its path."""

    def write(data: dict[str, Any]) -> Path:
        path = tmp_path / "spec.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return path

    return write


@pytest.fixture
def fake_incident_manager() -> Iterator[tuple[FakeAwsService, IncidentManagerState, str]]:
    """A local ssm-incidents endpoint checked against botocore's model: (service, state, url)."""
    service, state = incident_manager()
    server = FakeAwsServer(service).start()
    yield service, state, server.url
    server.stop()
    assert not service.invalid, f"requests AWS would refuse: {service.invalid}"


@pytest.fixture
def make_receiver(tmp_path: Path) -> Iterator[Callable[..., Receiver]]:
    """Start `versus serve` processes; every one is stopped at the end of the test."""
    started: list[Receiver] = []

    def make(config_yaml: str, env: dict[str, str] | None = None, name: str = "receiver") -> Receiver:
        receiver = Receiver(config_yaml, tmp_path / name, env).start()
        started.append(receiver)
        return receiver

    yield make
    for receiver in started:
        receiver.stop()


def seed_config(redis_url: str, key_prefix: str, **overrides: Any) -> str:
    """The seed guide's config with the test's Redis, key prefix and any overrides merged in."""
    document = yaml.safe_load((Path(__file__).parent / "data" / "seed-config.yaml").read_text())
    document["redis"] = {"url": redis_url, "key_prefix": key_prefix}
    document["alert"]["slack"]["enable"] = False
    document["alert"]["slack"].pop("template_path")
    document["oncall"]["aws_incident_manager"]["region"] = "us-east-1"
    _merge(document, overrides)
    return yaml.safe_dump(document, sort_keys=False)


def _merge(target: dict[str, Any], overrides: dict[str, Any]) -> None:
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value
