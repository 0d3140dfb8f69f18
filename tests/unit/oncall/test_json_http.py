"""The HTTP paging client sorts answers into done / retry / give up and never lets a secret into an error."""

import pytest

from tests.fakes.json_api import JsonApiServer
from versus.oncall.providers import ProviderError
from versus.oncall.providers.json_http import JsonPoster

KEY = "R0UT1NGKEYDEFAULT000000000000001"


@pytest.fixture
def answer():
    """A loopback server whose next answer the test sets: [status, body]."""
    reply: list = [202, {}]
    server = JsonApiServer(lambda method, path, headers, raw: (reply[0], reply[1])).start()
    yield reply, server.url
    server.stop()


@pytest.mark.parametrize(
    ("status", "retryable"), [(400, False), (401, False), (404, False), (408, True), (429, True), (500, True)]
)
async def test_statuses_are_sorted_into_retry_or_give_up(answer, status, retryable):
    reply, url = answer
    reply[:] = [status, {"status": "error", "message": "nope"}]
    poster = JsonPoster("API", [KEY])
    with pytest.raises(ProviderError) as caught:
        await poster.post(url + "/v2/enqueue", {"routing_key": KEY})
    await poster.aclose()
    assert caught.value.retryable is retryable
    assert str(caught.value) == f"API: HTTP {status}: nope"


async def test_an_error_that_echoes_the_key_is_masked_in_any_case(answer):
    reply, url = answer
    reply[:] = [400, {"message": "Event object is invalid", "errors": [f"bad routing_key {KEY.lower()}", KEY]}]
    poster = JsonPoster("API", [KEY, ""])
    with pytest.raises(ProviderError) as caught:
        await poster.post(url, {"routing_key": KEY})
    await poster.aclose()
    assert str(caught.value) == "API: HTTP 400: Event object is invalid; bad routing_key ***; ***"


async def test_a_2xx_returns_the_decoded_answer(answer):
    reply, url = answer
    reply[:] = [202, {"status": "success", "dedup_key": "versus-1"}]
    poster = JsonPoster("API", [KEY])
    assert await poster.post(url, {}) == {"status": "success", "dedup_key": "versus-1"}
    await poster.aclose()


async def test_connection_refused_is_retryable():
    poster = JsonPoster("API", [KEY])
    with pytest.raises(ProviderError) as caught:
        await poster.post("http://127.0.0.1:9/v2/enqueue", {})
    await poster.aclose()
    assert caught.value.retryable
