"""A template that fails while rendering still delivers the alert, as the built-in plain message."""

import logging

import pytest

from tests.unit.notify_templates.payloads import ACK_URL, alertmanager_payload, plain_payload
from versus.notify.templates import compile_template, fallback_message


@pytest.mark.parametrize(
    ("source", "syntax"),
    [
        pytest.param("{{ lt .status 1 }}", "go", id="go-incompatible-comparison"),
        pytest.param("{{ range .status }}{{ end }}", "go", id="go-range-over-string"),
        pytest.param("{{ 1 // 0 }}", "jinja", id="jinja-division-by-zero"),
    ],
)
def test_render_failure_falls_back_and_logs(source: str, syntax: str, caplog: pytest.LogCaptureFixture) -> None:
    template = compile_template(source, name="broken.tmpl", syntax=syntax)
    with caplog.at_level(logging.ERROR, logger="versus.notify.templates"):
        text = template.render(alertmanager_payload())
    assert text == f"[FIRING] HighCPU (critical)\nCPU above 95% for 10m\nAcknowledge: {ACK_URL}"
    (record,) = caplog.records
    assert record.name == "versus.notify.templates"
    assert "broken.tmpl" in record.getMessage()
    assert record.exc_info is not None


def test_fallback_for_plain_json() -> None:
    assert fallback_message(plain_payload()) == (
        "[ALERT] test-service (critical)\n[CRITICAL] This is a critical alert that should not trigger on-call"
    )


def test_fallback_prefers_summary_and_common_labels() -> None:
    payload = alertmanager_payload()
    payload["status"] = "resolved"
    payload["commonAnnotations"] = {"summary": "CPU is high", "description": "long text"}
    del payload["AckURL"]
    assert fallback_message(payload) == "[RESOLVED] HighCPU (critical)\nCPU is high"


def test_fallback_survives_any_shape() -> None:
    assert fallback_message({"alerts": "not a list", "commonLabels": 5}) == "[ALERT] unnamed alert"
    assert fallback_message(None).startswith("[ALERT]")  # type: ignore[arg-type]
