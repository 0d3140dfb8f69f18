"""The storm order, the collapse of refreshes and the digest's choice and text: pure functions."""

from versus.notify.digest import digest
from versus.notify.priority import CRITICAL, OTHER, PENDING_ESCALATION, Queued, order, surplus


def queued(incident: str, *, at: int, seq: int = 1, kind: str = "created", **fields: object) -> Queued:
    values: dict[str, object] = {
        "delivery_id": f"{incident}:{seq}", "incident_id": incident, "channel": "slack", "kind": kind, "seq": seq,
        "created_at_ms": at, "target": "C1", "escalation_due_ms": None, "critical": False, "source": "a",
        "posted": False, "alertname": "Junk", "severity": "warning",
    }  # fmt: skip
    values.update(fields)
    return Queued(**values)  # type: ignore[arg-type]


def ids(entries: list[Queued]) -> list[str]:
    return [group.incident_id for group in order(entries)["C1"]]


def test_pending_escalations_go_first_soonest_due_first_then_critical_then_the_rest():
    entries = [
        queued("junk", at=1),
        queued("critical", at=2, critical=True),
        queued("pages-late", at=3, escalation_due_ms=9_000),
        queued("pages-soon", at=4, escalation_due_ms=5_000),
    ]
    assert ids(entries) == ["pages-soon", "pages-late", "critical", "junk"]
    assert [g.klass for g in order(entries)["C1"]] == [PENDING_ESCALATION, PENDING_ESCALATION, CRITICAL, OTHER]


def test_sources_take_turns_within_a_class_each_in_arrival_order():
    noisy = [queued(f"a{i}", at=i, source="noisy") for i in range(5)]
    quiet = [queued(f"b{i}", at=10 + i, source="quiet") for i in range(2)]
    assert ids(noisy + quiet) == ["a0", "b0", "a1", "b1", "a2", "a3", "a4"]


def test_turns_count_what_each_source_was_recently_served_and_a_newcomer_joins_at_the_least_served():
    noisy = [queued(f"a{i}", at=i, source="noisy") for i in range(3)]
    quiet = [queued(f"b{i}", at=10 + i, source="quiet") for i in range(2)]
    served = {"C1": {"noisy": 4, "quiet": 2}}
    assert [g.incident_id for g in order(noisy + quiet, served)["C1"]] == ["b0", "b1", "a0", "a1", "a2"]
    newcomer = [queued(f"n{i}", at=20 + i, source="new") for i in range(2)]
    found = [g.incident_id for g in order(noisy + newcomer, {"C1": {"noisy": 4}})["C1"]]
    assert found == ["a0", "n0", "a1", "n1", "a2"]


def test_destinations_are_ordered_apart():
    entries = [queued("one", at=1), queued("two", at=2, target="C2", escalation_due_ms=1)]
    queues = order(entries)
    assert [g.incident_id for g in queues["C1"]] == ["one"]
    assert [g.incident_id for g in queues["C2"]] == ["two"]


def test_refreshes_collapse_into_the_send_that_renders_the_current_state():
    entries = [queued("x", at=1, seq=s, kind=k) for s, k in ((3, "updated"), (1, "created"), (2, "updated"))]
    [group] = order(entries)["C1"]
    send, collapsed = group.split()
    assert [e.delivery_id for e in send] == ["x:1"]
    assert [e.delivery_id for e in collapsed] == ["x:2", "x:3"]
    only_refreshes = [queued("y", at=1, seq=s, kind="updated", posted=True) for s in (4, 5, 6)]
    send, collapsed = order(only_refreshes)["C1"][0].split()
    assert ([e.seq for e in send], [e.seq for e in collapsed]) == ([6], [4, 5])
    changes = [queued("z", at=1, seq=1, kind="updated", posted=True), queued("z", at=2, seq=2, kind="acknowledged")]
    send, collapsed = order(changes)["C1"][0].split()
    assert ([e.seq for e in send], [e.seq for e in collapsed]) == ([2], [1])


def test_surplus_is_what_would_wait_past_the_bound_and_never_a_pending_escalation():
    entries = [queued(f"j{i}", at=0) for i in range(10)] + [queued("page", at=0, escalation_due_ms=120_000)]
    entries.append(queued("shown", at=0, posted=True, kind="acknowledged"))
    groups = order(entries)["C1"]
    found = surplus(groups, now_ms=1_000, per_second=1.0, bound_seconds=5.0)
    assert [g.incident_id for g in found] == ["j4", "j5", "j6", "j7", "j8", "j9"]  # the page is 1st, 1 s old
    assert surplus(groups, now_ms=1_000, per_second=100.0, bound_seconds=5.0) == []


def test_the_digest_counts_shows_the_newest_and_escapes_alert_data():
    entries = [queued(f"j{i}", at=i) for i in range(4)]
    entries.append(queued("evil", at=9, alertname="<!channel> & co", summary="<https://evil.example|Click>"))
    made = digest(order(entries)["C1"], newest=2)
    assert made.incident_ids == ["j0", "j1", "j2", "j3", "evil"]
    assert "5 alert(s) are waiting" in made.text
    assert "• Junk (warning): 4" in made.text
    assert "• &lt;!channel&gt; &amp; co (warning): 1" in made.text
    assert "• &lt;https://evil.example|Click&gt; (warning)" in made.text
    assert "<!channel>" not in made.text and "<https://" not in made.text
    newest = made.text.split("Newest:\n", 1)[1].splitlines()
    assert newest[1] == "• Junk (warning)"
    assert "backlog has drained" in digest([], newest=2).text
