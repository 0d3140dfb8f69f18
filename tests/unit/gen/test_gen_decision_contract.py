"""The generated URLs and the generated receiver config, read by the receiver's own decision function,
give exactly the on-call behaviour each route of the spec asks for, without a single warning."""

from urllib.parse import parse_qsl, urlsplit

import pytest

from versus.config import parse_config
from versus.gen.receiver_config import plan_arns_from_spec, render_receiver_config
from versus.gen.spec import load_spec
from versus.gen.webhook import webhook_url
from versus.gen.yaml_io import dump_yaml
from versus.oncall.decision import decide

ENV = {"SLACK_TOKEN": "x", "SLACK_CHANNEL_ID": "C1", "REDIS_HOST": "h", "REDIS_PORT": "6379", "REDIS_PASSWORD": ""}


def decisions(spec_path):
    spec = load_spec(spec_path)
    arns = plan_arns_from_spec(spec)
    config = parse_config(dump_yaml(render_receiver_config(spec, arns)), source="generated", env=ENV)
    for route in [*spec.routes, None]:
        query = dict(parse_qsl(urlsplit(webhook_url(spec, route)).query))
        yield spec, route, decide(config.oncall, query)


@pytest.mark.parametrize("mode", ["initialized_only", "enable"])
def test_each_route_gets_what_the_spec_says(seed_data, write_spec, mode):
    seed_data["oncall"].update(enable=mode == "enable", initialized_only=mode == "initialized_only")
    for spec, route, decision in decisions(write_spec(seed_data)):
        assert decision.warnings == ()
        if route is None or not route.oncall:
            assert decision.enabled is False
            continue
        alias = spec.route_plan_alias(route)
        assert decision.enabled is True
        assert decision.response_plan_arn == spec.response_plan_arn(alias)
        expected_wait = spec.oncall.wait_minutes if route.wait_minutes is None else route.wait_minutes
        assert decision.wait_minutes == expected_wait
