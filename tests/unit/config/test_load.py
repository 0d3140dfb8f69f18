from pathlib import Path

import pytest

from versus.config import ConfigError, load_config, parse_config

SEED = Path(__file__).resolve().parents[2] / "data" / "seed-config.yaml"
SEED_ENV = {
    "SLACK_TOKEN": "xoxb-seed",
    "SLACK_CHANNEL_ID": "C0123",
    "REDIS_HOST": "redis.internal",
    "REDIS_PORT": "6380",
    "REDIS_PASSWORD": "s3cret",
}


def test_the_seed_guides_config_loads_unchanged():
    config = load_config(SEED, env=SEED_ENV)
    assert config.public_host == "https://versus.example.com"
    assert config.alert.debug_body is True
    assert config.alert.slack.token == "xoxb-seed"
    assert config.alert.slack.channel_id == "C0123"
    assert config.alert.slack.template_path == "config/slack_message.tmpl"
    assert config.alert.slack.button_text == "Acknowledge Incident"
    assert config.alert.slack.button_style == "primary"
    assert config.oncall.initialized_only is True
    assert config.oncall.enable is False
    assert config.oncall.wait_minutes == 2
    aws = config.oncall.aws_incident_manager
    assert aws.response_plan_arn == "arn:aws:ssm-incidents::123456789012:response-plan/PlatformCriticalPlan"
    assert aws.other_response_plan_arns == {"app": "arn:aws:ssm-incidents::123456789012:response-plan/AppCriticalPlan"}
    assert (config.redis.host, config.redis.port, config.redis.password, config.redis.db) == (
        "redis.internal",
        6380,
        "s3cret",
        0,
    )
    assert config.redis.embedded is False


def test_unset_variables_are_named_with_their_key_paths():
    with pytest.raises(ConfigError) as error:
        load_config(SEED, env={"SLACK_TOKEN": "x", "SLACK_CHANNEL_ID": "C1", "REDIS_HOST": "h"})
    message = str(error.value)
    assert "redis.port: environment variable REDIS_PORT is not set" in message
    assert "redis.password: environment variable REDIS_PASSWORD is not set (use ${REDIS_PASSWORD:-}" in message


@pytest.mark.parametrize(
    ("value", "env", "expected"),
    [
        ("${A}", {"A": "x"}, "x"),
        ("${A:-fallback}", {}, "fallback"),
        ("${A:-}", {}, ""),
        ("${A:-fallback}", {"A": "set"}, "set"),
        ("cost $$5 ${A}", {"A": "now"}, "cost $5 now"),
        ("pre-${A}-${B}-post", {"A": "1", "B": "2"}, "pre-1-2-post"),
        ("value: #not a comment ${A}", {"A": "x"}, "value: #not a comment x"),
    ],
)
def test_expansion(value, env, expected):
    config = parse_config(f'alert:\n  slack:\n    token: "{value}"\n', source="t.yaml", env=env)
    assert config.alert.slack.token == expected


def test_a_secret_with_yaml_syntax_cannot_change_the_structure():
    config = parse_config("alert:\n  slack:\n    token: ${T}\n", source="t.yaml", env={"T": "a: b\n# c"})
    assert config.alert.slack.token == "a: b\n# c"


