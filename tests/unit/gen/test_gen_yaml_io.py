"""yaml_io reads with yaml-rs and writes PyYAML's layout with its own block writer: both must agree with PyYAML
on every value a team spec or a generated file can hold."""

from pathlib import Path
from typing import Any

import pytest
import yaml
import yaml_rs
from hypothesis import given, settings
from hypothesis import strategies as st

from versus.gen.problems import InputError
from versus.gen.yaml_io import _pyyaml_dump, _UniqueKeyLoader, dump_yaml, load_yaml

REPO = Path(__file__).resolve().parents[3]

# Characters that change how YAML quotes or reads a scalar, mixed with ordinary ones.
_TRICKY = st.sampled_from([*" :#-?&*!|>'\"%@`,[]{}~=/.+_\t\n\\é✓😀\x07", "yes", "no", "on", "null", "0x1F", "1e3"])
# YAML 1.1 also breaks lines at NEL, LS and PS (PyYAML cannot even read its own dump of them back); YAML 1.2
# does not. No spec or generated file has them, so they are left out of the round trip.
_YAML_1_1_BREAKS = "\x85\u2028\u2029"
_TEXT = st.one_of(
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters=_YAML_1_1_BREAKS),
        max_size=12,
    ),
    st.lists(st.one_of(_TRICKY, st.text(alphabet="abcXYZ0129", max_size=3)), max_size=6).map("".join),
)
_SCALAR = st.one_of(
    _TEXT,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
)
_KEY = st.one_of(_TEXT, st.integers(min_value=-1000, max_value=1000))
_DOCUMENT = st.recursive(
    _SCALAR,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(_KEY, children, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(_DOCUMENT)
def test_writing_is_byte_for_byte_pyyamls_layout_where_yaml_1_2_reads_it_back(document: Any) -> None:
    pyyaml = _pyyaml_dump(document)
    if yaml_rs.loads(pyyaml) == document:
        assert dump_yaml(document, "# header\n") == "# header\n" + pyyaml


@pytest.mark.parametrize("text", ["1e3", "0E0", "0o17", "1.5e-3x"])
def test_strings_yaml_1_2_reads_as_numbers_are_quoted(text: str) -> None:
    expected = {"1.5e-3x": "- 1.5e-3x\n"}.get(text, f"- '{text}'\n")
    assert dump_yaml([text]) == expected
    assert yaml_rs.loads(dump_yaml([text])) == [text]


@settings(max_examples=400, deadline=None)
@given(_DOCUMENT)
def test_reading_what_versus_writes_gives_the_data_back(tmp_path_factory, document: Any) -> None:
    path = tmp_path_factory.mktemp("yaml") / "doc.yaml"
    path.write_text(dump_yaml(document), encoding="utf-8")
    assert load_yaml(path) == document


@pytest.mark.parametrize("name", ["examples/seed-teams.yaml", "alertmanager/seed-guide/alertmanager.yml"])
def test_the_shipped_files_read_the_same_with_both_parsers(name: str) -> None:
    path = REPO / name
    assert load_yaml(path) == yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)


@pytest.mark.parametrize(
    ("text", "value"),
    [("on", "on"), ("yes", "yes"), ("No", "No"), ("010", 10), ("9:00", "9:00"), ("2026-01-05", "2026-01-05")],
)
def test_yaml_1_2_scalars_a_spec_should_quote_anyway(tmp_path: Path, text: str, value: Any) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text(f"key: {text}\n", encoding="utf-8")
    assert load_yaml(path) == {"key": value}


def test_duplicate_keys_are_refused_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text("a: 1\nb:\n  c: 1\n  c: 2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"(?s)doc.yaml.*duplicate key 'c'.*doc.yaml\", line 4, column 3"):
        load_yaml(path)


def test_a_syntax_error_names_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text("a: [1,\nb: 2\n", encoding="utf-8")
    expected = r"(?s)invalid YAML: while parsing a flow sequence.*doc.yaml\", line 1, column 4"
    with pytest.raises(InputError, match=expected):
        load_yaml(path)
