"""Console access against a real `versus serve` and Redis: login, sessions, CSRF, roles and the proxy header."""

import time

import httpx
import pytest
import redis

from tests.integration.console.conftest import PASSWORD, csrf_of, log_in, running_console
from tests.integration.receiver.test_intake import SEED_BODY
from versus.console.session import Session, SessionCodec, new_token


def test_every_page_but_login_and_static_files_needs_a_login(console):
    receiver = console.receiver
    for path in ("/ui", "/ui/", "/ui/oncall", "/ui/health", "/ui/incidents/x", "/ui/oncall/platform/calendar"):
        answer = httpx.get(receiver.url + path)
        assert answer.status_code == 303, path
        assert answer.headers["location"].startswith("/ui/login?next=")
    for path in ("/ui/incidents/x/acknowledge", "/ui/incidents/x/resolve", "/ui/logout"):
        assert httpx.post(receiver.url + path, data={"csrf": "x"}).status_code == 401, path
    assert httpx.get(receiver.url + "/ui/login").status_code == 200
    script = httpx.get(receiver.url + "/ui/static/console.js")
    assert script.status_code == 200 and "localiseTimes" in script.text


def test_wrong_password_unknown_user_and_login_without_csrf_are_refused(console):
    receiver = console.receiver
    client = httpx.Client(base_url=receiver.url)
    token = csrf_of(client.get("/ui/login").text)
    wrong = client.post("/ui/login", data={"csrf": token, "user": "alice", "password": "nope"})
    assert wrong.status_code == 401 and "Wrong user name or password." in wrong.text
    assert "versus_session" not in wrong.headers.get("set-cookie", "")
    unknown = client.post("/ui/login", data={"csrf": csrf_of(wrong.text), "user": "zed", "password": PASSWORD})
    assert unknown.status_code == 401
    no_csrf = client.post("/ui/login", data={"user": "alice", "password": PASSWORD})
    assert no_csrf.status_code == 403 and "CSRF" in no_csrf.text
    assert client.get("/ui/").status_code == 303


def test_session_cookie_is_httponly_strict_and_signed(console):
    receiver = console.receiver
    client = log_in(receiver)
    cookie = client.get("/ui/").headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/ui" in cookie
    assert "Secure" not in cookie  # plain-HTTP public_host; see the https test below
    value = client.cookies["versus_session"]
    forged = httpx.get(receiver.url + "/ui/", cookies={"versus_session": value[:-4] + "0000"})
    assert forged.status_code == 303


def test_missing_or_wrong_csrf_token_changes_nothing(console):
    receiver = console.receiver
    incident_id = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=5").json()["id"]
    client = log_in(receiver)
    for data in ({}, {"csrf": "forged"}):
        for action in ("acknowledge", "resolve"):
            answer = client.post(f"/ui/incidents/{incident_id}/{action}", data=data)
            assert answer.status_code == 403 and "CSRF" in answer.text
    incident = receiver.incident(incident_id)
    assert incident["escalation"] == "pending" and incident["status"] == "firing"
    assert "acknowledged_at" not in incident


def test_viewer_sees_but_may_not_acknowledge(console):
    receiver = console.receiver
    incident_id = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=5").json()["id"]
    client = log_in(receiver, "victor")
    page = client.get(f"/ui/incidents/{incident_id}")
    assert page.status_code == 200 and "You are a viewer" in page.text and ">Acknowledge<" not in page.text
    refused = client.post(f"/ui/incidents/{incident_id}/acknowledge", data={"csrf": csrf_of(page.text)})
    assert refused.status_code == 403 and "responder role" in refused.text
    assert receiver.incident(incident_id)["escalation"] == "pending"


def test_resolve_cancels_the_pending_page_and_names_the_actor(console):
    receiver = console.receiver
    incident_id = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=0.03").json()["id"]
    client = log_in(receiver)
    page = client.get(f"/ui/incidents/{incident_id}")
    done = client.post(f"/ui/incidents/{incident_id}/resolve", data={"csrf": csrf_of(page.text)})
    assert done.status_code == 303
    incident = receiver.incident(incident_id)
    assert (incident["status"], incident["resolved_by"]) == ("resolved", "alice")
    assert (incident["escalation"], incident["cancelled_reason"]) == ("cancelled", "resolved")
    after = client.get(done.headers["location"])
    assert "Resolved." in after.text and "<strong>resolved</strong> by alice" in after.text
    time.sleep(2.5)
    assert console.pages_started(incident_id) == 0


def test_proxy_header_is_refused_from_an_address_not_configured(console):
    receiver = console.receiver  # trusts 10.99.0.0/16 only; the test connects from 127.0.0.1
    answer = httpx.get(receiver.url + "/ui/", headers={"X-Forwarded-User": "mallory"})
    assert answer.status_code == 403 and "not a trusted proxy" in answer.text
    with_session = log_in(receiver)
    assert with_session.get("/ui/", headers={"X-Forwarded-Email": "m@example.com"}).status_code == 403


@pytest.fixture(scope="module")
def strict(redis_server, tmp_path_factory):
    """HTTPS public host, a proxy on 127.0.0.1, a 2.4 s idle expiry and 2 failed logins allowed."""
    proxy = {"trusted_addresses": ["127.0.0.1/32"], "responders": ["ops@example.com"]}
    workdir = tmp_path_factory.mktemp("strict")
    options = {"proxy": proxy, "idle_minutes": 0.04, "login_attempts": 2}
    with running_console(redis_server, workdir, "https://versus.example.com", **options) as running:
        yield running.receiver


