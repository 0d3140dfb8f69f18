"""Compile errors are start-up errors: TemplateError naming the file, the line and what is wrong."""

from pathlib import Path

import pytest

from versus.notify.templates import TemplateError, compile_template, load_template


def compile_error(source: str) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        compile_template(source, name="slack.tmpl", syntax="go")
    return caught.value


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        pytest.param("line one\nline {{ .x \nthree", 2, "unclosed action", id="unclosed-action"),
        pytest.param("a\nb\n{{ end }}", 3, "unexpected {{end}}", id="end-without-opener"),
        pytest.param("a\n\n{{ .x | nosuch }}", 3, 'function "nosuch" not defined', id="unknown-function"),
        pytest.param("{{ if .x }}\nno end", 1, "{{if}} is never closed", id="unclosed-if"),
        pytest.param("x\n{{ else }}", 2, "unexpected {{else}}", id="else-without-if"),
        pytest.param("{{ $nope }}", 1, "undefined variable: $nope", id="undefined-variable"),
        pytest.param("{{ if true }}{{ $x := 1 }}{{ end }}\n{{ $x }}", 2, "undefined variable: $x", id="out-of-scope"),
        pytest.param('\n{{ upper "a" "b" }}', 2, "wrong number of args for upper: want 1 got 2", id="arity"),
        pytest.param("{{ .a | .b }}", 1, "can't give argument to non-function .b", id="pipe-into-field"),
        pytest.param('{{ "x\n" }}', 1, "unterminated quoted string", id="unterminated-string"),
        pytest.param("{{/* c */ }}", 1, "comment ends before closing delimiter", id="bad-comment-end"),
        pytest.param("{{/* never closed", 1, "unclosed comment", id="unclosed-comment"),
        pytest.param("{{ break }}", 1, "{{break}} outside {{range}}", id="break-outside-range"),
        pytest.param('{{ template "x" }}', 1, "{{template}} is not supported", id="template-unsupported"),
        pytest.param("{{ }}", 1, "missing value for command", id="empty-action"),
        pytest.param("{{ $a, $b := .x }}", 1, "too many declarations in command", id="two-vars-outside-range"),
        pytest.param("{{ if .a }}{{ else }}{{ else }}{{ end }}", 1, "found {{else}} after {{else}}", id="double-else"),
        pytest.param("{{ .x ^ }}", 1, "unexpected '^' in command", id="bad-character"),
        pytest.param("{{ nil }}", 1, "nil is not a command", id="nil-command"),
    ],
)
def test_parse_errors_name_line_and_problem(source: str, line: int, message: str) -> None:
    error = compile_error(source)
    assert error.file == "slack.tmpl"
    assert error.line == line
    assert message in error.message
    assert str(error).startswith(f"slack.tmpl:{line}: ")


def test_load_template_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "slack_message.tmpl"
    path.write_text("ok {{ .status }}\n{{ .x | bogus }}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert str(caught.value) == (
        f'{path}:2: function "bogus" not defined: see the README\'s Templates table for the functions available'
    )


def test_missing_file_is_a_template_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="cannot read template"):
        load_template(tmp_path / "absent.tmpl")


def test_jinja_syntax_errors_carry_jinja_line() -> None:
    with pytest.raises(TemplateError) as caught:
        compile_template("ok\n{% if x %}\n{{ x }}\n{% endfor %}", name="j.tmpl", syntax="jinja")
    assert caught.value.file == "j.tmpl"
    assert caught.value.line == 4


def test_unknown_syntax_is_rejected() -> None:
    with pytest.raises(ValueError, match="go, jinja or auto"):
        compile_template("x", name="t", syntax="mustache")
