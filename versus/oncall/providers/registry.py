"""The paging back ends by name: `oncall.provider` picks one, and only this module knows them all."""

from collections.abc import Callable

from versus.config.model import Config
from versus.oncall.providers import Provider
from versus.oncall.providers.aws_incident_manager import AwsIncidentManager
from versus.oncall.providers.incident_io import IncidentIo
from versus.oncall.providers.pagerduty import PagerDuty

_BUILDERS: dict[str, Callable[[Config], Provider]] = {
    "aws_incident_manager": lambda config: AwsIncidentManager(config.oncall.aws_incident_manager.region),
    "pagerduty": lambda config: PagerDuty(config.oncall.pagerduty, public_host=config.public_host),
    "incident_io": lambda config: IncidentIo(config.oncall.incident_io, public_host=config.public_host),
}
BACKENDS = tuple(_BUILDERS)


def build_provider(config: Config) -> Provider:
    """The back end `oncall.provider` names. Raises ProviderError when the config cannot page through it."""
    return _BUILDERS[config.oncall.provider](config)
