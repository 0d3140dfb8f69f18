"""What the incident page and the templates make of untrusted alert data."""

from versus.console.access import Viewer
from versus.console.incident_view import alerts_of
from versus.console.pages import render


def test_only_http_links_are_offered_from_an_alert():
    incident = {
        "payload": {
            "alerts": [
                {
                    "labels": {"alertname": "Disk"},
                    "annotations": {"runbook_url": "javascript:alert(1)", "dashboard_url": "https://grafana/d/1"},
                    "generatorURL": "http://prometheus/graph",
                }
            ]
        }
    }
    [alert] = alerts_of(incident)
    assert alert["links"] == {"generator": "http://prometheus/graph", "dashboard": "https://grafana/d/1"}
    assert alert["annotations"]["runbook_url"] == "javascript:alert(1)"  # shown as text, not linked


def test_alert_text_is_escaped_in_the_page():
    viewer = Viewer("alice", "responder", "tok", "password")
    html = render("message.html", viewer=viewer, heading="<script>x()</script>", message="<b>m</b>", tone="bad")
    assert "<script>x()" not in html and "&lt;script&gt;x()&lt;/script&gt;" in html
    assert "&lt;b&gt;m&lt;/b&gt;" in html
