"""Storms: Slack's limits kept across replicas, on-call alerts first, collapse, digest, 429 pause, fair share.

Real redis-server; slack_sdk against the local fake Slack, which here enforces Slack's per-method limits
(429 with Retry-After past them); `versus serve` processes where the property spans processes.
"""

import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import seed_config
from tests.fakes.slack import FakeSlack, SlackLimits
from tests.integration.notify.conftest import CONFIG, drain, record
from tests.support.receiver import Receiver
from versus.config import parse_config
from versus.config.model import Config
from versus.notify.message import delivery_of
from versus.notify.outbox import OutboxWorker

DIGEST = "⏳ Storm digest"


def alert(name: str, severity: str) -> dict[str, str]:
    return {"AlertName": name, "ServiceName": "svc", "Severity": severity, "Logs": f"{name} is unhappy"}


def incident_of(message: dict[str, Any]) -> str:
    return str((delivery_of(message) or "-:-").rsplit(":", 1)[0])


SLACK_TOLERANCE = 1
"""The fake tolerates one call more than Versus allows itself in a burst: network jitter between Versus's
grant and the fake's clock must not turn a kept limit into a 429 (Slack tolerates short bursts too)."""


def limited_receiver_config(redis_url: str, key_prefix: str, fake: FakeSlack, per_second: float, burst: int) -> str:
    slack = {"enable": True, "api_url": fake.url, "post_message_per_second": per_second, "post_message_burst": burst}
    return seed_config(redis_url, key_prefix, alert={"debug_body": False, "slack": slack})


def assert_within(times: list[float], per_second: float, burst: int) -> None:
    """No window of calls holds more than the burst (with the fake's tolerance) plus what the rate refills in it."""
    times = sorted(times)
    for i in range(len(times)):
        for j in range(i + 1, len(times)):
            allowed = burst + SLACK_TOLERANCE + per_second * (times[j] - times[i])
            assert j - i + 1 <= allowed, f"{j - i + 1} posts in {times[j] - times[i]:.3f} s"


@pytest.fixture
def limited_slack(fake_slack: FakeSlack) -> FakeSlack:
    fake_slack.enforce_limits(SlackLimits({"chat.postMessage": (4.0, 3), "chat.update": (50 / 60, 6)}))
    return fake_slack


def test_on_call_alerts_are_posted_before_the_junk_flood_queued_ahead_of_them(
    make_receiver: Callable[..., Receiver], redis_url: str, key_prefix: str, fake_slack: FakeSlack
):
    fake_slack.enforce_limits(SlackLimits({"chat.postMessage": (2.0, 3)}))
    receiver = make_receiver(limited_receiver_config(redis_url, key_prefix, fake_slack, 2.0, 2))
    junk = [receiver.post(alert(f"Junk{i}", "warning")).json()["id"] for i in range(20)]
    query = "oncall_enable=true&oncall_wait_minutes=2"
    pages = [receiver.post(alert(f"Page{i}", "critical"), query=query).json()["id"] for i in range(3)]

    def posted() -> list[str]:
        return [incident_of(m) for m in fake_slack.messages()]

    deadline = time.monotonic() + 20
    while not set(pages) <= set(posted()):
        assert time.monotonic() < deadline, f"on-call alerts not posted: {posted()}"
        time.sleep(0.05)
    order = posted()
    last_page = max(order.index(page) for page in pages)
    junk_before = [i for i in order[:last_page] if i in junk]
    assert len(junk_before) <= 5, f"{len(junk_before)} junk messages went before the last on-call one"
    assert len(junk) - len(junk_before) >= 15
    assert [c for c in fake_slack.calls_to("chat.postMessage") if c.status == 429] == []


def test_two_receivers_sharing_redis_keep_one_rate_limit_together(
    make_receiver: Callable[..., Receiver], redis_url: str, key_prefix: str, fake_slack: FakeSlack
):
    fake_slack.enforce_limits(SlackLimits({"chat.postMessage": (2.0, 3)}))
    config = limited_receiver_config(redis_url, key_prefix, fake_slack, 2.0, 2)
    receivers = [make_receiver(config, name="one"), make_receiver(config, name="two")]
    for i in range(12):
        receivers[i % 2].post(alert(f"Alert{i}", "critical"))
    fake_slack.wait_for_messages(12, timeout=30)
    posts = fake_slack.calls_to("chat.postMessage")
    assert [c.status for c in posts] == [200] * 12
    assert_within([c.at for c in posts], per_second=2.0, burst=2)
    for receiver in receivers:
        assert "sent slack created" in receiver.log()
    posted = [incident_of(m) for m in fake_slack.messages()]
    assert len(set(posted)) == len(posted) == 12


async def test_queued_refreshes_of_an_incident_collapse_into_one_send(
    store, config, fake_slack, make_worker, deliveries, redis_client, key_prefix
):
    query = {"dedup_key": "disk"}
    first = await record(store, config, query=query)
    for _ in range(5):
        await record(store, config, query=query)
    await drain(make_worker())
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    assert fake_slack.calls_to("chat.update") == []
    for _ in range(4):
        await record(store, config, query=query)
    await drain(make_worker())
    assert len(fake_slack.calls_to("chat.update")) == 1
    statuses = [
        (await redis_client.hgetall(f"{key_prefix}delivery:{first.incident_id}:{seq}")).get("status")
        for seq in range(1, 11)
    ]
    assert statuses == ["sent"] * 10
    assert (await deliveries.stats("slack")).sent == 10


