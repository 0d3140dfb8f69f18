"""The outbox against a real Redis and slack_sdk talking to the local fake Slack."""

import asyncio
import logging
import time

from tests.integration.notify.conftest import SEED_ALERT, drain, record
from versus.notify.message import delivery_of


async def events(redis_client, key_prefix, name):
    entries = await redis_client.xrange(f"{key_prefix}events")
    return [fields for _, fields in entries if fields["event"] == name]


async def test_first_delivery_posts_once_and_records_where_the_message_is(
    store, config, fake_slack, make_worker, deliveries, redis_client, key_prefix
):
    recorded = await record(store, config, query={"oncall_enable": "true"})
    await drain(make_worker())
    [post] = fake_slack.calls_to("chat.postMessage")
    [message] = fake_slack.messages()
    assert post.args["channel"] == "C0TEST"
    assert delivery_of(message) == f"{recorded.incident_id}:1"
    assert [b["type"] for b in message["blocks"]] == ["section", "actions"]
    incident = await store.get(recorded.incident_id)
    assert (incident["slack_channel"], incident["slack_ts"]) == ("C0TEST", message["ts"])
    delivery = await redis_client.hgetall(f"{key_prefix}delivery:{recorded.incident_id}:1")
    assert delivery["status"] == "sent"
    [notified] = await events(redis_client, key_prefix, "notified")
    assert (notified["channel"], notified["kind"], notified["incident"]) == ("slack", "created", recorded.incident_id)
    assert (await deliveries.stats("slack")).sent == 1


async def test_a_500_is_retried_with_backoff(store, config, fake_slack, make_worker, deliveries):
    fake_slack.fail_next("chat.postMessage", status=500, times=2)
    await record(store, config)
    await drain(make_worker())
    assert [call.status for call in fake_slack.calls_to("chat.postMessage")] == [500, 500, 200]
    assert len(fake_slack.messages()) == 1
    assert fake_slack.calls_to("conversations.history") == []  # Slack answered each refusal: nothing to look for
    stats = await deliveries.stats("slack")
    assert (stats.sent, stats.retried, stats.failed) == (1, 2, 0)


async def test_a_429_waits_for_retry_after(store, config, fake_slack, make_worker):
    fake_slack.rate_limit_next("chat.postMessage", retry_after=1)
    await record(store, config)
    await drain(make_worker())
    limited, accepted = fake_slack.calls_to("chat.postMessage")
    assert (limited.status, accepted.status) == (429, 200)
    assert accepted.at - limited.at >= 1.0
    assert len(fake_slack.messages()) == 1


async def test_gives_up_after_the_configured_time_logged_counted_and_evented(
    store, config, fake_slack, make_worker, deliveries, redis_client, key_prefix, caplog
):
    fake_slack.fail_next("chat.postMessage", status=500, times=1000)
    recorded = await record(store, config)
    started = time.monotonic()
    with caplog.at_level(logging.ERROR, logger="versus.notify"):
        await drain(make_worker(give_up_after_seconds=0.5))
    assert time.monotonic() - started >= 0.4
    assert fake_slack.messages() == []
    assert len(fake_slack.calls_to("chat.postMessage")) >= 2
    stats = await deliveries.stats("slack")
    assert stats.failed == 1
    [failed] = await events(redis_client, key_prefix, "notify_failed")
    assert (failed["channel"], failed["incident"]) == ("slack", recorded.incident_id)
    assert "chat.postMessage: internal_error" in failed["error"]
    assert "gave up on slack created" in caplog.text
    incident = await store.get(recorded.incident_id)
    assert incident["slack_error"] == "chat.postMessage: internal_error"


async def test_restart_with_pending_deliveries_sends_each_exactly_once(store, config, fake_slack, make_worker):
    fake_slack.fail_next("chat.postMessage", status=500)
    ids = [(await record(store, config)).incident_id for _ in range(5)]
    first = make_worker(batch=2)
    await first.run_once()
    assert len(fake_slack.messages()) == 1
    second = make_worker()
    await drain(second)
    posted = sorted(delivery_of(m) for m in fake_slack.messages())
    assert posted == sorted(f"{incident_id}:1" for incident_id in ids)


