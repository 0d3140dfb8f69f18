"""Terraform files as the offline checks read them: blocks and attributes that remember their line numbers.

Two producers build this shape: `parse` reads it from .tf text (hand-written and bundled modules), and the HCL
writer builds it while it lays out a file it generates, so the generator's own output is checked without
parsing back megabytes of text it has just written.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Attribute:
    """`name = value`; strings come without their quotes, expressions as "${…}" (python-hcl2's convention)."""

    name: str
    value: Any
    line: int


@dataclass
class Block:
    type: str
    labels: tuple[str, ...]
    line: int
    end_line: int = 0
    attributes: dict[str, Attribute] = field(default_factory=dict)
    blocks: list["Block"] = field(default_factory=list)

    def children(self, type_name: str) -> list["Block"]:
        return [block for block in self.blocks if block.type == type_name]


@dataclass(frozen=True)
class TfFile:
    path: Path
    blocks: list[Block]


def is_expression(value: Any) -> bool:
    """True for a value Terraform only knows at plan time (a reference, a function call, a template)."""
    return isinstance(value, str) and "${" in value
