"""The boto3 `ssm-contacts` edge: create, list and delete rotation overrides.

Kept thin so the CLI can be tested against a local fake endpoint (boto3 honours
`AWS_ENDPOINT_URL_SSM_CONTACTS`). botocore's standard retries absorb throttling; every error that is
left becomes an OverrideError whose message says what AWS refused and what usually fixes it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

from versus.rotation_overrides.arns import idempotency_token

_HINTS = {
    "AccessDeniedException": "the caller's IAM policy must allow ssm-contacts:{operation} on the rotation",
    "ResourceNotFoundException": "check the rotation ARN, and that the contacts exist in its account and region",
    "ServiceQuotaExceededException": "the account's override quota is used up; delete old overrides first",
}


class OverrideError(Exception):
    """AWS refused the call or could not be reached; `code` is AWS's error code when there is one."""

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class RotationOverride:
    """One override as AWS lists it; times are aware UTC."""

    override_id: str
    contact_arns: tuple[str, ...]
    start: datetime
    end: datetime
    created: datetime


class RotationOverrides:
    """Rotation overrides through a boto3 `ssm-contacts` client (any object with the same methods will do)."""

    def __init__(self, client: Any) -> None:
        self._client = client

    @classmethod
    def for_region(cls, region: str) -> RotationOverrides:
        """A client of its own session, so credentials and endpoint are read from the environment now."""
        config = Config(retries={"mode": "standard", "total_max_attempts": 3}, connect_timeout=5, read_timeout=15)
        return cls(boto3.session.Session(region_name=region).client("ssm-contacts", config=config))

    def create(self, rotation_arn: str, contact_arns: Sequence[str], start: datetime, end: datetime) -> str:
        """CreateRotationOverride with a token derived from the request; returns the override id.

        AWS answers a repeated token with the override it already made, so a re-run is harmless.
        """
        with _aws_errors("CreateRotationOverride"):
            response = self._client.create_rotation_override(
                RotationId=rotation_arn,
                NewContactIds=list(contact_arns),
                StartTime=start,
                EndTime=end,
                IdempotencyToken=idempotency_token(rotation_arn, contact_arns, start, end),
            )
        return str(response["RotationOverrideId"])

    def overlapping(self, rotation_arn: str, start: datetime, end: datetime) -> list[RotationOverride]:
        """Every override of the rotation that overlaps [start, end), following NextToken to the end."""
        found: list[RotationOverride] = []
        with _aws_errors("ListRotationOverrides"):
            pages = self._client.get_paginator("list_rotation_overrides").paginate(
                RotationId=rotation_arn, StartTime=start, EndTime=end
            )
            for page in pages:
                found.extend(_override(item) for item in page.get("RotationOverrides", []))
        return sorted(found, key=lambda o: (o.start, o.override_id))

    def delete(self, rotation_arn: str, override_id: str) -> None:
        with _aws_errors("DeleteRotationOverride"):
            self._client.delete_rotation_override(RotationId=rotation_arn, RotationOverrideId=override_id)


def _override(item: dict[str, Any]) -> RotationOverride:
    return RotationOverride(
        override_id=str(item["RotationOverrideId"]),
        contact_arns=tuple(item.get("NewContactIds", [])),
        start=_utc(item["StartTime"]),
        end=_utc(item["EndTime"]),
        created=_utc(item["CreateTime"]),
    )


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


@contextmanager
def _aws_errors(operation: str) -> Iterator[None]:
    """Translate botocore's exceptions into one OverrideError with the operation, AWS's words and a hint."""
    try:
        yield
    except ClientError as error:
        details = error.response.get("Error", {})
        code = str(details.get("Code", "Unknown"))
        message = f"{operation}: {code}: {details.get('Message', '')}".rstrip(": ")
        hint = _HINTS.get(code)
        raise OverrideError(f"{message} ({hint.format(operation=operation)})" if hint else message, code) from error
    except NoCredentialsError as error:
        raise OverrideError(
            f"{operation}: no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)"
        ) from error
    except BotoCoreError as error:
        raise OverrideError(f"{operation}: {error}") from error
