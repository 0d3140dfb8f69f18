"""Nearest-rank percentiles: the value at rank ceil(p/100 × n) of the sorted values, always an observed one."""

import pytest

from versus.analytics.percentiles import Spread, nearest_rank, spread


@pytest.mark.parametrize(
    ("values", "percent", "expected"),
    [
        ([60, 120, 300], 50, 120),  # rank ceil(1.5) = 2
        ([60, 120, 300], 90, 300),  # rank ceil(2.7) = 3
        ([240, 60, 150, 90], 50, 90),  # rank 2: the lower middle value, not the mean 120
        ([240, 60, 150, 90], 90, 240),  # rank ceil(3.6) = 4
        (list(range(1, 11)), 90, 9),  # rank exactly 9
        (list(range(1, 11)), 91, 10),  # rank ceil(9.1) = 10
        ([42], 50, 42),
        ([42], 100, 42),
        ([5, 1], 1, 1),
    ],
)
def test_nearest_rank(values, percent, expected):
    assert nearest_rank(values, percent) == expected


def test_undefined_percentiles_are_errors_not_zeroes():
    with pytest.raises(ValueError, match="undefined"):
        nearest_rank([], 50)
    with pytest.raises(ValueError, match="percent"):
        nearest_rank([1], 0)
    assert spread([]) is None


def test_spread_is_count_median_and_p90():
    assert spread([30, 10, 20]) == Spread(count=3, median=20, p90=30)
