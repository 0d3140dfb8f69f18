"""The demo behind `scripts/demo`: versus-gen on the example spec, then `versus serve` for real.

Redis is embedded (a real redis-server under out/redis); Slack and AWS Incident Manager are the local
stand-ins the test suite uses, so the demo pages nobody and needs no credentials. Everything else is the
product as it ships: the generated files, the receiver process, its Lua-scripted Redis state.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from types import FrameType

import httpx
import yaml

from tests.fakes.aws import FakeAwsServer, incident_manager
from tests.fakes.slack import FakeSlack

SPEC = Path("examples/seed-teams.yaml")
SCENARIOS = [
    ("1. critical, no oncall_enable: must not page", "", "This is a critical alert that should not trigger on-call"),
    ("2. oncall_enable=true: pages after the 2-minute wait", "oncall_enable=true", "SHOULD trigger on-call"),
    (
        "3. oncall_wait_minutes=0: pages at once",
        "oncall_enable=true&oncall_wait_minutes=0",
        "should trigger on-call IMMEDIATELY",
    ),
    (
        "4. awsim_other_response_plan=network: the network plan",
        "oncall_enable=true&oncall_wait_minutes=0&awsim_other_response_plan=network",
        "Network issue requiring specific team",
    ),
]

ALERTMANAGER_WEBHOOK = {
    "version": "4",
    "groupKey": '{}/{team="platform"}:{alertname="HighErrorRate"}',
    "status": "firing",
    "receiver": "versus-platform-critical",
    "groupLabels": {"alertname": "HighErrorRate"},
    "commonLabels": {
        "alertname": "HighErrorRate",
        "severity": "critical",
        "team": "platform",
        "system": "checkout",
        "instance": "api-1:9090",
    },
    "commonAnnotations": {},
    "externalURL": "http://alertmanager:9093",
    "alerts": [
        {
            "status": "firing",
            "labels": {"alertname": "HighErrorRate", "severity": "critical"},
            "annotations": {
                "description": "5xx rate above 5% for 10 minutes",
                "runbook": "https://runbooks.example.com/high-error-rate",
            },
            "startsAt": "2026-11-26T17:40:00Z",
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "http://prometheus:9090/graph",
        }
    ],
}


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main() -> int:
    # A supervisor's SIGTERM or a closed terminal's SIGHUP stops the demo as Ctrl-C does: through `finally`,
    # which stops `versus serve` (and with it its redis-server) and the stand-ins.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _interrupt)
    parser = argparse.ArgumentParser(prog="scripts/demo")
    parser.add_argument("--once", action="store_true", help="stop after the scenarios")
    parser.add_argument("--port", type=int, default=3000, help="the receiver's port (default 3000)")
    parser.add_argument("--out", type=Path, default=Path("out"), help="where generated files go (default out/)")
    args = parser.parse_args()
    out, port = args.out, args.port
    out.mkdir(parents=True, exist_ok=True)
    gen = str(Path(sys.executable).parent / "versus-gen")
    alertmanager, receiver_config = out / "alertmanager.yml", out / "config.yaml"
    subprocess.run([gen, "alertmanager", str(SPEC), "-o", str(alertmanager)], check=True)
    subprocess.run([gen, "config", str(SPEC), "-o", str(receiver_config)], check=True)
    check = [gen, "check", str(SPEC), "--alertmanager", str(alertmanager), "--config", str(receiver_config)]
    subprocess.run(check, check=True)
    aws_service, aws_state = incident_manager()
    started = ExitStack()
    try:
        slack = FakeSlack(token="xoxb-demo", channels=("C0DEMO",)).start()
        started.callback(slack.stop)
        aws = FakeAwsServer(aws_service).start()
        started.callback(aws.stop)
        server = _serve(out, port, slack.url, aws.url, receiver_config)
        started.callback(_stop, server)
        base = f"http://127.0.0.1:{port}"
        _wait_healthy(base, server)
        with httpx.Client(base_url=base, timeout=10) as client:
            ids = [_send(client, *scenario) for scenario in SCENARIOS]
            webhook = client.post("/api/incidents?oncall_enable=true", json=ALERTMANAGER_WEBHOOK)
            print(f"5. an Alertmanager webhook for the platform team -> {webhook.status_code}")
            deadline = time.monotonic() + 10
            while len(slack.messages("C0DEMO")) < len(SCENARIOS) + 1 and time.monotonic() < deadline:
                time.sleep(0.1)
            print("\nWhat happened:")
            for (title, _, _), incident_id in zip(SCENARIOS, ids, strict=True):
                incident = client.get(f"/api/incidents/{incident_id}").json()
                print(f"  {title}\n     escalation: {incident['escalation']}  {incident.get('incident_arn', '')}")
        messages = slack.messages("C0DEMO")
        webhook_message = next((m["text"] for m in messages if "HighErrorRate" in m["text"]), "(not delivered yet)")
        print(f"\nSlack stand-in received {len(messages)} messages; the Alertmanager one reads:\n")
        print(webhook_message)
        print(f"\nAWS stand-in: {len(aws_state.records)} incident(s) started")
        if not args.once:
            print(f"\nServing on {base} (Ctrl-C to stop). Generated files are in {out}/.", flush=True)
            server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_IGN)
        started.close()
    return 0


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    server.wait(timeout=30)


def _serve(out: Path, port: int, slack_url: str, aws_url: str, receiver_config: Path) -> subprocess.Popen[bytes]:
    """`versus serve` on the generated config, pointed at the stand-ins, on a fresh embedded Redis."""
    config = yaml.safe_load(receiver_config.read_text())
    config.pop("redis")
    config["alert"]["slack"]["api_url"] = slack_url
    # A fresh embedded Redis each run, so the demo's alerts are new: the product itself keeps its data.
    shutil.rmtree(out / "redis", ignore_errors=True)
    config["redis"] = {"data_dir": str(out / "redis")}
    demo_config = out / "demo-config.yaml"
    demo_config.write_text(yaml.safe_dump(config, sort_keys=False))
    env = {
        **os.environ,
        "SLACK_TOKEN": "xoxb-demo",
        "SLACK_CHANNEL_ID": "C0DEMO",
        "AWS_ENDPOINT_URL_SSM_INCIDENTS": aws_url,
        "AWS_ACCESS_KEY_ID": "demo",
        "AWS_SECRET_ACCESS_KEY": "demo",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "versus", "serve", "--config", str(demo_config), "--port", str(port)], env=env
    )


def _send(client: httpx.Client, title: str, query: str, logs: str) -> str:
    body = {"Logs": f"[CRITICAL] {logs}", "ServiceName": "test-service", "Severity": "critical"}
    reply = client.post("/api/incidents" + (f"?{query}" if query else ""), json=body)
    reply.raise_for_status()
    data = reply.json()
    print(f"{title}\n   POST /api/incidents?{query} -> {reply.status_code} {data['decision']}")
    for warning in data["warnings"]:
        print(f"   warning: {warning}")
    return str(data["id"])


def _wait_healthy(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"versus serve exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("versus serve did not become healthy within 30 s")


if __name__ == "__main__":
    sys.exit(main())
