"""The Events API v2 events Versus builds, checked against our model of the API (tests/fakes/pagerduty_model.py)."""

import json

import pytest

from tests.fakes.pagerduty_model import EVENT_BYTES_LIMIT, event_problems
from versus.config.model import PagerDutyConfig
from versus.oncall.providers import ProviderError
from versus.oncall.providers.content import cut
from versus.oncall.providers.pagerduty import (
    DEDUP_KEY_LIMIT,
    SUMMARY_LIMIT,
    PagerDuty,
    dedup_key,
    follow_up_event,
    routing_key,
    severity,
    trigger_event,
)

KEY = "R0UT1NGKEYDEFAULT000000000000001"
APP_KEY = "R0UT1NGKEYAPP0000000000000000002"


def incident(payload=None, summary=None, incident_id="abc123", alias="default"):
    return {
        "id": incident_id,
        "created_at": 1_764_000_000_000,
        "payload": payload or {},
        "summary": summary or {},
        "decision": {"enabled": True, "wait_minutes": 3, "response_plan": alias, "response_plan_arn": None},
    }


def trigger(item, **kwargs):
    return trigger_event(item, KEY, default_severity=kwargs.pop("default", "critical"), public_host=None, **kwargs)


def test_a_minimal_incident_gives_a_valid_trigger():
    event = trigger(incident())
    assert event_problems(event) == []
    assert event["payload"] == {
        "summary": "[ALERT] incident",
        "source": "versus",
        "severity": "critical",
        "timestamp": "2025-11-24T16:00:00+00:00",
        "custom_details": {
            "versus_incident": "abc123",
            "decision": incident()["decision"],
            "labels": {},
            "annotations": {},
            "alert": {},
        },
    }
    assert "links" not in event and "client_url" not in event


def test_the_dedup_key_is_stable_and_within_the_limit():
    assert dedup_key("abc") == dedup_key("abc") == "versus-abc"
    assert len(dedup_key("x" * 1000)) == DEDUP_KEY_LIMIT
    assert event_problems(trigger(incident(incident_id="x" * 1000))) == []


def test_a_long_summary_is_cut_at_a_word_with_an_ellipsis():
    words = " ".join(["overflowing"] * 300)
    event = trigger(incident(summary={"severity": "critical", "alertname": "Disk", "summary": words}))
    summary = event["payload"]["summary"]
    assert len(summary) <= SUMMARY_LIMIT
    assert summary.endswith("overflowing…")
    assert event_problems(event) == []


def test_cut_without_a_space_still_respects_the_limit():
    assert cut("x" * 2000, 10) == "x" * 9 + "…"
    assert cut("short", 10) == "short"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("critical", "critical"),
        ("ERROR", "error"),
        ("warn", "warning"),
        ("info", "info"),
        ("page", "warning"),
        (None, "warning"),
    ],
)
def test_severity_maps_known_values_and_defaults_the_rest(raw, expected):
    assert severity(raw, "warning") == expected


def test_labels_fill_component_group_and_class():
    payload = {
        "alerts": [{"labels": {"alertname": "Disk", "job": "node", "team": "storage", "instance": "db-1"}}],
        "commonLabels": {"severity": "warning", "component": "disk"},
    }
    event = trigger(incident(payload=payload))
    assert {k: event["payload"][k] for k in ("source", "severity", "component", "group", "class")} == {
        "source": "db-1",
        "severity": "warning",
        "component": "disk",
        "group": "storage",
        "class": "Disk",
    }
    assert "alert" not in event["payload"]["custom_details"]


def test_huge_alert_data_stays_under_the_event_limit():
    payload = {"Logs": "x" * (2 * EVENT_BYTES_LIMIT)}
    event = trigger(incident(payload=payload))
    assert len(json.dumps(event).encode()) < EVENT_BYTES_LIMIT
    assert "truncated" in event["payload"]["custom_details"]
    assert event_problems(event) == []


def test_only_http_links_are_kept_and_the_incident_page_is_linked():
    payload = {"alerts": [{"generatorURL": "javascript:alert(1)", "annotations": {"runbook": "https://rb/1"}}]}
    event = trigger_event(incident(payload=payload), KEY, default_severity="info", public_host="https://versus.example")
    assert event["links"] == [
        {"href": "https://rb/1", "text": "Runbook"},
        {"href": "https://versus.example/api/incidents/abc123", "text": "Versus incident"},
    ]
    assert event["client_url"] == "https://versus.example"
    assert event_problems(event) == []


@pytest.mark.parametrize("action", ["acknowledge", "resolve"])
def test_follow_ups_carry_the_recorded_dedup_key(action):
    event = follow_up_event({**incident(), "incident_arn": "versus-abc123"}, KEY, action)
    assert event == {"routing_key": KEY, "event_action": action, "dedup_key": "versus-abc123"}
    assert event_problems(event) == []


def test_the_alias_picks_the_routing_key_and_a_vanished_alias_falls_back():
    config = PagerDutyConfig(routing_key=KEY, other_routing_keys={"app": APP_KEY})
    assert routing_key(config, incident(alias="app")) == ("app", APP_KEY)
    assert routing_key(config, incident(alias="gone")) == ("default", KEY)
    with pytest.raises(ProviderError, match="no PagerDuty routing key"):
        routing_key(PagerDutyConfig(), incident())


def test_a_drill_names_the_service_alias_and_never_the_key():
    provider = PagerDuty(PagerDutyConfig(routing_key=KEY, other_routing_keys={"app": APP_KEY}))
    text = provider.rehearse(incident(alias="app"))
    assert text == "would trigger PagerDuty service 'app' (dedup_key versus-abc123)"
    assert APP_KEY not in text


def test_the_model_refuses_what_pagerduty_refuses():
    good = trigger(incident())
    assert event_problems({**good, "routing_key": "short"})
    assert event_problems({**good, "dedup_key": "k" * 256})
    assert event_problems({**good, "payload": {**good["payload"], "severity": "fatal"}})
    assert event_problems({**good, "payload": {**good["payload"], "summary": "s" * 1025}})
    assert event_problems({"routing_key": KEY, "event_action": "resolve"})
    assert event_problems({"routing_key": KEY, "event_action": "trigger"})


@pytest.mark.parametrize(
    ("config", "problem"),
    [
        (PagerDutyConfig(routing_key="not-a-key-secret"), "oncall.pagerduty.routing_key: an Events API v2"),
        (PagerDutyConfig(routing_key=KEY, other_routing_keys={"db": "tiny"}), "oncall.pagerduty.other_routing_keys.db"),
    ],
)
def test_a_key_of_the_wrong_length_stops_the_start_without_being_quoted(config, problem):
    with pytest.raises(ProviderError) as caught:
        PagerDuty(config)
    assert str(caught.value).startswith(problem)
    assert "characters, this one has" in str(caught.value)
    assert "not-a-key-secret" not in str(caught.value) and "tiny" not in str(caught.value)
