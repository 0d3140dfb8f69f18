"""Recursive-descent parser: Go template tokens to the syntax tree in `nodes`.

The grammar and its error messages follow text/template/parse: `{{else if}}` and `{{else with}}` nest
a new branch that shares the outer `{{end}}`, only `range` may declare two variables, and `break` /
`continue` are only valid inside a `range` body.
"""

from versus.notify.templates.errors import TemplateError
from versus.notify.templates.lexer import Kind, Token, tokenize
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

_BRANCHES: dict[str, type[Branch]] = {"if": If, "with": With, "range": Range}
_UNSUPPORTED = ("define", "template", "block")
_KEYWORDS = frozenset({"if", "with", "range", "else", "end", "break", "continue", *_UNSUPPORTED})
_LITERALS = (Kind.STRING, Kind.NUMBER, Kind.BOOL, Kind.NIL)


class _Parser:
    def __init__(self, tokens: list[Token], name: str) -> None:
        self.tokens = tokens
        self.name = name
        self.pos = 0
        self.range_depth = 0

    def error(self, message: str, line: int) -> TemplateError:
        return TemplateError(self.name, line, message)

    def peek(self, offset: int = 0) -> Token:
        return self.tokens[min(self.pos + offset, len(self.tokens) - 1)]

    def next(self) -> Token:
        token = self.peek()
        self.pos += 1
        return token

    def expect(self, kind: Kind, context: str) -> Token:
        token = self.next()
        if token.kind is not kind:
            raise self.error(f"unexpected {_describe(token)} in {context}", token.line)
        return token

    def parse(self) -> list[Node]:
        nodes, _ = self.parse_list(None, 0)
        return nodes

    def parse_list(self, opener: str | None, opener_line: int) -> tuple[list[Node], str]:
        """Parse nodes up to `{{end}}`, `{{else ...` or EOF; returns them and which one stopped it."""
        nodes: list[Node] = []
        while True:
            token = self.next()
            if token.kind is Kind.TEXT:
                nodes.append(Text(token.line, str(token.value)))
                continue
            if token.kind is Kind.EOF:
                if opener is not None:
                    raise self.error(f"unexpected EOF: {{{{{opener}}}}} is never closed by {{{{end}}}}", opener_line)
                return nodes, "eof"
            word = self.peek()
            keyword = word.value if word.kind is Kind.IDENT and word.value in _KEYWORDS else None
            if keyword in ("end", "else"):
                if opener is None:
                    raise self.error(f"unexpected {{{{{keyword}}}}}", word.line)
                if keyword == "end":
                    self.next()
                    self.expect(Kind.RIGHT, "end")
                return nodes, str(keyword)
            nodes.append(self.parse_action(keyword, word))

    def parse_action(self, keyword: object, word: Token) -> Node:
        if keyword in _BRANCHES:
            self.next()
            return self.parse_branch(str(keyword), word.line)
        if keyword in ("break", "continue"):
            self.next()
            if self.range_depth == 0:
                raise self.error(f"{{{{{keyword}}}}} outside {{{{range}}}}", word.line)
            self.expect(Kind.RIGHT, str(keyword))
            return Break(word.line) if keyword == "break" else Continue(word.line)
        if keyword in _UNSUPPORTED:
            instead = "Versus renders one template per file; inline the text instead"
            raise self.error(f"{{{{{keyword}}}}} is not supported: {instead}", word.line)
        pipeline = self.parse_pipeline("command", Kind.RIGHT)
        self.expect(Kind.RIGHT, "command")
        return Action(word.line, pipeline)

    def parse_branch(self, keyword: str, line: int) -> Branch:
        pipeline = self.parse_pipeline(keyword, Kind.RIGHT)
        self.expect(Kind.RIGHT, keyword)
        if keyword == "range":
            self.range_depth += 1
        body, stop = self.parse_list(keyword, line)
        if keyword == "range":
            self.range_depth -= 1
        else_body: list[Node] | None = None
        if stop == "else":
            else_line = self.next().line
            chained = self.peek()
            if chained.kind is Kind.IDENT and chained.value == keyword and keyword != "range":
                self.next()
                else_body = [self.parse_branch(keyword, chained.line)]
            else:
                self.expect(Kind.RIGHT, "else")
                else_body, stop = self.parse_list(keyword, line)
                if stop == "else":
                    raise self.error("expected {{end}}; found {{else}} after {{else}}", else_line)
        return _BRANCHES[keyword](line, pipeline, body, else_body)

    def parse_pipeline(self, context: str, end: Kind) -> Pipeline:
        line = self.peek().line
        declarations: list[Variable] = []
        is_assign = False
        if self._at_declaration():
            while True:
                token = self.next()
                name, _ = _variable(token)
                declarations.append(Variable(token.line, name))
                separator = self.next()
                if separator.kind is Kind.COMMA:
                    if context != "range" or len(declarations) > 1:
                        raise self.error(f"too many declarations in {context}", separator.line)
                    if not self._at_declaration():
                        raise self.error("missing variable after ',' in range", separator.line)
                    continue
                is_assign = separator.kind is Kind.ASSIGN
                break
        commands: list[Command] = []
        while True:
            commands.append(self.parse_command(context, end))
            if self.peek().kind is not Kind.PIPE:
                break
            self.next()
        return Pipeline(line, tuple(declarations), is_assign, tuple(commands))

    def _at_declaration(self) -> bool:
        token, after = self.peek(), self.peek(1)
        return (
            token.kind is Kind.VARIABLE
            and not _variable(token)[1]
            and after.kind in (Kind.DECLARE, Kind.ASSIGN, Kind.COMMA)
        )

    def parse_command(self, context: str, end: Kind) -> Command:
        line = self.peek().line
        args: list[Operand] = []
        while self.peek().kind not in (Kind.PIPE, end, Kind.EOF):
            args.append(self.parse_operand(context))
        if not args:
            token = self.peek()
            raise self.error(f"missing value for {context} before {_describe(token)}", token.line)
        return Command(line, tuple(args))

    def parse_operand(self, context: str) -> Operand:
        token = self.next()
        operand: Operand
        if token.kind is Kind.FIELD:
            operand = Field(token.line, _names(token.value))
        elif token.kind is Kind.VARIABLE:
            name, names = _variable(token)
            operand = Variable(token.line, name, names)
        elif token.kind is Kind.DOT:
            operand = Dot(token.line)
        elif token.kind is Kind.IDENT:
            if token.value in _KEYWORDS:
                raise self.error(f"unexpected {{{{{token.value}}}}} in {context}", token.line)
            operand = Identifier(token.line, str(token.value))
        elif token.kind in _LITERALS:
            operand = Literal(token.line, token.value)  # type: ignore[arg-type]
        elif token.kind is Kind.LPAREN:
            inner = self.parse_pipeline("parenthesized pipeline", Kind.RPAREN)
            if inner.declarations:
                raise self.error("variables cannot be declared inside parentheses", token.line)
            self.expect(Kind.RPAREN, "parenthesized pipeline")
            field = self.peek()
            if field.kind is Kind.FIELD and not field.space_before:
                self.next()
                return Chain(token.line, inner, _names(field.value))
            return inner
        else:
            raise self.error(f"unexpected {_describe(token)} in {context}", token.line)
        field = self.peek()
        if field.kind is Kind.FIELD and not field.space_before:
            raise self.error(f"unexpected {_describe(field)} directly after {_describe(token)}", field.line)
        return operand


def _names(value: object) -> tuple[str, ...]:
    assert isinstance(value, tuple)
    return tuple(str(name) for name in value)


def _variable(token: Token) -> tuple[str, tuple[str, ...]]:
    assert isinstance(token.value, tuple)
    name, names = token.value
    return str(name), _names(names)


def _describe(token: Token) -> str:
    if token.kind is Kind.FIELD:
        return "field ." + ".".join(_names(token.value))
    if token.kind is Kind.VARIABLE:
        name, names = _variable(token)
        return "variable " + ".".join((name, *names))
    if token.kind is Kind.STRING:
        return f"string {token.value!r}"
    if token.kind in (Kind.NUMBER, Kind.BOOL, Kind.IDENT):
        return f"{token.kind.value} {token.value}"
    return f"'{token.kind.value}'" if token.kind is not Kind.EOF else "end of template"


def parse(source: str, name: str) -> list[Node]:
    """Parse Go template source into a list of top-level nodes; raises TemplateError on bad syntax."""
    return _Parser(tokenize(source, name), name).parse()
