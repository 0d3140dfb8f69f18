"""The receiver's config: the seed guide's format, secrets as ${ENV} references, ARNs from the spec or
from `terraform output -json`, and loadable by the receiver's own loader."""

import json

import pytest
import yaml

from versus.config import load_config
from versus.gen.cli import main
from versus.gen.problems import InputError
from versus.gen.receiver_config import plan_arns_from_terraform
from versus.gen.spec import load_spec

ENV = {
    "SLACK_TOKEN": "xoxb-test",
    "SLACK_CHANNEL_ID": "C012345",
    "REDIS_HOST": "redis.internal",
    "REDIS_PORT": "6380",
    "REDIS_PASSWORD": "pw",
}


def generate(spec, tmp_path, *extra) -> dict:
    path = tmp_path / "config.yaml"
    assert main(["config", str(spec), "-o", str(path), *extra]) == 0
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_seed_guide_format_with_every_used_plan(seed_spec, tmp_path):
    config = generate(seed_spec, tmp_path)
    assert list(config) == ["name", "host", "port", "public_host", "alert", "oncall", "redis"]
    assert config["alert"]["slack"]["token"] == "${SLACK_TOKEN}"
    assert config["alert"]["slack"]["channel_id"] == "${SLACK_CHANNEL_ID}"
    assert config["redis"] == {
        "host": "${REDIS_HOST}",
        "port": "${REDIS_PORT}",
        "password": "${REDIS_PASSWORD}",
        "db": 0,
    }
    assert config["oncall"] == {
        "enable": False,
        "initialized_only": True,
        "wait_minutes": 2,
        "provider": "aws_incident_manager",
        "aws_incident_manager": {
            "response_plan_arn": "arn:aws:ssm-incidents::123456789012:response-plan/PlatformCriticalPlan",
            "other_response_plan_arns": {
                "app": "arn:aws:ssm-incidents::123456789012:response-plan/AppCriticalPlan",
                "network": "arn:aws:ssm-incidents::123456789012:response-plan/NetworkCriticalPlan",
            },
            "region": "us-east-1",
        },
    }


def test_generated_config_loads_with_the_receivers_loader(seed_spec, tmp_path):
    generate(seed_spec, tmp_path)
    config = load_config(tmp_path / "config.yaml", env=ENV)
    assert config.redis.port == 6380
    assert config.oncall.initialized_only is True
    assert set(config.oncall.aws_incident_manager.other_response_plan_arns) == {"app", "network"}


def test_arns_from_terraform_outputs(seed_spec, tmp_path):
    arns = {
        "platform": "arn:aws:ssm-incidents::210987654321:response-plan/PlatformCriticalPlan",
        "network": "arn:aws:ssm-incidents::210987654321:response-plan/NetworkCriticalPlan",
        "app": "arn:aws:ssm-incidents::210987654321:response-plan/AppCriticalPlan",
        "unused": "arn:aws:ssm-incidents::210987654321:response-plan/UnusedCriticalPlan",
    }
    outputs = tmp_path / "outputs.json"
    outputs.write_text(json.dumps({"response_plan_arns": {"sensitive": False, "value": arns}}), encoding="utf-8")
    aws = generate(seed_spec, tmp_path, "--terraform-outputs", str(outputs))["oncall"]["aws_incident_manager"]
    assert aws["response_plan_arn"] == arns["platform"]
    assert aws["other_response_plan_arns"] == {"app": arns["app"], "network": arns["network"]}


def test_terraform_outputs_must_hold_every_used_alias(seed_spec, tmp_path):
    outputs = tmp_path / "outputs.json"
    outputs.write_text(json.dumps({"response_plan_arns": {"value": {"platform": "arn:x"}}}), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        plan_arns_from_terraform(load_spec(seed_spec), outputs)
    assert [problem.path for problem in raised.value.problems] == [
        "response_plan_arns.value.app",
        "response_plan_arns.value.network",
    ]
