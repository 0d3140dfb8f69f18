"""The incident list's page query against a real Redis: open first, filters, search, pages, counts."""

import asyncio
from collections.abc import AsyncIterator

import pytest
import redis.asyncio as aioredis

from versus.config.model import OncallConfig, RedisConfig
from versus.console.listing import Filters, IncidentList
from versus.intake.payload import normalise
from versus.oncall.decision import decide
from versus.store.connection import connect
from versus.store.incidents import IncidentStore
from versus.store.keys import Keys


@pytest.fixture
async def client(redis_url: str) -> AsyncIterator[aioredis.Redis]:
    connection = connect(RedisConfig(), redis_url)
    yield connection
    await connection.aclose()


@pytest.fixture
def store(client, key_prefix) -> IncidentStore:
    return IncidentStore(client, Keys(key_prefix))


async def add(store: IncidentStore, name: str, *, team="web", severity="critical", page=True, drill=False) -> str:
    query = {"oncall_enable": "true" if page else "false", "oncall_wait_minutes": "10"}
    alert = normalise({"alertname": name, "service": f"{name}-svc", "team": team, "Severity": severity}, query)
    recorded = await store.record(alert, decide(OncallConfig(enable=True), query), drill=drill)
    await asyncio.sleep(0.002)  # the index is by creation millisecond: one each, so "newest first" is defined
    return recorded.incident_id


def names(page) -> list[str]:
    return [incident["summary"]["alertname"] for incident in page.incidents]


async def test_open_incidents_come_first_in_the_order_of_urgency(store, client, key_prefix):
    resolved = await add(store, "old-resolved")
    acked = await add(store, "acked")
    await add(store, "firing-no-page", page=False)
    await add(store, "pending")
    await store.resolve(resolved, by="alice")
    await store.acknowledge(acked, by="bob")
    newest_resolved = await add(store, "new-resolved")
    await store.resolve(newest_resolved, by="alice")
    listing = IncidentList(client, Keys(key_prefix), page_size=10, window=1000)
    page = await listing.page(Filters())
    assert names(page) == ["pending", "firing-no-page", "acked", "new-resolved", "old-resolved"]
    assert [i["state"] for i in page.incidents] == ["pending", "firing", "acknowledged", "resolved", "resolved"]
    assert page.counts == {"pending": 1, "failed": 0, "escalated": 0, "firing": 1, "acknowledged": 1, "resolved": 2}
    assert page.incidents[2]["acknowledged_by"] == "bob"
    assert "payload" not in page.incidents[0], "rows leave the payload in Redis"


async def test_filters_search_and_pages(store, client, key_prefix):
    for index in range(7):
        await add(store, f"disk-{index}", team="storage" if index % 2 else "web", severity="warning")
    await add(store, "cpu", team="web", severity="critical")
    await add(store, "drill-alert", drill=True)
    listing = IncidentList(client, Keys(key_prefix), page_size=3, window=1000)
    storage = await listing.page(Filters(team="storage"))
    assert storage.total == 3 and set(names(storage)) == {"disk-1", "disk-3", "disk-5"}
    assert (await listing.page(Filters(severity="critical", drill="no"))).total == 1
    assert names(await listing.page(Filters(drill="yes"))) == ["drill-alert"]
    search = Filters(q="disk")
    first, third = await listing.page(search), await listing.page(Filters(q="disk", page=3))
    assert (first.total, first.pages, len(first.incidents), len(third.incidents)) == (7, 3, 3, 1)
    assert names(first) == ["disk-6", "disk-5", "disk-4"]
    assert (await listing.page(Filters(q="DISK-3-SVC".lower()))).total == 1
    assert (await listing.page(Filters(state="resolved"))).total == 0
    assert (await listing.page(Filters(state="open"))).total == 9


async def test_only_the_newest_window_is_considered(store, client, key_prefix):
    for index in range(5):
        await add(store, f"a-{index}")
    listing = IncidentList(client, Keys(key_prefix), page_size=10, window=2)
    assert names(await listing.page(Filters())) == ["a-4", "a-3"]


def test_filters_from_a_query_string_drop_what_they_do_not_know():
    filters = Filters.from_query(
        {"state": "<script>", "drill": "maybe", "page": "-3", "severity": " Critical ", "q": "X"}
    )
    assert filters == Filters(severity="critical", q="x")
    assert Filters.from_query({"page": "4", "state": "open"}).query(page=5) == {"state": "open", "page": 5}
    assert Filters(team="web").query(page=1) == {"team": "web"}


async def test_changes_after_the_first_look_are_followed_from_the_event_stream(store, client, key_prefix):
    first = await add(store, "first")
    listing = IncidentList(client, Keys(key_prefix), page_size=10, window=3)
    assert names(await listing.page(Filters())) == ["first"]
    second = await add(store, "second", page=False)
    await store.acknowledge(first, by="bob")
    page = await listing.page(Filters())
    assert names(page) == ["second", "first"] and page.counts["acknowledged"] == 1
    await store.resolve(second, by="alice")
    for index in range(3):
        await add(store, f"later-{index}")
    page = await listing.page(Filters())
    assert names(page) == ["later-2", "later-1", "later-0"], "the window keeps only the newest"
    assert page.counts["resolved"] == 0
