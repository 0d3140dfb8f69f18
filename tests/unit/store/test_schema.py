"""The Redis schema is defined once: keys are hash-tagged, and every Lua script uses only the generated names."""

import re
from importlib import resources

import pytest

from versus.store.keys import SCRIPT_KEYS, Keys, hash_tagged
from versus.store.schema import LUA_TABLES
from versus.store.scripts import prelude

SCRIPTS = [
    ("versus.store", path.name)
    for path in resources.files("versus.store").joinpath("lua").iterdir()
    if path.name.endswith(".lua")
] + [("versus.notify", path.name) for path in resources.files("versus.notify").joinpath("lua").iterdir()]


@pytest.mark.parametrize(
    ("configured", "tagged"),
    [
        ("versus:", "{versus}:"),
        ("test-abc123:", "{test-abc123}:"),
        ("app", "{app}"),
        ("{team-a}:versus:", "{team-a}:versus:"),
        ("{}x:", "{{}x}:"),
        ("", "{versus}"),
    ],
)
def test_the_prefix_becomes_a_hash_tag(configured: str, tagged: str) -> None:
    assert hash_tagged(configured) == tagged


def test_every_key_of_a_deployment_shares_the_tag() -> None:
    keys = Keys("versus:")
    for name in [*keys.script_keys(), keys.incident("1"), keys.delivery("1:1"), keys.ack_secret, keys.format_version]:
        assert name.startswith("{versus}:")


@pytest.mark.parametrize(("package", "name"), SCRIPTS)
def test_scripts_use_only_generated_keys_fields_and_states(package: str, name: str) -> None:
    source = resources.files(package).joinpath("lua", name).read_text(encoding="utf-8")
    code = "\n".join(line.split("--", 1)[0] for line in source.splitlines())
    assert "KEYS[" not in code and "ARGV[" not in code, "keys and arguments come from K and A"
    assert not re.search(r"'[a-z_]+:", code), "no key name spelt in Lua"
    known = {"K": set(SCRIPT_KEYS)} | {table: {value.value for value in enum} for table, enum in LUA_TABLES.items()}
    for table, field in re.findall(r"\b(K|F|D|STATUS|ESCALATION|DELIVERY)\.([a-z_]+)", code):
        assert field in known[table], f"{name}: {table}.{field} is not in the schema"
    assert not re.search(r"F\.(escalation|status), '|(state|status) [=~]= '", code), "states come from the enums"


def test_the_prelude_declares_every_table_once() -> None:
    text = prelude()
    for table in ["K", "A", *LUA_TABLES]:
        assert text.count(f"local {table} = ") == 1
    assert "redis.call('TIME')" in text
