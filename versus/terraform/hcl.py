"""Writing HCL the way `terraform fmt` lays it out.

The generator must produce files that pass `terraform fmt -check` without running Terraform (users of
`versus-gen` need not have it). This writer covers the subset the root module needs: blocks, attributes,
strings, numbers, booleans, null, lists, objects and raw expressions. Layout follows fmt: two-space indent,
and the `=` of consecutive single-line attributes aligned; an attribute whose value spans lines stands alone.
"""

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

INDENT = "  "
_BARE_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Expr:
    """A raw HCL expression written as is, such as `module.contacts.contact_arns["alice"]`."""

    text: str


Value: TypeAlias = "str | int | float | bool | Expr | Sequence[Value] | Mapping[str, Value] | None"


@dataclass(frozen=True)
class Blank:
    """An empty line between attributes or blocks."""


@dataclass
class Block:
    """`type "label" … { body }`; the body holds (name, value) attributes, nested blocks and blanks."""

    type: str
    labels: tuple[str, ...] = ()
    body: list["tuple[str, Value] | Block | Blank"] = field(default_factory=list)


def render_file(blocks: Sequence[Block]) -> str:
    """Top-level blocks separated by one empty line, ending in a newline."""
    return "\n".join("\n".join(_block_lines(block, 0)) + "\n" for block in blocks)


def _block_lines(block: Block, depth: int) -> list[str]:
    header = " ".join([block.type, *(_string(label) for label in block.labels)])
    pad = INDENT * depth
    if not block.body:
        return [f"{pad}{header} {{}}"]
    return [f"{pad}{header} {{", *_body_lines(block.body, depth + 1), f"{pad}}}"]


def _body_lines(items: Sequence["tuple[str, Value] | Block | Blank"], depth: int) -> list[str]:
    pad = INDENT * depth
    lines: list[str] = []
    group: list[tuple[str, str]] = []

    def flush() -> None:
        width = max((len(key) for key, _ in group), default=0)
        lines.extend(f"{pad}{key.ljust(width)} = {text}" for key, text in group)
        group.clear()

    for item in items:
        if isinstance(item, Blank):
            flush()
            lines.append("")
        elif isinstance(item, Block):
            flush()
            lines.extend(_block_lines(item, depth))
        else:
            key, value = item
            rendered = _value_lines(value, depth)
            if len(rendered) == 1:
                group.append((key, rendered[0]))
            else:
                flush()
                lines.append(f"{pad}{key} = {rendered[0]}")
                lines.extend(rendered[1:])
    flush()
    return lines


def _value_lines(value: Value, depth: int) -> list[str]:
    """The value's lines: the first follows `key = `, the rest carry their own indentation."""
    pad = INDENT * depth
    if isinstance(value, Mapping):
        if not value:
            return ["{}"]
        items = [(_key(key), item) for key, item in value.items()]
        return ["{", *_body_lines(items, depth + 1), f"{pad}}}"]
    if isinstance(value, Sequence) and not isinstance(value, str):
        if not value:
            return ["[]"]
        if all(_is_scalar(item) for item in value):
            return ["[" + ", ".join(_value_lines(item, depth)[0] for item in value) + "]"]
        lines = ["["]
        for item in value:
            rendered = _value_lines(item, depth + 1)
            lines.append(f"{INDENT * (depth + 1)}{rendered[0]}")
            lines.extend(rendered[1:])
            lines[-1] += ","
        return [*lines, f"{pad}]"]
    return [_scalar(value)]


def _is_scalar(value: Value) -> bool:
    return value is None or isinstance(value, str | int | float | bool | Expr)


def _scalar(value: Value) -> str:
    if isinstance(value, Expr):
        return value.text
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, str):
        return _string(value)
    raise TypeError(f"not an HCL scalar: {value!r}")


def _string(text: str) -> str:
    """A quoted HCL string; `${` and `%{` are escaped so spec text can never become an interpolation."""
    escaped = json.dumps(text, ensure_ascii=False)
    return escaped.replace("${", "$${").replace("%{", "%%{")


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _string(key)
