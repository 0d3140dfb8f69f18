"""Our own model of the PagerDuty REST API calls `versus-gen override apply` makes (the REST subset).

From PagerDuty's REST API reference: requests carry `Authorization: Token token=<key>` and
`Accept: application/vnd.pagerduty+json;version=2`; list endpoints take `query`, `limit` and `offset`
and answer `{<items>, limit, offset, more}`; `GET /schedules/{id}/overrides` takes `since` and `until`;
`POST /schedules/{id}/overrides` takes `{"overrides": [{start, end, user: {id, type: user_reference}}]}`
and answers 201 with one `{status, override}` per override. tests/integration/backends/test_contract.py
checks the POST body model and the query parameter names against the REST subset's OpenAPI document.
"""

from typing import Any

import jsonschema

ACCEPT = "application/vnd.pagerduty+json;version=2"
QUERY_PARAMETERS = {
    "/schedules": {"query", "limit", "offset"},
    "/users": {"query", "limit", "offset"},
    "/schedules/{id}/overrides": {"since", "until"},
}
USER_REFERENCE: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "type"],
    "properties": {"id": {"type": "string", "minLength": 1}, "type": {"const": "user_reference"}},
}
OVERRIDE: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["start", "end", "user"],
    "properties": {
        "start": {"type": "string", "format": "date-time"},
        "end": {"type": "string", "format": "date-time"},
        "user": USER_REFERENCE,
    },
}
CREATE_OVERRIDES: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["overrides"],
    "properties": {"overrides": {"type": "array", "minItems": 1, "items": OVERRIDE}},
}
_VALIDATOR = jsonschema.Draft202012Validator(CREATE_OVERRIDES, format_checker=jsonschema.FormatChecker())


def create_overrides_problems(body: Any) -> list[str]:
    return sorted(f"{error.json_path}: {error.message}" for error in _VALIDATOR.iter_errors(body))
