"""Check a decoded AWS request body against botocore's service model, stricter than botocore itself.

botocore's client-side validator checks types, required members and minimums; AWS also enforces maximum
lengths, enums and patterns. A fake that accepts what AWS would refuse would let a bug through, so this
checks all of them and reports every problem with its member path.
"""

import re
from typing import Any

from botocore.model import ListShape, MapShape, Shape, StructureShape


def problems(value: Any, shape: Shape, path: str = "") -> list[str]:
    found: list[str] = []
    _check(value, shape, path or shape.name, found)
    return found


def _check(value: Any, shape: Shape, path: str, found: list[str]) -> None:
    kind = shape.type_name
    meta = shape.metadata
    if isinstance(shape, StructureShape):
        if not isinstance(value, dict):
            found.append(f"{path}: expected an object")
            return
        for name in shape.required_members:
            if name not in value:
                found.append(f"{path}.{name}: required")
        for name, item in value.items():
            if name not in shape.members:
                found.append(f"{path}.{name}: unknown member")
            else:
                _check(item, shape.members[name], f"{path}.{name}", found)
        if meta.get("union") and len(value) != 1:
            found.append(f"{path}: a union takes exactly one member")
        return
    if isinstance(shape, ListShape):
        if not isinstance(value, list):
            found.append(f"{path}: expected a list")
            return
        _bounds(len(value), meta, path, "length", found)
        for index, item in enumerate(value):
            _check(item, shape.member, f"{path}[{index}]", found)
        return
    if isinstance(shape, MapShape):
        if not isinstance(value, dict):
            found.append(f"{path}: expected a map")
            return
        for key, item in value.items():
            _check(key, shape.key, f"{path}<key {key}>", found)
            _check(item, shape.value, f"{path}.{key}", found)
        return
    if kind == "string":
        if not isinstance(value, str):
            found.append(f"{path}: expected a string")
            return
        _bounds(len(value), meta, path, "length", found)
        if shape.enum and value not in shape.enum:
            found.append(f"{path}: {value!r} not one of {shape.enum}")
        pattern = meta.get("pattern")
        if pattern and not re.search(pattern, value):
            found.append(f"{path}: {value!r} does not match {pattern}")
    elif kind in {"integer", "long"}:
        if not isinstance(value, int) or isinstance(value, bool):
            found.append(f"{path}: expected an integer")
            return
        _bounds(value, meta, path, "value", found)
    elif kind == "boolean" and not isinstance(value, bool):
        found.append(f"{path}: expected a boolean")
    elif kind == "timestamp" and not isinstance(value, int | float | str):
        found.append(f"{path}: expected a timestamp")


def _bounds(size: int, meta: dict[str, Any], path: str, what: str, found: list[str]) -> None:
    if "min" in meta and size < meta["min"]:
        found.append(f"{path}: {what} {size} below minimum {meta['min']}")
    if "max" in meta and size > meta["max"]:
        found.append(f"{path}: {what} {size} above maximum {meta['max']}")
