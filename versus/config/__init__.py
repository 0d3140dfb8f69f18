"""Receiver configuration: YAML, `${VAR}` expansion, JSON Schema validation, typed model."""

import json
import os
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any, cast

import jsonschema
import yaml

from versus.config.expand import ExpansionError, expand, referencing_paths
from versus.config.model import (
    AlertConfig,
    AwsIncidentManagerConfig,
    Config,
    Credential,
    OncallConfig,
    RedisConfig,
    SlackConfig,
    build,
)
from versus.file_errors import describe_decode

__all__ = [
    "AlertConfig",
    "AwsIncidentManagerConfig",
    "Config",
    "ConfigError",
    "Credential",
    "OncallConfig",
    "RedisConfig",
    "SlackConfig",
    "load_config",
    "parse_config",
]

DEFAULT_PATH = Path("config/config.yaml")
SECRET_KEYS = frozenset(
    {
        "token",
        "password",
        "bearer_token",
        "signing_secret",
        "ack_secret",
        "url",
        "routing_key",
        "other_routing_keys",
        "api_key",
    }
)
"""Keys whose value (or, for a map of secrets, whose entries' values) is never repeated in an error, even
when written inline (a Redis URL may hold a password)."""
MIN_SECRET_LENGTH = 16


class ConfigError(ValueError):
    """A configuration that cannot be used; the message lists every problem with its key path."""


def _schema() -> dict[str, Any]:
    text = resources.files("versus.config").joinpath("schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


_VALIDATOR = jsonschema.Draft202012Validator(_schema())


def load_config(path: str | Path, env: Mapping[str, str] | None = None) -> Config:
    """Read, expand, validate and type the config at `path`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read config: {describe_decode(exc)}") from exc
    return parse_config(text, source=str(path), env=os.environ if env is None else env)


def parse_config(text: str, *, source: str, env: Mapping[str, str]) -> Config:
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{source}: not valid YAML: {exc}") from exc
    if document is None:
        document = {}
    if not isinstance(document, dict):
        raise ConfigError(f"{source}: the top level must be a mapping, got {type(document).__name__}")
    hidden = referencing_paths(document)
    try:
        document = expand(document, env)
    except ExpansionError as exc:
        raise ConfigError(_bulleted(source, str(exc).splitlines())) from exc
    problems = [_describe(error, hidden) for error in _VALIDATOR.iter_errors(document)]
    if problems:
        raise ConfigError(_bulleted(source, sorted(problems)))
    config = build(document, source)
    problems = _semantic_problems(config)
    if problems:
        raise ConfigError(_bulleted(source, problems))
    return config


def _semantic_problems(config: Config) -> list[str]:
    problems = []
    oncall = config.oncall
    if oncall.available and not config.public_host:
        problems.append(
            "public_host: required while oncall.enable or oncall.initialized_only is true: acknowledgement"
            " links are built from it (e.g. public_host: https://versus.example.com)"
        )
    if oncall.available:
        problems.extend(_backend_problems(oncall))
    if config.alert.slack.enable:
        for key in ("token", "channel_id"):
            if not getattr(config.alert.slack, key):
                problems.append(f"alert.slack.{key}: required (non-empty) while alert.slack.enable is true")
    problems += _credential_problems("alert.auth", config.alert.auth)
    problems += _credential_problems("metrics.auth", config.metrics.auth)
    return problems


def _credential_problems(path: str, credentials: tuple[Credential, ...]) -> list[str]:
    """Each entry holds exactly one secret of one kind; values are never repeated in the message."""
    problems = []
    for index, credential in enumerate(credentials):
        where = f"{path}[{index}] ({credential.name})"
        bearer = [k for k in ("bearer_token", "bearer_token_file") if getattr(credential, k) is not None]
        basic = [k for k in ("password", "password_file") if getattr(credential, k) is not None]
        if credential.username is None:
            if len(bearer) != 1 or basic:
                problems.append(
                    f"{where}: give exactly one of bearer_token, bearer_token_file, or username with password"
                    " or password_file"
                )
        elif bearer or len(basic) != 1:
            problems.append(f"{where}: a username needs exactly one of password or password_file, and no bearer_token")
        for key in ("bearer_token", "password"):
            value = getattr(credential, key)
            if value is not None and len(value) < MIN_SECRET_LENGTH:
                problems.append(f"{where}.{key}: shorter than {MIN_SECRET_LENGTH} characters (value not shown)")
    return problems


def _backend_problems(oncall: OncallConfig) -> list[str]:
    """What the selected back end needs to page. Secret values are never quoted, only their keys."""
    needed = " required while on-call is enabled or initialized"
    if oncall.provider == "pagerduty":
        return [] if oncall.pagerduty.routing_key else [f"oncall.pagerduty.routing_key:{needed}"]
    if oncall.provider == "incident_io":
        return [
            f"oncall.incident_io.{name}:{needed}"
            for name in ("api_key", "alert_source_config_id")
            if not getattr(oncall.incident_io, name)
        ]
    if not oncall.aws_incident_manager.response_plan_arn:
        return [f"oncall.aws_incident_manager.response_plan_arn:{needed}"]
    return []


def _describe(error: jsonschema.ValidationError, hidden: frozenset[str] = frozenset()) -> str:
    path = _path(error.absolute_path)
    secret = any(part in SECRET_KEYS for part in error.absolute_path)
    if isinstance(error.instance, str) and (path in hidden or secret):
        return f"{path}: {_value_free(error)} (value not shown: it may hold a secret)"
    if error.validator == "additionalProperties" and isinstance(error.schema, dict):
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(cast(dict[str, Any], error.instance)) - set(allowed))
        return f"{path or '<root>'}: unknown key(s) {', '.join(extra)}; allowed: {', '.join(allowed)}"
    if error.validator == "not" and error.validator_value == {"required": ["url", "host"]}:
        return f"{path}: set either url or host, not both"
    return f"{path or '<root>'}: {error.message}"


def _value_free(error: jsonschema.ValidationError) -> str:
    """What the schema wanted, without the value that failed it."""
    wanted = error.validator_value
    if error.validator == "pattern":
        return f"does not match {wanted}"
    if error.validator == "type":
        return f"is not of type {wanted}"
    if error.validator == "minLength":
        return f"is shorter than {wanted} characters"
    return f"fails {error.validator} {json.dumps(wanted)}"


def _path(parts: Any) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _bulleted(source: str, problems: list[str]) -> str:
    return f"{source}: invalid configuration:\n" + "\n".join(f"  - {p}" for p in problems)
