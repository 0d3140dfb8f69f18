"""The divergences from Go's text/template that a differential check found, each fixed (issue 15), and
the group's start time at the root of an Alertmanager payload."""

import pytest

from tests.unit.notify_templates.payloads import alertmanager_payload, go, plain_payload
from versus.notify.message import template_data
from versus.notify.templates.group_time import with_group_starts_at


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("{{ range .l }}{{ break }}{{ else }}ELSE{{ end }}|", "|", id="every-iteration-breaks"),
        pytest.param("{{ range .l }}{{ continue }}{{ else }}ELSE{{ end }}|", "|", id="every-iteration-continues"),
        pytest.param("{{ range .none }}{{ break }}{{ else }}ELSE{{ end }}|", "ELSE|", id="nothing-to-range"),
        pytest.param(
            "{{ range $i, $v := .l }}{{ if $i }}{{ break }}{{ end }}{{ $v }}{{ else }}E{{ end }}", "a", id="vars"
        ),
    ],
)
def test_range_else_runs_only_when_there_is_nothing_to_range_over(source: str, expected: str) -> None:
    assert go(source, {"l": ["a", "b"], "none": []}) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('{{ printf "%[2]s %[1]s" "a" "b" }}', "b a", id="explicit-index"),
        pytest.param('{{ printf "%[1]d %d %[1]d" 1 2 }}', "1 2 1", id="index-then-next"),
        pytest.param('{{ printf "%[3]*.[2]*[1]f" 12.0 2 6 }}', " 12.00", id="index-star"),
        pytest.param('{{ printf "%[3]d|%[0]d" 1 2 }}', "%!d(BADINDEX)|%!d(BADINDEX)", id="bad-index"),
        pytest.param('{{ printf "%+d % d %+.1f" 5 5 2.25 }}', "+5  5 +2.2", id="plus-space"),
        pytest.param('{{ printf "%#x %#o %#v %#q" 255 8 "s" "s" }}', '0xff 010 "s" `s`', id="sharp"),
        pytest.param('{{ printf "% x|%#x|%+q" "hi" "hi" "é" }}', '68 69|0x6869|"\\u00e9"', id="string-flags"),
        pytest.param('{{ printf "%#.0f|%#g" 3.0 2.5 }}', "3.|2.50000", id="float-sharp"),
    ],
)
def test_printf_as_go(source: str, expected: str) -> None:
    assert go(source) == expected


def test_group_start_time_is_the_earliest_alert_start() -> None:
    payload = alertmanager_payload()
    payload["alerts"][1]["startsAt"] = "2024-01-01T13:30:00+02:00"  # 11:30 UTC, the earliest
    assert with_group_starts_at(payload)["startsAt"] == "2024-01-01T13:30:00+02:00"
    assert go('{{ .startsAt | date "15:04 MST" }}', with_group_starts_at(payload)) == "13:30 +0200"


def test_a_root_start_time_is_kept_and_other_payloads_are_unchanged() -> None:
    payload = alertmanager_payload() | {"startsAt": "given"}
    assert with_group_starts_at(payload)["startsAt"] == "given"
    assert "startsAt" not in with_group_starts_at(plain_payload())
    no_times = alertmanager_payload()
    for alert in no_times["alerts"]:
        del alert["startsAt"]
    assert "startsAt" not in with_group_starts_at(no_times)


def test_templates_get_the_group_start_time_at_the_root() -> None:
    incident = {"id": "i1", "payload": alertmanager_payload(), "decision": {}, "warnings": []}
    assert template_data(incident, None)["startsAt"] == "2024-01-01T12:00:00.123456789Z"
    assert "startsAt" not in incident["payload"]
