"""The Prometheus metrics of one process: names, labels and buckets as documented, gauges as given."""

from prometheus_client.parser import text_string_to_metric_families

from versus.analytics.outcomes import ACKNOWLEDGED, ESCALATED, NOTIFIED, RECEIVED, RESOLVED, Outcome
from versus.analytics.prometheus import RESPONSE_BUCKETS, OutboxFigures, VersusMetrics


def samples(metrics: VersusMetrics, pending: int = 0, depth: int = 0) -> dict[tuple[str, frozenset], float]:
    text = metrics.exposition(pending_escalations=pending, outbox_depth=depth).decode()
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def test_outcomes_land_in_their_series():
    metrics = VersusMetrics()
    metrics.record(
        [
            Outcome(RECEIVED, 0, "platform", "api", "critical"),
            Outcome(ACKNOWLEDGED, 0, "platform", "api", "critical", late=True, seconds=95.0),
            Outcome(RESOLVED, 0, "platform", "api", "critical", seconds=4000.0),
            Outcome(ESCALATED, 0, "platform", result="started"),
            Outcome(NOTIFIED, 0, channel="slack", result="failed"),
        ]
    )
    metrics.warned("oncall_enable")
    metrics.answered(202, 0.003)
    found = samples(metrics, pending=3, depth=7)
    labels = frozenset({"team": "platform", "severity": "critical"}.items())
    assert (
        found[
            (
                "versus_incidents_total",
                frozenset({"team": "platform", "service": "api", "severity": "critical"}.items()),
            )
        ]
        == 1
    )
    assert found[("versus_acknowledgements_total", labels | {("late", "true")})] == 1
    assert found[("versus_escalations_total", frozenset({"team": "platform", "result": "started"}.items()))] == 1
    assert found[("versus_deliveries_total", frozenset({"channel": "slack", "result": "failed"}.items()))] == 1
    assert found[("versus_config_warnings_total", frozenset({"parameter": "oncall_enable"}.items()))] == 1
    assert found[("versus_time_to_acknowledge_seconds_bucket", labels | {("le", "60.0")})] == 0
    assert found[("versus_time_to_acknowledge_seconds_bucket", labels | {("le", "120.0")})] == 1
    assert found[("versus_time_to_resolve_seconds_bucket", labels | {("le", "3600.0")})] == 0
    assert found[("versus_time_to_resolve_seconds_bucket", labels | {("le", "7200.0")})] == 1
    assert found[("versus_time_to_resolve_seconds_sum", labels)] == 4000
    assert found[("versus_intake_request_duration_seconds_count", frozenset({"status": "2xx"}.items()))] == 1
    assert found[("versus_escalations_pending", frozenset())] == 3
    assert found[("versus_outbox_depth", frozenset())] == 7


def test_response_buckets_run_from_half_a_minute_to_a_day():
    assert RESPONSE_BUCKETS == (30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400)


def test_two_apps_in_one_process_keep_separate_counts():
    first, second = VersusMetrics(), VersusMetrics()
    first.warned("oncall_enable")
    assert ("versus_config_warnings_total", frozenset({"parameter": "oncall_enable"}.items())) not in samples(second)


def test_outbox_lag_and_storm_counters_come_from_the_stored_figures_with_bounded_labels():
    figures = OutboxFigures(
        {"slack": 12.5, "provider": 0.0},
        {"slack:rate_limited": "7", "slack:digested": "40", "slack:failed": "1", "C0JUNK:failed": "9"},
    )
    text = VersusMetrics().exposition(pending_escalations=0, outbox_depth=0, outbox=figures).decode()
    found = {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }
    slack = frozenset({("channel", "slack")})
    assert found[("versus_outbox_lag_seconds", slack)] == 12.5
    assert found[("versus_outbox_rate_limited_total", slack)] == 7
    assert found[("versus_outbox_digested_total", slack)] == 40
    assert found[("versus_outbox_given_up_total", slack)] == 1
    assert found[("versus_outbox_given_up_total", frozenset({("channel", "provider")}))] == 0
    assert not any(("channel", "C0JUNK") in labels for _, labels in found)
