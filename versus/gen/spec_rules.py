"""Cross-reference rules a JSON Schema cannot express: names that must exist, be unique, or agree.

Each rule returns problems with the spec's key path; `load_spec` reports them all together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from fnmatch import fnmatchcase
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from versus.gen.matchers import parse_matcher
from versus.gen.problems import Problem
from versus.gen.spec_model import DEFAULT_RECEIVER, Route, TeamSpec

RECEIVER_NAME = re.compile(r"^[a-z0-9-]+$")

Rule = Callable[[TeamSpec], Iterator[tuple[str, str]]]


def rule_problems(spec: TeamSpec) -> list[Problem]:
    """Every rule's findings, sorted by key path."""
    found = [Problem(spec.source, path, message) for rule in RULES for path, message in rule(spec)]
    return sorted(found, key=lambda problem: (problem.path, problem.message))


def _duplicates(named: list[tuple[str, str]], what: str) -> Iterator[tuple[str, str]]:
    """`named` is (key path, name); every repeat after the first is a problem."""
    first: dict[str, str] = {}
    for path, name in named:
        if name in first:
            yield path, f"{what} {name!r} is already used at {first[name]}"
        else:
            first[name] = path


def unique_names(spec: TeamSpec) -> Iterator[tuple[str, str]]:
    yield from _duplicates([(f"people[{i}].alias", p.alias) for i, p in enumerate(spec.people)], "alias")
    yield from _duplicates([(f"teams[{i}].name", t.name) for i, t in enumerate(spec.teams)], "team")
    yield from _duplicates(
        [(f"teams[{i}].team_label_value", t.label_value) for i, t in enumerate(spec.teams)], "team label value"
    )
    rotations = [
        (f"teams[{i}].rotations[{j}].name", r.name) for i, t in enumerate(spec.teams) for j, r in enumerate(t.rotations)
    ]
    yield from _duplicates(rotations, "rotation")
    plans = [(i, j, p) for i, t in enumerate(spec.teams) for j, p in enumerate(t.response_plans)]
    yield from _duplicates([(f"teams[{i}].response_plans[{j}].alias", p.alias) for i, j, p in plans], "alias")
    yield from _duplicates(
        [(f"teams[{i}].response_plans[{j}].name", p.name) for i, j, p in plans], "response plan name"
    )
    contacts = [(f"people[{i}].alias", p.alias) for i, p in enumerate(spec.people)]
    contacts += [(f"teams[{i}].escalation.name", t.escalation.name) for i, t in enumerate(spec.teams) if t.escalation]
    yield from _duplicates(contacts, "contact alias")


def receiver_names(spec: TeamSpec) -> Iterator[tuple[str, str]]:
    """Alertmanager regex-escapes odd characters in the webhook's `receiver` field; keep names plain."""
    seen: dict[str, str] = {}
    for route in spec.routes:
        name = route.receiver_name
        if not RECEIVER_NAME.match(name):
            yield f"{route.spec_path}.name", f"receiver name {name!r} may only use a-z, 0-9 and '-'; set `name`"
        elif name in seen:
            yield (
                f"{route.spec_path}.name",
                f"receiver name {name!r} is already used by {seen[name]}; give one route a `name`",
            )
        else:
            seen[name] = route.spec_path
    if DEFAULT_RECEIVER in seen:
        yield f"{seen[DEFAULT_RECEIVER]}.name", f"{DEFAULT_RECEIVER!r} is reserved for alerts no route claims"


def receiver_credential(spec: TeamSpec) -> Iterator[tuple[str, str]]:
    """The receiver checks Bearer tokens and basic auth (`alert.auth`), and Alertmanager sends only one."""
    auth = spec.receiver.authorization
    if auth is not None and auth.type.lower() != "bearer":
        yield "receiver.authorization.type", f"the receiver accepts Bearer credentials, not {auth.type!r}"
    if auth is not None and spec.receiver.basic_auth is not None:
        yield "receiver.basic_auth", "set either receiver.authorization or receiver.basic_auth, not both"


def oncall_mode(spec: TeamSpec) -> Iterator[tuple[str, str]]:
    """`enable` pages by default; `initialized_only` pages only when asked; both at once is ambiguous."""
    if spec.oncall.enable and spec.oncall.initialized_only:
        yield "oncall.initialized_only", "set either `enable` (page unless a route opts out) or this, not both"
    if not (spec.oncall.enable or spec.oncall.initialized_only):
        for route in spec.routes:
            if route.oncall:
                yield (
                    f"{route.spec_path}.oncall",
                    "on-call is off for the receiver (oncall.enable and oncall.initialized_only are false)",
                )


