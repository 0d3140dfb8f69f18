"""The Grafana dashboard plots exactly what a running `versus serve` exports: no typo'd name, nothing left out."""

import json
import re
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import seed_config

DASHBOARD = Path(__file__).resolve().parents[3] / "dashboards" / "grafana" / "versus.json"
SUFFIXES = {"counter": ("_total",), "histogram": ("_bucket", "_count", "_sum"), "gauge": ("",)}


def queries(document: dict) -> list[str]:
    found = [target["expr"] for panel in document["panels"] for target in panel.get("targets", [])]
    for variable in document["templating"]["list"]:
        if variable["type"] == "query":
            found.append(variable["query"]["query"])
    return found


def test_every_metric_the_dashboard_names_is_in_a_scrape(make_receiver, redis_url, key_prefix):
    document = json.loads(DASHBOARD.read_text())
    named = {name for query in queries(document) for name in re.findall(r"\bversus_[a-z_]+\b", query)}
    receiver = make_receiver(seed_config(redis_url, key_prefix))
    text = httpx.get(f"{receiver.url}/metrics").text
    families = {(f.name, f.type) for f in text_string_to_metric_families(text) if f.name.startswith("versus_")}
    exported = {name + suffix for name, kind in families for suffix in SUFFIXES[kind]}
    assert named - exported == set(), "the dashboard names series the receiver does not export"
    unplotted = {name for name, _ in families if not any(series.startswith(name) for series in named)}
    assert unplotted == set(), "every exported metric has a panel"


def test_every_panel_has_a_unique_id_and_a_prometheus_query():
    document = json.loads(DASHBOARD.read_text())
    ids = [panel["id"] for panel in document["panels"]]
    assert len(ids) == len(set(ids))
    for panel in document["panels"]:
        assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}
        assert panel["targets"], panel["title"]
