"""`versus-gen check`: find what would make routing, receiver config and IAM disagree, before an alert does.

Every webhook URL is judged by the receiver's own decision function (`versus.oncall.decision.decide`)
under the receiver's config, so the check cannot drift from what the receiver will actually do.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from versus.config import ConfigError, Credential, OncallConfig, parse_config
from versus.gen.alertmanager import is_owned_route, receivers, team_routes
from versus.gen.coverage import coverage_problems
from versus.gen.problems import Problem, Severity
from versus.gen.receiver_config import plan_arns_from_spec, render_receiver_config
from versus.gen.spec_model import TeamSpec
from versus.gen.webhook import INCIDENTS_PATH
from versus.gen.yaml_io import dump_yaml, load_yaml
from versus.oncall.decision import decide

DEPRECATED_ROUTE_KEYS = ("match", "match_re")
DEPRECATED_INHIBIT_KEYS = ("source_match", "source_match_re", "target_match", "target_match_re")
VERSUS_PARAMETER_PREFIXES = ("oncall_", "awsim_", "pagerduty_", "incidentio_")


@dataclass(frozen=True)
class Webhook:
    """A URL to judge, where it was written, and the webhook's `http_config` (None for a bare URL)."""

    source: str
    path: str
    url: str
    http_config: Any = None


@dataclass(frozen=True)
class ReceiverOnCall:
    """The receiver config's on-call part and intake credentials (`alert.auth`), and the file it came
    from (or the spec it was generated from)."""

    source: str
    oncall: OncallConfig
    auth: tuple[Credential, ...] = ()


class _Placeholders(Mapping[str, str]):
    """Every `${VAR}` reads as set: judging routing must not need the receiver's secrets. The stand-in is one
    that every setting read from the environment accepts: a port or a number (leading zeros are allowed) and
    a secret of the minimum length (16 characters)."""

    def __getitem__(self, key: str) -> str:
        return "0" * 15 + "1"

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def receiver_oncall_from_file(path: Path) -> ReceiverOnCall | Problem:
    """Load with the receiver's own loader, so a config it would refuse is reported here."""
    try:
        config = parse_config(path.read_text(encoding="utf-8"), source=str(path), env=_Placeholders())
    except OSError as error:
        return Problem(str(path), "", f"cannot read: {error.strerror}")
    except ConfigError as error:
        return Problem(str(path), "", str(error))
    return ReceiverOnCall(str(path), config.oncall, config.alert.auth)


def receiver_oncall_from_spec(spec: TeamSpec) -> ReceiverOnCall:
    source = f"<config generated from {spec.source}>"
    text = dump_yaml(render_receiver_config(spec, plan_arns_from_spec(spec)))
    config = parse_config(text, source=source, env=_Placeholders())
    return ReceiverOnCall(source, config.oncall, config.alert.auth)


def alertmanager_webhooks(document: Any, source: str) -> list[Webhook]:
    """Every webhook URL in an Alertmanager config, with its key path."""
    found = []
    for i, receiver in enumerate(_list(document, "receivers")):
        for j, webhook in enumerate(_list(receiver, "webhook_configs")):
            if isinstance(webhook, dict) and isinstance(webhook.get("url"), str):
                path = f"receivers[{i}].webhook_configs[{j}].url"
                found.append(Webhook(source, path, webhook["url"], webhook.get("http_config") or {}))
    return found


def deprecated_matchers(document: Any, source: str) -> list[Problem]:
    """`match`/`match_re` still work in 0.25 but are deprecated since 0.22; `matchers` replaces them."""
    found: list[Problem] = []
    if isinstance(document, dict) and isinstance(document.get("route"), dict):
        _walk_routes(document["route"], "route", source, found)
    for i, rule in enumerate(_list(document, "inhibit_rules")):
        for key in DEPRECATED_INHIBIT_KEYS:
            if isinstance(rule, dict) and key in rule:
                replacement = key.split("_")[0] + "_matchers"
                found.append(_deprecated(source, f"inhibit_rules[{i}].{key}", key, replacement))
    return found


