"""Rendering is bounded: past a limit the built-in message is sent, with a line saying which limit."""

import logging

import pytest

from tests.unit.notify_templates.payloads import alertmanager_payload, go
from versus.notify.templates import compile_template
from versus.notify.templates.limits import MAX_OUTPUT_CHARS

DOUBLING = "{{ $x := list 1 }}" + "{{ $x = list $x $x }}" * 24 + "{{ toJson $x }}"
FALLBACK_HEAD = "[FIRING] HighCPU (critical)\nCPU above 95% for 10m\nAcknowledge: "


@pytest.mark.parametrize(
    ("source", "syntax", "reason"),
    [
        pytest.param("{{ range .commonLabels.n }}x{{ end }}", "go", "number 50000", id="go-range-number"),
        pytest.param("{{ range .big }}{{ range $.big }}{{ end }}{{ end }}", "go", "loops ran more", id="go-loops"),
        pytest.param('{{ repeat .commonLabels.n "abcdefghijklmnopqrstuvwxyz" }}', "go", "intermediate", id="repeat"),
        pytest.param('{{ range .big }}{{ printf "%50d" . }}{{ end }}', "go", "passed 100,000 characters", id="output"),
        pytest.param(DOUBLING, "go", "intermediate", id="toJson-doubling"),
        pytest.param('{{ replaceAll .s "a" .s }}', "go", "intermediate", id="replace"),
        pytest.param("{{ 'x' * commonLabels.n * 100 }}", "jinja", "intermediate", id="jinja-repeat"),
        pytest.param("{% for i in range(commonLabels.n) %}{% endfor %}", "jinja", "number 50000", id="jinja-range"),
        pytest.param("{{ 10 ** commonLabels.n }}", "jinja", "exponent above", id="jinja-power"),
    ],
)
def test_past_a_limit_the_fallback_is_sent_with_the_reason(
    source: str, syntax: str, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    payload = alertmanager_payload()
    payload["commonLabels"]["n"] = 50_000
    payload["big"] = list(range(5_000))
    payload["s"] = "a" * 2_000
    template = compile_template(source, name="big.tmpl", syntax=syntax)
    with caplog.at_level(logging.WARNING, logger="versus.notify.templates"):
        text = template.render(payload)
    assert text.startswith(FALLBACK_HEAD)
    assert text.splitlines()[-1].startswith("⚠️ The message template was not used: ")
    assert reason in text
    (record,) = caplog.records
    assert record.levelname == "WARNING" and "big.tmpl" in record.getMessage() and reason in record.getMessage()


def test_within_the_limits_nothing_changes() -> None:
    assert go("{{ range 3 }}{{ . }}{{ end }}|{{ repeat 3 .s }}", {"s": "ab"}) == "012|ababab"
    assert len(go('{{ printf "%*d" .w 1 }}', {"w": MAX_OUTPUT_CHARS - 1})) == MAX_OUTPUT_CHARS - 1


def test_width_and_precision_from_the_payload_are_capped_as_in_go() -> None:
    assert go('{{ printf "[%*d][%.*f]" .w 1 .w 1.5 }}', {"w": 10_000_000}) == "[%!(BADWIDTH)1][%!(BADPREC)1.500000]"
