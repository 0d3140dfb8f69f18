"""What the console's routes share, built once at start-up from the receiver's services."""

import logging
import secrets
from dataclasses import dataclass

from versus.config.model import Config, ConsoleConfig
from versus.console.access import trusted_networks
from versus.console.listing import IncidentList
from versus.console.login import LoginGuard
from versus.console.oncall_view import OnCallSpec
from versus.console.session import SessionCodec
from versus.gen.problems import InputError
from versus.notify.slack import load_slack_template
from versus.notify.templates import MessageTemplate
from versus.server.context import Services

log = logging.getLogger("versus.console")


@dataclass(frozen=True)
class Console:
    config: ConsoleConfig
    codec: SessionCodec
    listing: IncidentList
    guard: LoginGuard
    template: MessageTemplate
    spec: OnCallSpec | None
    spec_problem: str
    secure_cookies: bool


async def build_console(config: Config, services: Services) -> Console:
    console = config.console
    secret = console.session_secret
    if not secret:
        keys = services.store.keys
        await services.redis.set(keys.console_secret, secrets.token_hex(32), nx=True)
        secret = str(await services.redis.get(keys.console_secret))
    _, bad = trusted_networks(console.proxy)
    if bad:
        log.warning("console.proxy.trusted_addresses: not an IP address or network, ignored: %s", ", ".join(bad))
    spec, problem = None, ""
    if console.spec:
        try:
            spec = OnCallSpec.load(console.spec)
        except (InputError, OSError) as error:
            problem = f"console.spec: {error}"
            log.warning("%s", problem)
    return Console(
        config=console,
        codec=SessionCodec(secret.encode(), int(console.idle_minutes * 60)),
        listing=IncidentList(
            services.redis, services.store.keys, page_size=console.page_size, window=console.list_window
        ),
        guard=LoginGuard(services.redis, services.store.keys, console),
        template=load_slack_template(config.alert.slack),
        spec=spec,
        spec_problem=problem,
        secure_cookies=(config.public_host or "").startswith("https://"),
    )