def _walk_routes(route: dict[str, Any], path: str, source: str, found: list[Problem]) -> None:
    for key in DEPRECATED_ROUTE_KEYS:
        if key in route:
            found.append(_deprecated(source, f"{path}.{key}", key, "matchers"))
    for index, child in enumerate(_list(route, "routes")):
        if isinstance(child, dict):
            _walk_routes(child, f"{path}.routes[{index}]", source, found)


def _deprecated(source: str, path: str, key: str, replacement: str) -> Problem:
    return Problem(
        source, path, f"`{key}` is deprecated since Alertmanager 0.22; use `{replacement}`", Severity.WARNING
    )


def drift_problems(document: Any, source: str, spec: TeamSpec) -> list[Problem]:
    """In a config that holds versus-gen's routes, those routes and their receivers must be what the
    spec makes today; otherwise routing and the spec have drifted apart."""
    root = document.get("route") if isinstance(document, dict) else None
    owned = [(i, route) for i, route in enumerate(_list(root, "routes")) if is_owned_route(route)]
    if not owned:
        return []
    regenerate = "differs from what the spec makes; run versus-gen alertmanager again"
    found = []
    if [route for _, route in owned] != team_routes(spec):
        found.append(Problem(source, f"route.routes[{owned[0][0]}]", f"versus-gen's routes: {regenerate}"))
    present = {r.get("name"): (i, r) for i, r in enumerate(_list(document, "receivers")) if isinstance(r, dict)}
    for receiver in receivers(spec, include_default=False):
        if receiver["name"] not in present:
            found.append(
                Problem(source, "receivers", f"{receiver['name']} is missing; run versus-gen alertmanager again")
            )
        elif present[receiver["name"]][1] != receiver:
            found.append(
                Problem(source, f"receivers[{present[receiver['name']][0]}]", f"{receiver['name']} {regenerate}")
            )
    return found


def webhook_problems(spec: TeamSpec, receiver: ReceiverOnCall, webhooks: Sequence[Webhook]) -> list[Problem]:
    return [problem for webhook in webhooks for problem in _judge(spec, receiver, webhook)]


