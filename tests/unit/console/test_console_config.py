"""The `console` config section: typed, with defaults, and a clear error for a password that is not a hash."""

import pytest

from versus.config import ConfigError, parse_config


def test_console_section_is_typed_with_defaults():
    config = parse_config(
        """
console:
  enable: true
  users: [{name: alice, password_hash: "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA", role: responder}]
  proxy: {trusted_addresses: [10.0.0.0/8], responders: [ops@example.com]}
""",
        source="test",
        env={},
    )
    console = config.console
    assert console.enable and console.users[0].role == "responder"
    assert console.proxy.trusted_addresses == ("10.0.0.0/8",) and console.proxy.user_header == "X-Forwarded-User"
    assert (console.idle_minutes, console.page_size, console.list_window) == (30.0, 50, 20_000)
    assert parse_config("{}", source="test", env={}).console.enable is False


def test_a_plain_password_in_the_config_is_refused_with_its_key_path():
    with pytest.raises(ConfigError) as error:
        parse_config("console: {users: [{name: alice, password_hash: hunter2}]}", source="test", env={})
    assert "console.users[0].password_hash" in str(error.value)


def test_serve_spec_option_sets_the_console_spec(tmp_path, monkeypatch):
    from versus import cli

    config_path = tmp_path / "config.yaml"
    config_path.write_text("console: {enable: true, spec: from-config.yaml}\n")
    seen = []
    monkeypatch.setattr(cli, "run_server", lambda config, **_: seen.append(config) or 0)
    assert cli.main(["serve", "--config", str(config_path), "--spec", "teams.yaml"]) == 0
    assert cli.main(["serve", "--config", str(config_path)]) == 0
    assert [config.console.spec for config in seen] == ["teams.yaml", "from-config.yaml"]
