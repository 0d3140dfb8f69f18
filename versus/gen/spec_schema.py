"""Validating a team spec against its JSON Schema, with every error named by key path and value.

jsonschema-rs (compiled, in Rust) answers whether a spec is valid in milliseconds, where the Python
jsonschema takes seconds on a large company's spec; only a spec it refuses is walked again by the Python
validator, whose errors carry what the messages below need. Both read the same schema file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, ValidationError

from versus.gen.problems import Problem, key_path

SCHEMA_RESOURCE = "team_spec.schema.json"


@cache
def team_spec_schema() -> dict[str, Any]:
    """The schema shipped in this package (draft 2020-12)."""
    text = resources.files("versus.gen").joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _fast_validator() -> jsonschema_rs.Draft202012Validator:
    return jsonschema_rs.Draft202012Validator(team_spec_schema())


@cache
def _validator() -> Draft202012Validator:
    schema = team_spec_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_problems(data: Any, source: str) -> list[Problem]:
    """All schema violations at once, sorted by key path so the report reads top to bottom."""
    if _fast_validator().is_valid(data):
        return []
    problems = [problem for error in _validator().iter_errors(data) for problem in _explain(error, source)]
    return sorted(problems, key=lambda problem: (problem.path, problem.message))


def _explain(error: ValidationError, source: str) -> Iterator[Problem]:
    """jsonschema's messages, reworded where they would hide the key at fault."""
    parts = list(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    closed = schema.get("additionalProperties") is False
    if error.validator == "additionalProperties" and closed and isinstance(error.instance, dict):
        known = set(schema.get("properties", {}))
        for key in sorted(set(error.instance) - known, key=str):
            yield Problem(source, key_path([*parts, str(key)]), "unknown key")
        return
    if error.validator == "required" and isinstance(error.validator_value, list):
        instance = error.instance if isinstance(error.instance, dict) else {}
        for key in error.validator_value:
            if key not in instance:
                yield Problem(source, key_path([*parts, key]), "required key is missing")
        return
    yield Problem(source, key_path(parts), error.message)
