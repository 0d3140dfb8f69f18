"""Who is looking at the console: a proxy's identity header from a trusted address, or a session cookie."""

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass

from versus.config.model import ConsoleConfig, ConsoleProxyConfig

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
RESPONDER = "responder"
VIEWER = "viewer"


@dataclass(frozen=True)
class Viewer:
    name: str
    role: str
    csrf: str
    via: str  # password | proxy

    @property
    def can_respond(self) -> bool:
        """Responders may acknowledge and resolve; viewers only look."""
        return self.role == RESPONDER


class UntrustedProxy(Exception):
    """An identity header came from an address that is not a configured proxy."""


def trusted_networks(proxy: ConsoleProxyConfig) -> tuple[list[IPNetwork], list[str]]:
    """The configured proxy networks, and the entries that are not an IP or a network (for a warning)."""
    networks: list[IPNetwork] = []
    bad: list[str] = []
    for entry in proxy.trusted_addresses:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            bad.append(entry)
    return networks, bad


def trusted(proxy: ConsoleProxyConfig, address: str) -> bool:
    try:
        peer = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(peer in network for network in trusted_networks(proxy)[0])


def proxy_user(proxy: ConsoleProxyConfig, address: str, headers: Mapping[str, str]) -> str | None:
    """The proxy's user (name, else e-mail), None when no identity header came (or no proxy is set up).

    Raises UntrustedProxy for a header from any other address: anybody can send the header, so it is
    refused rather than ignored, which makes a misconfigured proxy visible at once.
    """
    if not proxy.trusted_addresses:
        return None
    name = (headers.get(proxy.user_header) or "").strip()
    email = (headers.get(proxy.email_header) or "").strip()
    if not name and not email:
        return None
    if not trusted(proxy, address):
        raise UntrustedProxy(f"identity header {proxy.user_header}/{proxy.email_header} from untrusted {address}")
    return name or email


def proxy_role(proxy: ConsoleProxyConfig, user: str, email: str) -> str:
    return RESPONDER if user in proxy.responders or (email and email in proxy.responders) else proxy.role


def password_user(config: ConsoleConfig, name: str) -> tuple[str | None, str]:
    """The configured hash and role of a user; (None, viewer) for an unknown name."""
    for user in config.users:
        if user.name == name:
            return user.password_hash, user.role
    return None, VIEWER
