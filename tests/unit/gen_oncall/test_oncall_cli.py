"""`versus-gen oncall`: who is on call, the seed teams' calendars in three formats, and the burden.

Times in the seed are New York wall-clock time: platform hands off Mondays 09:00 (alice, bob, carol,
dave from 5 January 2026), the secondary on the 1st at 09:00 (erin, frank); application hands off
daily at 08:00 and covers weekdays 08:00-18:00 only. Dave covers bob from Wednesday 16 December.
"""

from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from versus.gen.cli import main
from versus.gen.commands import oncall

WINDOW = ["--from", "2026-12-07T00:00", "--days", "14"]

PLATFORM_TEXT = """\
Times in America/New_York
Start                 End                   Layer      Rotation            On call
Mon 2026-11-30 09:00  Mon 2026-12-07 09:00  primary    platform-rotation   Dave Kim
Tue 2026-12-01 09:00  Fri 2027-01-01 09:00  secondary  platform-secondary  Frank Osei
Mon 2026-12-07 09:00  Mon 2026-12-14 09:00  primary    platform-rotation   Alice Nguyen
Mon 2026-12-14 09:00  Wed 2026-12-16 09:00  primary    platform-rotation   Bob Okafor
Wed 2026-12-16 09:00  Mon 2026-12-21 09:00  primary    platform-rotation   Dave Kim (override for Bob Okafor: Bob on vacation)
"""  # noqa: E501 - the exact table

