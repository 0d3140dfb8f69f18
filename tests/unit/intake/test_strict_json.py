import json

import pytest

from versus.intake.strict_json import MAX_DEPTH, BadJson, TooManyItems, depth, loads


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1", 0), ("[]", 1), ('{"a": [{"b": {}}]}', 4), ("[" * MAX_DEPTH + "]" * MAX_DEPTH, MAX_DEPTH)],
)
def test_depth_counts_containers(text, expected):
    assert depth(json.loads(text)) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "nested deeper than 64 levels"),
        ("[" * 100_000 + "]" * 100_000, "nested deeper than 64 levels"),
        ("-" + "1" * 41, "an integer of 41 digits is longer than 40 digits"),
        ("[NaN]", "NaN is not standard JSON"),
        ('{"x": -Infinity}', "-Infinity is not standard JSON"),
        ("1e400", "out of range for a finite double"),
    ],
)
def test_non_standard_or_unbounded_json_is_refused(text, message):
    with pytest.raises(BadJson, match=message):
        loads(text)


def test_a_long_array_is_refused_before_its_nesting_is_walked():
    with pytest.raises(TooManyItems) as refused:
        loads("[" + ",".join(["{}"] * 1001) + "]", max_items=1000)
    assert (refused.value.found, refused.value.allowed) == (1001, 1000)
    assert loads("1" * 40) == int("1" * 40)
