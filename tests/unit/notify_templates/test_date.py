"""sprig's `date LAYOUT TIME` with Go reference-time layouts (pkg.go.dev/time#pkg-constants)."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tests.unit.notify_templates.payloads import alertmanager_payload, go
from versus.notify.templates.functions import go_date

ALERTMANAGER_TIME = "2024-01-01T12:00:00.123456789Z"  # a Monday
PLUS_TWO = "2024-03-05T07:08:09+02:00"  # leap year: day 65


@pytest.mark.parametrize(
    ("layout", "value", "expected"),
    [
        ("Jan 02, 2006 15:04:05 MST", ALERTMANAGER_TIME, "Jan 01, 2024 12:00:00 UTC"),
        ("2006-01-02T15:04:05.999999999Z07:00", ALERTMANAGER_TIME, "2024-01-01T12:00:00.123456789Z"),
        ("2006-01-02T15:04:05.000Z07:00", ALERTMANAGER_TIME, "2024-01-01T12:00:00.123Z"),
        ("15:04:05.000000", ALERTMANAGER_TIME, "12:00:00.123456"),
        ("Monday, January 2 2006 3:04:05 PM", ALERTMANAGER_TIME, "Monday, January 1 2024 12:00:00 PM"),
        ("Mon Jan _2 15:04:05 2006", ALERTMANAGER_TIME, "Mon Jan  1 12:00:00 2024"),
        ("_2|__2|002|06|1|3|4|5|pm", PLUS_TWO, " 5| 65|065|24|3|7|8|9|am"),
        ("01/02 03:04:05 PM", PLUS_TWO, "03/05 07:08:09 AM"),
        ("-0700|-07:00|-07|Z07:00|Z0700|MST", PLUS_TWO, "+0200|+02:00|+02|+02:00|+0200|+0200"),
        ("-07:00:00|-070000", PLUS_TWO, "+02:00:00|+020000"),
        ("Z07:00 -07:00", "2024-01-01T00:00:00Z", "Z +00:00"),
        ("05.999|05.000", "2024-01-01T12:00:07Z", "07|07.000"),
        ("05,000", "2024-01-01T12:00:07.5Z", "07,500"),
        ("Jane 2006", ALERTMANAGER_TIME, "Jane 2024"),
        ("_2006", ALERTMANAGER_TIME, "_2024"),
        ("3:04 PM", "2024-01-01T00:30:00Z", "12:30 AM"),
        ("2006-01-02", "0001-01-01T00:00:00Z", "0001-01-01"),
    ],
)
def test_layouts(layout: str, value: str, expected: str) -> None:
    assert go_date(layout, value) == expected


def test_datetime_values_keep_their_offset() -> None:
    value = datetime(2024, 6, 1, 9, 5, 0, 250000, tzinfo=timezone(-timedelta(hours=5)))
    assert go_date("2006-01-02 15:04:05.000 -0700 MST", value) == "2024-06-01 09:05:00.250 -0500 -0500"


def test_naive_datetime_is_utc_and_unix_seconds_work() -> None:
    assert go_date("2006-01-02 15:04 MST", datetime(2024, 2, 29, 23, 59)) == "2024-02-29 23:59 UTC"
    assert go_date("2006-01-02T15:04:05Z07:00", 0) == "1970-01-01T00:00:00Z"
    assert go_date("15:04:05", datetime(2024, 1, 1, 8, 0, tzinfo=UTC)) == "08:00:00"


def test_missing_time_is_empty_and_other_text_is_kept() -> None:
    assert go_date("2006", None) == ""
    assert go_date("2006", "not a time") == "not a time"


def test_date_in_a_template_pipeline() -> None:
    source = '{{ range .alerts }}{{ .startsAt | date "Jan 02, 2006 15:04:05 MST" }};{{ end }}'
    assert go(source, alertmanager_payload()) == "Jan 01, 2024 12:00:00 UTC;Jan 01, 2024 12:01:30 UTC;"


def test_root_starts_at_is_missing_in_alertmanager_payloads() -> None:
    assert go('[{{ .startsAt | date "2006" }}]', alertmanager_payload()) == "[]"