APPLICATION_TEXT = """\
Times in America/New_York
Start                 End                   Layer    Rotation      On call
Mon 2026-12-07 08:00  Mon 2026-12-07 18:00  primary  app-rotation  Mallory Diaz
Tue 2026-12-08 08:00  Tue 2026-12-08 18:00  primary  app-rotation  Niaj Haddad
Wed 2026-12-09 08:00  Wed 2026-12-09 18:00  primary  app-rotation  Olivia Park
Thu 2026-12-10 08:00  Thu 2026-12-10 18:00  primary  app-rotation  Mallory Diaz
Fri 2026-12-11 08:00  Fri 2026-12-11 18:00  primary  app-rotation  Niaj Haddad
Mon 2026-12-14 08:00  Mon 2026-12-14 18:00  primary  app-rotation  Niaj Haddad
Tue 2026-12-15 08:00  Tue 2026-12-15 18:00  primary  app-rotation  Olivia Park
Wed 2026-12-16 08:00  Wed 2026-12-16 18:00  primary  app-rotation  Mallory Diaz
Thu 2026-12-17 08:00  Thu 2026-12-17 18:00  primary  app-rotation  Niaj Haddad
Fri 2026-12-18 08:00  Fri 2026-12-18 18:00  primary  app-rotation  Olivia Park
"""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["oncall", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(("team", "expected"), [("platform", PLATFORM_TEXT), ("application", APPLICATION_TEXT)])
def test_two_weeks_as_text(capsys, seed_spec, team, expected):
    assert run(capsys, seed_spec, "--team", team, *WINDOW) == (0, expected, "")


def test_who_is_on_call_per_layer_at_a_time(capsys, seed_spec):
    code, out, _ = run(capsys, seed_spec, "--team", "platform", "--at", "2026-12-17T12:00")
    assert code == 0
    assert out == "Platform on call at Thu 2026-12-17 12:00 EST\n  primary    Dave Kim\n  secondary  Frank Osei\n"


def test_without_a_team_every_team_is_shown(capsys, seed_spec):
    code, out, _ = run(capsys, seed_spec, "--at", "2026-12-19T12:00")  # a Saturday: application is off
    assert code == 0
    assert out.splitlines() == [
        "Platform on call at Sat 2026-12-19 12:00 EST",
        "  primary    Dave Kim",
        "  secondary  Frank Osei",
        "Application on call at Sat 2026-12-19 12:00 EST",
        "  primary  nobody",
    ]


def test_a_team_without_rotations_is_left_out_unless_named(capsys, seed_data, write_spec):
    application = seed_data["teams"][1]
    del application["rotations"]
    application["escalation"]["stages"][0]["targets"] = [{"person": "mallory"}]
    spec = str(write_spec(seed_data))
    code, out, _ = run(capsys, spec, "--at", "2026-12-17T12:00")
    assert (
        code == 0 and out.splitlines()[0] == "Platform on call at Thu 2026-12-17 12:00 EST" and "Application" not in out
    )
    code, out, err = run(capsys, spec, "--team", "application")
    assert (code, out, err) == (2, "", f"{spec}: teams[1]: error: the team has no rotations\n")


@pytest.mark.parametrize(
    ("at", "primary"),
    [
        ("2026-12-14T08:59", "Alice Nguyen"),  # naive: New York time, the first rotation's zone
        ("2026-12-14T09:00", "Bob Okafor"),
        ("2026-12-14T13:59Z", "Alice Nguyen"),  # 08:59 EST
        ("2026-12-14T15:00+01:00", "Bob Okafor"),  # 09:00 EST
    ],
)
def test_a_naive_time_is_in_the_first_rotations_zone(capsys, seed_spec, at, primary):
    code, out, _ = run(capsys, seed_spec, "--team", "platform", "--at", at)
    assert code == 0 and out.splitlines()[1].split(maxsplit=1) == ["primary", primary]


def test_now_comes_from_the_clock(capsys, seed_spec, monkeypatch):
    monkeypatch.setattr(oncall, "current_time", lambda: datetime(2026, 12, 17, 17, tzinfo=UTC))
    _, out, _ = run(capsys, seed_spec, "--team", "platform")
    assert out.splitlines()[0] == "Platform on call at Thu 2026-12-17 12:00 EST"
    _, out, _ = run(capsys, seed_spec, "--team", "application", "--days", "1")
    assert out.splitlines()[2] == "Thu 2026-12-17 08:00  Thu 2026-12-17 18:00  primary  app-rotation  Niaj Haddad"


def test_at_marks_now_in_a_calendar(capsys, seed_spec):
    _, out, _ = run(capsys, seed_spec, "--team", "platform", *WINDOW, "--at", "2026-12-17T12:00")
    assert out.splitlines()[-1] == "Now (Thu 2026-12-17 12:00 EST): primary: Dave Kim; secondary: Frank Osei"


def test_ics_parses_back_with_the_override(capsys, seed_spec):
    code, out, _ = run(capsys, seed_spec, "--team", "platform", *WINDOW, "--format", "ics")
    assert code == 0
    calendar = Calendar.from_ical(out)
    assert str(calendar["X-WR-CALNAME"]) == "Platform on call"
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [
        "On call: Dave Kim (primary)",
        "On call: Frank Osei (secondary)",
        "On call: Alice Nguyen (primary)",
        "On call: Bob Okafor (primary)",
        "On call: Dave Kim (primary, override)",
    ]
    override = events[-1]
    assert override.decoded("DTSTART") == datetime(2026, 12, 16, 14, tzinfo=UTC)
    assert override.decoded("DTEND") == datetime(2026, 12, 21, 14, tzinfo=UTC)
    assert "Bob on vacation" in str(override["DESCRIPTION"])
    assert run(capsys, seed_spec, "--team", "platform", *WINDOW, "--format", "ics")[1] == out


def test_application_ics_has_one_event_per_weekday(capsys, seed_spec):
    _, out, _ = run(capsys, seed_spec, "--team", "application", *WINDOW, "--format", "ics")
    events = Calendar.from_ical(out).walk("VEVENT")
    assert len(events) == 10
    assert {e.decoded("DTSTART").astimezone(UTC).hour for e in events} == {13}  # 08:00 EST


def test_html_page_has_the_grid_and_marks_the_override(capsys, seed_spec, tmp_path):
    page = tmp_path / "platform.html"
    code, out, _ = run(capsys, seed_spec, "--team", "platform", *WINDOW, "--format", "html", "-o", str(page))
    assert (code, out) == (0, "")
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<title>Platform on call</title>" in html
    assert html.count('<div class="grid"') == 4  # two weeks, two layers
    assert html.count("<h3>primary</h3>") == 2 and html.count("<h3>secondary</h3>") == 2
    assert '<div class="block override"' in html and "Bob on vacation" in html
    assert "<script" not in html


def test_burden_for_the_window(capsys, seed_spec):
    code, out, _ = run(capsys, seed_spec, "--team", "platform", *WINDOW, "--burden")
    assert code == 0
    assert out.splitlines() == [
        "Person               Shifts    Hours  Business      Off    Sleep",
        "Alice Nguyen              1    168.0      45.0     60.0     63.0",
        "Bob Okafor                1     48.0      18.0     12.0     18.0",
        "Dave Kim                  2    120.0      27.0     48.0     45.0",
        "Frank Osei                1    336.0      90.0    120.0    126.0",
    ]


def test_an_override_that_changes_nothing_is_a_warning_on_stderr(capsys, seed_data, write_spec):
    override = seed_data["teams"][0]["rotations"][0]["overrides"][0]
    override.update({"from": "2026-12-21T09:00:00", "to": "2026-12-28T09:00:00"})  # carol's week
    code, out, err = run(capsys, str(write_spec(seed_data)), "--team", "platform", *WINDOW)
    assert code == 0 and "override" not in out
    assert "teams[0]: warning: rotations[platform-rotation].overrides[0]: 'bob' is not on call" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--team", "nope"], "--team: error: 'nope' is not a team in {spec} (teams: platform, application)"),
        (["--days", "3"], "--team: error: {spec} has several teams (platform, application); name one"),
        (["--team", "platform", "--at", "tomorrow"], "--at: error: 'tomorrow' is not an ISO 8601 date-time"),
        (["--team", "platform", "--from", "12/07/2026"], "--from: error: '12/07/2026' is not an ISO 8601 date-time"),
        (["--team", "platform", "--burden", "--format", "ics"], "--burden: error: the burden is a text table"),
    ],
)
def test_unusable_arguments_exit_2(capsys, seed_spec, argv, message):
    code, out, err = run(capsys, seed_spec, *argv)
    assert (code, out) == (2, "")
    assert err.startswith(message.format(spec=seed_spec))


def test_bad_days_is_an_argparse_error(capsys, seed_spec):
    with pytest.raises(SystemExit) as exit_info:
        main(["oncall", seed_spec, "--team", "platform", "--days", "0"])
    assert exit_info.value.code == 2
    assert "--days: '0' is not a whole number of days from 1 to 366" in capsys.readouterr().err


def test_a_schedule_the_engine_refuses_exits_2_with_the_team(capsys, seed_data, write_spec):
    """The spec's rules leave some schedule checks to the engine; its errors still name team and key."""
    seed_data["teams"][0]["rotations"][0]["recurrence"]["on_calls"] = 5
    spec = str(write_spec(seed_data))
    code, _, err = run(capsys, spec, "--team", "platform", *WINDOW)
    assert code == 2
    assert err == (
        f"{spec}: teams[0]: error: rotations[platform-rotation].recurrence.on_calls: "
        "5 at once needs at least that many members\n"
    )
