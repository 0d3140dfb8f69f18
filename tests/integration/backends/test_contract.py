"""Contract: our models of PagerDuty's Events API v2 (tests/fakes/pagerduty_model.py) and of the REST calls
that apply overrides (tests/fakes/pagerduty_rest_model.py) against PagerDuty's own OpenAPI documents, and
the events the provider builds against the Events API document.

The OpenAPI document lives in the shared reference folder beside the repository, never in it. What this
cannot prove: the document has no length limits (routing_key 32, dedup_key 255, summary 1024), no 512 KB
limit, no rate limit and no body for 400/429, so those parts of our model rest on the developer docs alone;
nor can it prove how PagerDuty deduplicates. incident.io publishes no machine-readable document that we keep,
so its model (tests/fakes/incident_io_model.py) is checked by nothing but its tests.
"""

import json
from typing import Any

import jsonschema
import pytest

from tests.fakes import pagerduty_model, pagerduty_rest_model
from tests.fakes.pagerduty import FakePagerDuty
from tests.support.shared import shared_file
from versus.oncall.providers.pagerduty import follow_up_event, trigger_event

KEY = "R0UT1NGKEYDEFAULT000000000000001"


@pytest.fixture(scope="module")
def openapi() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(shared_file("pagerduty", "events-v2-openapi.json").read_text())
    return document


def inline(node: Any, document: dict[str, Any]) -> Any:
    """The schema with every local `$ref` replaced by its target, so jsonschema can use it alone."""
    if isinstance(node, dict):
        if "$ref" in node:
            target: Any = document
            for part in node["$ref"].removeprefix("#/").split("/"):
                key = part.replace("~1", "/").replace("~0", "~")
                target = target[int(key)] if isinstance(target, list) else target[key]
            return inline(target, document)
        return {key: inline(value, document) for key, value in node.items()}
    if isinstance(node, list):
        return [inline(item, document) for item in node]
    return node


def request_schema(openapi: dict[str, Any]) -> dict[str, Any]:
    body = openapi["paths"]["/enqueue"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    schema: dict[str, Any] = inline(body, openapi)
    return schema


def test_the_endpoint_is_where_the_provider_posts(openapi):
    assert openapi["servers"][0]["url"].rstrip("/") + "/enqueue" == "https://events.pagerduty.com/v2/enqueue"
    assert "202" in openapi["paths"]["/enqueue"]["post"]["responses"]


def test_our_event_has_exactly_the_documented_fields_and_requirements(openapi):
    theirs = request_schema(openapi)
    ours = pagerduty_model.EVENT
    assert set(ours["properties"]) == set(theirs["properties"])
    assert set(theirs["required"]) <= set(ours["required"])
    assert ours["properties"]["event_action"]["enum"] == theirs["properties"]["event_action"]["enum"]
    for name, prop in theirs["properties"].items():
        if prop.get("type") in ("string", "object"):
            assert ours["properties"][name]["type"] == prop["type"], name


def test_our_payload_links_and_images_match_the_document(openapi):
    theirs = request_schema(openapi)["properties"]
    pairs = [
        (pagerduty_model.PAYLOAD, theirs["payload"]),
        (pagerduty_model.LINK, theirs["links"]["items"]),
        (pagerduty_model.IMAGE, theirs["images"]["items"]),
    ]
    for ours, documented in pairs:
        assert set(ours["properties"]) == set(documented["properties"])
        assert set(ours["required"]) == set(documented["required"])
        for name, prop in documented["properties"].items():
            if "type" in prop:
                assert ours["properties"][name]["type"] == prop["type"], name
    assert sorted(pagerduty_model.SEVERITIES) == sorted(theirs["payload"]["properties"]["severity"]["enum"])


def test_every_event_the_provider_builds_is_valid_for_the_document(openapi):
    validator = jsonschema.Draft4Validator(request_schema(openapi))
    incident = {
        "id": "abc",
        "created_at": 1_764_000_000_000,
        "payload": {"alerts": [{"labels": {"alertname": "Disk"}, "generatorURL": "https://prom/graph"}]},
        "summary": {"severity": "warning", "alertname": "Disk"},
        "decision": {"response_plan": "default"},
        "incident_arn": "versus-abc",
    }
    events = [
        trigger_event(incident, KEY, default_severity="critical", public_host="https://versus.example"),
        follow_up_event(incident, KEY, "acknowledge"),
        follow_up_event(incident, KEY, "resolve"),
    ]
    for event in events:
        assert list(validator.iter_errors(event)) == []
        assert pagerduty_model.event_problems(event) == []


def test_the_fakes_success_answer_is_the_documented_one(openapi):
    success = openapi["components"]["responses"]["Success"]["content"]["application/json"]["schema"]
    fake = FakePagerDuty()
    event = {"routing_key": KEY, "event_action": "trigger", "dedup_key": "k"}
    event["payload"] = {"summary": "s", "source": "h", "severity": "info"}
    status, body = fake.handle("POST", "/v2/enqueue", {}, json.dumps(event).encode())
    assert status == 202
    assert list(jsonschema.Draft4Validator(inline(success, openapi)).iter_errors(body)) == []


@pytest.fixture(scope="module")
def rest_openapi() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(shared_file("pagerduty", "rest-subset-openapi.json").read_text())
    return document


def merged(schema: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """Properties and required names of an (allOf-composed, inlined) object schema."""
    properties: dict[str, Any] = dict(schema.get("properties", {}))
    required = set(schema.get("required", []))
    for part in schema.get("allOf", []):
        more, needed = merged(part)
        properties.update(more)
        required |= needed
    return properties, required


def test_our_override_request_model_fits_the_rest_document(rest_openapi):
    operation = rest_openapi["paths"]["/schedules/{id}/overrides"]["post"]
    body = inline(operation["requestBody"]["content"]["application/json"]["schema"], rest_openapi)
    assert set(pagerduty_rest_model.CREATE_OVERRIDES["properties"]) == set(body["properties"])
    override, override_required = merged(body["properties"]["overrides"]["items"])
    ours = pagerduty_rest_model.OVERRIDE
    assert set(ours["properties"]) <= {name for name, prop in override.items() if not prop.get("readOnly")}
    assert override_required <= set(ours["required"])
    user, user_required = merged(override["user"])
    assert set(pagerduty_rest_model.USER_REFERENCE["properties"]) <= set(user)
    assert user_required <= set(pagerduty_rest_model.USER_REFERENCE["required"])
    assert [pagerduty_rest_model.USER_REFERENCE["properties"]["type"]["const"]] == user["type"]["enum"]


def test_the_query_parameters_we_send_are_documented(rest_openapi):
    for path, names in pagerduty_rest_model.QUERY_PARAMETERS.items():
        operation = rest_openapi["paths"][path]["get"]
        documented = {
            parameter["name"]
            for parameter in inline(operation.get("parameters", []), rest_openapi)
            if parameter["in"] == "query"
        }
        assert names <= documented, (path, names - documented)
