"""Rotation overrides at run time: AWS Incident Manager's CreateRotationOverride, List… and Delete….

Overrides are operational, not configuration (Terraform has no resource for them), so `versus-gen
override` makes them through boto3 `ssm-contacts`. `arns` is pure (ARNs, idempotency tokens); `client`
is the thin boto3 edge that turns AWS errors into messages a person can act on.
"""

from versus.rotation_overrides.arns import RotationRef, contact_alias, idempotency_token, parse_rotation_arn
from versus.rotation_overrides.client import OverrideError, RotationOverride, RotationOverrides

__all__ = [
    "OverrideError",
    "RotationOverride",
    "RotationOverrides",
    "RotationRef",
    "contact_alias",
    "idempotency_token",
    "parse_rotation_arn",
]
