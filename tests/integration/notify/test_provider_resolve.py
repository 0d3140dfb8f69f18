"""Kind "resolve" on channel "provider": an escalated alert that resolves resolves the AWS incident record,
through the real AWS provider (boto3) against the local ssm-incidents fake, retried through the outbox."""

import pytest

from tests.integration.notify.conftest import SEED_ALERT, drain, record
from versus.notify.provider import ProviderChannel
from versus.oncall.providers.aws_incident_manager import AwsIncidentManager
from versus.store.incidents import IncidentStore
from versus.store.keys import Keys


@pytest.fixture
def aws(fake_incident_manager, monkeypatch):
    service, state, url = fake_incident_manager
    monkeypatch.setenv("AWS_ENDPOINT_URL_SSM_INCIDENTS", url)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    return service, state, AwsIncidentManager("us-east-1")


async def test_resolving_an_escalated_alert_resolves_the_record(
    redis_client, key_prefix, config, aws, slack, make_worker
):
    service, state, provider = aws
    store = IncidentStore(redis_client, Keys(key_prefix), channels=["slack"], resolve_backends=["aws_incident_manager"])
    query = {"oncall_enable": "true", "oncall_wait_minutes": "0", "dedup_key": "disk"}
    await record(store, config, payload=SEED_ALERT, query=query)
    [claimed] = await store.claim_escalations(lease_ms=60_000, limit=10)
    incident_id = claimed["id"]
    arn = await provider.start(await store.get(incident_id))
    await store.finish_escalation(incident_id, "escalated", arn)
    service.throttle_next(1)
    await record(store, config, payload={**SEED_ALERT, "status": "resolved"}, query=query)
    worker = make_worker(channels={"slack": slack, "provider": ProviderChannel(provider)})
    await drain(worker)
    assert state.records[arn]["status"] == "RESOLVED"
    assert len(service.calls_of("UpdateIncidentRecord")) == 2
    assert (await worker.deliveries.stats("provider")).retried == 1
