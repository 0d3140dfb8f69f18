"""Issue 12, finding 1 (generator): `versus-gen config` writes the receiver's side of the intake credential,
`versus-gen alertmanager` the matching `http_config`, and `versus-gen check` fails when the two disagree.
Neither file ever holds the secret itself."""

import yaml

from tests.unit.gen.test_gen_check import check
from versus.gen.cli import main

BEARER = {"authorization": {"credentials_file": "/etc/alertmanager/secrets/versus-token"}}
BASIC = {"basic_auth": {"username": "alertmanager", "password_file": "/etc/alertmanager/secrets/versus-password"}}


def generate(seed_data, write_spec, tmp_path, receiver_auth, name):
    plain = {key: value for key, value in seed_data["receiver"].items() if key not in ("authorization", "basic_auth")}
    spec = write_spec({**seed_data, "receiver": {**plain, **receiver_auth}})
    config, alertmanager = tmp_path / f"{name}-config.yaml", tmp_path / f"{name}-alertmanager.yml"
    assert main(["config", str(spec), "-o", str(config)]) == 0
    assert main(["alertmanager", str(spec), "-o", str(alertmanager)]) == 0
    return spec, config, alertmanager


def test_bearer_and_basic_are_written_on_both_sides_and_agree(seed_data, write_spec, tmp_path, capsys):
    spec, config, alertmanager = generate(seed_data, write_spec, tmp_path, BEARER, "bearer")
    assert yaml.safe_load(config.read_text())["alert"]["auth"] == [
        {"name": "alertmanager", "bearer_token": "${VERSUS_INTAKE_TOKEN}"}
    ]
    webhook = yaml.safe_load(alertmanager.read_text())["receivers"][0]["webhook_configs"][0]
    assert webhook["http_config"] == {
        "authorization": {"type": "Bearer", "credentials_file": "/etc/alertmanager/secrets/versus-token"}
    }
    _, lines = check(capsys, str(spec), "--alertmanager", str(alertmanager), "--config", str(config))
    assert not [line for line in lines if "http_config" in line]

    spec, config, alertmanager = generate(seed_data, write_spec, tmp_path, BASIC, "basic")
    assert yaml.safe_load(config.read_text())["alert"]["auth"] == [
        {"name": "alertmanager", "username": "alertmanager", "password": "${VERSUS_INTAKE_PASSWORD}"}
    ]
    webhook = yaml.safe_load(alertmanager.read_text())["receivers"][0]["webhook_configs"][0]
    assert webhook["http_config"] == {
        "basic_auth": {"username": "alertmanager", "password_file": "/etc/alertmanager/secrets/versus-password"}
    }
    _, lines = check(capsys, str(spec), "--alertmanager", str(alertmanager), "--config", str(config))
    assert not [line for line in lines if "http_config" in line]


def test_check_fails_when_alertmanager_and_receiver_disagree(seed_data, write_spec, tmp_path, capsys):
    spec, open_config, open_alertmanager = generate(seed_data, write_spec, tmp_path, {}, "open")
    _, bearer_config, bearer_alertmanager = generate(seed_data, write_spec, tmp_path, BEARER, "b")
    _, basic_config, basic_alertmanager = generate(seed_data, write_spec, tmp_path, BASIC, "c")
    where = "receivers[0].webhook_configs[0].http_config: error: "
    cases = [
        (open_alertmanager, bearer_config, f"sends no credential, but {bearer_config} requires one (alert.auth)"),
        (bearer_alertmanager, open_config, f"sends a credential, but {open_config} has no alert.auth"),
        (basic_alertmanager, bearer_config, "basic_auth user 'alertmanager' is not among the users of alert.auth"),
        (bearer_alertmanager, basic_config, f"sends a Bearer credential, but alert.auth in {basic_config} accepts no"),
    ]
    for alertmanager, config, message in cases:
        code, lines = check(capsys, str(spec), "--alertmanager", str(alertmanager), "--config", str(config))
        assert code == 1
        assert any(f"{alertmanager}: {where}{message}" in line for line in lines), lines


def test_a_scheme_the_receiver_cannot_check_is_a_spec_error(seed_data, write_spec, capsys):
    seed_data["receiver"]["authorization"] = {"type": "Token", "credentials_file": "/etc/am/token"}
    assert main(["check", str(write_spec(seed_data))]) == 2
    message = "receiver.authorization.type: error: the receiver accepts Bearer credentials, not 'Token'"
    assert message in capsys.readouterr().err
