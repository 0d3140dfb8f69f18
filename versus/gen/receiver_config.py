"""The receiver's own config (the seed guide's format) derived from the team spec.

`oncall.provider` is the spec's `oncall.backend`; every other back end a team pages through gets its
section too, holding exactly the aliases its teams' routes use (the routes name them, see webhook.py).
PagerDuty routing keys and incident.io keys and alert sources are `${ENV}` references named as in the Go
Versus Incident (`PAGERDUTY_OTHER_ROUTING_KEY_<ALIAS>`, …).

Secrets appear only as `${ENV}` references, which the receiver expands at start-up. Response plan ARNs
are built from the account id and plan name (response-plan ARNs carry no region), or read from
`terraform output -json` so the config names exactly what Terraform created. The region still goes in:
the receiver needs it to reach Incident Manager.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from versus.gen.problems import InputError, Problem
from versus.gen.spec_model import TeamSpec

TERRAFORM_OUTPUT = "response_plan_arns"
INTAKE_CREDENTIAL_NAME = "alertmanager"
INTAKE_TOKEN_ENV = "VERSUS_INTAKE_TOKEN"
INTAKE_PASSWORD_ENV = "VERSUS_INTAKE_PASSWORD"

AWS = "aws_incident_manager"


def used_plan_aliases(spec: TeamSpec, backend: str | None = None) -> list[str]:
    """The aliases on-call routes page with through `backend` (default: the spec's), sorted; for the
    default back end, the default plan comes first."""
    backend = backend or spec.oncall.backend
    used = {
        spec.route_plan_alias(route) for route in spec.routes if route.oncall and spec.route_backend(route) == backend
    }
    if backend != spec.oncall.backend:
        return sorted(used)
    default = spec.oncall.default_response_plan
    return [default, *sorted(used - {default})]


def spec_backends(spec: TeamSpec) -> list[str]:
    """The default back end first, then every other one an on-call route pages through."""
    others = {spec.route_backend(route) for route in spec.routes if route.oncall} - {spec.oncall.backend}
    return [spec.oncall.backend, *sorted(others)]


def plan_arns_from_spec(spec: TeamSpec) -> dict[str, str]:
    return {alias: spec.response_plan_arn(alias) for alias in _aws_aliases(spec)}


def _aws_aliases(spec: TeamSpec) -> list[str]:
    return used_plan_aliases(spec, AWS) if AWS in spec_backends(spec) else []


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
    missing = [alias for alias in _aws_aliases(spec) if not isinstance(arns.get(alias), str)]
    if missing:
        raise InputError(
            [Problem(source, f"{TERRAFORM_OUTPUT}.value.{alias}", "missing: a route uses it") for alias in missing]
        )
    return {alias: arns[alias] for alias in _aws_aliases(spec)}


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
    slack = spec.slack
    alert: dict[str, Any] = {"debug_body": spec.receiver.debug_body}
    auth = intake_auth(spec)
    if auth:
        alert["auth"] = auth

    oncall: dict[str, Any] = {
        "enable": spec.oncall.enable,
        "initialized_only": spec.oncall.initialized_only,
        "wait_minutes": spec.oncall.wait_minutes,
        "provider": spec.oncall.backend,
    }
    for backend in spec_backends(spec):
        oncall[backend] = _backend_section(spec, backend, arns)
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
        "oncall": oncall,
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


def _backend_section(spec: TeamSpec, backend: str, arns: Mapping[str, str]) -> dict[str, Any]:
    """The section's default target is its first alias; the default back end's routes omit that alias,
    every other back end's routes name theirs, so its aliases all go in the `other_*` map too."""
    aliases = used_plan_aliases(spec, backend)
    is_default = backend == spec.oncall.backend
    others = aliases[1:] if is_default else aliases
    if backend == "pagerduty":
        prefix = "PAGERDUTY_OTHER_ROUTING_KEY"
        return {
            "routing_key": "${PAGERDUTY_ROUTING_KEY}" if is_default else _env(prefix, aliases[0]),
            "other_routing_keys": {alias: _env(prefix, alias) for alias in others},
        }
    if backend == "incident_io":
        prefix = "INCIDENTIO_OTHER_ALERT_SOURCE_CONFIG_ID"
        return {
            "api_key": "${INCIDENTIO_API_KEY}",
            "alert_source_config_id": "${INCIDENTIO_ALERT_SOURCE_CONFIG_ID}"
            if is_default
            else _env(prefix, aliases[0]),
            "other_alert_source_config_ids": {alias: _env(prefix, alias) for alias in others},
        }
    return {
        "response_plan_arn": arns[aliases[0]],
        "other_response_plan_arns": {alias: arns[alias] for alias in others},
        "region": spec.aws.region,
    }


def _env(prefix: str, alias: str) -> str:
    return "${" + prefix + "_" + re.sub(r"[^A-Za-z0-9]", "_", alias).upper() + "}"
