"""Each webhook URL carries exactly the query string its on-call decision needs."""

from versus.gen.spec import load_spec
from versus.gen.webhook import webhook_url


def urls_by_receiver(path) -> dict[str, str]:
    spec = load_spec(path)
    return {route.receiver_name: webhook_url(spec, route) for route in spec.routes} | {
        "versus-default": webhook_url(spec, None)
    }


def test_initialized_only_opts_paging_routes_in(seed_spec):
    base = "http://versus-service:3000/api/incidents"
    assert urls_by_receiver(seed_spec) == {
        "versus-platform-database": f"{base}?oncall_enable=true&oncall_wait_minutes=0",
        "versus-platform-network": f"{base}?oncall_enable=true&awsim_other_response_plan=network",
        "versus-platform-critical": f"{base}?oncall_enable=true",
        "versus-platform-high": base,
        "versus-application-critical-business-hours": f"{base}?oncall_enable=true&awsim_other_response_plan=app",
        "versus-application-critical": base,
        "versus-application-high": base,
        "versus-default": base,
    }


def test_enable_opts_quiet_routes_out(seed_data, write_spec):
    seed_data["oncall"].update(enable=True, initialized_only=False)
    seed_data["teams"][0]["routes"][0]["wait_minutes"] = 2  # the default: not repeated in the URL
    base = "http://versus-service:3000/api/incidents"
    urls = urls_by_receiver(write_spec(seed_data))
    assert urls["versus-platform-database"] == base
    assert urls["versus-platform-network"] == f"{base}?awsim_other_response_plan=network"
    assert urls["versus-platform-high"] == f"{base}?oncall_enable=false"
    assert urls["versus-default"] == f"{base}?oncall_enable=false"
