"""Our own model of an incident.io HTTP alert source event (`POST /v2/alert_events/http/{id}`).

Written from incident.io's public API reference (Alert Events V2, CreateHTTP): `status` (firing or
resolved) and `title` are required; `deduplication_key`, `description` (markdown), `metadata` (an object)
and `source_url` are optional; the request is authenticated with `Authorization: Bearer <API key>`; the
answer is 202 with `{status, message, deduplication_key}`; the API allows 1200 requests a minute per key.
No machine-readable copy of that reference is kept beside the repository, so nothing checks this model
against it automatically (see the note in tests/integration/backends/test_contract.py).
"""

from typing import Any

import jsonschema

STATUSES = ["firing", "resolved"]
REQUESTS_PER_MINUTE = 1200

EVENT: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["status", "title"],
    "properties": {
        "status": {"enum": STATUSES},
        "title": {"type": "string", "minLength": 1},
        "deduplication_key": {"type": "string", "minLength": 1},
        "description": {"type": "string"},
        "metadata": {"type": "object"},
        "source_url": {"type": "string", "pattern": "^https?://"},
    },
}
_VALIDATOR = jsonschema.Draft202012Validator(EVENT)


def event_problems(event: Any) -> list[str]:
    return sorted(f"{error.json_path}: {error.message}" for error in _VALIDATOR.iter_errors(event))
