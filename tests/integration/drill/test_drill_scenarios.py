"""What `versus-gen drill` sends for a spec: each route's generated webhook query, with only the wait changed."""

from urllib.parse import parse_qsl, urlsplit

from versus.drill.scenarios import route_scenarios, seed_scenarios
from versus.gen.spec import load_spec
from versus.gen.webhook import webhook_url


def test_route_drills_use_the_generated_query_and_keep_a_wait_of_zero(repo_root):
    spec = load_spec(repo_root / "examples" / "seed-teams.yaml")
    scenarios = {s.name: s for s in route_scenarios(spec, 0.05, "run1")}
    for route in spec.routes:
        [scenario] = [s for name, s in scenarios.items() if name.split(" (")[0] == f"route {route.team}/{route.name}"]
        generated = [
            item for item in parse_qsl(urlsplit(webhook_url(spec, route)).query) if item[0] != "oncall_wait_minutes"
        ]
        assert [item for item in scenario.query if item[0] != "oncall_wait_minutes"] == generated
        assert scenario.body["receiver"] == route.receiver_name
        assert scenario.expected.page is route.oncall
    database = scenarios["route platform/database"]
    assert ("oncall_wait_minutes", "0") in database.query
    assert database.expected.wait_minutes == 0
    assert ("oncall_wait_minutes", "0.05") in scenarios["route platform/network"].query
    assert scenarios["route platform/database"].body["commonLabels"]["service"] == "database"


def test_without_a_wait_override_the_receivers_own_waits_apply():
    seed = seed_scenarios(None, None)
    assert [dict(s.query).get("oncall_wait_minutes") for s in seed] == [None, None, "0", None]
    assert seed[3].expected.plan_or_default
