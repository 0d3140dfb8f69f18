"""A local ssm-contacts endpoint for `versus-gen override`: model-checked requests, AWS-like overrides."""

import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.aws import FakeAwsServer, FakeAwsService


class RotationOverrideState:
    """Rotation overrides as AWS keeps them: one per IdempotencyToken, listed by overlap, a page at a time.

    The page size is small so that two or three overrides already need NextToken.
    """

    page_size = 2

    def __init__(self) -> None:
        self.overrides: dict[str, dict[str, Any]] = {}
        self.by_token: dict[str, str] = {}
        self.lock = threading.Lock()

    def create(self, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            token = body.get("IdempotencyToken")
            if token in self.by_token:
                return {"RotationOverrideId": self.by_token[token]}
            override_id = str(uuid.uuid4())
            self.overrides[override_id] = {
                "RotationArn": body["RotationId"],
                "RotationOverrideId": override_id,
                "NewContactIds": body["NewContactIds"],
                "StartTime": body["StartTime"],
                "EndTime": body["EndTime"],
                "CreateTime": time.time(),
            }
            if token:
                self.by_token[token] = override_id
            return {"RotationOverrideId": override_id}

    def list(self, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            matching = sorted(
                (
                    o
                    for o in self.overrides.values()
                    if o["RotationArn"] == body["RotationId"]
                    and o["StartTime"] < body["EndTime"]
                    and o["EndTime"] > body["StartTime"]
                ),
                key=lambda o: o["StartTime"],
            )
        offset = int(body.get("NextToken") or 0)
        size = body.get("MaxResults") or self.page_size
        page = [{k: v for k, v in o.items() if k != "RotationArn"} for o in matching[offset : offset + size]]
        response: dict[str, Any] = {"RotationOverrides": page}
        if offset + size < len(matching):
            response["NextToken"] = str(offset + size)
        return response

    def delete(self, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            self.overrides.pop(body["RotationOverrideId"], None)
        return {}


@dataclass
class FakeSsmContacts:
    service: FakeAwsService
    state: RotationOverrideState
    url: str


@pytest.fixture
def ssm_contacts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeSsmContacts]:
    """The fake on a loopback port, with boto3 pointed at it through its own environment settings."""
    state = RotationOverrideState()
    service = FakeAwsService(
        "ssm-contacts",
        handlers={
            "CreateRotationOverride": state.create,
            "ListRotationOverrides": state.list,
            "DeleteRotationOverride": state.delete,
        },
    )
    server = FakeAwsServer(service).start()
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    monkeypatch.setenv("AWS_ENDPOINT_URL_SSM_CONTACTS", server.url)
    yield FakeSsmContacts(service, state, server.url)
    server.stop()
    assert not service.invalid, f"requests AWS would refuse: {service.invalid}"
