"""AWS Incident Manager rules that the provider schema cannot express.

The schema records structure only; AWS still rejects an uppercase alias, a 31-minute stage, a sixth
engagement or impact 6 at apply time, far from the file that caused it. These rules check literal values in
resource blocks and in calls of the bundled modules (by module directory name). Values known only at plan
time are left to the modules' own variable validations.
"""

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from versus.terraform.findings import Finding
from versus.terraform.tree import Block, TfFile, is_expression

ALIAS = re.compile(r"^[a-z0-9_-]{1,255}$")
MAX_STAGE_MINUTES = 30
MAX_ENGAGEMENTS = 5
IMPACTS = range(1, 6)
_RECURRENCE_TYPES = ("daily_settings", "weekly_settings", "monthly_settings")
_MODULE_RECURRENCE_TYPES = ("daily", "weekly", "monthly")


def check_rules(files: Iterable[TfFile]) -> list[Finding]:
    findings: list[Finding] = []
    for tf in files:
        for block in tf.blocks:
            report = _Reporter(tf.path, findings)
            if block.type == "resource" and len(block.labels) == 2:
                check = _RESOURCE_RULES.get(block.labels[0])
                if check:
                    check(block, report.at(f"{block.labels[0]}.{block.labels[1]}"))
            elif block.type == "module" and block.labels:
                source = block.attributes.get("source")
                module_dir = str(source.value).rstrip("/").rsplit("/", 1)[-1] if source else ""
                check = _MODULE_RULES.get(module_dir)
                if check:
                    check(block, report.at(f"module.{block.labels[0]}"))
    return sorted(findings)


class _Reporter:
    """Collects findings for one file, under an address that a rule names once."""

    def __init__(self, path: Path, findings: list[Finding], address: str = "") -> None:
        self.path = path
        self.findings = findings
        self.address = address

    def at(self, address: str) -> "_Reporter":
        return _Reporter(self.path, self.findings, address)

    def __call__(self, line: int, message: str) -> None:
        self.findings.append(Finding(self.path, line, self.address, message))


def _literal(value: Any) -> bool:
    return value is not None and not is_expression(value)


def _alias(value: Any, line: int, report: _Reporter, what: str = "alias") -> None:
    if isinstance(value, str) and _literal(value) and not ALIAS.match(value):
        report(line, f"{what} {value!r} must be 1-255 lowercase letters, digits, '_' or '-'")


def _minutes(value: Any, line: int, report: _Reporter) -> None:
    if isinstance(value, int | float) and not 0 <= value <= MAX_STAGE_MINUTES:
        report(line, f"stage duration {value} minutes is outside 0-{MAX_STAGE_MINUTES}")


def _impact(value: Any, line: int, report: _Reporter) -> None:
    if isinstance(value, int | float) and value not in IMPACTS:
        report(line, f"impact {value} is outside 1-5")


def _engagements(count: int, line: int, report: _Reporter) -> None:
    if count > MAX_ENGAGEMENTS:
        report(line, f"{count} engagements; a response plan takes at most {MAX_ENGAGEMENTS}")


def _stage_blocks(block: Block) -> list[Block]:
    """Static `stage` blocks and the content of `dynamic "stage"` blocks."""
    stages = block.children("stage")
    for dynamic in block.children("dynamic"):
        if dynamic.labels[:1] == ("stage",):
            stages.extend(dynamic.children("content"))
    return stages


# Resource rules ---------------------------------------------------------------------------------------------


def _contact(block: Block, report: _Reporter) -> None:
    _alias_and_stages(block, "plan", report)


def _alias_and_stages(block: Block, stages_attribute: str, report: _Reporter) -> None:
    """A contact's lowercase alias and its stages' 0-30 minute durations (a resource or a module call)."""
    alias = block.attributes.get("alias")
    if alias:
        _alias(alias.value, alias.line, report)
    stages = block.attributes.get(stages_attribute)
    if stages and isinstance(stages.value, list):
        for stage in stages.value:
            if isinstance(stage, dict):
                _minutes(stage.get("duration_in_minutes"), stages.line, report)