def response_plans(spec: TeamSpec) -> Iterator[tuple[str, str]]:
    plans = spec.response_plans
    if spec.oncall.default_response_plan not in plans:
        yield "oncall.default_response_plan", _unknown("response plan", spec.oncall.default_response_plan, plans)
    pattern = spec.oncall.iam_response_plan_pattern
    if pattern:
        for i, team in enumerate(spec.teams):
            for j, plan in enumerate(team.response_plans):
                if not fnmatchcase(plan.name, pattern):
                    yield (
                        f"teams[{i}].response_plans[{j}].name",
                        f"{plan.name!r} does not match the IAM pattern {pattern!r}: StartIncident would be denied",
                    )
    for route in spec.routes:
        if route.response_plan is not None and route.response_plan not in plans:
            yield f"{route.spec_path}.response_plan", _unknown("response plan", route.response_plan, plans)


def backends(spec: TeamSpec) -> Iterator[tuple[str, str]]:
    """A route pages through its team's back end, with one of that back end's aliases; the default plan
    belongs to the default back end, which is the receiver's `oncall.provider`."""
    plans = spec.response_plans
    default = spec.oncall.default_response_plan
    if default in plans and spec.plan_backend(default) != spec.oncall.backend:
        yield (
            "oncall.default_response_plan",
            f"{default!r} belongs to a team paging through {spec.plan_backend(default)},"
            f" but oncall.backend is {spec.oncall.backend}",
        )
    for route in spec.routes:
        alias = spec.route_plan_alias(route)
        if not route.oncall or alias not in plans:
            continue
        route_backend, plan_backend = spec.route_backend(route), spec.plan_backend(alias)
        if route_backend != plan_backend:
            yield (
                f"{route.spec_path}.response_plan",
                f"team {route.team} pages through {route_backend}, but response plan {alias!r} belongs to a team"
                f" paging through {plan_backend}; name one of this team's response plans",
            )


def route_fields(spec: TeamSpec) -> Iterator[tuple[str, str]]:
    """Wait and plan only mean something when the route pages; extra matchers must not redo team/severity."""
    reserved = {spec.alertmanager.team_label, spec.alertmanager.severity_label}
    for route in spec.routes:
        if not route.oncall:
            for field in ("wait_minutes", "response_plan"):
                if getattr(route, field) is not None:
                    yield f"{route.spec_path}.{field}", "only applies to routes with `oncall: true`"
        for k, text in enumerate(route.matchers):
            try:
                matcher = parse_matcher(text)
            except ValueError as error:
                yield f"{route.spec_path}.matchers[{k}]", str(error)
                continue
            if matcher.name in reserved:
                yield (
                    f"{route.spec_path}.matchers[{k}]",
                    f"{text!r}: the team and `severity` already set label {matcher.name!r}",
                )


def business_hours(spec: TeamSpec) -> Iterator[tuple[str, str]]:
    """An inactive Alertmanager route still stops matching, so a `during` route needs a sibling for the
    other hours right after it: same severity and matchers, no `during`."""
    intervals = spec.alertmanager.time_intervals
    for team in spec.teams:
        for route in team.routes:
            if route.during is None:
                continue
            if route.during not in intervals:
                yield f"{route.spec_path}.during", _unknown("time interval", route.during, intervals)
            following = team.routes[route.index + 1] if route.index + 1 < len(team.routes) else None
            if following is None or not _other_hours(route, following):
                yield (
                    f"{route.spec_path}.during",
                    "must be followed by a route with the same severity and matchers and no `during`, "
                    "for the other hours",
                )


def _other_hours(route: Route, following: Route) -> bool:
    return (
        following.during is None
        and following.severity == route.severity
        and set(following.matchers) == set(route.matchers)
    )


def shadowed_routes(spec: TeamSpec) -> Iterator[tuple[str, str]]:
    """A route after a broader one for the same severity never matches."""
    for team in spec.teams:
        for route in team.routes:
            for earlier in team.routes[: route.index]:
                if (
                    earlier.during is None
                    and earlier.severity == route.severity
                    and set(earlier.matchers) <= set(route.matchers)
                ):
                    yield route.spec_path, f"never matches: {earlier.spec_path} catches its alerts first"
                    break


