"""Code generator: Go template syntax tree to Jinja2 source for the sandboxed environment.

Go's meaning is kept by construction rather than by resemblance:
- every field access, comparison and function goes through the helpers in `functions` (registered as
  `go_*`/`fn_*` globals), so map lookups, truthiness and printing are Go's, not Jinja's;
- the data is one context variable (`root`), so payload keys can never shadow a helper;
- Go variables are resolved here, at compile time, with Go's block scoping; each declaration becomes a
  unique attribute of one Jinja namespace (`ns.v3`), which is what lets `$x = ...` inside a `range`
  change a variable declared outside it (plain Jinja `set` would be loop-local);
- `and`/`or`/`not` become Python's operators, which short-circuit and return an operand exactly like
  Go's, under the same truthiness (empty string, 0, empty list/map, nil are false).
"""

import math

from versus.notify.templates.errors import TemplateError
from versus.notify.templates.functions import COMMON, FUNCTION_SETS, global_name
from versus.notify.templates.nodes import (
    Action,
    Branch,
    Break,
    Chain,
    Command,
    Continue,
    Dot,
    Field,
    Identifier,
    If,
    Literal,
    Node,
    Operand,
    Pipeline,
    Range,
    Text,
    Variable,
    With,
)
from versus.notify.templates.parser import parse

ROOT = "root"
"""The context variable a compiled template reads its data from."""
ENV = "go_env"
"""The context variable holding the environment variables `env` may read."""
_INSTEAD = {
    "include": "inline the text: define/template/include are not supported",
    "tpl": "inline the text: templates are never built from data",
    "toYaml": "use toJson",
    "trunc": "use truncate S N (template_functions: versus)",
    "substr": "use slice S START END (template_functions: versus)",
    "quote": 'use printf "%q"',
    "toUpper": "use upper",
    "toLower": "use lower",
    "trimSpace": "use trim",
    "match": "use regexMatch PATTERN S",
    "safeHtml": "use raw",
}
"""What to use instead of a function that Go templates elsewhere (sprig, Helm) often call."""

_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.,:;!?*/()[]@#=+")


def jinja_string(text: str) -> str:
    """A Jinja string literal for any text: everything unusual is a \\u escape, which Jinja decodes."""
    out = []
    for char in text:
        if char in _PLAIN:
            out.append(char)
        elif ord(char) > 0xFFFF:
            out.append(f"\\U{ord(char):08x}")
        else:
            out.append(f"\\u{ord(char):04x}")
    return "'" + "".join(out) + "'"


