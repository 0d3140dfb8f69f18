"""The built-in message used when no template_path is configured."""

from tests.unit.notify_templates.payloads import alertmanager_payload, plain_payload
from versus.notify.templates import DEFAULT_TEMPLATE

SOURCE = "<http://prometheus:9090/graph?g0.expr=cpu|source>"


def test_firing_group_with_on_call() -> None:
    assert DEFAULT_TEMPLATE.render(alertmanager_payload()) == (
        ":rotating_light: *[FIRING:2] HighCPU* `critical`\n"
        f"• CPU above 95% for 10m `db-1:9100` {SOURCE}\n"
        f"• CPU above 90% for 10m `db-2:9100` {SOURCE}\n"
        ":pager: On-call: escalates in 2 min unless acknowledged"
    )


def test_partly_resolved_group_marks_the_resolved_alert() -> None:
    payload = alertmanager_payload()
    payload["alerts"][1]["status"] = "resolved"
    payload["OnCall"]["enabled"] = False
    assert DEFAULT_TEMPLATE.render(payload) == (
        ":rotating_light: *[FIRING:2] HighCPU* `critical`\n"
        f"• CPU above 95% for 10m `db-1:9100` {SOURCE}\n"
        f"• CPU above 90% for 10m `db-2:9100` (resolved) {SOURCE}"
    )


def test_resolved_group_with_warning() -> None:
    payload = alertmanager_payload()
    payload["status"] = "resolved"
    payload["alerts"] = payload["alerts"][:1]
    payload["alerts"][0]["status"] = "resolved"
    payload["alerts"][0]["annotations"]["summary"] = "CPU high on db-1"
    payload["OnCall"]["enabled"] = False
    payload["Warnings"] = ['unknown response plan "x"; using the default']
    assert DEFAULT_TEMPLATE.render(payload) == (
        ":white_check_mark: *[RESOLVED] HighCPU* `critical`\n"
        f"• CPU high on db-1 `db-1:9100` {SOURCE}\n"
        ':warning: unknown response plan "x"; using the default'
    )


def test_plain_json_body() -> None:
    assert DEFAULT_TEMPLATE.render(plain_payload()) == (
        ":rotating_light: *test-service* `critical`\n"
        "```[CRITICAL] This is a critical alert that should not trigger on-call```"
    )


def test_plain_json_paged_immediately() -> None:
    payload = plain_payload()
    payload["OnCall"] = {"enabled": True, "wait_minutes": 0}
    assert DEFAULT_TEMPLATE.render(payload).endswith("\n:pager: On-call: paged now")


def test_empty_body_still_says_something() -> None:
    assert DEFAULT_TEMPLATE.render({}) == ":rotating_light: *Alert*"
