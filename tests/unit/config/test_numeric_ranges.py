"""Every numeric setting has a range, checked at load: the extremes load, one step past them is a load error
that names the key path (a value that validates must never break intake later)."""

import json
from importlib import resources
from typing import Any

import pytest
import yaml

from versus.config import ConfigError, parse_config

# key path, smallest accepted, largest accepted, just below, just above
EXTREMES: list[tuple[str, Any, Any, Any, Any]] = [
    ("port", 1, 65535, 0, 65536),
    ("workers", 1, 64, 0, 65),
    ("alert.max_body_bytes", 1024, 104857600, 1023, 104857601),
    ("alert.delivery.give_up_after_seconds", 0.001, 604800, 0, 604800.5),
    ("alert.delivery.max_backoff_seconds", 0.001, 3600, 0, 3600.5),
    ("oncall.wait_minutes", 0, 1440, -0.5, 1440.5),
    ("oncall.ack_expiry_hours", 0.01, 720, 0, 720.5),
    ("redis.port", 1, 65535, 0, 65536),
    ("redis.port", "1", "65535", "0", "65536"),
    ("redis.db", 0, 15, -1, 16),
    ("history.retention_days", 0.001, 3650, 0, 3650.5),
]


def document(path: str, value: Any) -> str:
    *parents, leaf = path.split(".")
    root: dict[str, Any] = {}
    node = root
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value
    return yaml.safe_dump(root)


def setting(config: Any, path: str) -> Any:
    for part in path.split("."):
        config = getattr(config, part)
    return config


@pytest.mark.parametrize(("path", "low", "high", "below", "above"), EXTREMES)
def test_the_extremes_load_and_one_step_past_is_an_error_at_the_key(path, low, high, below, above) -> None:
    for accepted in (low, high):
        config = parse_config(document(path, accepted), source="c.yaml", env={})
        assert setting(config, path) == (int(accepted) if isinstance(accepted, str) else accepted)
    for refused in (below, above):
        with pytest.raises(ConfigError) as error:
            parse_config(document(path, refused), source="c.yaml", env={})
        lines = str(error.value).splitlines()
        assert lines[0] == "c.yaml: invalid configuration:"
        assert lines[1].startswith(f"  - {path}: ")
        assert len(lines) == 2


def test_retention_days_above_the_old_breaking_point_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"history\.retention_days: 20801 is greater than the maximum of 3650"):
        parse_config("history: {retention_days: 20801}", source="c.yaml", env={})


def numeric_keys(schema: dict[str, Any], path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found = []
    for name, child in schema.get("properties", {}).items():
        key = f"{path}.{name}" if path else name
        types = child.get("type", [])
        if {"integer", "number"} & set(types if isinstance(types, list) else [types]):
            found.append((key, child))
        found += numeric_keys(child, key)
    return found


def test_every_numeric_setting_has_a_maximum() -> None:
    schema = json.loads(resources.files("versus.config").joinpath("schema.json").read_text(encoding="utf-8"))
    keys = numeric_keys(schema)
    assert {key for key, _ in keys} >= {path for path, *_ in EXTREMES}
    assert [key for key, child in keys if "maximum" not in child] == []
