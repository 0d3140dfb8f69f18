"""Rules the provider schema cannot express, reported with file and line."""

from versus.terraform.parse import parse_file
from versus.terraform.rules import check_rules


def findings_for(write_tf, text: str) -> list[str]:
    path = write_tf(text)
    return [f"{f.path.name}:{f.line}: {f.address}: {f.message}" for f in check_rules([parse_file(path)])]


def test_uppercase_alias_is_reported_with_its_line(write_tf) -> None:
    text = 'resource "aws_ssmcontacts_contact" "a" {\n  type  = "PERSONAL"\n  alias = "Alice"\n}\n'
    assert findings_for(write_tf, text) == [
        "main.tf:3: aws_ssmcontacts_contact.a: alias 'Alice' must be 1-255 lowercase letters, digits, '_' or '-'"
    ]


def test_a_31_minute_stage_is_reported_with_its_line(write_tf) -> None:
    text = (
        'resource "aws_ssmcontacts_plan" "p" {\n'
        "  contact_id = aws_ssmcontacts_contact.a.arn\n"
        "  stage {\n"
        "    duration_in_minutes = 30\n"
        "  }\n"
        "  stage {\n"
        "    duration_in_minutes = 31\n"
        "  }\n"
        "}\n"
    )
    assert findings_for(write_tf, text) == [
        "main.tf:7: aws_ssmcontacts_plan.p: stage duration 31 minutes is outside 0-30"
    ]


def test_rotation_needs_exactly_one_kind_of_recurrence(write_tf) -> None:
    text = (
        'resource "aws_ssmcontacts_rotation" "r" {\n'
        "  recurrence {\n"
        "    daily_settings {\n"
        "      hour_of_day = 9\n"
        "    }\n"
        "    weekly_settings {\n"
        '      day_of_week = "MON"\n'
        "    }\n"
        "  }\n"
        "}\n"
    )
    assert findings_for(write_tf, text) == [
        "main.tf:2: aws_ssmcontacts_rotation.r: recurrence needs exactly one of daily/weekly/monthly "
        "settings, found: daily_settings, weekly_settings"
    ]


def test_rotation_without_recurrence_is_reported(write_tf) -> None:
    text = 'resource "aws_ssmcontacts_rotation" "r" {\n  name = "x"\n}\n'
    assert findings_for(write_tf, text) == [
        "main.tf:1: aws_ssmcontacts_rotation.r: needs exactly one recurrence block, found 0"
    ]


def test_response_plan_impact_and_engagements_are_bounded(write_tf) -> None:
    arns = ", ".join(f'"arn:aws:ssm-contacts:us-east-1:123456789012:contact/c{i}"' for i in range(6))
    text = (
        'resource "aws_ssmincidents_response_plan" "r" {\n'
        '  name        = "XCriticalPlan"\n'
        f"  engagements = [{arns}]\n"
        "  incident_template {\n"
        '    title  = "t"\n'
        "    impact = 6\n"
        "  }\n"
        "}\n"
    )
    assert findings_for(write_tf, text) == [
        "main.tf:3: aws_ssmincidents_response_plan.r: 6 engagements; a response plan takes at most 5",
        "main.tf:6: aws_ssmincidents_response_plan.r: impact 6 is outside 1-5",
    ]


def test_calls_of_the_bundled_modules_are_checked_too(write_tf) -> None:
    text = (
        'module "contacts" {\n'
        '  source = "./modules/contacts"\n'
        "  contacts = {\n"
        '    Bob = { display_name = "Bob", channels = {}, engagement_plan = [{ duration_in_minutes = 45 }] }\n'
        "  }\n"
        "}\n"
        'module "escalation" {\n'
        '  source = "./modules/escalation-plan"\n'
        '  alias  = "Team-Escalation"\n'
        "  stages = [{ duration_in_minutes = 31, targets = [] }]\n"
        "}\n"
        'module "rotation" {\n'
        '  source     = "./modules/oncall-schedule"\n'
        '  recurrence = { daily = ["09:00"], weekly = [{ day_of_week = "MON", hand_off_time = "09:00" }] }\n'
        "}\n"
        'module "plan" {\n'
        '  source              = "../../modules/response-plan/"\n'
        "  impact              = 0\n"
        "  escalation_plan_arn = module.escalation.arn\n"
        '  engagements         = ["a", "b", "c", "d", "e"]\n'
        "}\n"
    )
    assert findings_for(write_tf, text) == [
        "main.tf:3: module.contacts: contact alias 'Bob' must be 1-255 lowercase letters, digits, '_' or '-'",
        "main.tf:3: module.contacts: stage duration 45 minutes is outside 0-30",
        "main.tf:9: module.escalation: alias 'Team-Escalation' must be 1-255 lowercase letters, digits, '_' or '-'",
        "main.tf:10: module.escalation: stage duration 31 minutes is outside 0-30",
        "main.tf:14: module.rotation: recurrence needs exactly one of daily/weekly/monthly, found: daily, weekly",
        "main.tf:18: module.plan: impact 0 is outside 1-5",
        "main.tf:20: module.plan: 6 engagements; a response plan takes at most 5",
    ]


def test_values_known_only_at_plan_time_are_left_to_the_module_validations(write_tf) -> None:
    text = (
        'resource "aws_ssmcontacts_contact" "a" {\n'
        "  alias = var.alias\n"
        "}\n"
        'resource "aws_ssmcontacts_plan" "p" {\n'
        '  dynamic "stage" {\n'
        "    for_each = var.stages\n"
        "    content {\n"
        "      duration_in_minutes = stage.value.minutes\n"
        "    }\n"
        "  }\n"
        "}\n"
    )
    assert findings_for(write_tf, text) == []
