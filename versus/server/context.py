"""What the routes share: config, Redis client, store, ack signer and background workers."""

from dataclasses import dataclass

import redis.asyncio as aioredis

from versus.config.model import Config
from versus.notify.outbox import OutboxWorker
from versus.oncall.ack import AckSigner
from versus.oncall.scheduler import EscalationScheduler
from versus.server.auth import Authenticator
from versus.store.incidents import IncidentStore
from versus.store.rate_limit import IntakeRateLimit


@dataclass
class Services:
    config: Config
    redis: "aioredis.Redis"
    store: IncidentStore
    signer: AckSigner | None
    scheduler: EscalationScheduler | None
    intake_auth: Authenticator
    metrics_auth: Authenticator
    rate_limit: IntakeRateLimit
    outbox: OutboxWorker | None = None
