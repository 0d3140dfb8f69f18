"""Rendering the Terraform root module for AWS Incident Manager from a team spec.

`versus-gen terraform SPEC -o DIR` calls this. The root module instantiates the bundled modules once per
thing the spec names (one module block per rotation, escalation plan and response plan, with literal
arguments), so a reader can find each AWS object by its spec name and the offline rules can check the values.
Output is deterministic: the same spec gives byte-identical files.
"""

import fnmatch
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from versus.terraform.hcl import Blank, Block, Expr, RenderedFile, Value, render_file

AWS_PROVIDER = ("hashicorp/aws", ">= 6.47.0, < 7.0.0")
AWSCC_PROVIDER = ("hashicorp/awscc", ">= 1.96.0, < 2.0.0")
RUNTIMES = ("ec2", "ecs", "lambda")
_WEEKDAYS = {
    "monday": "MON",
    "tuesday": "TUE",
    "wednesday": "WED",
    "thursday": "THU",
    "friday": "FRI",
    "saturday": "SAT",
    "sunday": "SUN",
}


CONTAINER_CONFIG = "versus-config.yaml"
"""The receiver config the ECS tasks run with, written beside the root module (see versus.gen.receiver_config)."""
SERVICE_URL_HELP = "HTTPS URL of the receiver: put it in the spec's receiver.url and receiver.public_host."


class RenderError(ValueError):
    """The spec cannot become a working AWS setup (the message says which part and why)."""


def render_root_module(
    spec: Mapping[str, Any],
    modules_source: str,
    *,
    runtime: str = "ecs",
    resolve_on_alert_resolved: bool = False,
) -> dict[str, RenderedFile]:
    """File name → text and blocks of a root module for the spec, using the bundled modules at `modules_source`.

    `runtime` (ec2, ecs or lambda) decides who may assume the receiver's IAM role. Outputs include
    `response_plan_arns`, a map from response plan alias to ARN, which the receiver's config needs.
    Raises RenderError when a response plan name does not match the IAM pattern (the receiver could never
    start incidents from it) or a rotation or escalation names an unknown person or rotation.
    """
    if runtime not in RUNTIMES:
        raise RenderError(f"runtime must be one of {', '.join(RUNTIMES)}, not {runtime!r}")
    root = _Root(spec, modules_source.rstrip("/"))
    main = [
        root.replication_set(),
        root.contacts(),
        *root.rotations(),
        *root.escalations(),
        *root.response_plans(),
        root.iam(runtime, resolve_on_alert_resolved),
        root.dashboard(),
    ]
    files = {"versions.tf": render_file(root.versions())}
    outputs = root.outputs()
    if root.ecs is not None:
        if runtime != "ecs":
            raise RenderError(f"deploy.ecs runs the receiver on ECS: the IAM runtime must be ecs, not {runtime!r}")
        main.append(root.service())
        outputs.append(_output("service_url", SERVICE_URL_HELP, Expr("module.versus_service.service_url")))
        files["variables.tf"] = render_file([root.service_variables()])
    files["main.tf"] = render_file(main)
    files["outputs.tf"] = render_file(outputs)
    return files


def module_name(kind: str, name: str) -> str:
    """Terraform identifier of the module block for a spec object: `rotation_platform_rotation`."""
    return f"{kind}_{re.sub(r'[^a-z0-9_]', '_', name.lower())}"


def rotation_name(spec_name: str) -> str:
    """AWS rotation names allow only letters, digits and '_', so spec names' hyphens become '_'."""
    return re.sub(r"[^A-Za-z0-9_]", "_", spec_name)


def start_time(local: str, time_zone: str) -> str:
    """The spec's local start (`2026-01-05T09:00`) as RFC 3339 with that zone's offset on that date."""
    moment = datetime.fromisoformat(local)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(time_zone))
    return moment.isoformat(timespec="seconds")


