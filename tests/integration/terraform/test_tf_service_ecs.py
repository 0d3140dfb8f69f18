"""The service-ecs module: its variable validations evaluated by Terraform core, and the shape of what it
wires (only the service reaches Redis, secrets only as ECS `secrets`, noeviction, failover, encryption)."""

import re
from pathlib import Path
from typing import Any

import pytest

from tests.integration.terraform.conftest import TERRAFORM_DIR
from tests.integration.terraform.test_tf_variable_validations import plan_variables
from versus.terraform.parse import parse_file

MODULE = TERRAFORM_DIR / "modules" / "service-ecs"
SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:versus/slack-token-AbCdEf"
PARAMETER = "arn:aws:ssm:eu-west-1:123456789012:parameter/versus/ack-secret"
GOOD: dict[str, Any] = {
    "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/versus:0.1.0",
    "config_yaml": "alert:\n  slack:\n    token: ${SLACK_TOKEN}\n",
    "task_role_arn": "arn:aws:iam::123456789012:role/VersusIncidentCriticalRole",
    "secrets": {"SLACK_TOKEN": SECRET, "VERSUS_ACK_SECRET": PARAMETER},
    "vpc_id": "vpc-0123abcd",
    "subnet_ids": ["subnet-0a", "subnet-0b"],
    "redis_auth_token": "a-long-enough-auth-token",
    "alertmanager_cidrs": ["10.0.0.0/16"],
    "load_balancer": {
        "subnet_ids": ["subnet-1a", "subnet-1b"],
        "certificate_arn": "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
    },
}
BAD: list[tuple[dict[str, Any], str]] = [
    ({"desired_count": 1}, "desired_count must be a whole number >= 2."),
    ({"subnet_ids": ["subnet-0a"]}, "subnet_ids must list at least two subnet ids"),
    ({"secrets": {"SLACK_TOKEN": "xoxb-plain-value"}}, "values Secrets Manager secret or SSM parameter ARNs"),
    ({"secrets": {"REDIS_PASSWORD": SECRET}}, "REDIS_PASSWORD is set by the module"),
    ({"config_yaml": "alert:\n  slack:\n    token: xoxb-1234-abcd\n"}, "config_yaml must not hold secret values"),
    ({"alertmanager_cidrs": ["0.0.0.0/0"]}, "and not 0.0.0.0/0"),
    ({"redis_auth_token": "short"}, "redis_auth_token must be 16-128 characters"),
    ({"log_retention_days": 10}, "log_retention_days must be a value CloudWatch Logs accepts"),
    ({"load_balancer": {**GOOD["load_balancer"], "domain_name": "versus.example.com"}}, "go together"),
    ({"autoscaling": {"min_count": 1, "max_count": 4}}, "autoscaling needs min_count >= 2"),
]


def test_good_values_pass_every_validation(terraform, tmp_path: Path) -> None:
    code, output = plan_variables(terraform, tmp_path, "service-ecs", GOOD)
    assert code == 0, output


@pytest.mark.parametrize(("change", "message"), BAD, ids=[m.split()[0] for _, m in BAD])
def test_bad_values_are_refused(terraform, tmp_path: Path, change: dict[str, Any], message: str) -> None:
    code, output = plan_variables(terraform, tmp_path, "service-ecs", {**GOOD, **change})
    assert code == 1
    assert message in " ".join(output.split())


def resources(kind: str) -> dict[str, Any]:
    found = {}
    for path in sorted(MODULE.glob("*.tf")):
        for block in parse_file(path).blocks:
            if block.type == "resource" and block.labels[0] == kind:
                found[block.labels[1]] = block
    return found


def test_redis_is_reached_only_from_the_service_and_never_evicts() -> None:
    text = (MODULE / "main.tf").read_text()
    redis_rules = re.findall(r'resource "aws_vpc_security_group_ingress_rule" "(redis_\w+)"', text)
    assert redis_rules == ["redis_from_service"]
    rule = text.split('"redis_from_service" {', 1)[1].split("\n}", 1)[0]
    assert "referenced_security_group_id = aws_security_group.service.id" in rule
    assert "cidr_ipv4" not in rule
    group = text.split('resource "aws_elasticache_replication_group" "this" {', 1)[1].split("\n}", 1)[0]
    for setting in (
        "automatic_failover_enabled = true",
        "multi_az_enabled           = true",
        "at_rest_encryption_enabled = true",
        "transit_encryption_enabled = true",
    ):
        assert setting in group
    assert 'value = "noeviction"' in text


def test_secrets_reach_the_task_only_as_ecs_secrets() -> None:
    """The container's `environment` holds config and endpoints; every secret goes through `secrets`."""
    text = (MODULE / "main.tf").read_text()
    environment = text.split("environment = [", 1)[1].split("]\n", 1)[0]
    names = re.findall(r'name = "(\w+)"', environment)
    assert names == ["VERSUS_CONFIG_YAML", "REDIS_HOST", "REDIS_PORT", "VERSUS_HEALTH_URL"]
    assert "secrets = [for key in sort(keys(local.all_secrets))" in text
    assert "{ REDIS_PASSWORD = local.redis_secret_arn }" in text
