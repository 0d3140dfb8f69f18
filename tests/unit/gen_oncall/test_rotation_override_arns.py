"""Rotation and contact ARNs, and the idempotency token that makes re-running an override harmless."""

import re
from datetime import UTC, datetime, timedelta, timezone

import botocore.session
import pytest

from versus.rotation_overrides import RotationRef, contact_alias, idempotency_token, parse_rotation_arn

ROTATION = "arn:aws:ssm-contacts:us-east-1:123456789012:rotation/platform-rotation"
START = datetime(2026, 12, 16, 14, tzinfo=UTC)
END = datetime(2026, 12, 21, 14, tzinfo=UTC)
MODEL = botocore.session.get_session().get_service_model("ssm-contacts")


def test_a_rotation_ref_builds_the_arns_aws_uses():
    ref = RotationRef("us-east-1", "123456789012", "platform-rotation")
    assert ref.arn == ROTATION
    assert ref.contact_arn("dave") == "arn:aws:ssm-contacts:us-east-1:123456789012:contact/dave"
    assert parse_rotation_arn(ROTATION) == ref


def test_arns_match_the_service_model_patterns():
    create = MODEL.operation_model("CreateRotationOverride").input_shape.members
    ref = parse_rotation_arn(ROTATION)
    assert re.search(create["RotationId"].metadata["pattern"], ref.arn)
    assert re.search(create["NewContactIds"].member.metadata["pattern"], ref.contact_arn("dave"))
    token = idempotency_token(ref.arn, [ref.contact_arn("dave")], START, END)
    assert re.search(create["IdempotencyToken"].metadata["pattern"], token)
    assert len(token) <= create["IdempotencyToken"].metadata["max"]


def test_other_partitions_keep_their_partition():
    ref = parse_rotation_arn("arn:aws-us-gov:ssm-contacts:us-gov-west-1:123456789012:rotation/r")
    assert ref.contact_arn("a") == "arn:aws-us-gov:ssm-contacts:us-gov-west-1:123456789012:contact/a"


@pytest.mark.parametrize(
    "arn",
    [
        "platform-rotation",
        "arn:aws:ssm-contacts:us-east-1:123456789012:contact/dave",
        "arn:aws:ssm-incidents:us-east-1:123456789012:rotation/x",
        "arn:aws:ssm-contacts:us-east-1:1234:rotation/x",
    ],
)
def test_anything_but_a_rotation_arn_is_refused(arn):
    with pytest.raises(ValueError, match="is not a rotation ARN"):
        parse_rotation_arn(arn)


def test_a_contact_arn_is_kept_and_a_bad_alias_refused():
    ref = parse_rotation_arn(ROTATION)
    other = "arn:aws:ssm-contacts:eu-west-1:210987654321:contact/erin"
    assert ref.contact_arn(other) == other
    assert contact_alias(other) == "erin" and contact_alias("not-an-arn") == "not-an-arn"
    for bad in ("Dave", "dave kim", ""):
        with pytest.raises(ValueError, match="neither a contact alias"):
            ref.contact_arn(bad)


def test_the_token_is_the_same_for_the_same_override_in_any_notation():
    contacts = ["arn:aws:ssm-contacts:us-east-1:123456789012:contact/dave"]
    token = idempotency_token(ROTATION, contacts, START, END)
    new_york = timezone(timedelta(hours=-5))
    assert idempotency_token(ROTATION, contacts, START.astimezone(new_york), END) == token
    assert idempotency_token(ROTATION, contacts, START.replace(microsecond=5), END) == token


def test_the_token_changes_with_anything_the_override_does():
    dave = "arn:aws:ssm-contacts:us-east-1:123456789012:contact/dave"
    carol = "arn:aws:ssm-contacts:us-east-1:123456789012:contact/carol"
    tokens = {
        idempotency_token(ROTATION, [dave], START, END),
        idempotency_token(ROTATION, [carol], START, END),
        idempotency_token(ROTATION, [dave, carol], START, END),
        idempotency_token(ROTATION, [carol, dave], START, END),
        idempotency_token(ROTATION, [dave], START + timedelta(hours=1), END),
        idempotency_token(ROTATION, [dave], START, END + timedelta(hours=1)),
        idempotency_token(ROTATION.replace("platform-rotation", "other"), [dave], START, END),
    }
    assert len(tokens) == 7


def test_the_token_needs_aware_times():
    with pytest.raises(ValueError, match="aware"):
        idempotency_token(ROTATION, [], START.replace(tzinfo=None), END)
