"""Issue 12, findings 1 and 2: only configured credentials reach intake, and a caller never reaches
(nor learns the ack link of) an incident that another credential created."""

import base64

import httpx
import redis

from tests.conftest import seed_config
from tests.integration.receiver.test_intake import SEED_BODY
from tests.unit.intake.test_payload import alertmanager

TOKEN = "alertmanager-token-0123456789"
NEXT_TOKEN = "alertmanager-token-rotated-9876"
OPS_PASSWORD = "ops-password-abcdefgh"
SCRAPE_TOKEN = "prometheus-scrape-token-42"
OTHER_TOKEN = "other-team-token-0123456789"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def auth_config(redis_url: str, key_prefix: str, token_file: str) -> str:
    return seed_config(
        redis_url,
        key_prefix,
        alert={
            "auth": [
                {"name": "alertmanager", "bearer_token": "${INTAKE_TOKEN}"},
                {"name": "alertmanager", "bearer_token_file": token_file},
                {"name": "ops", "username": "ops", "password": "${OPS_PASSWORD}"},
                {"name": "other-team", "bearer_token": OTHER_TOKEN},
            ]
        },
        metrics={"auth": [{"name": "prometheus", "bearer_token": "${SCRAPE_TOKEN}"}]},
    )


def test_intake_and_metrics_need_their_credentials(make_receiver, redis_url, key_prefix, tmp_path):
    token_file = tmp_path / "rotated-token"
    token_file.write_text(NEXT_TOKEN + "\n")
    env = {"INTAKE_TOKEN": TOKEN, "OPS_PASSWORD": OPS_PASSWORD, "SCRAPE_TOKEN": SCRAPE_TOKEN}
    receiver = make_receiver(auth_config(redis_url, key_prefix, str(token_file)), env=env)
    store = redis.Redis.from_url(redis_url)

    for headers in (
        {},
        bearer("wrong-token-0123456789"),
        bearer(SCRAPE_TOKEN),
        basic("ops", "nope"),
        {"Authorization": "Basic !!"},
    ):
        refused = receiver.post(SEED_BODY, headers=headers)
        assert refused.status_code == 401
        assert refused.headers.get_list("WWW-Authenticate") == ['Bearer realm="versus"', 'Basic realm="versus"']
        assert "alert.auth" in refused.json()["error"]
    assert store.zcard(f"{key_prefix}incidents:by_time") == 0

    first = receiver.post(SEED_BODY, headers=bearer(TOKEN))
    rotated = receiver.post(SEED_BODY, headers=bearer(NEXT_TOKEN))
    ops = receiver.post(SEED_BODY, headers=basic("ops", OPS_PASSWORD))
    assert [r.status_code for r in (first, rotated, ops)] == [202, 202, 202]
    sources = [store.hget(f"{key_prefix}incident:{r.json()['id']}", "source") for r in (first, rotated, ops)]
    assert sources == [b"alertmanager", b"alertmanager", b"ops"]
    assert store.hget(f"{key_prefix}incident:{first.json()['id']}", "format") == b"json"

    # A browser can post text/plain or a form cross-site without asking first: refused even with a credential.
    for kind in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"):
        response = receiver.post(b'{"a": 1}', headers={**bearer(TOKEN), "Content-Type": kind})
        assert response.status_code == 415
    assert (
        receiver.post(
            SEED_BODY, headers={**bearer(TOKEN), "Content-Type": "application/json; charset=utf-8"}
        ).status_code
        == 202
    )

    assert httpx.get(f"{receiver.url}/api/incidents/{first.json()['id']}").status_code == 401
    assert httpx.get(f"{receiver.url}/api/incidents/{first.json()['id']}", headers=bearer(TOKEN)).status_code == 200
    assert httpx.get(f"{receiver.url}/metrics").status_code == 401
    assert httpx.get(f"{receiver.url}/metrics", headers=bearer(TOKEN)).status_code == 401
    scraped = httpx.get(f"{receiver.url}/metrics", headers=bearer(SCRAPE_TOKEN))
    assert scraped.status_code == 200
    assert 'versus_intake_refusals_total{reason="unauthenticated"} 5.0' in scraped.text
    assert httpx.get(f"{receiver.url}/healthz").status_code == 200
    assert httpx.get(f"{receiver.url}/readyz").status_code == 200

    log = receiver.log()
    assert "refused an intake request without a valid credential" in log
    for secret in (TOKEN, NEXT_TOKEN, OPS_PASSWORD, SCRAPE_TOKEN, "wrong-token"):
        assert secret not in log
        assert secret not in scraped.text
    assert "INTAKE IS OPEN" not in log


def test_open_intake_warns_when_not_on_loopback(make_receiver, redis_url, key_prefix):
    receiver = make_receiver(seed_config(redis_url, key_prefix, host="0.0.0.0"))
    assert receiver.post(SEED_BODY).status_code == 202
    assert "INTAKE IS OPEN" in receiver.log()
    quiet = make_receiver(seed_config(redis_url, key_prefix, host="127.0.0.1"), name="loopback")
    assert "INTAKE IS OPEN" not in quiet.log()


def test_a_caller_never_reaches_another_credentials_incident(make_receiver, redis_url, key_prefix, tmp_path):
    token_file = tmp_path / "rotated-token"
    token_file.write_text(NEXT_TOKEN)
    env = {"INTAKE_TOKEN": TOKEN, "OPS_PASSWORD": OPS_PASSWORD, "SCRAPE_TOKEN": SCRAPE_TOKEN}
    receiver = make_receiver(auth_config(redis_url, key_prefix, str(token_file)), env=env)
    paging = "oncall_enable=true&oncall_wait_minutes=30"

    created = receiver.post(alertmanager(), query=paging, headers=bearer(TOKEN)).json()
    assert created["result"] == "created"
    assert "ack_url" in created

    # The same groupKey from another credential is that caller's own incident: no link, no cancel.
    guessed = receiver.post(alertmanager(), query=paging, headers=bearer(OTHER_TOKEN)).json()
    assert guessed["id"] != created["id"]
    assert guessed["result"] == "created"
    resolved = receiver.post(alertmanager(status="resolved"), query=paging, headers=bearer(OTHER_TOKEN)).json()
    assert resolved["id"] == guessed["id"]
    receiver.headers = bearer(TOKEN)
    assert receiver.incident(created["id"])["escalation"] == "pending"
    assert receiver.incident(created["id"])["source"] == "alertmanager"

    # A re-send from the creator's scope (any of its rotated secrets) updates it, without handing out the link.
    again = receiver.post(alertmanager(), query=paging, headers=bearer(NEXT_TOKEN)).json()
    assert (again["id"], again["result"]) == (created["id"], "updated")
    assert "ack_url" not in again
    done = receiver.post(alertmanager(status="resolved"), query=paging, headers=bearer(TOKEN)).json()
    assert (done["id"], done["result"]) == (created["id"], "resolved")
    assert receiver.incident(created["id"])["escalation"] == "cancelled"


def test_open_intake_hands_the_ack_link_only_to_the_creating_request(make_receiver, redis_url, key_prefix):
    receiver = make_receiver(seed_config(redis_url, key_prefix))
    paging = "oncall_enable=true&oncall_wait_minutes=30"
    created = receiver.post(alertmanager(), query=paging).json()
    again = receiver.post(alertmanager(), query=paging).json()
    assert "ack_url" in created
    assert (again["id"], again["result"], "ack_url" in again) == (created["id"], "updated", False)
    assert receiver.incident(created["id"])["source"] == "anonymous"
