"""Wire the outbox from the config: which channels exist, and the delivery policy they share."""

from versus.config.model import Config
from versus.notify.channel import Channel
from versus.notify.deliveries import DeliveryStore
from versus.notify.outbox import OutboxWorker
from versus.notify.provider import ProviderChannel
from versus.notify.ratelimit import SlackRateLimiter
from versus.notify.slack import SlackChannel
from versus.notify.templates import MessageTemplate
from versus.oncall.ack import AckSigner
from versus.oncall.providers import Provider
from versus.store.incidents import IncidentStore


def build_outbox(
    config: Config,
    store: IncidentStore,
    template: MessageTemplate,
    signer: AckSigner | None,
    provider: Provider | None,
) -> OutboxWorker:
    """One worker per process. Deliveries for a channel that is not configured here give up, logged."""
    channels: dict[str, Channel] = {}
    if config.alert.slack.enable:
        limiter = SlackRateLimiter(store, config.alert.slack)
        channels["slack"] = SlackChannel(config.alert.slack, template, signer, limiter)
    if provider is not None:
        channels["provider"] = ProviderChannel(provider)
    delivery = config.alert.delivery
    return OutboxWorker(
        DeliveryStore(store),
        channels,
        max_backoff_seconds=delivery.max_backoff_seconds,
        give_up_after_seconds=delivery.give_up_after_seconds,
        digest_after_seconds=delivery.digest_after_seconds,
        digest_newest=delivery.digest_newest,
    )
