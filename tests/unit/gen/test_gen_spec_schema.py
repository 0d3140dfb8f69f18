"""Schema errors name the key path and the offending value, all at once."""

from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from versus.gen.problems import SpecError
from versus.gen.spec import load_spec
from versus.gen.spec_schema import team_spec_schema


def problems_of(path: Path) -> list[str]:
    with pytest.raises(SpecError) as raised:
        load_spec(path)
    return [f"{problem.path}: {problem.message}" for problem in raised.value.problems]


def test_seed_spec_loads(seed_spec):
    spec = load_spec(seed_spec)
    assert [team.name for team in spec.teams] == ["platform", "application"]
    assert spec.raw["people"][0]["alias"] == "alice"


def test_every_schema_error_is_reported_with_its_path_and_value(seed_data, write_spec):
    seed_data["teams"][1]["routes"][0]["wait_minutes"] = -1
    seed_data["teams"][0]["escalation"]["stages"][2]["wait_minutes"] = 31
    seed_data["people"][0]["alias"] = "Alice"
    seed_data["teams"][0]["response_plans"][0]["impact"] = 9
    seed_data["teams"][0]["routes"][1]["oncall"] = "yes"
    assert problems_of(write_spec(seed_data)) == [
        "people[0].alias: 'Alice' does not match '^[a-z0-9_-]+$'",
        "teams[0].escalation.stages[2].wait_minutes: 31 is greater than the maximum of 30",
        "teams[0].response_plans[0].impact: 9 is greater than the maximum of 5",
        "teams[0].routes[1].oncall: 'yes' is not of type 'boolean'",
        "teams[1].routes[0].wait_minutes: -1 is less than the minimum of 0",
    ]


def test_unknown_and_missing_keys_are_named_one_by_one(seed_data, write_spec):
    seed_data["teams"][0]["routes"][0]["wait"] = 3
    seed_data["teams"][0]["routes"][0]["sevrity"] = "critical"
    del seed_data["teams"][0]["routes"][0]["severity"]
    assert problems_of(write_spec(seed_data)) == [
        "teams[0].routes[0].severity: required key is missing",
        "teams[0].routes[0].sevrity: unknown key",
        "teams[0].routes[0].wait: unknown key",
    ]


def test_unquoted_clock_time_is_caught(seed_data, write_spec):
    """YAML 1.1 reads 9:00 as the number 540; the schema insists on a string."""
    seed_data["teams"][0]["rotations"][0]["recurrence"]["weekly"]["at"] = 540
    assert problems_of(write_spec(seed_data)) == [
        "teams[0].rotations[0].recurrence.weekly.at: 540 is not of type 'string'"
    ]


def test_duplicate_keys_are_refused(tmp_path):
    path = tmp_path / "spec.yaml"
    path.write_text("version: 1\nversion: 1\n", encoding="utf-8")
    with pytest.raises(SpecError, match="duplicate key 'version'"):
        load_spec(path)


def test_inline_secrets_have_no_place(seed_data, write_spec):
    seed_data["receiver"]["authorization"] = {"credentials": "s3cr3t"}
    assert problems_of(write_spec(seed_data)) == [
        "receiver.authorization.credentials: unknown key",
        "receiver.authorization.credentials_file: required key is missing",
    ]


def test_schema_is_closed_everywhere():
    """Every object with named properties refuses unknown keys, so a typo never passes silently."""
    Draft202012Validator.check_schema(team_spec_schema())
    open_objects = []

    def walk(node, path):
        if isinstance(node, dict):
            if "properties" in node and node.get("additionalProperties") is not False:
                open_objects.append(path)
            for key, value in node.items():
                walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{path}/{index}")

    walk(team_spec_schema(), "#")
    assert open_objects == []