def _judge(spec: TeamSpec, receiver: ReceiverOnCall, webhook: Webhook) -> Iterator[Problem]:
    parts = urlsplit(webhook.url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if not parts.path.endswith(INCIDENTS_PATH) and not any(
        name.startswith(VERSUS_PARAMETER_PREFIXES) for name, _ in pairs
    ):
        return
    where = (webhook.source, webhook.path)
    base = f"{parts.scheme}://{parts.netloc}"
    if base != spec.receiver.url:
        yield Problem(*where, f"points at {base}, but the spec's receiver is {spec.receiver.url}")
    names = [name for name, _ in pairs]
    for name in sorted({name for name in names if names.count(name) > 1}):
        yield Problem(*where, f"{name} is given {names.count(name)} times; the receiver reads only one")
    yield from _authorization(spec, webhook)
    yield from _credential_agreement(receiver, webhook)
    decision = decide(receiver.oncall, dict(pairs))
    for warning in decision.warnings:
        yield Problem(*where, f"{warning} (receiver config: {receiver.source})")
    if not decision.enabled or decision.provider != "aws_incident_manager":
        return
    arn = decision.response_plan_arn
    pattern = spec.oncall.iam_response_plan_pattern
    if arn is None:
        yield Problem(*where, f"pages, but {receiver.source} has no response plan ARN")
    elif pattern and not fnmatchcase(arn.rpartition("/")[2], pattern):
        yield Problem(
            *where,
            f"pages with response plan {arn}, whose name does not match the IAM pattern {pattern!r}: "
            "StartIncident would be denied",
        )


def _authorization(spec: TeamSpec, webhook: Webhook) -> Iterator[Problem]:
    """Secrets belong in files Alertmanager reads, not in its config; and a receiver that wants a
    credential must get one."""
    if not isinstance(webhook.http_config, dict):
        return
    where = webhook.path.removesuffix(".url") + ".http_config"
    authorization = webhook.http_config.get("authorization")
    basic_auth = webhook.http_config.get("basic_auth")
    if isinstance(authorization, dict) and "credentials" in authorization:
        yield Problem(
            webhook.source, f"{where}.authorization.credentials", "secret written inline; use credentials_file"
        )
    if isinstance(basic_auth, dict) and "password" in basic_auth:
        yield Problem(webhook.source, f"{where}.basic_auth.password", "secret written inline; use password_file")
    if spec.receiver.authorization is not None and not authorization:
        yield Problem(
            webhook.source,
            f"{where}.authorization",
            f"missing: the spec's receiver expects a {spec.receiver.authorization.type} credential",
        )


def _credential_agreement(receiver: ReceiverOnCall, webhook: Webhook) -> Iterator[Problem]:
    """What Alertmanager sends must be what the receiver's `alert.auth` accepts (and a receiver that
    checks nothing must not look protected). Shapes only: secrets are never read here."""
    http_config = webhook.http_config if isinstance(webhook.http_config, dict) else {}
    where = (webhook.source, webhook.path.removesuffix(".url") + ".http_config")
    authorization = http_config.get("authorization")
    basic_auth = http_config.get("basic_auth")
    usernames = sorted({c.username for c in receiver.auth if c.username is not None})
    bearer = any(c.username is None for c in receiver.auth)
    if not receiver.auth:
        if authorization or basic_auth:
            yield Problem(
                *where, f"sends a credential, but {receiver.source} has no alert.auth: intake would not check it"
            )
        return
    if isinstance(authorization, dict):
        scheme = str(authorization.get("type", "Bearer"))
        if scheme.lower() != "bearer" or not bearer:
            yield Problem(
                *where,
                f"sends a {scheme} credential, but alert.auth in {receiver.source} accepts "
                + ("no Bearer token" if scheme.lower() == "bearer" else "only Bearer tokens and basic auth"),
            )
    elif isinstance(basic_auth, dict):
        if basic_auth.get("username") not in usernames:
            yield Problem(
                *where,
                f"basic_auth user {basic_auth.get('username')!r} is not among the users of alert.auth in"
                f" {receiver.source} ({', '.join(usernames) or 'none'})",
            )
    else:
        yield Problem(
            *where, f"sends no credential, but {receiver.source} requires one (alert.auth): every POST gets 401"
        )


def check_files(
    spec: TeamSpec,
    alertmanager_path: Path | None,
    config_path: Path | None,
    urls: Sequence[str],
    coverage_from: datetime,
) -> list[Problem]:
    """All findings for the given files and URLs, then rotation coverage of on-call routes from
    `coverage_from` (the spec itself was validated when it was loaded)."""
    receiver: ReceiverOnCall | Problem = (
        receiver_oncall_from_file(config_path) if config_path else receiver_oncall_from_spec(spec)
    )
    webhooks: list[Webhook] = []
    file_problems: list[Problem] = []
    if alertmanager_path is not None:
        document = load_yaml(alertmanager_path)
        webhooks += alertmanager_webhooks(document, str(alertmanager_path))
        file_problems = drift_problems(document, str(alertmanager_path), spec) + deprecated_matchers(
            document, str(alertmanager_path)
        )
    webhooks += [Webhook("--url", f"[{index}]", url) for index, url in enumerate(urls)]
    judged = [receiver] if isinstance(receiver, Problem) else webhook_problems(spec, receiver, webhooks)
    return judged + file_problems + coverage_problems(spec, coverage_from)


def _list(container: Any, key: str) -> list[Any]:
    value = container.get(key) if isinstance(container, dict) else None
    return value if isinstance(value, list) else []
