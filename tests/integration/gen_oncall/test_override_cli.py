"""`versus-gen override` against a local ssm-contacts endpoint that checks every request against botocore's model.

boto3 finds the fake through `AWS_ENDPOINT_URL_SSM_CONTACTS`, as it would find a real endpoint, so the
requests checked here are the ones AWS would get. The seed's account is 123456789012 in us-east-1.
"""

import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from versus.gen.cli import main
from versus.gen.commands import oncall
from versus.rotation_overrides import idempotency_token

NEW_YORK = ZoneInfo("America/New_York")
ROTATION = "arn:aws:ssm-contacts:us-east-1:123456789012:rotation/platform-rotation"
CONTACT = "arn:aws:ssm-contacts:us-east-1:123456789012:contact/{}"
BY_NAME = ["--rotation", "platform-rotation", "--spec"]
VACATION = ["--from", "2026-12-16T09:00", "--to", "2026-12-21T09:00"]
TOKEN_PATTERN = r"^[\\\/a-zA-Z0-9_+=\-]*$"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["override", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def epoch(year: int, month: int, day: int, hour: int) -> int:
    """Seconds since 1970 of a New York wall-clock time: what botocore sends for a timestamp."""
    return int(datetime(year, month, day, hour, tzinfo=NEW_YORK).timestamp())


def test_create_by_rotation_name_builds_arns_from_the_spec(capsys, ssm_contacts, seed_spec):
    code, out, err = run(capsys, "create", *BY_NAME, seed_spec, "--contact", "dave", *VACATION)
    assert (code, err) == (0, "")
    (request,) = ssm_contacts.service.calls_of("CreateRotationOverride")
    assert request == {
        "RotationId": ROTATION,
        "NewContactIds": [CONTACT.format("dave")],
        "StartTime": epoch(2026, 12, 16, 9),  # naive times: the rotation's zone, New York
        "EndTime": epoch(2026, 12, 21, 9),
        "IdempotencyToken": idempotency_token(
            ROTATION,
            [CONTACT.format("dave")],
            datetime(2026, 12, 16, 14, tzinfo=UTC),
            datetime(2026, 12, 21, 14, tzinfo=UTC),
        ),
    }
    assert re.match(TOKEN_PATTERN, request["IdempotencyToken"])
    (override_id,) = ssm_contacts.state.overrides
    assert out.splitlines() == [
        f"Override {override_id} on {ROTATION}",
        "  Dave Kim (dave) on call from Wed 2026-12-16 09:00 EST to Mon 2026-12-21 09:00 EST",
    ]


def test_running_create_twice_makes_one_override(capsys, ssm_contacts, seed_spec):
    first = run(capsys, "create", *BY_NAME, seed_spec, "--contact", "dave", *VACATION)
    second = run(capsys, "create", *BY_NAME, seed_spec, "--contact", "dave", *VACATION)
    assert first == second and first[0] == 0
    tokens = [call["IdempotencyToken"] for call in ssm_contacts.service.calls_of("CreateRotationOverride")]
    assert len(tokens) == 2 and tokens[0] == tokens[1]
    assert len(ssm_contacts.state.overrides) == 1


def test_a_different_override_gets_a_different_token(capsys, ssm_contacts, seed_spec):
    run(capsys, "create", *BY_NAME, seed_spec, "--contact", "dave", *VACATION)
    run(capsys, "create", *BY_NAME, seed_spec, "--contact", "carol", *VACATION)
    run(capsys, "create", *BY_NAME, seed_spec, "--contact", "dave", "--from", "2026-12-16T10:00", "--to", "2026-12-21")
    tokens = {call["IdempotencyToken"] for call in ssm_contacts.service.calls_of("CreateRotationOverride")}
    assert len(tokens) == 3 and len(ssm_contacts.state.overrides) == 3


def test_create_by_arn_takes_several_contacts_in_order(capsys, ssm_contacts):
    code, out, _ = run(
        capsys,
        "create",
        "--rotation-arn",
        ROTATION,
        "--contact",
        "dave",
        CONTACT.format("carol"),
        "--contact",
        "alice",
        "--from",
        "2026-12-16T14:00Z",
        "--to",
        "2026-12-21T09:00-05:00",
    )
    assert code == 0
    (request,) = ssm_contacts.service.calls_of("CreateRotationOverride")
    assert request["NewContactIds"] == [CONTACT.format(alias) for alias in ("dave", "carol", "alice")]
    assert (request["StartTime"], request["EndTime"]) == (epoch(2026, 12, 16, 9), epoch(2026, 12, 21, 9))
    assert (
        out.splitlines()[1] == "  dave, carol, alice on call from Wed 2026-12-16 14:00 UTC to Mon 2026-12-21 14:00 UTC"
    )


def test_list_follows_next_token_and_shows_times_in_the_rotation_zone(capsys, ssm_contacts, seed_spec):
    for start, end, who in [
        ("2026-12-16T09:00", "2026-12-21T09:00", "dave"),
        ("2026-12-22T09:00", "2026-12-23T09:00", "alice"),
        ("2026-12-24T00:00", "2026-12-26T00:00", "bob"),
        ("2027-02-01T09:00", "2027-02-02T09:00", "carol"),  # outside the listed window
    ]:
        assert run(capsys, "create", *BY_NAME, seed_spec, "--contact", who, "--from", start, "--to", end)[0] == 0
    code, out, _ = run(capsys, "list", *BY_NAME, seed_spec, "--from", "2026-12-14", "--to", "2027-01-01")
    assert code == 0
    ids = {o["NewContactIds"][0].rsplit("/", 1)[1]: o_id for o_id, o in ssm_contacts.state.overrides.items()}
    assert out.splitlines() == [
        "Override                              Start                     End                       On call",
        f"{ids['dave']}  Wed 2026-12-16 09:00 EST  Mon 2026-12-21 09:00 EST  Dave Kim (dave)",
        f"{ids['alice']}  Tue 2026-12-22 09:00 EST  Wed 2026-12-23 09:00 EST  Alice Nguyen (alice)",
        f"{ids['bob']}  Thu 2026-12-24 00:00 EST  Sat 2026-12-26 00:00 EST  Bob Okafor (bob)",
    ]
    pages = ssm_contacts.service.calls_of("ListRotationOverrides")
    assert len(pages) == 2 and "NextToken" not in pages[0] and pages[1]["NextToken"] == "2"
    assert pages[0]["StartTime"] == epoch(2026, 12, 14, 0) and pages[0]["EndTime"] == epoch(2027, 1, 1, 0)


def test_list_says_when_there_is_nothing(capsys, ssm_contacts):
    code, out, _ = run(
        capsys, "list", "--rotation-arn", ROTATION, "--from", "2026-12-14T00:00Z", "--to", "2026-12-15T00:00Z"
    )
    assert (code, out) == (0, "No overrides between Mon 2026-12-14 00:00 UTC and Tue 2026-12-15 00:00 UTC\n")


def test_delete_removes_the_override(capsys, ssm_contacts, seed_spec):
    run(capsys, "create", *BY_NAME, seed_spec, "--contact", "dave", *VACATION)
    (override_id,) = ssm_contacts.state.overrides
    code, out, _ = run(capsys, "delete", *BY_NAME, seed_spec, "--id", override_id)
    assert (code, out) == (0, f"Deleted override {override_id} from {ROTATION}\n")
    assert ssm_contacts.service.calls_of("DeleteRotationOverride") == [
        {"RotationId": ROTATION, "RotationOverrideId": override_id}
    ]
    assert ssm_contacts.state.overrides == {}


def test_access_denied_exits_1_with_the_permission_to_add(capsys, ssm_contacts, seed_spec):
    ssm_contacts.service.fail_next(1, 400, "AccessDeniedException", "User is not authorized to perform this action")
    code, out, err = run(capsys, "create", *BY_NAME, seed_spec, "--contact", "dave", *VACATION)
    assert (code, out) == (1, "")
    assert err == (
        "error: CreateRotationOverride: AccessDeniedException: User is not authorized to perform this action "
        "(the caller's IAM policy must allow ssm-contacts:CreateRotationOverride on the rotation)\n"
    )


def test_validation_error_from_aws_exits_1_with_its_message(capsys, ssm_contacts, seed_spec):
    ssm_contacts.service.fail_next(1, 400, "ValidationException", "Override start time must be in the future")
    code, _, err = run(capsys, "create", *BY_NAME, seed_spec, "--contact", "dave", *VACATION)
    assert code == 1
    assert err.startswith("error: CreateRotationOverride: ValidationException: Override start time must be in the")


def test_unknown_override_on_delete_exits_1(capsys, ssm_contacts):
    ssm_contacts.service.fail_next(1, 400, "ResourceNotFoundException", "Rotation override not found")
    code, _, err = run(capsys, "delete", "--rotation-arn", ROTATION, "--id", "00000000-0000-0000-0000-000000000000")
    assert code == 1
    assert "DeleteRotationOverride: ResourceNotFoundException: Rotation override not found (check the" in err


def test_throttling_is_retried(capsys, ssm_contacts, seed_spec):
    ssm_contacts.service.throttle_next(1)
    assert run(capsys, "create", *BY_NAME, seed_spec, "--contact", "dave", *VACATION)[0] == 0
    assert len(ssm_contacts.service.calls_of("CreateRotationOverride")) == 2
    assert len(ssm_contacts.state.overrides) == 1


def test_no_credentials_exits_1_and_says_how_to_give_them(capsys, ssm_contacts, seed_spec, monkeypatch):
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    for name in ("AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"):
        monkeypatch.delenv(name, raising=False)
    code, _, err = run(capsys, "list", *BY_NAME, seed_spec)
    assert code == 1
    assert err.startswith("error: ListRotationOverrides: no AWS credentials found")
    assert ssm_contacts.service.calls == []


def test_an_unreachable_endpoint_exits_1(capsys, ssm_contacts, seed_spec, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_SSM_CONTACTS", "http://127.0.0.1:9")
    code, _, err = run(capsys, "list", *BY_NAME, seed_spec)
    assert code == 1
    assert err.startswith("error: ListRotationOverrides: Could not connect to the endpoint URL")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--rotation", "nope", "--spec", "{spec}", "--contact", "dave", *VACATION],
            "--rotation: error: 'nope' is not",
        ),
        (["--rotation", "platform-rotation", "--contact", "dave", *VACATION], "--rotation: error: needs --spec"),
        (["--rotation-arn", "arn:aws:ssm:us-east-1:1:rotation/x", "--contact", "dave", *VACATION], "--rotation-arn:"),
        (["--rotation-arn", ROTATION, "--contact", "dave", *VACATION], "--from: error: '2026-12-16T09:00' has no UTC"),
        ([*BY_NAME, "{spec}", "--contact", "zoe", *VACATION], "--contact: error: 'zoe' is not one of the spec's"),
        ([*BY_NAME, "{spec}", "--contact", "Dave", *VACATION], "--contact: error: 'Dave' is neither a contact alias"),
        ([*BY_NAME, "{spec}", "--contact", "dave", "--from", "2026-12-21", "--to", "2026-12-16"], "--to: error:"),
        ([*BY_NAME, "{spec}", "--contact", "dave", "--from", "soon", "--to", "2026-12-16"], "--from: error: 'soon'"),
    ],
)
def test_unusable_arguments_exit_2_without_calling_aws(capsys, ssm_contacts, seed_spec, argv, message):
    code, out, err = run(capsys, "create", *(arg.format(spec=seed_spec) for arg in argv))
    assert (code, out) == (2, "")
    assert err.startswith(message)
    assert ssm_contacts.service.calls == []


