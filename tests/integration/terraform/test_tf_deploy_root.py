"""`versus-gen terraform` with `deploy: {ecs: …}`: the service-ecs module call wired to the other modules'
outputs, the tasks' config beside the root, and the whole root checked offline (fmt, core load, schema)."""

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.integration.terraform.test_tf_core_offline import _load_everything
from versus.config import parse_config
from versus.gen.cli import main
from versus.terraform.check import check_paths
from versus.terraform.schema import ProviderSchemas

SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:versus/{}-AbCdEf"
ECS: dict[str, Any] = {
    "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/versus:0.1.0",
    "vpc_id": "vpc-0abc",
    "subnet_ids": ["subnet-0a", "subnet-0b"],
    "secrets": {"SLACK_TOKEN": SECRET.format("slack-token"), "SLACK_CHANNEL_ID": SECRET.format("slack-channel")},
    "alertmanager_security_group_ids": ["sg-0123"],
    "load_balancer": {
        "subnet_ids": ["subnet-1a", "subnet-1b"],
        "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/abc",
        "ingress_cidrs": ["0.0.0.0/0"],
    },
}


@pytest.fixture
def deploy_root(tmp_path: Path, seed_spec: dict[str, Any]) -> Path:
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump({**seed_spec, "deploy": {"ecs": ECS}}), encoding="utf-8")
    out = tmp_path / "root"
    assert main(["terraform", str(spec), "-o", str(out)]) == 0
    return out


def test_the_service_runs_as_the_versus_iam_role_with_the_written_config(deploy_root: Path) -> None:
    main_tf = (deploy_root / "main.tf").read_text()
    service = main_tf.split('module "versus_service" {', 1)[1].split("\n}\n", 1)[0]
    assert 'source = "./modules/service-ecs"' in service
    assert "task_role_arn = module.versus_iam.role_arn" in service
    assert 'config_yaml   = file("${path.module}/versus-config.yaml")' in service
    assert "redis_auth_token                = var.redis_auth_token" in service
    assert 'runtime                    = "ecs"' in main_tf
    assert "module.versus_service.service_url" in (deploy_root / "outputs.tf").read_text()
    assert "sensitive   = true" in (deploy_root / "variables.tf").read_text()


def test_the_tasks_config_loads_with_the_environment_the_module_gives(deploy_root: Path) -> None:
    text = (deploy_root / "versus-config.yaml").read_text()
    env = {"SLACK_TOKEN": "xoxb-1", "SLACK_CHANNEL_ID": "C1", "REDIS_HOST": "r", "REDIS_PORT": "6379"}
    config = parse_config(text, source="versus-config.yaml", env={**env, "REDIS_PASSWORD": "a-long-token"})
    assert (config.redis.host, config.redis.tls, config.redis.password) == ("r", True, "a-long-token")
    assert config.log.format == "json"
    assert config.alert.slack.template_path is None
    assert config.oncall.aws_incident_manager.response_plan_arn.startswith("arn:aws:ssm-incidents::123456789012:")


def test_the_deploy_root_passes_the_offline_checks(
    deploy_root: Path, provider_schemas: ProviderSchemas, terraform
) -> None:
    assert [str(f) for f in check_paths([deploy_root], provider_schemas)] == []
    code, out, err = terraform("fmt", "-check", "-recursive", "-diff", "-no-color", ".", cwd=deploy_root)
    assert code == 0, out + err
    assert "module.versus_service" in _load_everything(terraform, deploy_root)


def test_missing_slack_secrets_and_a_non_ecs_runtime_are_spec_problems(
    tmp_path: Path, seed_spec: dict[str, Any], capsys
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump({**seed_spec, "deploy": {"ecs": {**ECS, "secrets": {}}}}), encoding="utf-8")
    assert main(["terraform", str(spec), "-o", str(tmp_path / "a")]) == 2
    assert "deploy.ecs.secrets: Slack is enabled, so it needs SLACK_TOKEN, SLACK_CHANNEL_ID" in capsys.readouterr().err
    spec.write_text(yaml.safe_dump({**seed_spec, "deploy": {"ecs": ECS}}), encoding="utf-8")
    assert main(["terraform", str(spec), "-o", str(tmp_path / "b"), "--runtime", "ec2"]) == 2
    assert "the IAM runtime must be ecs, not 'ec2'" in capsys.readouterr().err
