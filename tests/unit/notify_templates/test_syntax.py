"""Go or Jinja: detection, the explicit override, and native Jinja2 templates in the sandbox."""

import pytest

from tests.unit.notify_templates.payloads import alertmanager_payload
from versus.notify.templates import TemplateError, compile_template, detect_syntax


@pytest.mark.parametrize(
    ("source", "syntax"),
    [
        ("{{ .status }}", "go"),
        ("{{.status}}", "go"),
        ("{{- .status -}}", "go"),
        ("{{ range .alerts }}x{{ end }}", "go"),
        ('{{ printf "%s" .status }}', "go"),
        ("{{ upper (.status) }}", "go"),
        ("{{ $x := 1 }}", "go"),
        ("{{/* note */}}", "go"),
        ("{{ end }}", "go"),
        ("{{ toJson . }}", "go"),
        ("{{ toJson . -}}", "go"),
        ("{{ print (.) }}", "go"),
        ('{{ env "TEAM" }}', "go"),
        ('{{ upper "x" }}', "go"),
        ("no actions at all", "go"),
        ("{% if status %}x{% endif %}", "jinja"),
        ("{# note #}{{ status }}", "jinja"),
        ("{{ status | upper }}", "jinja"),
        ("{{ commonLabels.alertname }}", "jinja"),
        ('{{ "$5" ~ price }}', "jinja"),
    ],
)
def test_detection(source: str, syntax: str) -> None:
    assert detect_syntax(source) == syntax


def test_auto_uses_detection() -> None:
    assert compile_template("{{ .status }}", name="t").syntax == "go"
    assert compile_template("{{ status }}", name="t").syntax == "jinja"


def test_override_beats_detection() -> None:
    # `status` alone is Jinja; forced to Go it is a call of an unknown function.
    with pytest.raises(TemplateError, match='function "status" not defined'):
        compile_template("{{ status }}", name="t", syntax="go")
    # A Jinja string that looks like a Go variable: detection guesses Go, the override fixes it.
    source = "{{ 'cost: $x' }}"
    assert detect_syntax(source) == "go"
    assert compile_template(source, name="t", syntax="jinja").render({}) == "cost: $x"


def test_native_jinja_template_renders() -> None:
    source = (
        "{{ commonLabels.alertname | upper }} [{{ status }}]\n"
        "{% for alert in alerts %}- {{ alert.labels.instance }} since "
        "{{ alert.startsAt | date('15:04:05') }}\n{% endfor %}"
        "{% if AckURL %}ack: {{ AckURL }}{% endif %}|{{ missing.a.b.c }}|{{ commonLabels | toJson }}"
    )
    template = compile_template(source, name="j.tmpl")
    assert template.syntax == "jinja"
    assert template.render(alertmanager_payload()) == (
        "HIGHCPU [firing]\n- db-1:9100 since 12:00:00\n- db-2:9100 since 12:01:30\n"
        "ack: https://versus.example.com/api/incidents/ack/abc123?sig=xyz|"
        '|{"alertname":"HighCPU","severity":"critical","system":"payments"}'
    )


def test_jinja_is_sandboxed_and_escapes_for_slack_not_html() -> None:
    template = compile_template("{{ ''.__class__.__mro__ }}|{{ text }}|{{ none }}", name="j.tmpl", syntax="jinja")
    assert template.render({"text": "<b>&'\"</b>", "none": None}) == "|&lt;b&gt;&amp;'\"&lt;/b&gt;|"


def test_go_template_escapes_for_slack_not_html() -> None:
    assert compile_template("{{ .text }}", name="t").render({"text": "<b>&'\"</b>"}) == "&lt;b&gt;&amp;'\"&lt;/b&gt;"
