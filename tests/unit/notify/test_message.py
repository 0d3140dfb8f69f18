"""The Block Kit shape of an incident's Slack message, from the stored incident alone."""

from typing import Any

import pytest

from versus.config.model import SlackConfig
from versus.notify.message import (
    ACK_ACTION_ID,
    SECTION_LIMIT,
    button_for,
    delivery_of,
    main_message,
    metadata,
    reply_text,
    slack_date,
    template_data,
)

ACK_URL = "https://versus.example.com/api/incidents/ack/abc?exp=1&sig=x"
ACK_AT_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z


def incident(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "abc",
        "status": "firing",
        "payload": {"status": "firing", "commonLabels": {"severity": "critical"}},
        "decision": {"enabled": True, "wait_minutes": 2.0, "response_plan": "default", "response_plan_arn": None},
        "warnings": [],
        "escalation": "pending",
        "drill": False,
    }
    base.update(changes)
    return base


def message_for(record: dict[str, Any], config: SlackConfig | None = None, text: str = "hello") -> dict[str, Any]:
    config = config or SlackConfig()
    return main_message(record, text, button_for(record, config, ACK_URL))


def actions(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [block for block in message["blocks"] if block["type"] == "actions"]


def test_on_call_with_a_wait_gets_a_primary_link_button():
    message = message_for(incident())
    assert message["blocks"][0] == {
        "type": "section",
        "block_id": "versus_text",
        "text": {"type": "mrkdwn", "text": "hello"},
    }
    [block] = actions(message)
    assert block["elements"] == [
        {
            "type": "button",
            "text": {"type": "plain_text", "text": "Acknowledge Incident", "emoji": True},
            "action_id": "versus_ack_link",
            "url": ACK_URL,
            "style": "primary",
        }
    ]
    assert message["text"] == "hello"


@pytest.mark.parametrize(
    "record",
    [
        incident(decision={"enabled": False, "wait_minutes": 2.0}),
        incident(decision={"enabled": True, "wait_minutes": 0.0}),
        incident(acknowledged_at=ACK_AT_MS, acknowledged_by="ack link"),
        incident(status="resolved", resolved_at=ACK_AT_MS),
        incident(escalation="escalated", incident_arn="arn:aws:ssm-incidents::1:incident-record/P/1"),
        incident(escalation="failed", escalation_error="AccessDeniedException"),
    ],
    ids=["on-call off", "wait 0 pages at once", "already acknowledged", "resolved", "escalated", "escalation failed"],
)
def test_no_button_when_there_is_nothing_to_acknowledge_in_time(record):
    assert actions(message_for(record)) == []
    assert template_data(record, ACK_URL)["AckURL"] is None


def test_disable_button_hides_the_button_but_keeps_the_ack_url_for_the_template():
    record = incident()
    assert actions(message_for(record, SlackConfig(disable_button=True))) == []
    assert template_data(record, ACK_URL)["AckURL"] == ACK_URL


@pytest.mark.parametrize(("style", "expected"), [("primary", "primary"), ("danger", "danger"), ("default", None)])
def test_button_style_and_text(style, expected):
    [block] = actions(message_for(incident(), SlackConfig(button_style=style, button_text="Ack!")))
    button = block["elements"][0]
    assert button.get("style") == expected
    assert button["text"]["text"] == "Ack!"


def test_with_a_signing_secret_the_button_is_interactive():
    [block] = actions(message_for(incident(), SlackConfig(signing_secret="s3cret")))
    button = block["elements"][0]
    assert button["action_id"] == ACK_ACTION_ID
    assert button["value"] == "abc"
    assert "url" not in button


def test_drill_is_marked():
    message = message_for(incident(drill=True))
    assert message["blocks"][0]["text"]["text"] == "*[DRILL]* hello"
    assert message["text"].startswith("*[DRILL]* ")


def test_warnings_are_shown_in_a_context_block_and_the_fallback():
    warning = "oncall_wait_minutes='soon' is not a non-negative number of minutes; using the configured wait <2>"
    message = message_for(incident(warnings=[warning]))
    [context] = [b for b in message["blocks"] if b["block_id"] == "versus_warnings"]
    shown = "⚠️ oncall_wait_minutes='soon' is not a non-negative number of minutes; using the configured wait &lt;2&gt;"
    assert context["elements"] == [{"type": "mrkdwn", "text": shown}]
    assert message["text"] == f"hello\n{shown}"
    assert template_data(incident(warnings=[warning]), None)["Warnings"] == [warning]


def test_long_text_is_cut_to_the_section_limit_but_kept_whole_in_the_fallback():
    text = "x" * 5000
    message = message_for(incident(), text=text)
    section = message["blocks"][0]["text"]["text"]
    assert len(section) == SECTION_LIMIT
    assert section.endswith("…")
    assert message["text"] == text


def test_state_is_shown_after_acknowledgement_escalation_and_resolution():
    record = incident(
        acknowledged_at=ACK_AT_MS,
        acknowledged_by="slack:jane",
        acknowledged_late=True,
        escalation="escalated",
        incident_arn="arn:aws:ssm-incidents::123456789012:incident-record/Plan/1",
        status="resolved",
        resolved_at=ACK_AT_MS + 60_000,
    )
    [status] = [b for b in message_for(record)["blocks"] if b["block_id"] == "versus_status"]
    assert status["elements"][0]["text"].splitlines() == [
        f"✅ Acknowledged by slack:jane {slack_date(ACK_AT_MS)}"
        " (late: the escalation had already started, on-call was paged)",
        "📟 Escalated to AWS Incident Manager: `arn:aws:ssm-incidents::123456789012:incident-record/Plan/1`",
        f"✔️ Resolved {slack_date(ACK_AT_MS + 60_000)}",
    ]


def test_slack_date_has_a_utc_fallback():
    assert slack_date(ACK_AT_MS) == "<!date^1767225600^{date_short_pretty} at {time_secs}|2026-01-01 00:00:00 UTC>"


def test_thread_replies_name_the_change():
    failed = incident(escalation="failed", escalation_error="AccessDeniedException: no")
    assert (
        reply_text("escalation_failed", failed)
        == "❗ Escalation to AWS Incident Manager failed: AccessDeniedException: no"
    )
    assert reply_text("updated", incident()) is None
    drill = incident(escalation="escalated", drill=True, drill_result="would start incident with arn:plan")
    assert reply_text("escalated", drill) == "📟 [DRILL] Not paged: would start incident with arn:plan"
    assert reply_text("acknowledged", incident(acknowledged_at=ACK_AT_MS, acknowledged_by="ack link")) == (
        f"✅ Acknowledged by ack link {slack_date(ACK_AT_MS)}"
    )


def test_template_data_has_the_payload_at_the_root_plus_versus_fields():
    data = template_data(incident(), ACK_URL)
    assert data["commonLabels"] == {"severity": "critical"}
    assert data["AckURL"] == ACK_URL
    assert data["OnCall"]["wait_minutes"] == 2.0


def test_metadata_round_trip():
    assert delivery_of({"metadata": metadata("abc", "abc:1")}) == "abc:1"
    assert delivery_of({"metadata": {"event_type": "other", "event_payload": {"delivery_id": "abc:1"}}}) is None
    assert delivery_of({}) is None


def test_the_escalation_line_names_the_back_end_that_paged():
    paged = incident(escalation="escalated", incident_arn="versus-abc")
    paged["decision"] = {**paged["decision"], "provider": "pagerduty"}
    assert reply_text("escalated", paged) == "📟 Escalated to PagerDuty: `versus-abc`"
    failed = incident(escalation="failed", escalation_error="incident.io alert events API: HTTP 401: bad API key")
    failed["decision"] = {**failed["decision"], "provider": "incident_io"}
    assert reply_text("escalation_failed", failed) == (
        "❗ Escalation to incident.io failed: incident.io alert events API: HTTP 401: bad API key"
    )
