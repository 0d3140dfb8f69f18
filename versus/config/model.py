"""Typed view of the receiver configuration, built from a document the JSON Schema has already accepted."""

from dataclasses import dataclass, field
from typing import Any

DEFAULT_KEY_PREFIX = "versus:"
DEFAULT_MAX_BODY_BYTES = 1024 * 1024


@dataclass(frozen=True)
class SlackConfig:
    enable: bool = False
    token: str = ""
    channel_id: str = ""
    template_path: str | None = None
    template_syntax: str = "auto"
    api_url: str = "https://slack.com/api/"
    signing_secret: str | None = None
    button_text: str = "Acknowledge Incident"
    button_style: str = "primary"
    disable_button: bool = False
    post_message_per_second: float = 1.0
    post_message_burst: int = 3
    update_per_minute: float = 50.0
    history_tier: str = "tier3"


@dataclass(frozen=True)
class DeliveryConfig:
    give_up_after_seconds: float = 3600.0
    max_backoff_seconds: float = 300.0
    digest_after_seconds: float = 60.0
    digest_newest: int = 5


@dataclass(frozen=True)
class AlertConfig:
    debug_body: bool = False
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    slack: SlackConfig = field(default_factory=SlackConfig)
    delivery: DeliveryConfig = field(default_factory=DeliveryConfig)


@dataclass(frozen=True)
class AwsIncidentManagerConfig:
    response_plan_arn: str | None = None
    other_response_plan_arns: dict[str, str] = field(default_factory=dict)
    region: str | None = None
    resolve_on_alert_resolved: bool = False


@dataclass(frozen=True)
class OncallConfig:
    enable: bool = False
    initialized_only: bool = False
    wait_minutes: float = 3.0
    provider: str = "aws_incident_manager"
    ack_secret: str | None = None
    ack_expiry_hours: float = 24.0
    aws_incident_manager: AwsIncidentManagerConfig = field(default_factory=AwsIncidentManagerConfig)

    @property
    def available(self) -> bool:
        """On-call can page for some alert: enabled for all, or initialised for those that ask."""
        return self.enable or self.initialized_only


@dataclass(frozen=True)
class RedisConfig:
    url: str | None = None
    host: str | None = None
    port: int = 6379
    password: str | None = None
    db: int = 0
    tls: bool = False
    insecure_skip_verify: bool = False
    key_prefix: str = DEFAULT_KEY_PREFIX
    data_dir: str = "var/redis"

    @property
    def embedded(self) -> bool:
        """No server named: `versus serve` starts its own redis-server."""
        return self.url is None and not self.host


@dataclass(frozen=True)
class CloudWatchEmfConfig:
    enable: bool = False
    namespace: str = "Versus"


@dataclass(frozen=True)
class MetricsConfig:
    enable: bool = True
    cloudwatch_emf: CloudWatchEmfConfig = field(default_factory=CloudWatchEmfConfig)


@dataclass(frozen=True)
class HistoryConfig:
    retention_days: float = 90.0


@dataclass(frozen=True)
class Config:
    name: str = "versus"
    host: str = "0.0.0.0"
    port: int = 3000
    public_host: str | None = None
    workers: int = 1
    alert: AlertConfig = field(default_factory=AlertConfig)
    oncall: OncallConfig = field(default_factory=OncallConfig)
    redis: RedisConfig = field(default_factory=RedisConfig)
    metrics: MetricsConfig = field(default_factory=MetricsConfig)
    history: HistoryConfig = field(default_factory=HistoryConfig)
    source: str = "<defaults>"


def build(document: dict[str, Any], source: str) -> Config:
    """Map a schema-valid document onto the dataclasses; absent keys keep their defaults."""
    alert = document.get("alert", {})
    slack = dict(alert.get("slack", {}))
    slack.update(slack.pop("message_properties", {}))
    oncall = dict(document.get("oncall", {}))
    aws = AwsIncidentManagerConfig(**oncall.pop("aws_incident_manager", {}))
    redis = dict(document.get("redis", {}))
    for key in ("port", "db"):
        if isinstance(redis.get(key), str):
            redis[key] = int(redis[key]) if redis[key] else getattr(RedisConfig, key)
    if redis.get("password") == "":
        redis["password"] = None
    metrics = dict(document.get("metrics", {}))
    emf = CloudWatchEmfConfig(**metrics.pop("cloudwatch_emf", {}))
    top = {k: v for k, v in document.items() if k in {"name", "host", "port", "public_host", "workers"}}
    return Config(
        **top,
        alert=AlertConfig(
            debug_body=alert.get("debug_body", False),
            max_body_bytes=alert.get("max_body_bytes", DEFAULT_MAX_BODY_BYTES),
            slack=SlackConfig(**slack),
            delivery=DeliveryConfig(**alert.get("delivery", {})),
        ),
        oncall=OncallConfig(**oncall, aws_incident_manager=aws),
        redis=RedisConfig(**redis),
        metrics=MetricsConfig(**metrics, cloudwatch_emf=emf),
        history=HistoryConfig(**document.get("history", {})),
        source=source,
    )
