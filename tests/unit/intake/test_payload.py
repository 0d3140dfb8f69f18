import json

import pytest

from versus.intake.payload import BadPayload, parse_body


def alertmanager(status="firing", group_key='{}:{alertname="Down"}', receiver="versus-critical"):
    return {
        "version": "4",
        "groupKey": group_key,
        "truncatedAlerts": 0,
        "status": status,
        "receiver": receiver,
        "groupLabels": {"alertname": "Down"},
        "commonLabels": {"alertname": "Down", "severity": "critical", "service": "api", "team": "platform"},
        "commonAnnotations": {"summary": "API down"},
        "externalURL": "http://alertmanager:9093",
        "alerts": [{"status": status, "labels": {"alertname": "Down"}, "annotations": {}}],
    }


def test_alertmanager_payload_identity_is_receiver_and_group_key():
    [first] = parse_body(json.dumps(alertmanager()).encode(), {})
    [again] = parse_body(json.dumps(alertmanager()).encode(), {})
    [other_receiver] = parse_body(json.dumps(alertmanager(receiver="versus-normal")).encode(), {})
    assert first.source == "alertmanager"
    assert first.identity == again.identity
    assert first.identity != other_receiver.identity
    assert first.summary == {
        "alertname": "Down",
        "service": "api",
        "severity": "critical",
        "team": "platform",
        "summary": "API down",
    }


def test_resolved_alertmanager_payload():
    [alert] = parse_body(json.dumps(alertmanager(status="resolved")).encode(), {})
    assert alert.resolved is True


def test_seed_plain_json_gets_a_summary_and_no_identity():
    body = b'{"Logs": "[CRITICAL] boom", "ServiceName": "test-service", "Severity": "critical"}'
    [alert] = parse_body(body, {})
    assert (alert.source, alert.identity, alert.resolved) == ("json", None, False)
    assert alert.summary == {
        "alertname": "test-service",
        "service": "test-service",
        "severity": "critical",
        "summary": "[CRITICAL] boom",
    }


def test_dedup_key_from_query_or_body():
    [a] = parse_body(b'{"x": 1}', {"dedup_key": "k1"})
    [b] = parse_body(b'{"x": 2, "dedup_key": "k1"}', {})
    assert a.identity == b.identity is not None


def test_array_of_objects():
    alerts = parse_body(b'[{"a": 1}, {"b": 2}]', {})
    assert [a.payload for a in alerts] == [{"a": 1}, {"b": 2}]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "the body is empty; send a JSON object or an array of objects"),
        (b"not json", "the body is not JSON: Expecting value at line 1 column 1"),
        (b'{"a": 1,}', "the body is not JSON: Expecting property name enclosed in double quotes at line 1 column 9"),
        (b'"text"', "the body is a string; send a JSON object or an array of objects"),
        (b"42", "the body is a number; send a JSON object or an array of objects"),
        (b"null", "the body is null; send a JSON object or an array of objects"),
        (b"[]", "the body is an empty array; send at least one alert object"),
        (b'[{"a": 1}, 3]', "item [1] of the array is a number, not a JSON object"),
        (b"\xff\xfe", "the body is not UTF-8 text"),
    ],
)
def test_bad_bodies_say_what_was_wrong(body, message):
    with pytest.raises(BadPayload) as error:
        parse_body(body, {})
    assert str(error.value).startswith(message)
