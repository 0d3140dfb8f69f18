"""Merge properties over many user configs: the user's parts survive untouched, a second merge changes
nothing, and merging spec A then spec B is the same as merging B alone."""

import copy

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SEED_SPEC
from versus.gen.alertmanager import is_owned_route
from versus.gen.merge import merge_into
from versus.gen.spec import build_spec
from versus.gen.spec_rules import rule_problems

SEED = yaml.safe_load(SEED_SPEC.read_text(encoding="utf-8"))
names = st.sampled_from(["ops", "db-email", "pager", "versus-normal", "team-x"])
user_routes = st.lists(
    st.builds(
        lambda receiver, label, value: {"receiver": receiver, "matchers": [f'{label}="{value}"']},
        names,
        st.sampled_from(["team", "severity", "env"]),
        st.sampled_from(["platform", "critical", "prod", "lab"]),
    ),
    max_size=5,
)


def user_config(routes: list[dict]) -> dict:
    used = sorted({route["receiver"] for route in routes} | {"ops"})
    return {
        "global": {"resolve_timeout": "5m"},
        "route": {"receiver": "ops", "routes": routes},
        "receivers": [{"name": name} for name in used],
        "inhibit_rules": [{"source_matchers": ['severity="critical"'], "target_matchers": ['severity="high"']}],
    }


def spec_keeping(platform_routes: list[int]):
    data = copy.deepcopy(SEED)
    data["teams"][0]["routes"] = [data["teams"][0]["routes"][i] for i in platform_routes]
    spec = build_spec(data, "spec.yaml")
    assert rule_problems(spec) == []
    return spec


kept_routes = st.lists(st.sampled_from([0, 1, 2, 3]), min_size=1, max_size=4, unique=True).map(sorted)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(routes=user_routes, first=kept_routes, second=kept_routes)
def test_merge_properties(routes, first, second):
    user = user_config(routes)
    original = copy.deepcopy(user)
    spec_a, spec_b = spec_keeping(first), spec_keeping(second)

    merged = merge_into(user, spec_b)
    assert user == original, "the input was changed in place"
    assert merge_into(merged, spec_b) == merged
    assert merge_into(merge_into(user, spec_a), spec_b) == merged

    assert {k: merged[k] for k in ("global", "inhibit_rules")} == {k: user[k] for k in ("global", "inhibit_rules")}
    assert merged["route"]["receiver"] == "ops"
    assert [r for r in merged["route"]["routes"] if not is_owned_route(r)] == routes
    assert merged["receivers"][: len(user["receivers"])] == user["receivers"]