def test_the_installed_command_reaches_the_endpoint_from_the_environment(ssm_contacts, seed_spec):
    """The real entry point in a fresh process: the endpoint and credentials come from the environment."""
    script = Path(sys.executable).with_name("versus-gen")
    command = [str(script), "override", "create", *BY_NAME, seed_spec, "--contact", "dave", *VACATION]
    runs = [subprocess.run(command, capture_output=True, text=True, env=dict(os.environ), timeout=60) for _ in (1, 2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    assert runs[0].stdout == runs[1].stdout
    assert len(ssm_contacts.state.overrides) == 1


def test_apply_makes_the_spec_vacation_true_in_aws_once(capsys, ssm_contacts, seed_spec, monkeypatch):
    monkeypatch.setattr(oncall, "current_time", lambda: datetime(2026, 12, 1, tzinfo=UTC))
    first = run(capsys, "apply", seed_spec)
    second = run(capsys, "apply", seed_spec, "--team", "platform")
    assert first == second and first[0] == 0
    (override_id,) = ssm_contacts.state.overrides
    assert first[1].splitlines() == [
        f"Override {override_id} on {ROTATION}",
        "  Dave Kim (dave) on call from Wed 2026-12-16 09:00 EST to Mon 2026-12-21 09:00 EST (Bob on vacation)",
    ]
    requests = ssm_contacts.service.calls_of("CreateRotationOverride")
    assert requests[0] == requests[1]
    assert {key: requests[0][key] for key in ("RotationId", "NewContactIds", "StartTime", "EndTime")} == {
        "RotationId": ROTATION,
        "NewContactIds": [CONTACT.format("dave")],
        "StartTime": epoch(2026, 12, 16, 9),
        "EndTime": epoch(2026, 12, 21, 9),
    }


def test_apply_dry_run_calls_nothing(capsys, ssm_contacts, seed_spec, monkeypatch):
    monkeypatch.setattr(oncall, "current_time", lambda: datetime(2026, 12, 1, tzinfo=UTC))
    code, out, _ = run(capsys, "apply", seed_spec, "--dry-run")
    assert code == 0 and out.startswith(f"Would create an override on {ROTATION}\n  Dave Kim (dave) on call")
    assert ssm_contacts.service.calls == []


def test_apply_after_the_vacation_has_nothing_to_do(capsys, ssm_contacts, seed_spec, monkeypatch):
    monkeypatch.setattr(oncall, "current_time", lambda: datetime(2027, 1, 1, tzinfo=UTC))
    assert run(capsys, "apply", seed_spec) == (0, "No planned overrides to apply\n", "")
    assert run(capsys, "apply", seed_spec, "--team", "application") == (0, "No planned overrides to apply\n", "")
    assert ssm_contacts.service.calls == []


def test_apply_stops_at_the_first_refusal(capsys, ssm_contacts, seed_spec, monkeypatch):
    monkeypatch.setattr(oncall, "current_time", lambda: datetime(2026, 12, 1, tzinfo=UTC))
    ssm_contacts.service.deny_next(1)
    code, out, err = run(capsys, "apply", seed_spec)
    assert (code, out) == (1, "")
    assert err.startswith("error: CreateRotationOverride: AccessDeniedException:")


def test_apply_names_an_unknown_team(capsys, ssm_contacts, seed_spec):
    code, _, err = run(capsys, "apply", seed_spec, "--team", "nope")
    assert code == 2 and err.startswith("--team: error: 'nope' is not a team in")
