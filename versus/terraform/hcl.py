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
from typing import Any, TypeAlias

from versus.terraform import tree

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


@dataclass(frozen=True)
class RenderedFile:
    """A generated file's text, and the blocks the offline checks read, with the lines they stand on."""

    text: str
    blocks: list[tree.Block]


def render_file(blocks: Sequence[Block]) -> RenderedFile:
    """Top-level blocks separated by one empty line, ending in a newline; laid out and described in one pass."""
    writer = _Writer()
    described = []
    for index, block in enumerate(blocks):
        if index:
            writer.lines.append("")
        described.append(writer.block(block, 0))
    return RenderedFile("\n".join(writer.lines) + "\n" if writer.lines else "", described)


class _Writer:
    """Appends lines; each block and attribute is described with the 1-based line it starts on."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def block(self, block: Block, depth: int) -> tree.Block:
        header = " ".join([block.type, *(_string(label) for label in block.labels)])
        pad = INDENT * depth
        described = tree.Block(block.type, block.labels, line=len(self.lines) + 1)
        if not block.body:
            self.lines.append(f"{pad}{header} {{}}")
        else:
            self.lines.append(f"{pad}{header} {{")
            self.body(block.body, depth + 1, described)
            self.lines.append(f"{pad}}}")
        described.end_line = len(self.lines)
        return described

    def body(self, items: Sequence["tuple[str, Value] | Block | Blank"], depth: int, into: tree.Block | None) -> None:
        """Lines for a block's body (described into `into`) or an object's (`into` None: objects are values)."""
        pad = INDENT * depth
        group: list[tuple[str, str, Value]] = []

        def flush() -> None:
            width = max((len(key) for key, _, _ in group), default=0)
            for key, text, value in group:
                self.lines.append(f"{pad}{key.ljust(width)} = {text}")
                if into is not None:
                    into.attributes[key] = tree.Attribute(key, _described(value), len(self.lines))
            group.clear()

        for item in items:
            if isinstance(item, Blank):
                flush()
                self.lines.append("")
            elif isinstance(item, Block):
                flush()
                described = self.block(item, depth)
                if into is not None:
                    into.blocks.append(described)
            else:
                key, value = item
                rendered = _value_lines(value, depth)
                if len(rendered) == 1:
                    group.append((key, rendered[0], value))
                else:
                    flush()
                    self.lines.append(f"{pad}{key} = {rendered[0]}")
                    if into is not None:
                        into.attributes[key] = tree.Attribute(key, _described(value), len(self.lines))
                    self.lines.extend(rendered[1:])
        flush()


def _body_lines(items: Sequence["tuple[str, Value]"], depth: int) -> list[str]:
    """An object's `key = value` lines, aligned like a block's attributes."""
    writer = _Writer()
    writer.body(items, depth, None)
    return writer.lines


def _value_lines(value: Value, depth: int) -> list[str]:
    """The value's lines: the first follows `key = `, the rest carry their own indentation."""
    if _is_scalar(value):
        return [_scalar(value)]
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


def _described(value: Value) -> Any:
    """A value as python-hcl2 reads it back: strings unquoted (their `${`/`%{` escapes kept), expressions as
    "${…}", objects with their keys unquoted. A test checks this against python-hcl2 on generated modules."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Expr):
        return "${" + value.text + "}"
    if isinstance(value, str):
        return value.replace("${", "$${").replace("%{", "%%{")
    if isinstance(value, Mapping):
        return {key: _described(item) for key, item in value.items()}
    if isinstance(value, Sequence):
        return [_described(item) for item in value]
    return value


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
