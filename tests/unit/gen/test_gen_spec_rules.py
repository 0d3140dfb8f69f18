"""Cross-reference rules: each names the key path at fault, and all are reported together."""

from pathlib import Path

import pytest

from versus.gen.problems import SpecError
from versus.gen.spec import load_spec


def problems_of(path: Path) -> list[str]:
    with pytest.raises(SpecError) as raised:
        load_spec(path)
    return [f"{problem.path}: {problem.message}" for problem in raised.value.problems]


def test_unknown_names_are_reported_together(seed_data, write_spec):
    platform = seed_data["teams"][0]
    platform["routes"][1]["response_plan"] = "netwrk"
    platform["escalation"]["stages"][1]["targets"][0] = {"rotation": "platform-tertiary"}
    platform["escalation"]["stages"][2]["targets"][1] = {"person": "ivy"}
    platform["rotations"][0]["members"][3] = "dan"
    platform["rotations"][0]["overrides"][0]["replaces"] = "erin"
    seed_data["oncall"]["default_response_plan"] = "default"
    assert problems_of(write_spec(seed_data)) == [
        "oncall.default_response_plan: response plan 'default' does not exist (known: app, network, platform)",
        "teams[0].escalation.stages[1].targets[0].rotation: rotation 'platform-tertiary' does not exist "
        "(known: app-rotation, platform-rotation, platform-secondary)",
        "teams[0].escalation.stages[2].targets[1].person: person 'ivy' does not exist (known: alice, bob, "
        "carol, dave, erin, frank, grace, heidi, ivan, judy, mallory, niaj, olivia)",
        "teams[0].rotations[0].members[3]: person 'dan' does not exist (known: alice, bob, carol, dave, "
        "erin, frank, grace, heidi, ivan, judy, mallory, niaj, olivia)",
        "teams[0].rotations[0].overrides[0].replaces: member 'erin' does not exist (known: alice, bob, carol, dan)",
        "teams[0].routes[1].response_plan: response plan 'netwrk' does not exist (known: app, network, platform)",
    ]


def test_response_plan_names_must_pass_the_iam_pattern(seed_data, write_spec):
    seed_data["teams"][0]["response_plans"][1]["name"] = "NetworkPlan"
    assert problems_of(write_spec(seed_data)) == [
        "teams[0].response_plans[1].name: 'NetworkPlan' does not match the IAM pattern '*Critical*': "
        "StartIncident would be denied"
    ]


def test_time_zones_are_checked(seed_data, write_spec):
    seed_data["people"][4]["time_zone"] = "Europe/Londn"
    seed_data["alertmanager"]["time_intervals"]["business-hours"][0]["location"] = "EST5"
    assert problems_of(write_spec(seed_data)) == [
        "alertmanager.time_intervals.business-hours[0].location: 'EST5' is not a known time zone "
        "(IANA name such as 'Europe/London')",
        "people[4].time_zone: 'Europe/Londn' is not a known time zone (IANA name such as 'Europe/London')",
    ]


def test_business_hours_route_needs_a_sibling_for_the_other_hours(seed_data, write_spec):
    del seed_data["teams"][1]["routes"][1]
    assert problems_of(write_spec(seed_data)) == [
        "teams[1].routes[0].during: must be followed by a route with the same severity and matchers and no "
        "`during`, for the other hours"
    ]


def test_a_route_behind_a_broader_one_never_matches(seed_data, write_spec):
    routes = seed_data["teams"][0]["routes"]
    routes.insert(0, routes.pop(2))
    assert problems_of(write_spec(seed_data)) == [
        "teams[0].routes[1]: never matches: teams[0].routes[0] catches its alerts first",
        "teams[0].routes[2]: never matches: teams[0].routes[0] catches its alerts first",
    ]


def test_wait_and_plan_only_on_paging_routes(seed_data, write_spec):
    seed_data["teams"][0]["routes"][3].update(wait_minutes=1, response_plan="network")
    assert problems_of(write_spec(seed_data)) == [
        "teams[0].routes[3].response_plan: only applies to routes with `oncall: true`",
        "teams[0].routes[3].wait_minutes: only applies to routes with `oncall: true`",
    ]