class _Generator:
    def __init__(self, name: str, functions: str) -> None:
        self.name = name
        self.functions = functions
        self.counter = 0
        self.scopes: list[dict[str, str]] = [{"$": ROOT}]

    def error(self, message: str, line: int) -> TemplateError:
        return TemplateError(self.name, line, message)

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def lookup(self, variable: Variable) -> str:
        for scope in reversed(self.scopes):
            if variable.name in scope:
                return scope[variable.name]
        raise self.error(f"undefined variable: {variable.name}", variable.line)

    def declare(self, variable: Variable) -> str:
        if variable.name == "$":
            raise self.error("cannot declare or assign $", variable.line)
        target = "ns." + self.fresh("v")
        self.scopes[-1][variable.name] = target
        return target

    def block(self, nodes: list[Node], dot: str) -> str:
        self.scopes.append({})
        try:
            return "".join(self.node(node, dot) for node in nodes)
        finally:
            self.scopes.pop()

    def node(self, node: Node, dot: str) -> str:
        if isinstance(node, Text):
            return _text(node.text)
        if isinstance(node, Action):
            if node.pipeline.declarations:
                return self.bind(node.pipeline, dot)[0]
            return "{{ go_out(" + self.pipeline(node.pipeline, dot) + ") }}"
        if isinstance(node, Range):
            return self.range(node, dot)
        if isinstance(node, If | With):
            return self.if_with(node, dot)
        if isinstance(node, Break):
            return "{% break %}"
        if isinstance(node, Continue):
            return "{% continue %}"
        raise self.error(f"unsupported node {type(node).__name__}", node.line)

    def bind(self, pipeline: Pipeline, dot: str) -> tuple[str, str]:
        """`{% set %}` for `$x := …` / `$x = …`; returns it and the Jinja name now holding the value."""
        value = self.pipeline(pipeline, dot)
        variable = pipeline.declarations[0]
        target = self.lookup(variable) if pipeline.is_assign else self.declare(variable)
        return "{% set " + target + " = " + value + " %}", target

    def if_with(self, node: Branch, dot: str) -> str:
        self.scopes.append({})
        try:
            if node.pipeline.declarations:
                setup, value = self.bind(node.pipeline, dot)
            elif isinstance(node, With):
                value = "ns." + self.fresh("w")
                setup = "{% set " + value + " = " + self.pipeline(node.pipeline, dot) + " %}"
            else:
                setup, value = "", self.pipeline(node.pipeline, dot)
            body = self.block(node.body, value if isinstance(node, With) else dot)
            out = setup + "{% if " + value + " %}" + body
            if node.else_body is not None:
                out += "{% else %}" + self.block(node.else_body, dot)
            return out + "{% endif %}"
        finally:
            self.scopes.pop()

    def range(self, node: Range, dot: str) -> str:
        key, element = self.fresh("k"), self.fresh("e")
        items = self.pipeline(node.pipeline, dot)
        self.scopes.append({})
        try:
            declarations = node.pipeline.declarations
            sources = [key, element] if len(declarations) == 2 else [element]
            setup = ""
            for variable, source in zip(declarations, sources, strict=False):
                target = self.lookup(variable) if node.pipeline.is_assign else self.declare(variable)
                setup += "{% set " + target + " = " + source + " %}"
            # Go runs the else branch only when there is nothing to range over; Jinja's for-else also
            # runs it when every iteration ended in break/continue, so the test is written out here.
            listed = "ns." + self.fresh("r")
            out = "{% set " + listed + " = go_range(" + items + ") %}"
            out += "{% for " + key + ", " + element + " in " + listed + " %}" + setup
            out += self.block(node.body, element) + "{% endfor %}"
            if node.else_body is not None:
                out += "{% if not " + listed + " %}" + self.block(node.else_body, dot) + "{% endif %}"
            return out
        finally:
            self.scopes.pop()

    def pipeline(self, pipeline: Pipeline, dot: str) -> str:
        value: str | None = None
        for command in pipeline.commands:
            value = self.command(command, dot, value)
        assert value is not None
        return value

    def command(self, command: Command, dot: str, piped: str | None) -> str:
        first = command.args[0]
        if isinstance(first, Identifier):
            args = [self.operand(arg, dot) for arg in command.args[1:]]
            return self.call(first, [*args, piped] if piped is not None else args)
        if len(command.args) > 1 or piped is not None:
            raise self.error(f"can't give argument to non-function {_describe(first)}", first.line)
        if isinstance(first, Literal) and first.value is None:
            raise self.error("nil is not a command", first.line)
        return self.operand(first, dot)

    def call(self, function: Identifier, args: list[str]) -> str:
        spec = COMMON.get(function.name) or FUNCTION_SETS[self.functions].get(function.name)
        if spec is None:
            hint = _INSTEAD.get(function.name, "see the README's Templates table for the functions available")
            raise self.error(f'function "{function.name}" not defined: {hint}', function.line)
        if len(args) < spec.min_args or (spec.max_args is not None and len(args) > spec.max_args):
            want = str(spec.min_args) if spec.max_args == spec.min_args else f"at least {spec.min_args}"
            if spec.max_args is not None and spec.max_args != spec.min_args:
                want = f"{spec.min_args} to {spec.max_args}"
            raise self.error(f"wrong number of args for {function.name}: want {want} got {len(args)}", function.line)
        if function.name in ("and", "or"):
            return "(" + f" {function.name} ".join(args) + ")"
        if function.name == "not":
            return f"(not {args[0]})"
        if function.name == "env":
            args = [ENV, *args]
        return global_name(self.functions, function.name) + "(" + ", ".join(args) + ")"

    def operand(self, operand: Operand, dot: str) -> str:
        if isinstance(operand, Dot):
            return dot
        if isinstance(operand, Field):
            return _field(dot, operand.names)
        if isinstance(operand, Variable):
            return _field(self.lookup(operand), operand.names)
        if isinstance(operand, Identifier):
            return self.call(operand, [])
        if isinstance(operand, Literal):
            return self.literal(operand)
        if isinstance(operand, Chain):
            return _field("(" + self.pipeline(operand.operand, dot) + ")", operand.names)
        return "(" + self.pipeline(operand, dot) + ")"

    def literal(self, literal: Literal) -> str:
        value = literal.value
        if value is None:
            return "none"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, str):
            return jinja_string(value)
        if isinstance(value, float) and not math.isfinite(value):
            raise self.error(f"number out of range: {value}", literal.line)
        return repr(value)


def _field(base: str, names: tuple[str, ...]) -> str:
    if not names:
        return base
    return f"go_field({base}, " + ", ".join(jinja_string(name) for name in names) + ")"


def _text(text: str) -> str:
    """Text goes out verbatim unless Jinja would read it differently: a brace could pair up with Jinja
    syntax around it, and Jinja turns \r\n in template text into \n."""
    return "{{ go_text(" + jinja_string(text) + ") }}" if "{" in text or "\r" in text else text


def _describe(operand: Operand) -> str:
    if isinstance(operand, Field):
        return "." + ".".join(operand.names)
    if isinstance(operand, Variable):
        return ".".join((operand.name, *operand.names))
    if isinstance(operand, Literal):
        return repr(operand.value)
    if isinstance(operand, Dot):
        return "."
    return "(pipeline)"


def compile_go(source: str, name: str, functions: str = "versus") -> str:
    """Compile Go template source to Jinja2 source, calling the `functions` set ("versus" or "sprig");
    raises TemplateError naming the line."""
    return "{% set ns = namespace() %}" + _Generator(name, functions).block(parse(source, name), ROOT)
