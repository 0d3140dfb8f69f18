"""A local fake of AWS JSON APIs (ssm-incidents, ssm-contacts) that boto3 reaches over HTTP.

boto3 is pointed at it through its own endpoint settings (`AWS_ENDPOINT_URL_SSM_INCIDENTS`, …). Every
request is matched to its operation by the service model (REST path or X-Amz-Target), its body checked
against the model (tests/fakes/model_check.py), recorded, and answered by a handler. Tests can make the
next calls throttle, fail with 500 or be denied.
"""

import json
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import botocore.session
from botocore.model import OperationModel, ServiceModel

from tests.fakes.json_api import JsonApiServer
from tests.fakes.model_check import problems

Handler = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass
class Call:
    operation: str
    body: dict[str, Any]


@dataclass
class Failure:
    status: int
    code: str
    message: str


@dataclass
class FakeAwsService:
    service_name: str
    handlers: dict[str, Handler] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    _failures: list[Failure] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _holds: int = 0
    _released: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.model: ServiceModel = botocore.session.get_session().get_service_model(self.service_name)
        self._by_path = {}
        self._by_target = {}
        prefix = self.model.metadata.get("targetPrefix")
        for name in self.model.operation_names:
            operation = self.model.operation_model(name)
            if self.model.protocol == "rest-json":
                self._by_path[(operation.http["method"], operation.http["requestUri"])] = operation
            else:
                self._by_target[f"{prefix}.{name}"] = operation

    def fail_next(self, count: int, status: int, code: str, message: str = "injected by the test") -> None:
        with self._lock:
            self._failures.extend(Failure(status, code, message) for _ in range(count))

    def throttle_next(self, count: int) -> None:
        self.fail_next(count, 400, "ThrottlingException", "Rate exceeded")

    def deny_next(self, count: int) -> None:
        self.fail_next(count, 403, "AccessDeniedException", "not authorized to perform ssm-incidents:StartIncident")

    def hold_next(self, count: int) -> None:
        """Leave the next `count` calls unanswered (a hung back end) until `release_held`."""
        with self._lock:
            self._holds += count

    def release_held(self) -> None:
        self._released.set()

    def calls_of(self, operation: str) -> list[dict[str, Any]]:
        with self._lock:
            return [call.body for call in self.calls if call.operation == operation]

    def handle(self, method: str, path: str, target: str | None, raw: bytes) -> tuple[int, dict[str, Any]]:
        operation = self._operation(method, path, target)
        if operation is None:
            return 404, {"__type": "UnknownOperationException", "message": f"{method} {path} {target}"}
        body = json.loads(raw or b"{}")
        found = problems(body, operation.input_shape) if operation.input_shape else []
        with self._lock:
            self.calls.append(Call(operation.name, body))
            if found:
                self.invalid.extend(found)
                return 400, {"__type": "ValidationException", "message": "; ".join(found)}
            if self._failures:
                failure = self._failures.pop(0)
                return failure.status, {"__type": failure.code, "message": failure.message}
            handler = self.handlers.get(operation.name)
            held = self._holds > 0
            self._holds -= held
        if held:
            self._released.wait(timeout=60)
        if handler is None:
            return 501, {"__type": "NotImplemented", "message": f"fake has no handler for {operation.name}"}
        return 200, handler(body)

    def _operation(self, method: str, path: str, target: str | None) -> OperationModel | None:
        if target:
            return self._by_target.get(target)
        return self._by_path.get((method, path.split("?", 1)[0]))


class IncidentManagerState:
    """ssm-incidents StartIncident and UpdateIncidentRecord, idempotent on clientToken like AWS."""

    def __init__(self, account: str = "123456789012", region: str = "us-east-1") -> None:
        self.account = account
        self.region = region
        self.by_token: dict[str, str] = {}
        self.records: dict[str, dict[str, Any]] = {}
        self.lock = threading.Lock()

    def start_incident(self, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            token = body.get("clientToken") or uuid.uuid4().hex
            arn = self.by_token.get(token)
            if arn is None:
                plan = body["responsePlanArn"].rsplit("/", 1)[-1]
                arn = f"arn:aws:ssm-incidents::{self.account}:incident-record/{plan}/{uuid.uuid4().hex}"
                self.by_token[token] = arn
                self.records[arn] = {"status": "OPEN", "request": body}
            return {"incidentRecordArn": arn}

    def update_incident_record(self, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            self.records[body["arn"]]["status"] = body.get("status", "OPEN")
        return {}


class FakeAwsServer(JsonApiServer):
    """An HTTP server on a free loopback port serving one fake service per instance."""

    def __init__(self, service: FakeAwsService) -> None:
        self.service = service
        super().__init__(
            lambda method, path, headers, raw: service.handle(method, path, headers.get("x-amz-target"), raw),
            content_type="application/x-amz-json-1.1",
            extra_headers=_aws_headers,
        )


def _aws_headers(status: int, body: dict[str, Any]) -> dict[str, str]:
    headers = {"x-amzn-RequestId": uuid.uuid4().hex}
    if status >= 400:
        headers["x-amzn-ErrorType"] = body["__type"]
    return headers


def incident_manager() -> tuple[FakeAwsService, IncidentManagerState]:
    state = IncidentManagerState()
    service = FakeAwsService(
        "ssm-incidents",
        handlers={"StartIncident": state.start_incident, "UpdateIncidentRecord": state.update_incident_record},
    )
    return service, state
