"""ARNs of rotations and contacts, and the idempotency token of an override request.

AWS takes contacts by ARN in CreateRotationOverride; people know them by alias. A contact lives in the
same account and region as the rotation it covers, so the rotation's ARN is all that is needed to name
one. The token is derived from the request itself, so running the same command twice (a retry after
a timeout, a re-run script) makes one override, not two.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

_ROTATION_ARN = re.compile(
    r"^arn:(?P<partition>aws|aws-cn|aws-us-gov):ssm-contacts:(?P<region>[a-z0-9-]+):(?P<account>\d{12})"
    r":rotation/(?P<name>[\w+=,.@-]+)$"
)
_CONTACT_ARN = re.compile(
    r"^arn:(aws|aws-cn|aws-us-gov):ssm-contacts:[a-z0-9-]+:\d{12}:contact/(?P<alias>[a-z0-9_-]+)$"
)
_ALIAS = re.compile(r"^[a-z0-9_-]{1,255}$")
TOKEN_PREFIX = "versus-"


@dataclass(frozen=True)
class RotationRef:
    """Where a rotation lives: enough to build its ARN and the ARNs of contacts in the same account."""

    region: str
    account: str
    name: str
    partition: str = "aws"

    @property
    def arn(self) -> str:
        return f"arn:{self.partition}:ssm-contacts:{self.region}:{self.account}:rotation/{self.name}"

    def contact_arn(self, contact: str) -> str:
        """The ARN of a contact alias (lowercase a-z, 0-9, _ and -, as AWS requires); an ARN is kept as is."""
        if _CONTACT_ARN.match(contact):
            return contact
        if not _ALIAS.match(contact):
            raise ValueError(
                f"{contact!r} is neither a contact alias (lowercase letters, digits, _ and -) nor a contact ARN"
            )
        return f"arn:{self.partition}:ssm-contacts:{self.region}:{self.account}:contact/{contact}"


def parse_rotation_arn(arn: str) -> RotationRef:
    """The parts of `arn:aws:ssm-contacts:REGION:ACCOUNT:rotation/NAME`; ValueError names what is wrong."""
    match = _ROTATION_ARN.match(arn)
    if match is None:
        raise ValueError(f"{arn!r} is not a rotation ARN (arn:aws:ssm-contacts:REGION:ACCOUNT:rotation/NAME)")
    return RotationRef(match["region"], match["account"], match["name"], match["partition"])


def contact_alias(arn: str) -> str:
    """The alias at the end of a contact ARN, for display; anything else is shown unchanged."""
    match = _CONTACT_ARN.match(arn)
    return match["alias"] if match else arn


def idempotency_token(rotation_arn: str, contact_arns: Sequence[str], start: datetime, end: datetime) -> str:
    """A token that depends on exactly what the override does: same rotation, contacts and times, same token.

    Contact order is kept (it is the order AWS pages them in); times count as UTC whole seconds, the
    precision AWS keeps.
    """
    key = json.dumps([rotation_arn, list(contact_arns), _utc_seconds(start), _utc_seconds(end)], separators=(",", ":"))
    return TOKEN_PREFIX + hashlib.sha256(key.encode()).hexdigest()


def _utc_seconds(instant: datetime) -> str:
    if instant.tzinfo is None:
        raise ValueError("an aware datetime is required (naive times are ambiguous)")
    return instant.astimezone(UTC).replace(microsecond=0).isoformat()
