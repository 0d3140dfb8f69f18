"""The seed guide's enhanced Slack template must work unchanged (fixture copied byte for byte)."""

from pathlib import Path

from tests.unit.notify_templates.payloads import alertmanager_payload, plain_payload
from versus.notify.templates import load_template

SEED_TEMPLATE = Path(__file__).parent / "fixtures" / "slack_message.tmpl"


def test_seed_template_is_detected_as_go() -> None:
    assert load_template(SEED_TEMPLATE).syntax == "go"


def test_seed_template_renders_an_alertmanager_group() -> None:
    expected = (
        "🔥 *CRITICAL Alert: HighCPU*\n"
        "\n"
        "🌐 *System*: `payments`\n"
        # instance differs between the alerts, so it is not a common label
        "🖥️ *Instance*: ``\n"
        "🚨 *Status*: `firing`\n"
        # Alertmanager has no root startsAt: the missing time renders empty
        "⏱️ *Detected*: ``\n"
        "\n"
        "\n"
        "📝 *Description*: CPU above 95% for 10m\n"
        "📚 *Runbook*: https://runbooks.example.com/cpu\n"
        "\n"
        "\n"
        "📝 *Description*: CPU above 90% for 10m\n"
        "\n"
        "📊 *Dashboard*: https://grafana.example.com/d/cpu\n"
        "\n"
        "\n"
        "\n"
        "⚠️ *Auto-escalation*: This alert will escalate in 2 minutes if not acknowledged.\n"
        "\n"
    )
    assert load_template(SEED_TEMPLATE).render(alertmanager_payload()) == expected


def test_seed_template_renders_the_plain_json_body() -> None:
    expected = "🔥 * Alert: *\n\n🌐 *System*: ``\n🖥️ *Instance*: ``\n🚨 *Status*: ``\n⏱️ *Detected*: ``\n\n\n\n\n"
    assert load_template(SEED_TEMPLATE).render(plain_payload()) == expected


def test_seed_template_without_ack_url_has_no_escalation_line() -> None:
    payload = alertmanager_payload()
    del payload["AckURL"]
    assert "Auto-escalation" not in load_template(SEED_TEMPLATE).render(payload)
