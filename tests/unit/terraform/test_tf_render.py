"""The root module rendered from the team spec: what `versus-gen terraform` writes."""

import copy
import fnmatch
import re

import pytest

from versus.terraform.render import RenderError, render_root_module, rotation_name, start_time


def test_same_spec_gives_byte_identical_files(seed_data) -> None:
    first = render_root_module(seed_data, "./modules")
    second = render_root_module(copy.deepcopy(seed_data), "./modules")
    assert first == second
    assert sorted(first) == ["main.tf", "outputs.tf", "versions.tf"]


def test_response_plan_arns_output_is_keyed_by_alias(seed_data) -> None:
    outputs = render_root_module(seed_data, "./modules")["outputs.tf"].text
    block = outputs.split('output "response_plan_arns"')[1].split("\n}\n")[0]
    assert re.findall(r"^    (\w+)\s+= module\.response_plan_(\w+)\.arn$", block, re.M) == [
        ("platform", "platform"),
        ("network", "network"),
        ("app", "app"),
    ]


def test_every_response_plan_name_matches_the_iam_pattern(seed_data) -> None:
    main = render_root_module(seed_data, "./modules")["main.tf"].text
    names = re.findall(r'^  name\s+= "([^"]+)"$', main, re.M)
    assert names == ["PlatformCriticalPlan", "NetworkCriticalPlan", "AppCriticalPlan"]
    assert all(fnmatch.fnmatchcase(name, "*Critical*") for name in names)
    assert 'response_plan_name_pattern = "*Critical*"' in main


def test_a_plan_name_outside_the_iam_pattern_is_refused(seed_data) -> None:
    seed_data["teams"][0]["response_plans"][0]["name"] = "PlatformPlan"
    with pytest.raises(RenderError, match=r"PlatformPlan.*does not match the IAM pattern"):
        render_root_module(seed_data, "./modules")


def test_modules_are_referenced_under_modules_source(seed_data) -> None:
    main = render_root_module(seed_data, "../bundle/modules/")["main.tf"].text
    sources = set(re.findall(r'source = "([^"]+)"', main))
    assert sources == {
        f"../bundle/modules/{name}"
        for name in (
            "replication-set",
            "contacts",
            "oncall-schedule",
            "escalation-plan",
            "response-plan",
            "versus-iam",
            "dashboard",
        )
    }


def test_rotations_become_schedules_with_aws_names_and_offsets(seed_data) -> None:
    main = render_root_module(seed_data, "./modules")["main.tf"].text
    platform = main.split('module "rotation_platform_rotation" {')[1].split("\n}\n")[0]
    assert 'rotation_name = "platform_rotation"' in platform
    assert 'alias         = "platform-rotation"' in platform
    assert 'start_time    = "2026-01-05T09:00:00-05:00"' in platform
    assert 'day_of_week   = "MON"' in platform
    app = main.split('module "rotation_app_rotation" {')[1].split("\n}\n")[0]
    assert 'daily    = ["08:00"]' in app
    assert re.findall(r"^      (MON|TUE|WED|THU|FRI) = \[$", app, re.M) == ["MON", "TUE", "WED", "THU", "FRI"]


def test_escalation_stages_target_schedules_and_people(seed_data) -> None:
    main = render_root_module(seed_data, "./modules")["main.tf"].text
    platform = main.split('module "escalation_platform" {')[1].split("\n}\n")[0]
    assert re.findall(r"duration_in_minutes = (\d+)", platform) == ["5", "5", "10", "0"]
    assert "contact_arn = module.rotation_platform_rotation.contact_arn" in platform
    assert 'contact_arn = module.contacts.contact_arns["judy"]' in platform


def test_response_plan_options_follow_the_spec(seed_data) -> None:
    main = render_root_module(seed_data, "./modules")["main.tf"].text
    platform = main.split('module "response_plan_platform" {')[1].split("\n}\n")[0]
    assert 'chat_channel_sns_topic_arn = "arn:aws:sns:us-east-1:123456789012:platform-incidents"' in platform
    assert 'document_name = "AWS-RestartEC2Instance"' in platform
    assert "escalation_plan_arn        = module.escalation_platform.arn" in platform
    network = main.split('module "response_plan_network" {')[1].split("\n}\n")[0]
    assert "runbook" not in network and "chat_channel" not in network


def test_unknown_rotation_in_an_escalation_is_reported(seed_data) -> None:
    seed_data["teams"][0]["escalation"]["stages"][0]["targets"] = [{"rotation": "nope"}]
    with pytest.raises(RenderError, match="escalation 'platform-tiered-escalation': unknown rotation 'nope'"):
        render_root_module(seed_data, "./modules")


def test_a_person_on_call_without_email_or_phone_is_reported(seed_data) -> None:
    alice = seed_data["people"][0]
    del alice["email"], alice["phone"]
    with pytest.raises(RenderError, match="'alice' is on call but has neither email nor phone"):
        render_root_module(seed_data, "./modules")


def test_unknown_runtime_is_refused(seed_data) -> None:
    with pytest.raises(RenderError, match="runtime"):
        render_root_module(seed_data, "./modules", runtime="k8s")


@pytest.mark.parametrize(
    ("local", "zone", "expected"),
    [
        ("2026-01-05T09:00:00", "America/New_York", "2026-01-05T09:00:00-05:00"),
        ("2026-07-06T09:00", "America/New_York", "2026-07-06T09:00:00-04:00"),
        ("2026-07-06T09:00:00", "Europe/London", "2026-07-06T09:00:00+01:00"),
    ],
)
def test_start_time_carries_the_zone_offset_of_that_date(local: str, zone: str, expected: str) -> None:
    assert start_time(local, zone) == expected


def test_rotation_names_lose_characters_aws_rejects() -> None:
    assert rotation_name("platform-rotation") == "platform_rotation"