def people_and_rotations(spec: TeamSpec) -> Iterator[tuple[str, str]]:
    people = {person.alias for person in spec.people}
    rotations = {rotation.name for team in spec.teams for rotation in team.rotations}
    for i, team in enumerate(spec.teams):
        for j, rotation in enumerate(team.rotations):
            path = f"teams[{i}].rotations[{j}]"
            for k, member in enumerate(rotation.members):
                if member not in people:
                    yield f"{path}.members[{k}]", _unknown("person", member, people)
            yield from _duplicates([(f"{path}.members[{k}]", m) for k, m in enumerate(rotation.members)], "member")
            if _local_datetime(rotation.start) is None:
                yield f"{path}.start", f"{rotation.start!r} is not a valid date and time"
            kinds = [kind for kind in ("daily", "weekly", "monthly") if kind in rotation.recurrence]
            if len(kinds) != 1:
                yield f"{path}.recurrence", f"needs exactly one of daily, weekly, monthly (has {kinds or 'none'})"
            for k, override in enumerate(rotation.overrides):
                if override["contact"] not in people:
                    yield f"{path}.overrides[{k}].contact", _unknown("person", override["contact"], people)
                replaces = override.get("replaces")
                if replaces is not None and replaces not in rotation.members:
                    yield f"{path}.overrides[{k}].replaces", _unknown("member", replaces, rotation.members)
                start, end = _local_datetime(override["from"]), _local_datetime(override["to"])
                if start is None:
                    yield f"{path}.overrides[{k}].from", f"{override['from']!r} is not a valid date and time"
                if end is None:
                    yield f"{path}.overrides[{k}].to", f"{override['to']!r} is not a valid date and time"
                if start is not None and end is not None and start >= end:
                    yield f"{path}.overrides[{k}].to", f"{override['to']!r} is not after {override['from']!r}"
        if team.escalation:
            for k, stage in enumerate(team.escalation.stages):
                for m, target in enumerate(stage.targets):
                    known = rotations if target.kind == "rotation" else people
                    if target.name not in known:
                        yield (
                            f"teams[{i}].escalation.stages[{k}].targets[{m}].{target.kind}",
                            _unknown(target.kind, target.name, known),
                        )


def _local_datetime(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def time_zones(spec: TeamSpec) -> Iterator[tuple[str, str]]:
    named = [(f"people[{i}].time_zone", p.time_zone) for i, p in enumerate(spec.people)]
    named += [
        (f"teams[{i}].rotations[{j}].time_zone", r.time_zone)
        for i, t in enumerate(spec.teams)
        for j, r in enumerate(t.rotations)
    ]
    named += [
        (f"alertmanager.time_intervals.{name}[{k}].location", entry.get("location"))
        for name, entries in spec.alertmanager.time_intervals.items()
        for k, entry in enumerate(entries)
    ]
    for path, zone in named:
        if zone is not None and not _is_time_zone(zone):
            yield path, f"{zone!r} is not a known time zone (IANA name such as 'Europe/London')"


def _is_time_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


AM_WEEKDAYS = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
AM_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


def time_interval_values(spec: TeamSpec) -> Iterator[tuple[str, str]]:
    """What Alertmanager refuses at load: unknown names, ranges that run backwards (its week starts on
    Sunday, so `monday:sunday` is refused), end times not after start times."""
    for name, entries in spec.alertmanager.time_intervals.items():
        for k, entry in enumerate(entries):
            path = f"alertmanager.time_intervals.{name}[{k}]"
            for field, position in (
                ("weekdays", _named(AM_WEEKDAYS, 0)),
                ("months", _named(AM_MONTHS, 1)),
                ("days_of_month", _day_of_month),
                ("years", int),
            ):
                for m, text in enumerate(entry.get(field, [])):
                    problem = _range_problem(text, position)
                    if problem:
                        yield f"{path}.{field}[{m}]", problem
            for m, times in enumerate(entry.get("times", [])):
                if times["start_time"] >= times["end_time"] or times["start_time"] == "24:00":
                    yield f"{path}.times[{m}]", f"end_time {times['end_time']!r} is not after {times['start_time']!r}"


def _named(names: tuple[str, ...], first: int) -> Callable[[str], int]:
    def position(text: str) -> int:
        if text.isdigit() and first == 1:
            return int(text) if 1 <= int(text) <= len(names) else _out_of_range(text)
        if text not in names:
            raise ValueError(f"{text!r} is not one of {', '.join(names)}")
        return names.index(text) + first

    return position


def _day_of_month(text: str) -> int:
    day = int(text)
    return day if day != 0 and -31 <= day <= 31 else _out_of_range(text)


def _out_of_range(text: str) -> int:
    raise ValueError(f"{text!r} is out of range")


def _range_problem(text: str, position: Callable[[str], int]) -> str | None:
    start, _, end = text.partition(":")
    try:
        first, last = position(start), position(end or start)
    except ValueError as error:
        return str(error)
    if (first < 0) == (last < 0) and first > last:
        return f"{text!r} runs backwards: Alertmanager refuses it"
    return None


def _unknown(what: str, name: str, known: object) -> str:
    names = sorted(known) if isinstance(known, (set, dict, tuple, list)) else []
    return f"{what} {name!r} does not exist (known: {', '.join(names) or 'none'})"


RULES: tuple[Rule, ...] = (
    unique_names,
    receiver_names,
    receiver_credential,
    oncall_mode,
    response_plans,
    backends,
    route_fields,
    business_hours,
    shadowed_routes,
    people_and_rotations,
    time_zones,
    time_interval_values,
)
