"""A real `versus serve` with the console on, its AWS calls going to the local fake ssm-incidents."""

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import SEED_SPEC, seed_config
from tests.fakes.aws import FakeAwsServer, FakeAwsService, incident_manager
from tests.support.receiver import Receiver
from tests.support.redis_server import RedisServer
from versus.console.passwords import hash_password
from versus.oncall.providers.aws_incident_manager import client_token
from versus.store.keys import Keys

PASSWORD = "correct horse battery staple"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@cache
def password_hash() -> str:
    return hash_password(PASSWORD)


def console_section(**overrides: Any) -> dict[str, Any]:
    section: dict[str, Any] = {
        "enable": True,
        "spec": str(SEED_SPEC),
        "users": [
            {"name": "alice", "password_hash": password_hash(), "role": "responder"},
            {"name": "victor", "password_hash": password_hash(), "role": "viewer"},
        ],
        "proxy": {"trusted_addresses": ["10.99.0.0/16"]},
    }
    section.update(overrides)
    return section


@dataclass
class Console:
    receiver: Receiver
    aws: FakeAwsService
    redis_url: str
    keys: Keys

    def pages_started(self, incident_id: str) -> int:
        """StartIncident calls the fake AWS got for this incident (other tests share the receiver)."""
        return sum(
            1 for body in self.aws.calls_of("StartIncident") if body.get("clientToken") == client_token(incident_id)
        )


@contextmanager
def running_console(redis_server: RedisServer, workdir: Path, public_host: str, **console: Any) -> Iterator[Console]:
    service, _ = incident_manager()
    aws = FakeAwsServer(service).start()
    keys = Keys(f"test-{uuid.uuid4().hex[:12]}:")
    config = seed_config(redis_server.url, keys.prefix, public_host=public_host, console=console_section(**console))
    receiver = Receiver(config, workdir, {"AWS_ENDPOINT_URL_SSM_INCIDENTS": aws.url})
    try:
        yield Console(receiver.start(), service, redis_server.url, keys)
    finally:
        receiver.stop()
        aws.stop()
    assert not service.invalid, f"requests AWS would refuse: {service.invalid}"


@pytest.fixture(scope="package")
def console(redis_server: RedisServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    """One receiver with the console on, shared by the console tests (starting one takes seconds).

    Its proxy setting trusts 10.99.0.0/16 only, so identity headers from the tests (127.0.0.1) are refused.
    """
    with running_console(redis_server, tmp_path_factory.mktemp("console"), "http://127.0.0.1") as running:
        yield running


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "the page has a form with a CSRF token"
    return found.group(1)


def log_in(receiver: Receiver, user: str = "alice", password: str = PASSWORD) -> httpx.Client:
    """A client holding a console session (the login form's own CSRF cookie and token included)."""
    client = httpx.Client(base_url=receiver.url, timeout=10)
    form = client.get("/ui/login")
    answer = client.post("/ui/login", data={"csrf": csrf_of(form.text), "user": user, "password": password})
    assert answer.status_code == 303, answer.text
    return client
