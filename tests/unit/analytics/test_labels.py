"""Label values stay bounded whatever the alerts say: unknown for missing, other past the limit."""

from versus.analytics.labels import MAX_LENGTH, BoundedLabel, LabelBounds


def test_missing_or_blank_values_are_unknown():
    label = BoundedLabel(3)
    assert label(None) == "unknown"
    assert label("  ") == "unknown"


def test_values_past_the_limit_become_other_while_known_ones_stay():
    label = BoundedLabel(2)
    seen = [label(v) for v in ["api", "web", "db", "api", "cache", "web"]]
    assert seen == ["api", "web", "other", "api", "other", "web"]


def test_long_or_unprintable_values_are_cut_and_cleaned():
    label = BoundedLabel(5)
    assert label("x" * 500) == "x" * MAX_LENGTH
    assert label("api\nprod\u00e9") == "api_prod_"


def test_severities_are_lower_cased_before_counting():
    bounds = LabelBounds(severities=1)
    assert [bounds.severity(v) for v in ["CRITICAL", "critical", "SEV1", "sev1", "sev2"]] == [
        "critical",
        "critical",
        "sev1",
        "sev1",
        "other",
    ]


def test_reserved_values_survive_a_flood_of_junk():
    bounds = LabelBounds(teams=3, severities=2, known_teams=("payments",))
    for index in range(100):
        bounds.team(f"junk-{index}")
        bounds.severity(f"junk-{index}")
    assert bounds.team("payments") == "payments"
    assert bounds.team("junk-99") == "other"
    assert bounds.severity("Critical") == "critical"
    assert bounds.severity("warning") == "warning"