async def test_a_digest_summarises_the_backlog_is_updated_as_it_drains_and_each_message_follows(
    store, config, limited_slack, make_worker, deliveries, redis_client, key_prefix
):
    page = await record(store, config, payload=alert("Page", "critical"), query={"oncall_enable": "true"})
    junk = [(await record(store, config, payload=alert(f"Junk{i % 3}", "warning"))).incident_id for i in range(13)]
    evil = await record(store, config, payload=alert("<!channel> & co", "warning"))
    worker: OutboxWorker = make_worker(digest_after_seconds=1.0, digest_refresh_seconds=0.5, digest_newest=3)

    async def drained() -> bool:
        return await deliveries.pending() == 0 and not await redis_client.exists(f"{key_prefix}outbox:digest:C0TEST")

    await drain(worker, until=drained, within=30)

    [digest_message] = [m for m in limited_slack.messages() if delivery_of(m) is None]
    [digest_post] = [c for c in limited_slack.calls_to("chat.postMessage") if "metadata" not in c.args]
    updates = [c for c in limited_slack.calls_to("chat.update") if c.args.get("ts") == digest_message["ts"]]
    first_text = digest_post.args["text"]
    assert first_text.startswith(DIGEST)
    assert "&lt;!channel&gt; &amp; co (warning): 1" in first_text and "<!channel>" not in first_text
    assert len(updates) >= 2
    assert updates[0].args["text"].startswith(DIGEST) and updates[0].args["text"] != first_text
    assert "backlog has drained" in digest_message["text"]
    posted = {incident_of(m) for m in limited_slack.messages() if delivery_of(m)}
    assert posted == {page.incident_id, evil.incident_id, *junk}
    events = [f for _, f in await redis_client.xrange(f"{key_prefix}events") if f["event"] == "notified_in_digest"]
    digested = {f["incident"] for f in events}
    assert len(events) == len(digested) >= 5
    assert page.incident_id not in digested
    assert digested <= {evil.incident_id, *junk}
    assert [c for c in limited_slack.calls if c.status == 429] == []


async def test_a_429_pauses_the_whole_channel_for_retry_after(
    store, config, fake_slack, make_worker, deliveries, redis_client, key_prefix
):
    fake_slack.rate_limit_next("chat.postMessage", retry_after=2)
    for i in range(3):
        await record(store, config, payload=alert(f"Alert{i}", "warning"))
    await drain(make_worker(), within=15)
    limited, *accepted = fake_slack.calls_to("chat.postMessage")
    assert limited.status == 429 and [c.status for c in accepted] == [200, 200, 200]
    _in_flight, *after = sorted(c.at for c in accepted)  # sent alongside the refused one (burst of 2)
    assert min(after) - limited.at >= 1.9
    stats = await deliveries.stats("slack")
    assert stats.rate_limited >= 1
    assert fake_slack.calls_to("conversations.history") == []  # Slack answered: nothing to look for


async def test_sources_share_the_outbox_fairly(store, config, limited_slack, make_worker, redis_client, key_prefix):
    async def from_source(source: str, name: str) -> str:
        incident_id = (await record(store, config, payload=alert(name, "warning"))).incident_id
        await redis_client.hset(f"{key_prefix}incident:{incident_id}", "source", source)
        return incident_id

    noisy = [await from_source("noisy", f"Noise{i}") for i in range(8)]
    quiet = [await from_source("quiet", f"Quiet{i}") for i in range(3)]
    await drain(make_worker(digest_after_seconds=600), within=20)
    order = [incident_of(m) for m in limited_slack.messages()]
    assert sorted(order) == sorted(noisy + quiet)
    assert set(quiet) <= set(order[:6]), "in arrival order the quiet source's alerts would be the last three"


async def test_the_rate_limit_holds_back_deliveries_instead_of_provoking_429s(
    store, config, limited_slack, make_worker, deliveries
):
    for i in range(8):
        await record(store, config, payload=alert(f"Alert{i}", "warning"))
    await drain(make_worker(digest_after_seconds=600), within=20)
    posts = limited_slack.calls_to("chat.postMessage")
    assert [c.status for c in posts] == [200] * 8
    assert_within([c.at for c in posts], per_second=4.0, burst=2)


@pytest.fixture
def config(fake_slack: FakeSlack) -> Config:
    """The notify tests' config with Slack's chat.postMessage pace: 4 a second, bursts of 2."""
    env = {"SLACK_TOKEN": fake_slack.token, "SLACK_CHANNEL_ID": "C0TEST", "SLACK_API_URL": fake_slack.url}
    limited = CONFIG.replace("post_message_per_second: 100", "post_message_per_second: 4")
    return parse_config(limited.replace("post_message_burst: 100", "post_message_burst: 2"), source="test", env=env)


async def test_an_on_call_alert_behind_a_backlog_longer_than_one_scan_still_goes_first(
    store, config, limited_slack, make_worker, redis_client, key_prefix
):
    for i in range(30):
        await record(store, config, payload=alert(f"Junk{i}", "warning"))
    page = await record(store, config, payload=alert("Page", "critical"), query={"oncall_enable": "true"})

    async def page_posted() -> bool:
        return bool(await redis_client.hget(f"{key_prefix}incident:{page.incident_id}", "slack_ts"))

    await drain(make_worker(scan=10, digest_after_seconds=600), until=page_posted, within=15)
    order = [incident_of(m) for m in limited_slack.messages()]
    assert page.incident_id in order[:3], "in due order it would be the 31st"
