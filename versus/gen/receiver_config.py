"""The receiver's own config (the seed guide's format) derived from the team spec.

Secrets appear only as `${ENV}` references, which the receiver expands at start-up. Response plan ARNs
are built from the account id and plan name (response-plan ARNs carry no region), or read from
`terraform output -json` so the config names exactly what Terraform created. The region still goes in:
the receiver needs it to reach Incident Manager.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from versus.gen.problems import InputError, Problem
from versus.gen.spec_model import TeamSpec

TERRAFORM_OUTPUT = "response_plan_arns"
INTAKE_CREDENTIAL_NAME = "alertmanager"
INTAKE_TOKEN_ENV = "VERSUS_INTAKE_TOKEN"
INTAKE_PASSWORD_ENV = "VERSUS_INTAKE_PASSWORD"


def used_plan_aliases(spec: TeamSpec) -> list[str]:
    """The default plan first, then every other plan an on-call route pages with, sorted."""
    default = spec.oncall.default_response_plan
    others = {spec.route_plan_alias(route) for route in spec.routes if route.oncall} - {default}
    return [default, *sorted(others)]


def plan_arns_from_spec(spec: TeamSpec) -> dict[str, str]:
    return {alias: spec.response_plan_arn(alias) for alias in used_plan_aliases(spec)}


def plan_arns_from_terraform(spec: TeamSpec, outputs_path: Path) -> dict[str, str]:
    """ARNs from `terraform output -json`; every alias the routes need must be there."""
    source = str(outputs_path)
    try:
        outputs = json.loads(outputs_path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError([Problem(source, "", f"cannot read: {error.strerror}")]) from error
    except json.JSONDecodeError as error:
        raise InputError([Problem(source, "", f"not JSON: {error}")]) from error
    output = outputs.get(TERRAFORM_OUTPUT) if isinstance(outputs, dict) else None
    arns = output.get("value") if isinstance(output, dict) else None
    if not isinstance(arns, dict):
        raise InputError([Problem(source, TERRAFORM_OUTPUT, "missing output (a map of alias to ARN)")])
    missing = [alias for alias in used_plan_aliases(spec) if not isinstance(arns.get(alias), str)]
    if missing:
        raise InputError(
            [Problem(source, f"{TERRAFORM_OUTPUT}.value.{alias}", "missing: a route uses it") for alias in missing]
        )
    return {alias: arns[alias] for alias in used_plan_aliases(spec)}


def intake_auth(spec: TeamSpec) -> list[dict[str, str]]:
    """The receiver's side of the credential the spec gives Alertmanager: the same secret, read from the
    environment (Alertmanager reads it from its file). Add a second entry of the same name to rotate."""
    if spec.receiver.authorization is not None:
        return [{"name": INTAKE_CREDENTIAL_NAME, "bearer_token": f"${{{INTAKE_TOKEN_ENV}}}"}]
    if spec.receiver.basic_auth is not None:
        username = spec.receiver.basic_auth.username
        return [{"name": INTAKE_CREDENTIAL_NAME, "username": username, "password": f"${{{INTAKE_PASSWORD_ENV}}}"}]
    return []


def render_receiver_config(spec: TeamSpec, arns: Mapping[str, str]) -> dict[str, Any]:
    default = spec.oncall.default_response_plan
    slack = spec.slack
    alert: dict[str, Any] = {"debug_body": spec.receiver.debug_body}
    auth = intake_auth(spec)
    if auth:
        alert["auth"] = auth
    return {
        "name": spec.receiver.name,
        "host": spec.receiver.listen_host,
        "port": spec.receiver.listen_port,
        "public_host": spec.receiver.public_host,
        "alert": {
            **alert,
            "slack": {
                "enable": slack.enable,
                "token": "${SLACK_TOKEN}",
                "channel_id": "${SLACK_CHANNEL_ID}",
                "template_path": slack.template_path,
                "message_properties": {
                    "button_text": slack.button_text,
                    "button_style": slack.button_style,
                    "disable_button": slack.disable_button,
                },
            },
        },
        "oncall": {
            "enable": spec.oncall.enable,
            "initialized_only": spec.oncall.initialized_only,
            "wait_minutes": spec.oncall.wait_minutes,
            "provider": "aws_incident_manager",
            "aws_incident_manager": {
                "response_plan_arn": arns[default],
                "other_response_plan_arns": {alias: arns[alias] for alias in sorted(arns) if alias != default},
                "region": spec.aws.region,
            },
        },
        "redis": {
            "host": "${REDIS_HOST}",
            "port": "${REDIS_PORT}",
            "password": "${REDIS_PASSWORD}",
            "db": 0,
        },
    }


def render_container_config(spec: TeamSpec) -> dict[str, Any]:
    """The config the ECS tasks run with (deploy.ecs): the same, but for a container behind the service-ecs module.

    Redis is the module's ElastiCache, reached over TLS; logs are JSON lines for CloudWatch; the Slack
    message uses the built-in template, since the image carries no template file of the spec's.
    Response plan ARNs come from the spec, as they carry no region and Terraform names the plans as the spec does.
    """
    config = render_receiver_config(spec, plan_arns_from_spec(spec))
    config["alert"]["slack"].pop("template_path")
    config["redis"]["tls"] = True
    config["log"] = {"format": "json"}
    return config