async def test_two_workers_never_send_the_same_delivery(store, config, fake_slack, make_worker):
    for _ in range(20):
        await record(store, config)
    one, two = make_worker(batch=3), make_worker(batch=3)
    await asyncio.gather(drain(one), drain(two))
    posted = [delivery_of(m) for m in fake_slack.messages()]
    assert len(posted) == len(set(posted)) == 20


async def test_a_crash_between_slack_accepting_and_the_record_does_not_post_again(
    store, config, fake_slack, make_worker, deliveries
):
    recorded = await record(store, config)
    release = fake_slack.hold_answers("chat.postMessage")
    crashed = asyncio.create_task(make_worker(lease_ms=300).run())
    await asyncio.to_thread(fake_slack.wait_for_messages, 1)
    crashed.cancel()
    await asyncio.gather(crashed, return_exceptions=True)
    release.set()
    assert await deliveries.pending() == 1
    await asyncio.sleep(0.35)
    await drain(make_worker())
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    assert len(fake_slack.calls_to("conversations.history")) == 1
    [message] = fake_slack.messages()
    incident = await store.get(recorded.incident_id)
    assert incident["slack_ts"] == message["ts"]


async def test_a_crash_after_the_marker_but_before_the_post_posts_once(
    store, config, fake_slack, make_worker, deliveries
):
    await record(store, config)
    [(delivery_id, token)] = await deliveries.claim(await deliveries.due(10), lease_ms=1)
    assert await deliveries.mark_sending(await deliveries.load(delivery_id, token), lease_ms=1)
    await asyncio.sleep(0.01)
    await drain(make_worker())
    assert len(fake_slack.calls_to("conversations.history")) == 1
    assert [delivery_of(m) for m in fake_slack.messages()] == [delivery_id]


async def test_a_worker_whose_lease_ran_out_cannot_record(store, config, deliveries):
    await record(store, config)
    [(delivery_id, stale)] = await deliveries.claim(await deliveries.due(10), lease_ms=1)
    stale_claim = await deliveries.load(delivery_id, stale)
    await asyncio.sleep(0.01)
    [(_, fresh)] = await deliveries.claim(await deliveries.due(10), lease_ms=60_000)
    assert fresh != stale
    assert not await deliveries.mark_sending(stale_claim, lease_ms=60_000)
    assert not await deliveries.finish(stale_claim, "failed", "stale")


async def test_changes_update_the_message_and_reply_in_its_thread(store, config, fake_slack, make_worker):
    recorded = await record(store, config, query={"oncall_enable": "true", "oncall_wait_minutes": "0"})
    worker = make_worker()
    await drain(worker)
    [main] = fake_slack.messages()
    assert [b["type"] for b in main["blocks"]] == ["section"]  # wait 0: paged at once, nothing to acknowledge
    [claimed] = await store.claim_escalations(lease_ms=60_000, limit=10)
    incident_id = claimed["id"]
    arn = "arn:aws:ssm-incidents::123456789012:incident-record/PlatformCriticalPlan/abc"
    await store.finish_escalation(incident_id, "escalated", arn)
    await store.acknowledge(incident_id, by="slack:jane")
    await drain(worker)
    assert recorded.incident_id == incident_id
    [main] = fake_slack.messages()
    status = next(b for b in main["blocks"] if b["block_id"] == "versus_status")["elements"][0]["text"]
    assert "Acknowledged by slack:jane" in status
    assert "(late: the escalation had already started" in status
    assert arn in status
    replies = [r["text"] for r in fake_slack.replies(main["ts"])]
    assert len(replies) == 2
    assert replies[0] == f"📟 Escalated to AWS Incident Manager: `{arn}`"
    assert replies[1].startswith("✅ Acknowledged by slack:jane")
    assert len(fake_slack.calls_to("chat.update")) == 2