def test_on_call_mode_must_be_one_or_the_other(seed_data, write_spec):
    seed_data["oncall"]["enable"] = True
    assert problems_of(write_spec(seed_data)) == [
        "oncall.initialized_only: set either `enable` (page unless a route opts out) or this, not both"
    ]


def test_paging_route_needs_on_call_in_the_receiver(seed_data, write_spec):
    seed_data["oncall"]["initialized_only"] = False
    assert problems_of(write_spec(seed_data))[0] == (
        "teams[0].routes[0].oncall: on-call is off for the receiver (oncall.enable and oncall.initialized_only "
        "are false)"
    )


def test_matchers_are_parsed_and_may_not_redo_team_or_severity(seed_data, write_spec):
    seed_data["teams"][0]["routes"][0]["matchers"] = ['severity="page"', "service=~'db"]
    assert problems_of(write_spec(seed_data)) == [
        "teams[0].routes[0].matchers[0]: 'severity=\"page\"': the team and `severity` already set label 'severity'",
        'teams[0].routes[0].matchers[1]: "service=~\'db" is not a matcher like \'service="database"\'',
    ]


def test_receiver_names_are_unique_and_plain(seed_data, write_spec):
    seed_data["teams"][0]["routes"][1]["name"] = "database"
    seed_data["teams"][0]["routes"][3]["severity"] = "P2 high"
    assert problems_of(write_spec(seed_data)) == [
        "teams[0].routes[1].name: receiver name 'versus-platform-database' is already used by "
        "teams[0].routes[0]; give one route a `name`",
        "teams[0].routes[3].name: receiver name 'versus-platform-P2 high' may only use a-z, 0-9 and '-'; set `name`",
    ]


def test_duplicate_names(seed_data, write_spec):
    seed_data["teams"][1]["response_plans"][0]["alias"] = "network"
    seed_data["people"][1]["alias"] = "alice"
    problems = problems_of(write_spec(seed_data))
    assert "people[1].alias: alias 'alice' is already used at people[0].alias" in problems
    assert (
        "teams[1].response_plans[0].alias: alias 'network' is already used at teams[0].response_plans[1].alias"
        in problems
    )


def test_recurrence_needs_exactly_one_pattern(seed_data, write_spec):
    seed_data["teams"][0]["rotations"][0]["recurrence"]["daily"] = {"at": "09:00"}
    assert problems_of(write_spec(seed_data)) == [
        "teams[0].rotations[0].recurrence: needs exactly one of daily, weekly, monthly (has ['daily', 'weekly'])"
    ]


def test_time_intervals_alertmanager_would_refuse(seed_data, write_spec):
    seed_data["alertmanager"]["time_intervals"]["business-hours"][0].update(
        weekdays=["monday:sunday", "funday"],
        months=["march:january", "13"],
        days_of_month=["0", "-1:-7"],
        years=["2027:2026"],
        times=[{"start_time": "18:00", "end_time": "08:00"}],
    )
    prefix = "alertmanager.time_intervals.business-hours[0]"
    assert problems_of(write_spec(seed_data)) == [
        f"{prefix}.days_of_month[0]: '0' is out of range",
        f"{prefix}.days_of_month[1]: '-1:-7' runs backwards: Alertmanager refuses it",
        f"{prefix}.months[0]: 'march:january' runs backwards: Alertmanager refuses it",
        f"{prefix}.months[1]: '13' is out of range",
        f"{prefix}.times[0]: end_time '08:00' is not after '18:00'",
        f"{prefix}.weekdays[0]: 'monday:sunday' runs backwards: Alertmanager refuses it",
        f"{prefix}.weekdays[1]: 'funday' is not one of sunday, monday, tuesday, wednesday, thursday, friday, saturday",
        f"{prefix}.years[0]: '2027:2026' runs backwards: Alertmanager refuses it",
    ]
