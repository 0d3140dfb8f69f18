"""The lexer and parser produce the tree text/template/parse would (shape, not Go's exact types)."""

from versus.notify.templates.lexer import Kind, tokenize
from versus.notify.templates.nodes import (
    Action,
    Chain,
    Command,
    Dot,
    Field,
    Identifier,
    If,
    Literal,
    Pipeline,
    Range,
    Text,
    Variable,
)
from versus.notify.templates.parser import parse


def test_tokens_apply_trim_markers_and_drop_comments() -> None:
    tokens = tokenize("a \n{{- /* c */ -}}\n b {{ .x.y | f $v.z }}", "t")
    assert [(token.kind, token.value) for token in tokens] == [
        (Kind.TEXT, "a"),
        (Kind.TEXT, "b "),
        (Kind.LEFT, None),
        (Kind.FIELD, ("x", "y")),
        (Kind.PIPE, None),
        (Kind.IDENT, "f"),
        (Kind.VARIABLE, ("$v", ("z",))),
        (Kind.RIGHT, None),
        (Kind.EOF, None),
    ]


def test_tokens_track_lines() -> None:
    tokens = tokenize("one\ntwo {{\n.x\n}}", "t")
    assert [(token.kind, token.line) for token in tokens][1:4] == [(Kind.LEFT, 2), (Kind.FIELD, 3), (Kind.RIGHT, 4)]


def test_else_if_nests_a_branch_sharing_one_end() -> None:
    tree = parse("{{ if .a }}x{{ else if .b }}y{{ else }}z{{ end }}", "t")
    inner = If(1, Pipeline(1, (), False, (Command(1, (Field(1, ("b",)),)),)), [Text(1, "y")], [Text(1, "z")])
    assert tree == [If(1, Pipeline(1, (), False, (Command(1, (Field(1, ("a",)),)),)), [Text(1, "x")], [inner])]


def test_range_declarations_and_pipeline_with_parentheses() -> None:
    (node,) = parse('{{ range $i, $v := .list }}{{ (index $v 0).name | printf "%s" }}{{ end }}', "t")
    assert isinstance(node, Range)
    assert node.pipeline.declarations == (Variable(1, "$i"), Variable(1, "$v"))
    (action,) = node.body
    assert isinstance(action, Action)
    index_call = Pipeline(1, (), False, (Command(1, (Identifier(1, "index"), Variable(1, "$v"), Literal(1, 0))),))
    assert action.pipeline.commands == (
        Command(1, (Chain(1, index_call, ("name",)),)),
        Command(1, (Identifier(1, "printf"), Literal(1, "%s"))),
    )


def test_dot_and_assignment() -> None:
    (node,) = parse("{{ $x = . }}", "t")
    assert node == Action(1, Pipeline(1, (Variable(1, "$x"),), True, (Command(1, (Dot(1),)),)))