class _Root:
    def __init__(self, spec: Mapping[str, Any], source: str) -> None:
        self.spec = spec
        self.source = source
        self.aws: Mapping[str, Any] = spec["aws"]
        self.teams: Sequence[Mapping[str, Any]] = spec.get("teams") or []
        self.people: dict[str, Mapping[str, Any]] = {p["alias"]: p for p in spec.get("people") or []}
        self.pattern: str = (spec.get("oncall") or {}).get("iam_response_plan_pattern") or "*Critical*"
        self.ecs: Mapping[str, Any] | None = (spec.get("deploy") or {}).get("ecs")
        self.rotation_modules = {
            rotation["name"]: module_name("rotation", rotation["name"])
            for team in self.teams
            for rotation in team.get("rotations") or []
        }

    def _module(self, name: str, directory: str, body: list[Any], depends: bool = True) -> Block:
        items: list[Any] = [("source", f"{self.source}/{directory}"), Blank(), *body]
        if depends:
            items += [Blank(), ("depends_on", [Expr("module.replication_set")])]
        return Block("module", (name,), items)

    def versions(self) -> list[Block]:
        region = self.aws["region"]
        providers: dict[str, Value] = {
            "aws": {"source": AWS_PROVIDER[0], "version": AWS_PROVIDER[1]},
            "awscc": {"source": AWSCC_PROVIDER[0], "version": AWSCC_PROVIDER[1]},
        }
        return [
            Block(
                "terraform",
                body=[
                    ("required_version", ">= 1.9.0"),
                    Blank(),
                    Block("required_providers", body=list(providers.items())),
                ],
            ),
            Block("provider", ("aws",), [("region", region), ("allowed_account_ids", [self.aws["account_id"]])]),
            Block("provider", ("awscc",), [("region", region)]),
        ]

    def replication_set(self) -> Block:
        regions = [{"name": self.aws["region"]}]
        return self._module("replication_set", "replication-set", [("regions", regions)], depends=False)

    def contacts(self) -> Block:
        referenced = self._referenced_people()
        contacts: dict[str, Value] = {}
        for alias in sorted(self.people):
            channels = _channels(self.people[alias])
            if not channels:
                if alias in referenced:
                    raise RenderError(f"person {alias!r} is on call but has neither email nor phone to page")
                continue
            contacts[alias] = {
                "display_name": self.people[alias]["name"],
                "channels": channels,
                "engagement_plan": _engagement_plan(channels),
            }
        return self._module("contacts", "contacts", [("contacts", contacts)])

    def _referenced_people(self) -> set[str]:
        people: set[str] = set()
        for team in self.teams:
            for rotation in team.get("rotations") or []:
                people.update(rotation["members"])
            for stage in (team.get("escalation") or {}).get("stages") or []:
                people.update(t["person"] for t in stage["targets"] if "person" in t)
        return people

    def _person_arn(self, alias: str, where: str) -> Expr:
        if alias not in self.people:
            raise RenderError(f"{where}: unknown person {alias!r}")
        return Expr(f'module.contacts.contact_arns["{alias}"]')

    def rotations(self) -> list[Block]:
        blocks = []
        for team in self.teams:
            for rotation in team.get("rotations") or []:
                where = f"rotation {rotation['name']!r}"
                body: list[Any] = [
                    ("rotation_name", rotation_name(rotation["name"])),
                    ("alias", rotation["name"]),
                    ("display_name", rotation.get("description") or rotation["name"]),
                    ("contact_arns", [self._person_arn(alias, where) for alias in rotation["members"]]),
                    ("time_zone_id", rotation["time_zone"]),
                    ("start_time", start_time(rotation["start"], rotation["time_zone"])),
                    ("recurrence", _recurrence(rotation["recurrence"])),
                    ("tags", {"team": team["name"], "layer": rotation.get("layer", "primary")}),
                ]
                blocks.append(self._module(self.rotation_modules[rotation["name"]], "oncall-schedule", body))
        return blocks

    def escalations(self) -> list[Block]:
        blocks = []
        for team in self.teams:
            escalation = team.get("escalation")
            if not escalation:
                continue
            where = f"escalation {escalation['name']!r}"
            stages = [
                {
                    "duration_in_minutes": stage["wait_minutes"],
                    "targets": [{"contact_arn": self._target(target, where)} for target in stage["targets"]],
                }
                for stage in escalation["stages"]
            ]
            display = f"{team.get('display_name') or team['name']} escalation"
            body: list[Any] = [
                ("alias", escalation["name"]),
                ("display_name", display),
                ("stages", stages),
                ("tags", {"team": team["name"]}),
            ]
            blocks.append(self._module(module_name("escalation", team["name"]), "escalation-plan", body))
        return blocks

    def _target(self, target: Mapping[str, str], where: str) -> Expr:
        if "rotation" in target:
            module = self.rotation_modules.get(target["rotation"])
            if module is None:
                raise RenderError(f"{where}: unknown rotation {target['rotation']!r}")
            return Expr(f"module.{module}.contact_arn")
        return self._person_arn(target["person"], where)

    def response_plans(self) -> list[Block]:
        blocks = []
        for team in self.teams:
            escalation = team.get("escalation")
            for plan in team.get("response_plans") or []:
                if not fnmatch.fnmatchcase(plan["name"], self.pattern):
                    raise RenderError(
                        f"response plan {plan['alias']!r}: name {plan['name']!r} does not match the IAM pattern "
                        f"{self.pattern!r}, so the receiver could never start incidents from it"
                    )
                body: list[Any] = [
                    ("name", plan["name"]),
                    ("title", plan["title"]),
                    ("impact", plan["impact"]),
                    ("dedupe_string", f"versus-{plan['alias']}"),
                ]
                if escalation:
                    arn = Expr(f"module.{module_name('escalation', team['name'])}.arn")
                    body.append(("escalation_plan_arn", arn))
                if plan.get("chat_channel_sns_topic"):
                    body.append(("chat_channel_sns_topic_arn", self._sns_arn(plan["chat_channel_sns_topic"])))
                if plan.get("runbook"):
                    body.append(("runbook", {"document_name": plan["runbook"]}))
                body.append(("tags", {"team": team["name"], "versus-alias": plan["alias"]}))
                blocks.append(self._module(module_name("response_plan", plan["alias"]), "response-plan", body))
        return blocks

    def _sns_arn(self, topic: str) -> str:
        return f"arn:aws:sns:{self.aws['region']}:{self.aws['account_id']}:{topic}"

    def iam(self, runtime: str, resolve_on_alert_resolved: bool) -> Block:
        body: list[Any] = [
            ("runtime", runtime),
            ("response_plan_name_pattern", self.pattern),
            ("resolve_on_alert_resolved", resolve_on_alert_resolved),
        ]
        return self._module("versus_iam", "versus-iam", body, depends=False)

    def dashboard(self) -> Block:
        return self._module("dashboard", "dashboard", [("namespace", "Versus")], depends=False)

    def service(self) -> Block:
        """The receiver on ECS Fargate, run as the versus-iam role, with the config written beside the root."""
        ecs = self.ecs or {}
        secrets: Mapping[str, str] = ecs["secrets"]
        if (self.spec.get("slack") or {}).get("enable", True):
            missing = [name for name in ("SLACK_TOKEN", "SLACK_CHANNEL_ID") if name not in secrets]
            if missing:
                raise RenderError(f"deploy.ecs.secrets: Slack is enabled, so it needs {', '.join(missing)}")
        receiver = self.spec.get("receiver") or {}
        body: list[Any] = [
            ("name", ecs.get("name", "versus")),
            ("image", ecs["image"]),
            ("config_yaml", Expr(f'file("${{path.module}}/{CONTAINER_CONFIG}")')),
            ("task_role_arn", Expr("module.versus_iam.role_arn")),
            ("secrets", {name: secrets[name] for name in sorted(secrets)}),
            ("vpc_id", ecs["vpc_id"]),
            ("subnet_ids", list(ecs["subnet_ids"])),
            ("desired_count", ecs.get("desired_count", 2)),
            ("container_port", receiver.get("listen_port", 3000)),
            ("redis_auth_token", Expr("var.redis_auth_token")),
            ("alertmanager_cidrs", list(ecs.get("alertmanager_cidrs") or [])),
            ("alertmanager_security_group_ids", list(ecs.get("alertmanager_security_group_ids") or [])),
        ]
        if "cluster_arn" in ecs:
            body.append(("cluster_arn", ecs["cluster_arn"]))
        if "load_balancer" in ecs:
            lb = ecs["load_balancer"]
            body.append(("load_balancer", {key: lb[key] for key in sorted(lb)}))
        return self._module("versus_service", "service-ecs", body, depends=False)

    def service_variables(self) -> Block:
        description = (
            "Auth token of the receiver's ElastiCache Redis (16-128 characters, no @, \" or /); stored in Secrets"
            " Manager for the tasks. Pass it as TF_VAR_redis_auth_token, never in a file."
        )
        body: list[Any] = [("description", description), ("type", Expr("string")), ("sensitive", True)]
        return Block("variable", ("redis_auth_token",), body)

    def outputs(self) -> list[Block]:
        plans = {
            plan["alias"]: Expr(f"module.{module_name('response_plan', plan['alias'])}.arn")
            for team in self.teams
            for plan in team.get("response_plans") or []
        }
        escalations = {
            team["escalation"]["name"]: Expr(f"module.{module_name('escalation', team['name'])}.arn")
            for team in self.teams
            if team.get("escalation")
        }
        schedules = {name: Expr(f"module.{module}.contact_arn") for name, module in self.rotation_modules.items()}
        return [
            _output("response_plan_arns", "Response plan ARN by alias, for the receiver's config.", plans),
            _output("escalation_plan_arns", "ESCALATION contact ARN by escalation name.", escalations),
            _output("oncall_schedule_arns", "ONCALL_SCHEDULE contact ARN by rotation name.", schedules),
            _output("versus_role_arn", "ARN of the role the receiver runs as.", Expr("module.versus_iam.role_arn")),
            _output(
                "channel_activation_status",
                "Contact channels page only once ACTIVATED; activate each with the code AWS sends.",
                Expr("module.contacts.channel_activation_status"),
            ),
        ]


