"""EMF records: valid by the specification's structure, and named exactly as the CloudWatch dashboard reads them."""

import io
import json

import jsonschema
import pytest

from tests.unit.analytics.emf_contract import check_contract, check_emf, dashboard_contract
from versus.analytics.emf import EmfWriter, emf_record
from versus.analytics.outcomes import ACKNOWLEDGED, ESCALATED, NOTIFIED, RECEIVED, RESOLVED, Outcome

AT = 1_767_600_000_000


def test_incident_received_counts_by_service():
    record = emf_record([Outcome(RECEIVED, AT, team="platform", service="api", severity="critical")], "Versus")
    assert record == {
        "_aws": {
            "Timestamp": AT,
            "CloudWatchMetrics": [
                {
                    "Namespace": "Versus",
                    "Dimensions": [["Service"]],
                    "Metrics": [{"Name": "IncidentsReceived", "Unit": "Count"}],
                }
            ],
        },
        "Service": "api",
        "IncidentsReceived": 1,
    }
    check_emf(record)
    check_contract(record)


def test_an_ack_in_time_is_one_line_with_the_time_and_the_escalation_result():
    record = emf_record(
        [Outcome(ACKNOWLEDGED, AT, seconds=94.2), Outcome(ESCALATED, AT, result="acknowledged_in_time")], "Versus"
    )
    assert record is not None
    assert record["TimeToAcknowledge"] == 94.2
    assert (record["Escalations"], record["Result"]) == (1, "acknowledged_in_time")
    assert record["_aws"]["CloudWatchMetrics"][0] == {
        "Namespace": "Versus",
        "Dimensions": [[]],
        "Metrics": [{"Name": "TimeToAcknowledge", "Unit": "Seconds"}],
    }
    check_emf(record)
    check_contract(record)


@pytest.mark.parametrize(
    "outcome",
    [
        Outcome(RESOLVED, AT, seconds=3600.0),
        Outcome(ESCALATED, AT, result="started"),
        Outcome(ESCALATED, AT, result="failed"),
        Outcome(ESCALATED, AT, result="resolved_in_time"),
    ],
)
def test_every_emitted_metric_follows_the_spec_and_the_dashboard(outcome):
    record = emf_record([outcome], "Versus")
    check_emf(record)
    check_contract(record)


def test_nothing_to_measure_writes_nothing():
    assert emf_record([Outcome(NOTIFIED, AT, channel="slack", result="sent")], "Versus") is None
    assert emf_record([Outcome(ACKNOWLEDGED, AT, seconds=None)], "Versus") is None


def test_the_writer_puts_one_json_object_on_each_line():
    stream = io.StringIO()
    writer = EmfWriter("OnCall", stream)
    writer.write([Outcome(RECEIVED, AT, service="api")])
    writer.write([Outcome(NOTIFIED, AT, channel="slack", result="sent")])
    writer.write([Outcome(RESOLVED, AT + 1, seconds=1.5)])
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    for line in lines:
        record = json.loads(line)
        check_emf(record)
        check_contract(record, namespace="OnCall")


def test_the_schema_refuses_what_the_specification_forbids():
    good = emf_record([Outcome(RECEIVED, AT, service="api")], "Versus")
    assert good is not None
    broken = [
        {**good, "_aws": {"CloudWatchMetrics": good["_aws"]["CloudWatchMetrics"]}},
        {**good, "_aws": {**good["_aws"], "Extra": 1}},
        {**good, "_aws": {**good["_aws"], "CloudWatchMetrics": [{"Namespace": "Versus", "Metrics": []}]}},
        {**good, "_aws": {**good["_aws"], "CloudWatchMetrics": [
            {"Namespace": "Versus", "Dimensions": [["Service"]], "Metrics": [{"Name": "X", "Unit": "Minutes"}]}]}},
    ]  # fmt: skip
    for record in broken:
        with pytest.raises(jsonschema.ValidationError):
            check_emf(record)
    with pytest.raises(AssertionError):
        check_emf({**good, "Service": 3})


def test_the_contract_is_the_dashboard_modules_output():
    assert dashboard_contract() == {
        "IncidentsReceived": ["Service"],
        "TimeToAcknowledge": [],
        "TimeToResolve": [],
        "Escalations": ["Result"],
        "OnCallPages": ["Person"],
    }
