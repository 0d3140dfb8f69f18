"""The paging back ends by name, and `Paging`, which sends each incident to the back end its decision names.

`oncall.provider` is the default back end; any other whose section is configured can page too, for the
alerts whose alias parameter names it (see `versus.oncall.decision`), so teams move one by one. Only this
module knows every back end.
"""

from collections.abc import Callable, Mapping
from typing import Any

from versus.config.model import Config
from versus.oncall.providers import Provider, ProviderError
from versus.oncall.providers.aws_incident_manager import AwsIncidentManager
from versus.oncall.providers.incident_io import IncidentIo
from versus.oncall.providers.pagerduty import PagerDuty

_BUILDERS: dict[str, Callable[[Config], Provider]] = {
    "aws_incident_manager": lambda config: AwsIncidentManager(config.oncall.aws_incident_manager.region),
    "pagerduty": lambda config: PagerDuty(config.oncall.pagerduty, public_host=config.public_host),
    "incident_io": lambda config: IncidentIo(config.oncall.incident_io, public_host=config.public_host),
}
BACKENDS = tuple(_BUILDERS)


class Paging:
    """A Provider over every configured back end; each call goes to the incident's own back end."""

    def __init__(self, default: str, providers: Mapping[str, Provider], resolving: tuple[str, ...]) -> None:
        self.name = default
        self.providers = dict(providers)
        self.resolving = resolving
        """Back ends whose incident is resolved when the alert resolves (their `resolve_on_alert_resolved`)."""
        self.acknowledging = tuple(name for name, provider in self.providers.items() if provider.acknowledges)
        self.acknowledges = bool(self.acknowledging)

    def backend(self, incident: dict[str, Any]) -> Provider:
        name = (incident.get("decision") or {}).get("provider") or self.name
        provider = self.providers.get(name)
        if provider is None:
            raise ProviderError(f"{name} is no longer configured in this receiver", retryable=False)
        return provider

    async def start(self, incident: dict[str, Any]) -> str:
        return await self.backend(incident).start(incident)

    async def resolve(self, incident: dict[str, Any]) -> None:
        await self.backend(incident).resolve(incident)

    async def acknowledge(self, incident: dict[str, Any]) -> None:
        await self.backend(incident).acknowledge(incident)

    def rehearse(self, incident: dict[str, Any]) -> str:
        return self.backend(incident).rehearse(incident)

    async def aclose(self) -> None:
        for provider in self.providers.values():
            await provider.aclose()


def build_paging(config: Config) -> Paging:
    """Every back end the config can page through. Raises ProviderError when one cannot be set up."""
    oncall = config.oncall
    providers = {name: _BUILDERS[name](config) for name in oncall.backends}
    resolving = tuple(name for name in oncall.backends if getattr(oncall, name).resolve_on_alert_resolved)
    return Paging(oncall.provider, providers, resolving)