def _output(name: str, description: str, value: Value) -> Block:
    return Block("output", (name,), [("description", description), ("value", value)])


def _channels(person: Mapping[str, Any]) -> dict[str, Value]:
    channels: dict[str, Value] = {}
    if person.get("email"):
        channels["email"] = {"type": "EMAIL", "address": person["email"]}
    if person.get("phone"):
        channels["sms"] = {"type": "SMS", "address": person["phone"]}
        channels["voice"] = {"type": "VOICE", "address": person["phone"]}
    return channels


def _engagement_plan(channels: Mapping[str, Value]) -> list[Value]:
    """Text first (email and SMS), then a call five minutes later if nobody has acknowledged."""
    written = [key for key in ("email", "sms") if key in channels]
    if "voice" not in channels:
        return [{"duration_in_minutes": 0, "channels": written}]
    return [{"duration_in_minutes": 5, "channels": written}, {"duration_in_minutes": 0, "channels": ["voice"]}]


def _recurrence(recurrence: Mapping[str, Any]) -> dict[str, Value]:
    result: dict[str, Value] = {}
    if "daily" in recurrence:
        result["daily"] = [recurrence["daily"]["at"]]
    if "weekly" in recurrence:
        weekly = recurrence["weekly"]
        result["weekly"] = [{"day_of_week": _WEEKDAYS[weekly["day"]], "hand_off_time": weekly["at"]}]
    if "monthly" in recurrence:
        monthly = recurrence["monthly"]
        result["monthly"] = [{"day_of_month": monthly["day"], "hand_off_time": monthly["at"]}]
    result["every"] = recurrence.get("every", 1)
    result["on_calls"] = recurrence.get("on_calls", 1)
    coverage = recurrence.get("coverage") or {}
    if coverage:
        result["shift_coverages"] = {
            _WEEKDAYS[day]: [{"start": window["start"], "end": window["end"]} for window in windows]
            for day, windows in sorted(coverage.items(), key=lambda item: list(_WEEKDAYS).index(item[0]))
        }
    return result
