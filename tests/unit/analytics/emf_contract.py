"""Check EMF records against the specification's structure and against the dashboard module's contract."""

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import hcl2
import jsonschema

SCHEMA = json.loads((Path(__file__).parent / "emf.schema.json").read_text())
DASHBOARD_OUTPUTS = Path(__file__).resolve().parents[3] / "terraform" / "modules" / "dashboard" / "outputs.tf"


def dashboard_contract() -> dict[str, list[str]]:
    """Metric name -> dimension keys, read from the module's `metric_names` output (the dashboard's own word)."""
    outputs = hcl2.load(DASHBOARD_OUTPUTS.open())["output"]
    block = next(value for entry in outputs for name, value in entry.items() if name.strip('"') == "metric_names")
    return {name: [key.strip('"') for key in keys] for name, keys in block["value"].items() if name != "namespace"}


def check_emf(record: Mapping[str, Any]) -> None:
    """Raise if the record breaks the EMF structure, or a directive names a member the record lacks."""
    jsonschema.Draft202012Validator(SCHEMA).validate(record)
    for directive in record["_aws"]["CloudWatchMetrics"]:
        for dimension_set in directive["Dimensions"]:
            for key in dimension_set:
                value = record.get(key)
                assert isinstance(value, str) and 1 <= len(value) <= 1024, f"dimension {key!r} must be a string member"
        for metric in directive["Metrics"]:
            value = record.get(metric["Name"])
            numbers = value if isinstance(value, list) else [value]
            assert 1 <= len(numbers) <= 100, f"metric {metric['Name']!r} takes 1 to 100 values"
            assert all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers), metric["Name"]


def check_contract(record: Mapping[str, Any], namespace: str = "Versus") -> None:
    """Every metric is one the dashboard reads, under exactly the dimension keys it searches by."""
    contract = dashboard_contract()
    for directive in record["_aws"]["CloudWatchMetrics"]:
        assert directive["Namespace"] == namespace
        for metric in directive["Metrics"]:
            assert metric["Name"] in contract, f"{metric['Name']} is not in the dashboard's metric_names"
            assert directive["Dimensions"] == [contract[metric["Name"]]], metric["Name"]