def test_malformed_reference():
    with pytest.raises(ConfigError, match=r"name: malformed reference '\$\{1BAD\}'"):
        parse_config("name: ${1BAD}\n", source="t.yaml", env={})


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("colour: blue\n", "<root>: unknown key(s) colour; allowed:"),
        ("alert:\n  slak: {}\n", "alert: unknown key(s) slak; allowed: "),
        ("port: http\n", "port: 'http' is not of type 'integer'"),
        ("port: 70000\n", "port: 70000 is greater than the maximum of 65535"),
        ("oncall:\n  wait_minutes: -1\n", "oncall.wait_minutes: -1 is less than the minimum of 0"),
        (
            "oncall:\n  provider: opsgenie\n",
            "oncall.provider: 'opsgenie' is not one of ['aws_incident_manager', 'pagerduty', 'incident_io']",
        ),
        (
            "alert:\n  slack:\n    message_properties:\n      button_style: red\n",
            "alert.slack.message_properties.button_style: 'red' is not one of",
        ),
        (
            "oncall:\n  aws_incident_manager:\n    other_response_plan_arns:\n      app: not-an-arn\n",
            "oncall.aws_incident_manager.other_response_plan_arns.app: 'not-an-arn' does not match",
        ),
        ("redis:\n  url: redis://x\n  host: y\n", "redis: set either url or host, not both"),
        ("- a\n- b\n", "the top level must be a mapping, got list"),
        ("a: [\n", "not valid YAML"),
    ],
)
def test_schema_errors_name_the_key_path(yaml_text, expected):
    with pytest.raises(ConfigError) as error:
        parse_config(yaml_text, source="bad.yaml", env={})
    assert str(error.value).startswith("bad.yaml: ")
    assert expected in str(error.value)


def test_every_error_is_reported_at_once():
    with pytest.raises(ConfigError) as error:
        parse_config("port: x\nhost: 5\ncolour: 1\n", source="bad.yaml", env={})
    assert str(error.value).count("\n  - ") == 3


def test_public_host_is_required_when_oncall_can_page():
    text = "oncall:\n  initialized_only: true\n  aws_incident_manager:\n    response_plan_arn: " + (
        "arn:aws:ssm-incidents::123456789012:response-plan/P\n"
    )
    with pytest.raises(ConfigError, match=r"public_host: required while oncall\.enable or oncall\.initialized_only"):
        parse_config(text, source="c.yaml", env={})
    assert parse_config("public_host: https://v.example.com\n" + text, source="c.yaml", env={}).oncall.available


def test_slack_needs_a_token_when_enabled():
    with pytest.raises(ConfigError, match=r"alert.slack.token: required \(non-empty\)"):
        parse_config("alert:\n  slack:\n    enable: true\n    channel_id: C1\n", source="c.yaml", env={})


def test_no_redis_section_means_embedded():
    assert parse_config("name: v\n", source="c.yaml", env={}).redis.embedded is True


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match=r"nope\.yaml: cannot read config: No such file or directory"):
        load_config(tmp_path / "nope.yaml")


def test_credentials_need_exactly_one_secret_and_errors_never_show_it():
    text = """\
alert:
  auth:
    - {name: a, bearer_token: "${T}"}
    - {name: b}
    - {name: c, username: u, password: "0123456789abcdef", bearer_token: "0123456789abcdef"}
metrics:
  auth:
    - {name: p, username: u, password_file: /run/p}
"""
    with pytest.raises(ConfigError) as error:
        parse_config(text, source="c.yaml", env={"T": "short-secret"})
    message = str(error.value)
    assert "alert.auth[0] (a).bearer_token: shorter than 16 characters (value not shown)" in message
    assert "alert.auth[1] (b): give exactly one of bearer_token, bearer_token_file" in message
    assert "alert.auth[2] (c): a username needs exactly one of password or password_file" in message
    assert "metrics.auth" not in message
    assert "short-secret" not in message and "0123456789abcdef" not in message


def test_schema_errors_never_show_a_value_that_may_be_secret():
    text = 'alert:\n  auth:\n    - {name: "bad name", bearer_token_file: /run/t}\nredis:\n  url: "${REDIS_URL}"\n'
    with pytest.raises(ConfigError) as error:
        parse_config(text, source="c.yaml", env={"REDIS_URL": "http://:pw-hunter2@x"})
    message = str(error.value)
    assert "alert.auth[0].name: 'bad name' does not match" in message
    assert "redis.url: does not match ^(redis|rediss|unix):// (value not shown: it may hold a secret)" in message
    assert "hunter2" not in message
