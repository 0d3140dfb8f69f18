"""Each Go text/template construct, with the output Go's text/template gives (pkg.go.dev/text/template).

Where Versus deliberately differs from Go the test id says so. The differences all come from one
rule, "a missing value is empty, never an error": a missing key or JSON null prints "" (Go:
`<no value>`), fields of a missing value are missing (Go: "nil pointer evaluating"), `len` of it is 0
and `index` past the end or into it is missing (Go: errors).
"""

from typing import Any

import pytest

from tests.unit.notify_templates.payloads import go

DATA: dict[str, Any] = {
    "a": 1,
    "b": "",
    "s": "hello",
    "t": True,
    "f": False,
    "zero": 0,
    "list": ["x", "y", "z"],
    "nums": [0, 1, 2, 3, 4],
    "empty": [],
    "m": {"k": "v", "n": {"deep": 42}},
    "unordered": {"b": 2, "a": 1, "c": 3},
    "matrix": [[1, 2], [3, 4]],
    "alerts": [{"labels": {"severity": "critical"}}, {"labels": {"severity": "warning"}}],
    "null": None,
    "big": 1000000.0,
    "half": 0.5,
}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("plain text, no actions", "plain text, no actions", id="text"),
        pytest.param("{{ .s }}", "hello", id="field"),
        pytest.param("{{.s}}", "hello", id="field-no-spaces"),
        pytest.param("{{ .m.n.deep }}", "42", id="nested-field"),
        pytest.param("[{{ .nope.x.y }}]", "[]", id="missing-chain-renders-empty"),
        pytest.param("[{{ .null }}]", "[]", id="null-renders-empty"),
        pytest.param("{{ with .m.n }}{{ . }}{{ end }}", "map[deep:42]", id="dot-prints-map"),
        pytest.param("{{ .list }}", "[x y z]", id="list-prints-go-style"),
        pytest.param("{{ .t }} {{ .f }}", "true false", id="bools"),
        pytest.param("{{ .big }} {{ .half }}", "1e+06 0.5", id="floats-print-with-%v"),
        pytest.param("{{ range .list }}{{ $.s }}-{{ . }} {{ end }}", "hello-x hello-y hello-z ", id="root-$"),
        pytest.param("{{ range .alerts }}{{ $.m.k }}{{ end }}", "vv", id="root-$-nested-field"),
    ],
)
def test_fields_and_printing(source: str, expected: str) -> None:
    assert go(source, DATA) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("a  {{- .s -}}  \n b", "ahellob", id="both-markers"),
        pytest.param("{{ if true -}}\n\n   x\n\t{{- end }}", "x", id="markers-eat-newlines"),
        pytest.param("a {{-3}} b", "a -3 b", id="no-space-means-negative-number"),
        pytest.param("a {{- 3}} b", "a3 b", id="left-marker-only"),
        pytest.param("a{{/* a comment */}}b", "ab", id="comment"),
        pytest.param("a {{- /* trimmed */ -}} \n b", "ab", id="comment-with-markers"),
        pytest.param("a{{/* line one\nline two */}}b", "ab", id="multi-line-comment"),
        pytest.param("x{{ .s\n }}y", "xhelloy", id="newline-inside-action"),
    ],
)
def test_trim_markers_and_comments(source: str, expected: str) -> None:
    assert go(source, DATA) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("{{ $x := .s }}{{ $x }}", "hello", id="declare"),
        pytest.param("{{ $x := .m }}{{ $x.n.deep }}", "42", id="fields-on-variable"),
        pytest.param("{{ $x := 0 }}{{ range .list }}{{ $x = . }}{{ end }}{{ $x }}", "z", id="assign-inside-range"),
        pytest.param(
            '{{ $x := "outer" }}{{ if true }}{{ $x := "inner" }}{{ $x }}{{ end }} {{ $x }}',
            "inner outer",
            id="block-scope-shadows",
        ),
        pytest.param('{{ $x := "a" }}{{ $x := printf "%s%s" $x "b" }}{{ $x }}', "ab", id="redeclare-reads-old"),
        pytest.param("{{ if $v := .s }}{{ $v }}{{ end }}", "hello", id="if-declares"),
    ],
)
def test_variables(source: str, expected: str) -> None:
    assert go(source, DATA) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('{{ "world" | printf "%s, %s" "hello" }}', "hello, world", id="piped-value-is-last-arg"),
        pytest.param('{{ .s | upper | printf "[%s]" }}', "[HELLO]", id="chain"),
        pytest.param('{{ printf "%d" (len .list) }}', "3", id="parenthesised"),
        pytest.param("{{ (index .alerts 0).labels.severity }}", "critical", id="fields-on-parenthesised"),
        pytest.param('{{ printf "%s-%s" (.s | upper) (lower "B") }}', "HELLO-b", id="several-parens"),
    ],
)
def test_pipelines(source: str, expected: str) -> None:
    assert go(source, DATA) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("{{ if .b }}b{{ else if .zero }}zero{{ else if .s }}s{{ else }}none{{ end }}", "s", id="else-if"),
        pytest.param("{{ if .empty }}yes{{ else }}no{{ end }}", "no", id="empty-list-is-false"),
        pytest.param("{{ if .nope }}yes{{ else }}no{{ end }}", "no", id="missing-is-false"),
        pytest.param("{{ if and .a .s }}yes{{ end }}", "yes", id="if-and"),
        pytest.param("{{ if and .a .b }}yes{{ else }}no{{ end }}", "no", id="if-and-false"),
        pytest.param("{{ if or .b .zero }}yes{{ else }}no{{ end }}", "no", id="if-or-false"),
        pytest.param("{{ if not .b }}empty{{ end }}", "empty", id="if-not"),
    ],
)
def test_if(source: str, expected: str) -> None:
    assert go(source, DATA) == expected


