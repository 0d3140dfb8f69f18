"""The Go Versus Incident's template functions, with its argument orders (`template_functions: versus`,
the default), `env` limited to the variables config names, and the choice between the two sets."""

import re
from pathlib import Path

import pytest

from tests.unit.notify_templates.payloads import go
from versus.config import ConfigError, parse_config
from versus.notify.slack import load_slack_template
from versus.notify.templates import TemplateError, compile_template

DATA = {
    "s": "hello",
    "csv": "a,b,,c",
    "list": ["x", "y"],
    "mixed": [1, None, "z"],
    "time": "2026-11-26T17:01:02+05:30",
    "unicode": "日本語",
    "empty": "",
    "zero": 0,
}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            '{{ default .missing "d" }} {{ default .empty "d" }} {{ default .zero "d" }}', "d d 0", id="default"
        ),
        pytest.param('{{ .missing | default "piped" }}', "piped", id="default-piped-is-upstreams-order"),
        pytest.param('{{ join .list ", " }} {{ join .mixed "-" }}', "x, y 1-&lt;nil&gt;-z", id="join"),
        pytest.param('{{ replace .s "l" "L" }} {{ replaceAll .csv "," ";" }}', "heLLo a;b;;c", id="replace"),
        pytest.param(
            '{{ contains .s "ell" }} {{ trimPrefix .s "he" }} {{ trimSuffix .s "lo" }}', "true llo hel", id="strings"
        ),
        pytest.param('{{ split .csv "," }} {{ index (split .csv ",") 3 }}', "[a b  c] c", id="split"),
        pytest.param("{{ slice .s 1 3 }} {{ slice .s 3 1 }} [{{ slice .zero 0 1 }}]", "el hello []", id="slice"),
        pytest.param("{{ truncate .s 2 }} {{ truncate .unicode 4 }} {{ truncate .s 9 }}", "he 日 hello", id="truncate"),
        pytest.param('{{ title "hELLO wORLD" }}', "Hello World", id="title-lowers-the-rest"),
        pytest.param("{{ toString .list }} {{ toString .missing }}", "[x y] &lt;nil&gt;", id="toString"),
        pytest.param('{{ escapeHTML "<b>&\'" }}', "&lt;b&gt;&amp;&#39;", id="escapeHTML-not-escaped-twice"),
        pytest.param("{{ formatTime .time }} {{ formatTime .s }}", "2026-11-26 17:01:02 Invalid time", id="formatTime"),
        pytest.param(
            '{{ format "Jan 2 15:04" .time }} {{ format "2006" "03/04/2026" }} {{ format "x" .s }}',
            "Nov 26 17:01 2026 Invalid time format",
            id="format",
        ),
        pytest.param('{{ format "2006" 1 }}', "Unsupported type for format: int", id="format-non-time"),
        pytest.param(
            '{{ $d := dict "a" 1 }}{{ $l := list 1 }}{{ $l = append $l $d.a }}{{ $l }} {{ len $l }}',
            "[1 1] 2",
            id="dict-list-append",
        ),
        pytest.param('{{ join (stringSlice .mixed) "," }}', "1,&lt;nil&gt;,z", id="stringSlice"),
        pytest.param('{{ add 1 2 }} {{ add 1.5 1 }} {{ add "a" 1 }}', "3 2.5 a1", id="add"),
        pytest.param('{{ regexMatch "^h.*o$" .s }} {{ regexMatch "[" .s }}', "true false", id="regexMatch"),
    ],
)
def test_versus_functions(source: str, expected: str) -> None:
    assert go(source, DATA) == expected


def test_now_is_the_current_time() -> None:
    assert re.fullmatch(r"20\d\d-\d\d-\d\d \d\d:\d\d", go('{{ now | format "2006-01-02 15:04" }}'))


def test_env_reads_only_the_variables_named_in_config(tmp_path: Path) -> None:
    template = tmp_path / "t.tmpl"
    template.write_text('[{{ env "TEAM" }}][{{ env "SLACK_TOKEN" }}][{{ env "UNSET" }}]', encoding="utf-8")
    config = parse_config(
        f"alert:\n  slack:\n    template_path: {template}\n    template_env: [TEAM, UNSET]\n", source="t", env={}
    )
    environ = {"TEAM": "platform", "SLACK_TOKEN": "xoxb-secret"}
    assert load_slack_template(config.alert.slack, environ).render({}) == "[platform][][]"


def test_the_function_set_is_chosen_in_config(tmp_path: Path) -> None:
    template = tmp_path / "t.tmpl"
    template.write_text('{{ .x | default "none" }}', encoding="utf-8")
    sprig = parse_config(
        f"alert:\n  slack:\n    template_path: {template}\n    template_functions: sprig\n", source="t", env={}
    )
    versus = parse_config(f"alert:\n  slack:\n    template_path: {template}\n", source="t", env={})
    assert versus.alert.slack.template_functions == "versus"
    assert load_slack_template(sprig.alert.slack).render({"x": "set"}) == "set"
    assert load_slack_template(versus.alert.slack).render({"x": "set"}) == "none"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ('{{ define "x" }}y{{ end }}', "{{define}} is not supported"),
        ('{{ template "x" . }}', "{{template}} is not supported"),
        ('{{ include "x" . }}', "inline the text"),
        ("{{ toYaml .x }}", "use toJson"),
        ('{{ trunc 3 "abc" }}', "use truncate S N"),
        ("{{ slice .s 1 }}", "wrong number of args for slice: want 3 got 2"),
    ],
)
def test_unsupported_constructs_are_start_up_errors_saying_what_to_use(source: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        compile_template(f"line one\n{source}", name="t.tmpl", syntax="go")
    assert caught.value.line == 2
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("setting", "where"),
    [("template_functions: helm", "template_functions"), ("template_env: [TEAM-NAME]", "template_env")],
)
def test_bad_template_settings_are_config_errors(setting: str, where: str) -> None:
    with pytest.raises(ConfigError, match=where):
        parse_config(f"alert:\n  slack:\n    {setting}\n", source="t", env={})