def test_proxy_header_from_a_trusted_address_logs_in_with_its_role(strict):
    receiver = strict
    incident_id = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=5").json()["id"]
    viewer = httpx.get(receiver.url + "/ui/", headers={"X-Forwarded-User": "pat"})
    assert viewer.status_code == 200 and 'pat <span class="role">(viewer)</span>' in viewer.text
    headers = {"X-Forwarded-User": "olga", "X-Forwarded-Email": "ops@example.com"}
    page = httpx.get(f"{receiver.url}/ui/incidents/{incident_id}", headers=headers)
    assert "(responder)" in page.text
    done = httpx.post(
        f"{receiver.url}/ui/incidents/{incident_id}/acknowledge", data={"csrf": csrf_of(page.text)}, headers=headers
    )
    assert done.status_code == 303
    assert receiver.incident(incident_id)["acknowledged_by"] == "olga"
    other = httpx.post(
        f"{receiver.url}/ui/incidents/{incident_id}/resolve",
        data={"csrf": csrf_of(page.text)},
        headers={"X-Forwarded-User": "pat"},
    )
    assert other.status_code == 403  # another user's token is not theirs


def test_https_public_host_secure_cookie_idle_expiry_and_login_rate_limit(strict):
    receiver = strict
    client = httpx.Client(base_url=receiver.url)
    form = client.get("/ui/login")
    assert "Secure" in form.headers["set-cookie"]
    token = form.cookies["versus_login"]
    # httpx keeps Secure cookies off plain HTTP, as browsers do: send them by hand from here on
    good = {"csrf": token, "user": "alice", "password": PASSWORD}
    cookies = {"versus_login": token}
    login = httpx.post(receiver.url + "/ui/login", data=good, cookies=cookies)
    assert login.status_code == 303 and "Secure" in login.headers["set-cookie"]
    session = {"versus_session": login.cookies["versus_session"]}
    assert httpx.get(receiver.url + "/ui/", cookies=session).status_code == 200
    time.sleep(3)  # idle_minutes 0.04 = 2.4 s
    assert httpx.get(receiver.url + "/ui/", cookies=session).status_code == 303
    bad = {**good, "password": "wrong"}
    codes = [httpx.post(receiver.url + "/ui/login", data=bad, cookies=cookies).status_code for _ in range(3)]
    assert codes == [401, 401, 429]
    limited = httpx.post(receiver.url + "/ui/login", data=good, cookies=cookies)
    assert limited.status_code == 429 and "Too many failed logins" in limited.text


def test_incident_page_shows_alertmanager_labels_and_only_web_links(console):
    receiver = console.receiver
    labels = {"alertname": "DiskFull", "service": "db", "team": "platform", "severity": "critical"}
    annotations = {"summary": "<img src=x onerror=alert(1)>", "runbook_url": "javascript:alert(1)",
                   "dashboard_url": "https://grafana.example.com/d/1"}  # fmt: skip
    body = {
        "version": "4", "receiver": "versus-platform", "status": "firing", "groupKey": '{}:{alertname="DiskFull"}',
        "groupLabels": {"alertname": "DiskFull"}, "commonLabels": labels, "commonAnnotations": annotations,
        "externalURL": "http://alertmanager", "truncatedAlerts": 0,
        "alerts": [{"status": "firing", "labels": labels, "annotations": annotations,
                    "startsAt": "2026-11-30T00:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
                    "generatorURL": "http://prometheus:9090/graph", "fingerprint": "0123456789abcdef"}],
    }  # fmt: skip
    incident_id = receiver.post(body).json()["id"]
    page = log_in(receiver, "victor").get(f"/ui/incidents/{incident_id}")
    assert page.status_code == 200
    assert 'href="http://prometheus:9090/graph"' in page.text
    assert 'href="https://grafana.example.com/d/1"' in page.text
    assert 'href="javascript:' not in page.text and "<img src=x" not in page.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page.text
    assert '<th scope="row">severity</th><td>critical</td>' in page.text
    assert "Content-Security-Policy" in page.headers and "script-src 'self'" in page.headers["content-security-policy"]


def test_logout_needs_its_csrf_token_and_ends_the_session_even_for_a_kept_cookie(console):
    client = log_in(console.receiver)
    page = client.get("/ui/")
    kept = client.cookies["versus_session"]
    assert client.post("/ui/logout", data={}).status_code == 403
    assert client.get("/ui/").status_code == 200
    out = client.post("/ui/logout", data={"csrf": csrf_of(page.text)})
    assert out.status_code == 303 and out.headers["location"] == "/ui/login"
    replayed = httpx.get(console.receiver.url + "/ui/", cookies={"versus_session": kept})
    assert replayed.status_code == 303


def test_a_signed_cookie_counts_only_for_a_user_in_the_config_with_the_config_role(console):
    secret = redis.Redis.from_url(console.redis_url).get(console.keys.console_secret)
    assert secret, "the receiver keeps its generated session secret in Redis"
    codec = SessionCodec(secret, idle_seconds=1800)
    now = int(time.time())
    gone = codec.encode(Session("mallory", new_token(), now))  # validly signed, but not a configured user
    assert httpx.get(console.receiver.url + "/ui/", cookies={"versus_session": gone}).status_code == 303
    viewer = codec.encode(Session("victor", new_token(), now))
    page = httpx.get(console.receiver.url + "/ui/", cookies={"versus_session": viewer})
    assert page.status_code == 200 and "(viewer)" in page.text
