"""Rotation overrides in AWS Incident Manager: CreateRotationOverride, List… and Delete….

Terraform has no resource for overrides, so `versus-gen override` makes them through boto3
`ssm-contacts`: ones decided on the day, and the spec's planned ones. `arns` and `planned` are pure
(ARNs, idempotency tokens, the spec's overrides as AWS ones); `client` is the thin boto3 edge that turns
AWS errors into messages a person can act on.
"""

from versus.rotation_overrides.arns import RotationRef, contact_alias, idempotency_token, parse_rotation_arn
from versus.rotation_overrides.client import OverrideError, RotationOverride, RotationOverrides
from versus.rotation_overrides.planned import PlannedOverride, planned_overrides

__all__ = [
    "OverrideError",
    "PlannedOverride",
    "RotationOverride",
    "RotationOverrides",
    "RotationRef",
    "contact_alias",
    "idempotency_token",
    "parse_rotation_arn",
    "planned_overrides",
]