async def test_resolution_is_shown_on_the_message(store, config, fake_slack, make_worker):
    query = {"oncall_enable": "true", "dedup_key": "disk"}
    recorded = await record(store, config, payload=SEED_ALERT, query=query)
    worker = make_worker()
    await drain(worker)
    resolved = await record(store, config, payload={**SEED_ALERT, "status": "resolved"}, query=query)
    assert (resolved.incident_id, resolved.result) == (recorded.incident_id, "resolved")
    await drain(worker)
    [main] = fake_slack.messages()
    assert not any(b["type"] == "actions" for b in main["blocks"])
    [reply] = fake_slack.replies(main["ts"])
    assert reply["text"].startswith("✔️ Resolved <!date^")


async def test_an_update_waits_for_the_message_it_updates(store, config, fake_slack, make_worker):
    fake_slack.fail_next("chat.postMessage", status=500)
    recorded = await record(store, config, query={"oncall_enable": "true"})
    await store.acknowledge(recorded.incident_id, by="ack link")
    await drain(make_worker())
    [main] = fake_slack.messages()
    assert delivery_of(main) == f"{recorded.incident_id}:1"
    assert not any(b["type"] == "actions" for b in main["blocks"])
    [reply] = fake_slack.replies(main["ts"])
    assert reply["text"].startswith("✅ Acknowledged by ack link")


async def test_an_update_posts_a_fresh_message_when_the_first_gave_up(store, config, fake_slack, make_worker):
    fake_slack.fail_next("chat.postMessage", status=500, times=1000)
    recorded = await record(store, config, query={"oncall_enable": "true"})
    await drain(make_worker(give_up_after_seconds=0.3))
    fake_slack.clear_failures()
    await store.acknowledge(recorded.incident_id, by="ack link")
    await drain(make_worker())
    [main] = fake_slack.messages()
    assert delivery_of(main) == f"{recorded.incident_id}:2"
    status = next(b for b in main["blocks"] if b["block_id"] == "versus_status")["elements"][0]["text"]
    assert status.startswith("✅ Acknowledged by ack link")


async def test_the_channel_stored_on_the_incident_wins_over_the_configured_one(
    store, config, fake_slack, make_worker, redis_client, key_prefix
):
    fake_slack.channels["C0OTHER"] = []
    recorded = await record(store, config)
    await redis_client.hset(f"{key_prefix}incident:{recorded.incident_id}", "slack_channel_id", "C0OTHER")
    await drain(make_worker())
    assert fake_slack.messages() == []
    [message] = fake_slack.messages("C0OTHER")
    incident = await store.get(recorded.incident_id)
    assert (incident["slack_channel"], incident["slack_ts"]) == ("C0OTHER", message["ts"])


async def test_a_request_slack_refuses_for_good_is_not_retried(store, config, fake_slack, make_worker, deliveries):
    recorded = await record(store, config, query={"oncall_enable": "true"})
    worker = make_worker()
    await drain(worker)
    fake_slack.channels["C0TEST"].clear()
    await store.acknowledge(recorded.incident_id, by="ack link")
    await drain(worker)
    [update] = fake_slack.calls_to("chat.update")
    assert update.args["ts"]
    stats = await deliveries.stats("slack")
    assert (stats.sent, stats.retried, stats.failed) == (1, 0, 1)


async def test_a_crash_after_a_thread_reply_was_accepted_does_not_reply_again(
    store, config, fake_slack, make_worker, deliveries
):
    recorded = await record(store, config, query={"oncall_enable": "true"})
    await drain(make_worker())
    [main] = fake_slack.messages()
    await store.acknowledge(recorded.incident_id, by="ack link")
    release = fake_slack.hold_answers("chat.postMessage")
    crashed = asyncio.create_task(make_worker(lease_ms=300).run())
    await asyncio.to_thread(fake_slack.wait_for_replies, main["ts"], 1)
    crashed.cancel()
    await asyncio.gather(crashed, return_exceptions=True)
    release.set()
    await asyncio.sleep(0.35)
    await drain(make_worker())
    assert len(fake_slack.replies(main["ts"])) == 1
    assert len(fake_slack.calls_to("conversations.replies")) == 1
    assert (await deliveries.stats("slack")).sent == 2
