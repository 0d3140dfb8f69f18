"""Keep secrets out of logs: configured secret values and credential-looking fields are masked."""

import re

from versus.config.model import Config

_FIELD = re.compile(r'("(?:[^"]*(?:token|password|secret|authorization|api_key)[^"]*)"\s*:\s*)"[^"]*"', re.I)
MASK = "***"


def secrets_of(config: Config) -> list[str]:
    values = [
        config.alert.slack.token,
        config.alert.slack.signing_secret,
        config.redis.password,
        config.oncall.ack_secret,
    ]
    return [value for value in values if value and len(value) >= 4]


def redact(text: str, config: Config) -> str:
    for secret in secrets_of(config):
        text = text.replace(secret, MASK)
    return _FIELD.sub(rf'\1"{MASK}"', text)
