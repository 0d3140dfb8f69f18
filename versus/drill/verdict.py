"""Judge a followed drill against its scenario, and print the table.

A drill passes only if the receiver did what was expected *as a drill*: it marked the incident a drill,
rehearsed the page (`drill_result`, no incident ARN) rather than starting a real one, after at least the
wait, with the expected response plan (or PagerDuty / incident.io alias) and warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from versus.drill.runner import Drill
from versus.drill.scenarios import DEFAULT_PLAN, Expected

WAIT_TOLERANCE_MS = 50
"""Timestamps are stored in milliseconds by one Redis clock; allow rounding only."""


@dataclass(frozen=True)
class Row:
    scenario: str
    expected: str
    observed: str
    passed: bool


def judge(drill: Drill) -> Row:
    expected = drill.scenario.expected
    observed, problems = _observe(drill)
    if not problems:
        problems = _page_problems(drill, expected) if expected.page else _quiet_problems(drill, expected)
    text = observed + ("" if not problems else " -- " + "; ".join(problems))
    return Row(drill.scenario.name, expected.describe(), text, not problems)


def _observe(drill: Drill) -> tuple[str, list[str]]:
    if drill.error is not None:
        return "error", [drill.error]
    incident = drill.incident
    state = incident.get("escalation")
    plan = drill.response.get("decision", {}).get("response_plan")
    warned = len(drill.response.get("warnings") or [])
    suffix = f", plan {plan}" + (f", {warned} warning(s)" if warned else "")
    if state == "escalated" and incident.get("drill_result"):
        observed = "rehearsed page" + suffix
    elif state == "escalated":
        observed = f"REAL PAGE {incident.get('incident_arn', '')}"
    elif state == "cancelled":
        observed = f"no page ({incident.get('cancelled_reason', 'cancelled')})"
    elif state == "none":
        observed = "no page (on-call off for this alert)"
    elif state == "failed":
        observed = f"page failed: {incident.get('escalation_error', '')}"
    else:
        observed = f"still {state} after the wait"
    problems = []
    if not incident.get("drill"):
        problems.append("the receiver did not mark the incident as a drill")
    if incident.get("incident_arn"):
        problems.append("a drill started a real incident")
    return observed, problems


def _page_problems(drill: Drill, expected: Expected) -> list[str]:
    incident = drill.incident
    if incident.get("escalation") != "escalated" or not incident.get("drill_result"):
        return ["expected a (rehearsed) page"]
    decision = drill.response.get("decision", {})
    warnings = [str(warning) for warning in drill.response.get("warnings") or []]
    problems = []
    target = decision.get("response_plan_arn") or decision.get("response_plan")
    if str(target) not in str(incident["drill_result"]):
        problems.append(f"drill_result {incident['drill_result']!r} does not name the decided plan")
    plan = decision.get("response_plan")
    if expected.plan_or_default:
        if plan != expected.plan and not (plan == DEFAULT_PLAN and any((expected.plan or "") in w for w in warnings)):
            problems.append(f"plan {plan}, and no warning about {expected.plan!r}")
    elif plan != expected.plan:
        problems.append(f"plan {plan}, expected {expected.plan}")
    arn = str(decision.get("response_plan_arn"))
    if expected.plan_name and not arn.endswith(f"/{expected.plan_name}"):
        problems.append(f"plan ARN {arn} is not response plan {expected.plan_name}")
    if expected.warning and not any(expected.warning in warning for warning in warnings):
        problems.append(f"no warning about {expected.warning}")
    if not expected.warning and not expected.plan_or_default and warnings:
        problems.append(f"unexpected warning(s): {'; '.join(warnings)}")
    waited_ms = _ms(incident.get("escalated_at")) - _ms(incident.get("created_at"))
    wait_ms = float(decision.get("wait_minutes") or 0) * 60_000
    if waited_ms < wait_ms - WAIT_TOLERANCE_MS:
        problems.append(f"paged after {waited_ms / 1000:.1f} s, before the {wait_ms / 1000:g} s wait")
    if expected.wait_minutes is not None and float(decision.get("wait_minutes", -1)) != expected.wait_minutes:
        problems.append(f"waited {decision.get('wait_minutes')} min, expected {expected.wait_minutes:g}")
    return problems


def _quiet_problems(drill: Drill, expected: Expected) -> list[str]:
    incident = drill.incident
    state = incident.get("escalation")
    if expected.acknowledge:
        if state == "cancelled" and incident.get("cancelled_reason") == "acknowledged":
            return []
        return ["expected the ack to cancel the page"]
    return [] if state in {"none", "cancelled"} else ["expected no page"]


def _ms(value: object) -> float:
    if not isinstance(value, str):
        return 0.0
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() * 1000


def table(rows: list[Row]) -> str:
    head = ("scenario", "expected on-call decision", "observed", "result")
    cells = [(r.scenario, r.expected, r.observed, "PASS" if r.passed else "FAIL") for r in rows]
    widths = [max(len(row[i]) for row in [head, *cells]) for i in range(len(head))]
    rule = tuple("-" * width for width in widths)
    lines = [_line(row, widths) for row in [head, rule, *cells]]
    failed = sum(not r.passed for r in rows)
    lines.append(f"{len(rows) - failed} passed, {failed} failed")
    return "\n".join(lines)


def _line(cells: tuple[str, ...], widths: list[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
