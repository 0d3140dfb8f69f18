"""Session cookies, CSRF tokens, the proxy header rule and password checks: pure functions."""

import subprocess
import sys

import pytest

from versus.config.model import ConsoleConfig, ConsoleProxyConfig, ConsoleUser
from versus.console.access import (
    UntrustedProxy,
    password_user,
    proxy_role,
    proxy_user,
    trusted,
    trusted_networks,
)
from versus.console.passwords import hash_password, password_matches
from versus.console.session import Session, SessionCodec

CODEC = SessionCodec(b"secret", idle_seconds=600)
SESSION = Session(user="alice", csrf="token", seen=1_000)


def test_a_session_round_trips_until_it_is_idle_too_long():
    cookie = CODEC.encode(SESSION)
    assert CODEC.decode(cookie, now=1_000 + 600) == SESSION
    assert CODEC.decode(cookie, now=1_000 + 601) is None
    assert CODEC.decode(cookie, now=999) is None  # from the future: not ours to trust


def test_a_tampered_or_foreign_cookie_is_no_session():
    cookie = CODEC.encode(SESSION)
    payload, _, signature = cookie.partition(".")
    tampered = CODEC.encode(Session("alice", "token", 1_000)).replace(payload, payload[:-2] + "xx")
    assert CODEC.decode(tampered, now=1_000) is None
    assert SessionCodec(b"other", 600).decode(cookie, now=1_000) is None
    assert CODEC.decode(f"{payload}.", now=1_000) is None
    assert CODEC.decode("", now=1_000) is None
    assert CODEC.decode("not base64!." + signature, now=1_000) is None


def test_proxy_csrf_tokens_differ_per_user_and_secret():
    assert CODEC.proxy_csrf("pat") != CODEC.proxy_csrf("olga")
    assert CODEC.proxy_csrf("pat") != SessionCodec(b"other", 600).proxy_csrf("pat")


PROXY = ConsoleProxyConfig(trusted_addresses=("10.0.0.0/8", "::1"), responders=("ops@example.com", "olga"))


def test_the_proxy_header_counts_only_from_a_trusted_address():
    assert trusted(PROXY, "10.1.2.3") and trusted(PROXY, "::1")
    assert not trusted(PROXY, "127.0.0.1") and not trusted(PROXY, "garbage")
    assert proxy_user(PROXY, "10.1.2.3", {"X-Forwarded-User": "pat"}) == "pat"
    assert proxy_user(PROXY, "10.1.2.3", {"X-Forwarded-Email": "p@example.com"}) == "p@example.com"
    assert proxy_user(PROXY, "127.0.0.1", {}) is None
    with pytest.raises(UntrustedProxy):
        proxy_user(PROXY, "127.0.0.1", {"X-Forwarded-User": "pat"})
    assert proxy_user(ConsoleProxyConfig(), "127.0.0.1", {"X-Forwarded-User": "pat"}) is None  # no proxy set up


def test_a_proxy_entry_that_is_no_address_is_ignored_not_fatal():
    proxy = ConsoleProxyConfig(trusted_addresses=("10.0.0.0/8", "proxy.internal", "10.0.0.0/33"))
    networks, bad = trusted_networks(proxy)
    assert [str(n) for n in networks] == ["10.0.0.0/8"] and bad == ["proxy.internal", "10.0.0.0/33"]
    assert trusted(proxy, "10.2.3.4") and not trusted(proxy, "192.168.1.1")


def test_proxy_roles_and_configured_users():
    assert proxy_role(PROXY, "olga", "") == "responder"
    assert proxy_role(PROXY, "pat", "ops@example.com") == "responder"
    assert proxy_role(PROXY, "pat", "") == "viewer"
    config = ConsoleConfig(users=(ConsoleUser("alice", "$argon2id$x", "responder"),))
    assert password_user(config, "alice") == ("$argon2id$x", "responder")
    assert password_user(config, "bob") == (None, "viewer")


def test_passwords_match_only_their_hash_and_never_for_an_unknown_user():
    stored = hash_password("right")
    assert stored.startswith("$argon2id$")
    assert password_matches(stored, "right")
    assert not password_matches(stored, "wrong")
    assert not password_matches(None, "right")
    assert not password_matches("$argon2id$damaged", "right")


def test_hash_password_command_reads_standard_input():
    done = subprocess.run(
        [sys.executable, "-m", "versus", "console", "hash-password"],
        input="s3cret\n", capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    assert password_matches(done.stdout.strip(), "s3cret")
    assert "s3cret" not in done.stdout + done.stderr
    empty = subprocess.run(
        [sys.executable, "-m", "versus", "console", "hash-password"], input="", capture_output=True, text=True
    )
    assert empty.returncode == 2 and "no password" in empty.stderr