def _plan(block: Block, report: _Reporter) -> None:
    for stage in _stage_blocks(block):
        duration = stage.attributes.get("duration_in_minutes")
        if duration:
            _minutes(duration.value, duration.line, report)


def _rotation(block: Block, report: _Reporter) -> None:
    recurrences = block.children("recurrence") + [
        content
        for dynamic in block.children("dynamic")
        if dynamic.labels[:1] == ("recurrence",)
        for content in dynamic.children("content")
    ]
    if len(recurrences) != 1:
        report(block.line, f"needs exactly one recurrence block, found {len(recurrences)}")
        return
    recurrence = recurrences[0]
    static = {t for t in _RECURRENCE_TYPES if recurrence.children(t)}
    dynamic = {d.labels[0] for d in recurrence.children("dynamic") if d.labels and d.labels[0] in _RECURRENCE_TYPES}
    if len(static) > 1 or (static and dynamic) or not (static or dynamic):
        kinds = ", ".join(sorted(static | dynamic)) or "none"
        report(recurrence.line, f"recurrence needs exactly one of daily/weekly/monthly settings, found: {kinds}")


def _response_plan(block: Block, report: _Reporter) -> None:
    engagements = block.attributes.get("engagements")
    if engagements and isinstance(engagements.value, list):
        _engagements(len(engagements.value), engagements.line, report)
    for template in block.children("incident_template"):
        impact = template.attributes.get("impact")
        if impact:
            _impact(impact.value, impact.line, report)


_RESOURCE_RULES: Mapping[str, Callable[[Block, _Reporter], None]] = {
    "aws_ssmcontacts_contact": _contact,
    "awscc_ssmcontacts_contact": _contact,
    "aws_ssmcontacts_plan": _plan,
    "aws_ssmcontacts_rotation": _rotation,
    "aws_ssmincidents_response_plan": _response_plan,
}


# Calls of the bundled modules --------------------------------------------------------------------------------


def _contacts_module(block: Block, report: _Reporter) -> None:
    contacts = block.attributes.get("contacts")
    if not contacts or not isinstance(contacts.value, dict):
        return
    for alias, contact in contacts.value.items():
        _alias(alias, contacts.line, report, "contact alias")
        stages = contact.get("engagement_plan") if isinstance(contact, dict) else None
        for stage in stages if isinstance(stages, list) else []:
            if isinstance(stage, dict):
                _minutes(stage.get("duration_in_minutes"), contacts.line, report)


def _schedule_module(block: Block, report: _Reporter) -> None:
    alias = block.attributes.get("alias")
    if alias:
        _alias(alias.value, alias.line, report)
    recurrence = block.attributes.get("recurrence")
    if recurrence and isinstance(recurrence.value, dict):
        kinds = [kind for kind in _MODULE_RECURRENCE_TYPES if recurrence.value.get(kind)]
        if len(kinds) != 1:
            found = ", ".join(kinds) or "none"
            report(recurrence.line, f"recurrence needs exactly one of daily/weekly/monthly, found: {found}")


def _escalation_module(block: Block, report: _Reporter) -> None:
    _alias_and_stages(block, "stages", report)


def _response_plan_module(block: Block, report: _Reporter) -> None:
    impact = block.attributes.get("impact")
    if impact:
        _impact(impact.value, impact.line, report)
    engagements = block.attributes.get("engagements")
    escalation = block.attributes.get("escalation_plan_arn")
    if engagements and isinstance(engagements.value, list):
        with_escalation = 1 if escalation and escalation.value is not None else 0
        _engagements(len(engagements.value) + with_escalation, engagements.line, report)


_MODULE_RULES: Mapping[str, Callable[[Block, _Reporter], None]] = {
    "contacts": _contacts_module,
    "oncall-schedule": _schedule_module,
    "escalation-plan": _escalation_module,
    "response-plan": _response_plan_module,
}
