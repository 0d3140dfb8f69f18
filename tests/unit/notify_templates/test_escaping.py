"""Alert data cannot put Slack control sequences into a message: every printed value is escaped for
mrkdwn (`&` `<` `>`) in Go and Jinja templates and in the fallback; only template text and `raw` are not."""

from pathlib import Path
from typing import Any

import pytest

from tests.unit.notify_templates.payloads import alertmanager_payload, go, plain_payload
from versus.notify.templates import DEFAULT_TEMPLATE, compile_template, fallback_message, load_template

SEED_TEMPLATE = Path(__file__).parent / "fixtures" / "slack_message.tmpl"
HOSTILE = ("<!channel>", "<!here>", "<@U024BE7LH>", "<https://evil.example|Click to acknowledge>")
JINJA = (
    "{{ commonLabels.alertname }} {{ commonLabels.severity | upper }}\n"
    "{% for alert in alerts %}{{ alert.annotations.description }} {{ alert.labels.instance }}\n{% endfor %}"
)


def hostile_alertmanager() -> dict[str, Any]:
    payload = alertmanager_payload()
    payload["commonLabels"].update(alertname=HOSTILE[0], severity=HOSTILE[1], system=HOSTILE[2])
    payload["commonAnnotations"] = {"summary": HOSTILE[3]}
    for alert in payload["alerts"]:
        alert["annotations"].update(description=HOSTILE[3], summary=HOSTILE[3], runbook=HOSTILE[2])
        alert["labels"].update(alertname=HOSTILE[0], instance=HOSTILE[1])
    return payload


def assert_no_control_sequence(text: str) -> None:
    for forbidden in ("<!", "<@", "<https://evil", "acknowledge>"):
        assert forbidden not in text, text


@pytest.mark.parametrize(
    "render",
    [
        pytest.param(lambda data: DEFAULT_TEMPLATE.render(data), id="default"),
        pytest.param(lambda data: load_template(SEED_TEMPLATE).render(data), id="seed"),
        pytest.param(lambda data: compile_template(JINJA, name="j.tmpl").render(data), id="jinja"),
        pytest.param(fallback_message, id="fallback"),
    ],
)
def test_hostile_alertmanager_values_are_escaped(render: Any) -> None:
    payload = hostile_alertmanager()
    payload["AckURL"] = None
    text = render(payload)
    assert_no_control_sequence(text)
    assert "&lt;!channel&gt;" in text or "&lt;https://evil.example|Click to acknowledge&gt;" in text


def test_default_template_escapes_a_plain_body_and_keeps_its_own_link() -> None:
    data = plain_payload() | {"ServiceName": "<!channel>", "Severity": "a&b", "Logs": "<!here> x > y"}
    text = DEFAULT_TEMPLATE.render(data)
    assert text == ":rotating_light: *&lt;!channel&gt;* `a&amp;b`\n```&lt;!here&gt; x &gt; y```"
    alert = alertmanager_payload()
    alert["alerts"][0]["generatorURL"] = "http://p:9090/graph?a=1&b=<2>"
    assert "<http://p:9090/graph?a=1&amp;b=&lt;2&gt;|source>" in DEFAULT_TEMPLATE.render(alert)


def test_seed_template_keeps_its_text_and_escapes_the_values() -> None:
    text = load_template(SEED_TEMPLATE).render(hostile_alertmanager())
    assert text.startswith("🔥 *&lt;!HERE&gt; Alert: &lt;!channel&gt;*\n\n🌐 *System*: `&lt;@U024BE7LH&gt;`\n")
    assert "📝 *Description*: &lt;https://evil.example|Click to acknowledge&gt;\n" in text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("<!here> {{ .x }}", "<!here> &lt;!channel&gt;", id="template-text-is-raw"),
        pytest.param("{{ raw .x }}", "<!channel>", id="raw-function"),
        pytest.param("{{ .x | raw }}", "<!channel>", id="raw-piped"),
        pytest.param("{{ raw .x | upper }}", "&lt;!CHANNEL&gt;", id="raw-must-be-last"),
        pytest.param('{{ "<!here>" }}', "&lt;!here&gt;", id="string-literal-is-escaped"),
        pytest.param('{{ raw "<!here>" }}', "<!here>", id="raw-literal"),
        pytest.param('{{ printf "<%s|open>" .u }}', "&lt;https://a.example/?a=1&amp;b=2|open&gt;", id="printf"),
        pytest.param("<{{ .u }}|open>", "<https://a.example/?a=1&amp;b=2|open>", id="link-in-text"),
        pytest.param("{{ html .x }}", "&lt;!channel&gt;", id="html-is-not-escaped-twice"),
        pytest.param("{{ if eq (raw .x) .x }}same{{ end }}", "same", id="raw-compares-as-string"),
        pytest.param("{ {{ .x }} }", "{ &lt;!channel&gt; }", id="text-with-braces"),
    ],
)
def test_go_escaping_and_raw(source: str, expected: str) -> None:
    assert go(source, {"x": "<!channel>", "u": "https://a.example/?a=1&b=2"}) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("<!here> {{ x }}", "<!here> &lt;!channel&gt;", id="template-text-is-raw"),
        pytest.param("{{ x | raw }}", "<!channel>", id="raw-filter"),
        pytest.param("{{ raw(x) }}", "<!channel>", id="raw-function"),
        pytest.param("{{ x | safe }}", "&lt;!channel&gt;", id="safe-is-html-only"),
        pytest.param("{{ '<' ~ x ~ '>' }}", "&lt;&lt;!channel&gt;&gt;", id="concatenation"),
        pytest.param("{% set y = x %}{{ y }}", "&lt;!channel&gt;", id="variable"),
        pytest.param("{{ missing }}|{{ none }}", "|", id="missing-and-none-are-empty"),
    ],
)
def test_jinja_escaping_and_raw(source: str, expected: str) -> None:
    template = compile_template(source, name="j.tmpl", syntax="jinja")
    assert template.render({"x": "<!channel>", "none": None}) == expected
