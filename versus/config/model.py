"""Typed view of the receiver configuration, built from a document the JSON Schema has already accepted."""

from dataclasses import dataclass, field
from typing import Any

DEFAULT_KEY_PREFIX = "versus:"
DEFAULT_MAX_BODY_BYTES = 1024 * 1024
DEFAULT_MAX_ALERTS_PER_REQUEST = 200
DEFAULT_ALERTS_PER_MINUTE = 6000
ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class Credential:
    """One accepted credential: a Bearer token, or a basic-auth user and password (each inline, usually
    from `${VAR}`, or in a file read at start-up). `name` is the caller's scope: several entries may share
    a name (rotation), and an incident created under one name can be updated or resolved only under it."""

    name: str
    bearer_token: str | None = None
    bearer_token_file: str | None = None
    username: str | None = None
    password: str | None = None
    password_file: str | None = None

    @property
    def scheme(self) -> str:
        return "Basic" if self.username is not None else "Bearer"


@dataclass(frozen=True)
class RateLimitConfig:
    """Alerts accepted per credential per minute (0: no limit); past it intake answers 503 + Retry-After."""

    alerts_per_minute: int = DEFAULT_ALERTS_PER_MINUTE


@dataclass(frozen=True)
class SlackConfig:
    enable: bool = False
    token: str = ""
    channel_id: str = ""
    template_path: str | None = None
    template_syntax: str = "auto"
    template_functions: str = "versus"
    template_env: tuple[str, ...] = ()
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
    max_alerts_per_request: int = DEFAULT_MAX_ALERTS_PER_REQUEST
    auth: tuple[Credential, ...] = ()
    rate_limit: RateLimitConfig = field(default_factory=RateLimitConfig)
    slack: SlackConfig = field(default_factory=SlackConfig)
    delivery: DeliveryConfig = field(default_factory=DeliveryConfig)


@dataclass(frozen=True)
class AwsIncidentManagerConfig:
    response_plan_arn: str | None = None
    other_response_plan_arns: dict[str, str] = field(default_factory=dict)
    region: str | None = None
    resolve_on_alert_resolved: bool = False


@dataclass(frozen=True)
class PagerDutyConfig:
    """Events API v2. The routing keys are secrets: they go in request bodies only, never in logs or errors."""

    routing_key: str | None = None
    other_routing_keys: dict[str, str] = field(default_factory=dict)
    api_url: str = "https://events.pagerduty.com"
    default_severity: str = "critical"
    resolve_on_alert_resolved: bool = True


@dataclass(frozen=True)
class IncidentIoConfig:
    """An HTTP alert source. The API key is a secret: it goes in the Authorization header only."""

    api_key: str | None = None
    alert_source_config_id: str | None = None
    other_alert_source_config_ids: dict[str, str] = field(default_factory=dict)
    api_url: str = "https://api.incident.io"
    resolve_on_alert_resolved: bool = True


@dataclass(frozen=True)
class OncallConfig:
    enable: bool = False
    initialized_only: bool = False
    wait_minutes: float = 3.0
    provider: str = "aws_incident_manager"
    ack_secret: str | None = None
    ack_expiry_hours: float = 24.0
    aws_incident_manager: AwsIncidentManagerConfig = field(default_factory=AwsIncidentManagerConfig)
    pagerduty: PagerDutyConfig = field(default_factory=PagerDutyConfig)
    incident_io: IncidentIoConfig = field(default_factory=IncidentIoConfig)

    @property
    def backends(self) -> tuple[str, ...]:
        """The back ends this receiver can page through: `provider` first, then every other one whose
        section names a default target (a response plan, routing key, or API key and alert source)."""
        configured = {
            "aws_incident_manager": bool(self.aws_incident_manager.response_plan_arn),
            "pagerduty": bool(self.pagerduty.routing_key),
            "incident_io": bool(self.incident_io.api_key and self.incident_io.alert_source_config_id),
        }
        return (self.provider, *(name for name, ready in configured.items() if ready and name != self.provider))

    @property
    def available(self) -> bool:
        """On-call can page for some alert: enabled for all, or initialised for those that ask."""
        return self.enable or self.initialized_only


@dataclass(frozen=True)
class SentinelConfig:
    """Self-hosted HA: the sentinels (`host:port`) that know which server is `master` now."""

    master: str
    nodes: list[str]
    password: str | None = None


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
    data_dir: str | None = None
    allow_eviction: bool = False
    cluster: bool = False
    sentinel: SentinelConfig | None = None
    min_replicas_to_ack: int = 0
    replica_ack_timeout_ms: int = 1000

    @property
    def embedded(self) -> bool:
        """No server named: `versus serve` starts its own redis-server."""
        return self.url is None and not self.host and self.sentinel is None


@dataclass(frozen=True)
class CloudWatchEmfConfig:
    enable: bool = False
    namespace: str = "Versus"


