"""The syntax tree (AST) of a Go text/template, shaped like text/template/parse's nodes.

Every node carries its source line so the code generator can name the line of a semantic error
(unknown function, undefined variable) the same way the parser names syntax errors.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Node:
    line: int


@dataclass(frozen=True)
class Text(Node):
    text: str


@dataclass(frozen=True)
class Dot(Node):
    """`.`: the current data value."""


@dataclass(frozen=True)
class Field(Node):
    """`.a.b`: a field path on the current data value."""

    names: tuple[str, ...]


@dataclass(frozen=True)
class Variable(Node):
    """`$x.a.b` (`$` alone is the root data)."""

    name: str
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Identifier(Node):
    """A function name."""

    name: str


@dataclass(frozen=True)
class Literal(Node):
    """A string, number, bool or nil constant."""

    value: str | int | float | bool | None


@dataclass(frozen=True)
class Chain(Node):
    """`(pipeline).a.b`: fields taken from a parenthesised pipeline."""

    operand: "Pipeline"
    names: tuple[str, ...]


@dataclass(frozen=True)
class Command(Node):
    """One stage of a pipeline: a function and its arguments, or a single operand."""

    args: tuple["Operand", ...]


@dataclass(frozen=True)
class Pipeline(Node):
    """`$a, $b := cmd | cmd`; `is_assign` is True for `=` (assign to an existing variable)."""

    declarations: tuple[Variable, ...]
    is_assign: bool
    commands: tuple[Command, ...]


Operand = Dot | Field | Variable | Identifier | Literal | Chain | Pipeline


@dataclass(frozen=True)
class Action(Node):
    """`{{ pipeline }}`: prints the value unless the pipeline declares or assigns variables."""

    pipeline: Pipeline


@dataclass(frozen=True)
class Branch(Node):
    """Shared shape of `if`, `with` and `range`: a pipeline, a body and an optional else body."""

    pipeline: Pipeline
    body: list[Node] = field(default_factory=list)
    else_body: list[Node] | None = None


@dataclass(frozen=True)
class If(Branch):
    pass


@dataclass(frozen=True)
class With(Branch):
    pass


@dataclass(frozen=True)
class Range(Branch):
    pass


@dataclass(frozen=True)
class Break(Node):
    pass


@dataclass(frozen=True)
class Continue(Node):
    pass