@pytest.mark.parametrize(
    ("value", "truth"),
    [
        ("", False),
        (0, False),
        (0.0, False),
        ([], False),
        ({}, False),
        (None, False),
        (False, False),
        ("x", True),
        (1, True),
        (-1, True),
        (0.5, True),
        ([0], True),
        ({"a": 0}, True),
        (True, True),
    ],
)
def test_go_truthiness(value: object, truth: bool) -> None:
    assert go("{{ if .v }}T{{ else }}F{{ end }}", {"v": value}) == ("T" if truth else "F")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("{{ range $i, $v := .list }}{{ $i }}={{ $v }} {{ end }}", "0=x 1=y 2=z ", id="index-value"),
        pytest.param("{{ range $v := .list }}{{ $v }}{{ end }}", "xyz", id="value-only"),
        pytest.param("{{ range .list }}{{ . }}{{ end }}", "xyz", id="dot"),
        pytest.param("{{ range .empty }}x{{ else }}none{{ end }}", "none", id="else-on-empty"),
        pytest.param("{{ range .nope }}x{{ else }}none{{ end }}", "none", id="else-on-missing"),
        pytest.param(
            "{{ range $k, $v := .unordered }}{{ $k }}:{{ $v }},{{ end }}", "a:1,b:2,c:3,", id="map-sorted-keys"
        ),
        pytest.param("{{ range .unordered }}{{ . }}{{ end }}", "123", id="map-values"),
        pytest.param("{{ range .matrix }}[{{ range . }}{{ . }}{{ end }}]{{ end }}", "[12][34]", id="nested"),
        pytest.param(
            "{{ range .nums }}{{ if eq . 3 }}{{ break }}{{ end }}{{ if eq . 1 }}{{ continue }}{{ end }}"
            "{{ . }}{{ end }}",
            "02",
            id="break-continue",
        ),
        pytest.param("{{ range 3 }}{{ . }}{{ end }}", "012", id="integer"),
        pytest.param("{{ range .alerts }}{{ .labels.severity }} {{ end }}", "critical warning ", id="alerts"),
    ],
)
def test_range(source: str, expected: str) -> None:
    assert go(source, DATA) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("{{ with .m.k }}got {{ . }}{{ else }}none{{ end }}", "got v", id="with"),
        pytest.param("{{ with .nope }}got {{ . }}{{ else }}none{{ end }}", "none", id="with-else"),
        pytest.param(
            "{{ with .m }}{{ with .n }}{{ .deep }}{{ end }}{{ with .missing }}x{{ else }}-{{ .k }}{{ end }}{{ end }}",
            "42-v",
            id="nested-else-keeps-outer-dot",
        ),
        pytest.param("{{ with .nope }}a{{ else with .s }}{{ . }}{{ end }}", "hello", id="else-with"),
        pytest.param("{{ with $x := .m.n }}{{ $x.deep }}={{ .deep }}{{ end }}", "42=42", id="with-declares"),
        pytest.param(
            "{{ range .alerts }}{{ with .labels }}{{ .severity }};{{ end }}{{ end }}",
            "critical;warning;",
            id="with-inside-range",
        ),
    ],
)
def test_with(source: str, expected: str) -> None:
    assert go(source, DATA) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('{{ if eq .s "a" "b" "hello" }}yes{{ end }}', "yes", id="eq-any-of"),
        pytest.param('{{ eq .a 1 }} {{ eq .s "x" }}', "true false", id="eq"),
        pytest.param("{{ eq .nope .null }} {{ eq .nope 0 }}", "true false", id="eq-missing"),
        pytest.param("{{ eq .t 1 }}", "false", id="eq-bool-is-not-int"),
        pytest.param(
            '{{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt "b" "a" }} {{ ge 1 2 }}',
            "true true true true false",
            id="ordering",
        ),
        pytest.param('{{ and 1 "x" }}|{{ and 0 "x" }}|{{ or "" "y" }}|{{ or 0 "" }}', "x|0|y|", id="and-or-return-arg"),
        pytest.param('{{ or .missing "fallback" }}', "fallback", id="or-fallback"),
        pytest.param("{{ not .b }} {{ not .s }}", "true false", id="not"),
        pytest.param('{{ and .nope (index .nope "x" "y") }}|', "|", id="and-short-circuits"),
    ],
)
def test_comparison_and_logic(source: str, expected: str) -> None:
    assert go(source, DATA) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("{{ len .alerts }} {{ len .m }} {{ len .s }} {{ len .empty }}", "2 2 5 0", id="len"),
        pytest.param('{{ len "é" }}', "2", id="len-counts-utf8-bytes-like-go"),
        pytest.param("{{ len .nope }}", "0", id="len-of-missing"),
        pytest.param('{{ index .m "k" }}', "v", id="index-map"),
        pytest.param('{{ index .m "n" "deep" }}', "42", id="index-several-keys"),
        pytest.param("{{ index .list 1 }} {{ index .matrix 1 0 }}", "y 3", id="index-list"),
        pytest.param('[{{ index .m "nope" }}][{{ index .list 9 }}]', "[][]", id="index-missing"),
        pytest.param('{{ index "abc" 0 }}', "97", id="index-string-gives-byte"),
        pytest.param('{{ print 1 2 "a" "b" 3 }}', "1 2ab3", id="print-spaces-between-non-strings"),
        pytest.param('{{ println "a" 1 }}', "a 1\n", id="println"),
        pytest.param('{{ html "<a href=\'x\'>&\\"" }}', "&lt;a href=&#39;x&#39;&gt;&amp;&#34;", id="html"),
        pytest.param('{{ urlquery "a b&c=d/é" }}', "a+b%26c%3Dd%2F%C3%A9", id="urlquery"),
    ],
)
def test_builtins(source: str, expected: str) -> None:
    assert go(source, DATA) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("{{ 42 }} {{ -7 }} {{ 0x1F }} {{ 0o17 }} {{ 017 }} {{ 1_000 }}", "42 -7 31 15 15 1000", id="ints"),
        pytest.param("{{ 1.5 }} {{ 1e3 }} {{ .5 }}", "1.5 1000 0.5", id="floats"),
        pytest.param("{{ true }} {{ false }}", "true false", id="bools"),
        pytest.param('{{ default "d" nil }}', "d", id="nil"),
        pytest.param('{{ "a\\tb\\u00e9\\x41" }}', "a\tbéA", id="escapes"),
        pytest.param("{{ `raw\\n` }}", "raw\\n", id="raw-string"),
        pytest.param("{{ 'a' }} {{ '\\n' }}", "97 10", id="char-constants-are-numbers"),
    ],
)
def test_literals(source: str, expected: str) -> None:
    assert go(source, DATA) == expected


def test_text_with_jinja_delimiters_is_literal() -> None:
    source = 'json: {"a": 1} {% raw %} {# no #} {{ .s }} }}'
    assert go(source, DATA) == 'json: {"a": 1} {% raw %} {# no #} hello }}'


def test_carriage_returns_in_text_are_kept() -> None:
    assert go("a\r\n{{ .s }}\r\n", DATA) == "a\r\nhello\r\n"


def test_payload_keys_cannot_shadow_helpers() -> None:
    data = {"root": "r", "ns": "n", "go_field": "g", "fn_upper": "u", "x": "ok"}
    assert go("{{ .root }}{{ .ns }}{{ .go_field }}{{ .fn_upper }}{{ upper .x }}", data) == "rngu" + "OK"


def test_numbers_compare_by_value() -> None:
    """Deliberate difference: Go reports "incompatible types for comparison" for int vs float, and
    Go's JSON decoding makes every payload number a float64, so `eq .count 1` fails in Go. Here JSON
    integers stay ints and any two numbers compare by value."""
    assert go("{{ eq .a 1.0 }} {{ lt .a 1.5 }} {{ eq .half 0.5 }}", DATA) == "true true true"