@dataclass(frozen=True)
class MetricsConfig:
    enable: bool = True
    auth: tuple[Credential, ...] = ()
    known_teams: tuple[str, ...] = ()
    cloudwatch_emf: CloudWatchEmfConfig = field(default_factory=CloudWatchEmfConfig)


@dataclass(frozen=True)
class HistoryConfig:
    retention_days: float = 90.0


@dataclass(frozen=True)
class ConsoleUser:
    name: str
    password_hash: str
    role: str = "viewer"


@dataclass(frozen=True)
class ConsoleProxyConfig:
    """An authenticating proxy (oauth2-proxy style) in front of the console: its identity headers are
    believed only from `trusted_addresses` (IPs or CIDR networks)."""

    trusted_addresses: tuple[str, ...] = ()
    user_header: str = "X-Forwarded-User"
    email_header: str = "X-Forwarded-Email"
    role: str = "viewer"
    responders: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConsoleConfig:
    enable: bool = False
    users: tuple[ConsoleUser, ...] = ()
    session_secret: str | None = None
    idle_minutes: float = 30.0
    proxy: ConsoleProxyConfig = field(default_factory=ConsoleProxyConfig)
    login_attempts: int = 10
    login_window_seconds: int = 300
    spec: str | None = None
    page_size: int = 50
    list_window: int = 20_000


@dataclass(frozen=True)
class LogConfig:
    format: str = "text"


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
    console: ConsoleConfig = field(default_factory=ConsoleConfig)
    log: LogConfig = field(default_factory=LogConfig)
    stop_grace_seconds: float = 5.0
    source: str = "<defaults>"


_TOP_LEVEL_SCALARS = {"name", "host", "port", "public_host", "workers", "stop_grace_seconds"}


def build(document: dict[str, Any], source: str) -> Config:
    """Map a schema-valid document onto the dataclasses; absent keys keep their defaults."""
    alert = document.get("alert", {})
    slack = dict(alert.get("slack", {}))
    slack.update(slack.pop("message_properties", {}))
    slack["template_env"] = tuple(slack.get("template_env", ()))
    oncall = dict(document.get("oncall", {}))
    aws = AwsIncidentManagerConfig(**oncall.pop("aws_incident_manager", {}))
    pagerduty = PagerDutyConfig(**oncall.pop("pagerduty", {}))
    incident_io = IncidentIoConfig(**oncall.pop("incident_io", {}))
    redis = dict(document.get("redis", {}))
    for key in ("port", "db"):
        if isinstance(redis.get(key), str):
            redis[key] = int(redis[key]) if redis[key] else getattr(RedisConfig, key)
    if redis.get("password") == "":
        redis["password"] = None
    if "sentinel" in redis:
        redis["sentinel"] = SentinelConfig(**redis["sentinel"])
    metrics = dict(document.get("metrics", {}))
    emf = CloudWatchEmfConfig(**metrics.pop("cloudwatch_emf", {}))
    metrics["auth"] = _credentials(metrics.get("auth", []))
    metrics["known_teams"] = tuple(metrics.get("known_teams", ()))
    top = {k: v for k, v in document.items() if k in _TOP_LEVEL_SCALARS}
    return Config(
        **top,
        alert=AlertConfig(
            debug_body=alert.get("debug_body", False),
            max_body_bytes=alert.get("max_body_bytes", DEFAULT_MAX_BODY_BYTES),
            max_alerts_per_request=alert.get("max_alerts_per_request", DEFAULT_MAX_ALERTS_PER_REQUEST),
            auth=_credentials(alert.get("auth", [])),
            rate_limit=RateLimitConfig(**alert.get("rate_limit", {})),
            slack=SlackConfig(**slack),
            delivery=DeliveryConfig(**alert.get("delivery", {})),
        ),
        oncall=OncallConfig(**oncall, aws_incident_manager=aws, pagerduty=pagerduty, incident_io=incident_io),
        redis=RedisConfig(**redis),
        metrics=MetricsConfig(**metrics, cloudwatch_emf=emf),
        history=HistoryConfig(**document.get("history", {})),
        console=_console(document.get("console", {})),
        log=LogConfig(**document.get("log", {})),
        source=source,
    )


def _console(document: dict[str, Any]) -> ConsoleConfig:
    console = dict(document)
    users = tuple(ConsoleUser(**user) for user in console.pop("users", []))
    proxy = dict(console.pop("proxy", {}))
    for key in ("trusted_addresses", "responders"):
        if key in proxy:
            proxy[key] = tuple(proxy[key])
    return ConsoleConfig(**console, users=users, proxy=ConsoleProxyConfig(**proxy))


def _credentials(entries: list[dict[str, str]]) -> tuple[Credential, ...]:
    return tuple(Credential(**entry) for entry in entries)
