"""Kind "acknowledge" on channel "provider": an ack that lands while the page is in flight (claimed, not yet
finished) is sent to PagerDuty once the page is recorded; through the real PagerDuty provider and the local
Events API v2 fake, retried through the outbox."""

import pytest

from tests.fakes.pagerduty import FakePagerDuty, pagerduty_server
from tests.integration.notify.conftest import SEED_ALERT, drain, record
from versus.config.model import PagerDutyConfig
from versus.notify.provider import ProviderChannel
from versus.oncall.providers.pagerduty import PagerDuty
from versus.store.incidents import IncidentStore
from versus.store.keys import Keys

KEY = "R0UT1NGKEYDEFAULT000000000000001"


@pytest.fixture
async def pagerduty():
    fake = FakePagerDuty()
    server = pagerduty_server(fake)
    provider = PagerDuty(PagerDutyConfig(routing_key=KEY, api_url=server.url))
    yield fake, provider
    await provider.aclose()
    server.stop()
    assert not fake.invalid


async def test_an_ack_during_the_page_is_sent_after_it(redis_client, key_prefix, config, pagerduty, slack, make_worker):
    fake, provider = pagerduty
    # The notify tests' config decides with its own back end; the store acknowledges in that one.
    backends = [config.oncall.provider]
    store = IncidentStore(redis_client, Keys(key_prefix), channels=["slack"], acknowledge_backends=backends)
    await record(store, config, payload=SEED_ALERT, query={"oncall_enable": "true", "oncall_wait_minutes": "0"})
    [claimed] = await store.claim_escalations(lease_ms=60_000, limit=10)
    assert (await store.acknowledge(claimed["id"], by="test")).outcome == "late"
    record_id = await provider.start(claimed)
    fake.fail_next(1, 500)
    await store.finish_escalation(claimed["id"], "escalated", record_id)

    worker = make_worker(channels={"slack": slack, "provider": ProviderChannel(provider)})
    await drain(worker)
    assert fake.alerts[(KEY, record_id)].status == "acknowledged"
    assert [event["event_action"] for event in fake.events] == ["trigger", "acknowledge"]
    assert (await worker.deliveries.stats("provider")).retried == 1


async def test_without_acknowledge_sync_nothing_is_sent(
    redis_client, key_prefix, config, pagerduty, slack, make_worker
):
    fake, provider = pagerduty
    store = IncidentStore(redis_client, Keys(key_prefix), channels=["slack"])
    await record(store, config, payload=SEED_ALERT, query={"oncall_enable": "true", "oncall_wait_minutes": "0"})
    [claimed] = await store.claim_escalations(lease_ms=60_000, limit=10)
    await store.finish_escalation(claimed["id"], "escalated", await provider.start(claimed))
    await store.acknowledge(claimed["id"], by="test")
    worker = make_worker(channels={"slack": slack, "provider": ProviderChannel(provider)})
    await drain(worker)
    assert [event["event_action"] for event in fake.events] == ["trigger"]
