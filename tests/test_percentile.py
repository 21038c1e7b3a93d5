import math

from assistant.percentile import nearest_rank


def test_p90_of_two_values_is_the_higher_one():
    assert nearest_rank([120.0, 80.0], 0.9) == 120.0


def test_median_of_an_odd_count_is_the_middle_value():
    assert nearest_rank([5.0, 1.0, 3.0], 0.5) == 3.0


def test_p90_of_ten_values_is_the_ninth():
    assert nearest_rank([float(v) for v in range(1, 11)], 0.9) == 9.0


def test_no_values_give_nan():
    assert math.isnan(nearest_rank([], 0.9))
