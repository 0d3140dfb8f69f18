"""Count an intake refusal by reason, when metrics are on: a bounded label, never the caller's input."""

from sanic import Request

from versus.analytics.prometheus import VersusMetrics

REASONS = frozenset(
    {
        "unauthenticated",
        "unsupported_media_type",
        "bad_payload",
        "too_many_alerts",
        "rate_limited",
        "redis_out_of_memory",
    }
)


def refused(request: Request, reason: str) -> None:
    metrics: VersusMetrics | None = getattr(request.app.ctx, "metrics", None)
    if metrics is not None and reason in REASONS:
        metrics.refused(reason)
