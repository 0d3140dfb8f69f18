"""Our own model of a PagerDuty Events API v2 alert event (`POST /v2/enqueue`), as a JSON Schema.

Written from the documented facts (developer docs: routing_key is the 32-character integration key,
dedup_key at most 255 characters and needed for acknowledge/resolve, payload.summary at most 1024,
payload summary/source/severity required for a trigger, links need an href, images an https src, 512 KB per
event). It is stricter than PagerDuty's published OpenAPI document, which holds none of those limits;
tests/integration/backends/test_contract.py checks that every field, enum and requirement here agrees
with that document where both say something.
"""

from typing import Any

import jsonschema

EVENT_ACTIONS = ["trigger", "acknowledge", "resolve"]
SEVERITIES = ["critical", "error", "warning", "info"]
ROUTING_KEY_LENGTH = 32
DEDUP_KEY_LIMIT = 255
SUMMARY_LIMIT = 1024
EVENT_BYTES_LIMIT = 512 * 1024

PAYLOAD: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["summary", "source", "severity"],
    "properties": {
        "summary": {"type": "string", "minLength": 1, "maxLength": SUMMARY_LIMIT},
        "source": {"type": "string", "minLength": 1},
        "severity": {"enum": SEVERITIES},
        "timestamp": {"type": "string", "format": "date-time"},
        "component": {"type": "string"},
        "group": {"type": "string"},
        "class": {"type": "string"},
        "custom_details": {"type": "object"},
    },
}
LINK: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["href"],
    "properties": {"href": {"type": "string", "pattern": "^https?://"}, "text": {"type": "string"}},
}
IMAGE: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["src"],
    "properties": {
        "src": {"type": "string", "pattern": "^https://"},
        "href": {"type": "string"},
        "alt": {"type": "string"},
    },
}
EVENT: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["routing_key", "event_action"],
    "properties": {
        "routing_key": {"type": "string", "minLength": ROUTING_KEY_LENGTH, "maxLength": ROUTING_KEY_LENGTH},
        "event_action": {"enum": EVENT_ACTIONS},
        "dedup_key": {"type": "string", "minLength": 1, "maxLength": DEDUP_KEY_LIMIT},
        "payload": PAYLOAD,
        "client": {"type": "string"},
        "client_url": {"type": "string", "pattern": "^https?://"},
        "links": {"type": "array", "items": LINK},
        "images": {"type": "array", "items": IMAGE},
    },
    "allOf": [
        {"if": {"properties": {"event_action": {"const": "trigger"}}}, "then": {"required": ["payload"]}},
        {
            "if": {"properties": {"event_action": {"enum": ["acknowledge", "resolve"]}}},
            "then": {"required": ["dedup_key"]},
        },
    ],
}
_VALIDATOR = jsonschema.Draft202012Validator(EVENT, format_checker=jsonschema.FormatChecker())


def event_problems(event: Any) -> list[str]:
    """Every way `event` breaks the model, each with its JSON path; [] for a valid event."""
    return sorted(f"{error.json_path}: {error.message}" for error in _VALIDATOR.iter_errors(event))
